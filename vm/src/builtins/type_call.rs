//! (Owned by the builtins engineer.) Calling a type whose `__new__` and
//! `__init__` are native functions (`tuple(x)`, `list(x)`, `set(x)`,
//! `zip(a, b)`, `enumerate(x)`, `int(s)`, ...) without `type.__call__`'s
//! generic lookups.
//!
//! `type.__call__` looks `__new__` up on the class, unwraps the
//! staticmethod, builds the argument vector, calls it through the generic
//! call path, then looks `__init__` up on the result's type and compares it
//! with `object.__init__` (two more lookups) to decide whether to call it.
//! For a given class those answers only change when the class's namespace
//! (or a base's) changes, which bumps its *version tag*; tags are never
//! reused. So a small direct-mapped table keyed by the version tag keeps,
//! per class: the native `__new__`, and the native `__init__` to run after
//! it (or none when `object.__init__` would be skipped anyway). A class whose
//! `__new__` or `__init__` is Python code, a bound builtin, or
//! `object.__new__` itself gets a negative entry and takes the generic path.

use crate::descriptor::StaticMethod;
use crate::function::{Args, NativeFn};
use crate::types::{lookup, tdata};
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::cell::Cell;
use std::rc::Rc;

const TABLE_SIZE: usize = 64;

/// What calling a class does, for one version of the class.
#[derive(Clone, Copy)]
struct Constructor {
    /// The class's version tag when this was computed (0 = empty slot).
    version: u64,
    /// The native `__new__`; None = take the generic path.
    new: Option<NativeFn>,
    /// The native `__init__` to call on the new object (None: nothing to call).
    init: Option<NativeFn>,
}

const EMPTY: Constructor = Constructor { version: 0, new: None, init: None };

thread_local! {
    static TABLE: [Cell<Constructor>; TABLE_SIZE] = const { [const { Cell::new(EMPTY) }; TABLE_SIZE] };
}

/// `cls(*args)` when `cls`'s constructor is native: `Some(result)`, or
/// None when the caller must run the generic `type.__call__`.
#[inline]
pub fn call_native_constructor(vm: &mut Vm, cls: &PyRef, args: &[Value], kwnames: &[Value]) -> Option<PyResult<Value>> {
    let version = tdata(cls).version.get();
    let slot = (version as usize).wrapping_mul(0x9E37_79B9) >> 7 & (TABLE_SIZE - 1);
    let mut c = TABLE.with(|t| t[slot].get());
    if c.version != version {
        c = describe(vm, cls, version);
        TABLE.with(|t| t[slot].set(c));
    }
    let new = c.new?;
    Some(construct(vm, cls, version, new, c.init, args, kwnames))
}

fn construct(vm: &mut Vm, cls: &PyRef, version: u64, new: NativeFn, init: Option<NativeFn>, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let obj = with_first(Value::Obj(cls.clone()), args, |v| new(vm, Args::new(v, kwnames)))?;
    let exact = matches!(&obj, Value::Obj(o) if Rc::ptr_eq(&o.ty, cls));
    // `__new__` may have run Python code that changed the class (a
    // generator consumed by `tuple.__new__` assigning `cls.__init__`).
    if !exact || tdata(cls).version.get() != version {
        // `type.__call__`'s own rules for the rest.
        return after_foreign_new(vm, cls, obj, args, kwnames);
    }
    if let Some(init) = init {
        let r = with_first(obj.clone(), args, |v| init(vm, Args::new(v, kwnames)))?;
        if !r.is_none() {
            return Err(vm.type_error(format!("__init__() should return None, not '{}'", vm.type_name(&r))));
        }
    }
    Ok(obj)
}

/// Calls `f` with `first` followed by `args` (no heap vector for up to
/// three arguments).
#[inline]
fn with_first<R>(first: Value, args: &[Value], f: impl FnOnce(&[Value]) -> R) -> R {
    match args {
        [] => f(&[first]),
        [a] => f(&[first, a.clone()]),
        [a, b] => f(&[first, a.clone(), b.clone()]),
        [a, b, c] => f(&[first, a.clone(), b.clone(), c.clone()]),
        _ => {
            let mut v = Vec::with_capacity(args.len() + 1);
            v.push(first);
            v.extend_from_slice(args);
            f(&v)
        }
    }
}

/// The end of `type.__call__` when `__new__` returned an object whose type
/// is not exactly `cls`, or changed the class.
#[cold]
fn after_foreign_new(vm: &mut Vm, cls: &PyRef, obj: Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !vm.is_instance(&obj, cls) {
        return Ok(obj);
    }
    let oty = vm.type_of(&obj);
    let Some(init) = crate::slots::special(&oty, "__init__") else { return Ok(obj) };
    if let (Some(obj_init), Some(obj_new)) = (lookup(&vm.t.object, "__init__"), lookup(&vm.t.object, "__new__")) {
        let new_overridden = lookup(cls, "__new__").map_or(false, |n| !n.is(&obj_new));
        if init.is(&obj_init) && new_overridden && Rc::ptr_eq(&oty, cls) {
            return Ok(obj);
        }
    }
    let r = with_first(obj.clone(), args, |v| vm.call_kw(&init, v, kwnames))?;
    if !r.is_none() {
        return Err(vm.type_error(format!("__init__() should return None, not '{}'", vm.type_name(&r))));
    }
    Ok(obj)
}

/// The native function inside a plain (unbound) builtin.
fn native_fn(v: &Value) -> Option<NativeFn> {
    match v {
        Value::Obj(o) => match &o.data {
            Data::Builtin(b) if b.bound.is_none() => Some(b.func),
            _ => None,
        },
        _ => None,
    }
}

/// Works out what calling `cls` does (runs no Python code).
#[cold]
fn describe(vm: &Vm, cls: &PyRef, version: u64) -> Constructor {
    let generic = Constructor { version, new: None, init: None };
    if Rc::ptr_eq(cls, &vm.type_type) || !Rc::ptr_eq(&cls.ty, &vm.type_type) {
        // `type(x)` and classes with a metaclass keep the generic path.
        return generic;
    }
    let (Some(new_attr), Some(obj_new), Some(obj_init)) = (lookup(cls, "__new__"), lookup(&vm.t.object, "__new__"), lookup(&vm.t.object, "__init__")) else {
        return generic;
    };
    if new_attr.is(&obj_new) {
        return generic;
    }
    // Native classes register `__new__` as a builtin of kind StaticMethod;
    // a `staticmethod` object wrapping a builtin works the same way.
    let new_fn = match new_attr.as_obj().and_then(|o| o.native::<StaticMethod>()) {
        Some(sm) => native_fn(&sm.0.borrow()),
        None => native_fn(&new_attr),
    };
    let Some(new_fn) = new_fn else { return generic };
    let init = match crate::slots::special(cls, "__init__") {
        None => None,
        // `object.__init__` is skipped when `__new__` is overridden.
        Some(i) if i.is(&obj_init) => None,
        Some(i) => match native_fn(&i) {
            Some(f) => Some(f),
            None => return generic,
        },
    };
    Constructor { version, new: Some(new_fn), init }
}
