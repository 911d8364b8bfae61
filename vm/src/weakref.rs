//! Weak references: the `_weakref` module (`ref`, `getweakrefcount`,
//! `getweakrefs`). A `ref` holds a `std::rc::Weak` to its referent, so it
//! never keeps it alive; callbacks run after the referent dies (queued by
//! `Drop`, see `gc.rs`). The pure-Python `weakref` module builds
//! `WeakValueDictionary`, `WeakKeyDictionary`, `WeakSet` and `finalize` on it.

use crate::function::Args;
use crate::types::{tdata, type_flags as tf, Layout};
use crate::value::{Data, NativeData, Object, PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

pub struct WeakRef {
    pub target: Weak<Object>,
    /// Address of the referent (for callbacks registered in `gc.rs`).
    pub addr: usize,
    pub callback: RefCell<Value>,
    /// Cached hash of the referent (hashable while it lives, as CPython).
    pub hash: Cell<Option<i64>>,
}

impl NativeData for WeakRef {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.callback.borrow());
    }
    fn clear(&self) {
        *self.callback.borrow_mut() = Value::None;
    }
}

fn ref_type(vm: &mut Vm) -> PyRef {
    if let Some(t) = vm.extra_types.get("weakref.ReferenceType") {
        return t.clone();
    }
    let t = vm.new_builtin_type("ReferenceType", None, Layout::Native, tf::BASETYPE);
    *tdata(&t).name.borrow_mut() = "weakref.ReferenceType".into();
    *tdata(&t).qualname.borrow_mut() = "weakref.ReferenceType".into();
    vm.add_staticmethod(&t, "__new__", ref_new);
    vm.add_method(&t, "__init__", |_, _| Ok(Value::None));
    vm.add_method(&t, "__call__", ref_call);
    vm.add_method(&t, "__repr__", ref_repr);
    vm.add_method(&t, "__hash__", ref_hash);
    vm.add_method(&t, "__eq__", ref_eq);
    vm.add_method(&t, "__ne__", |vm, a| {
        let r = ref_eq(vm, a)?;
        Ok(match r {
            Value::Bool(b) => Value::bool(!b.get()),
            other => other,
        })
    });
    vm.add_classmethod(&t, "__class_getitem__", |_, a| Ok(a.pos()[0].clone()));
    let cb = vm.alloc(
        vm.t.object.clone(),
        Data::Native(Box::new(crate::descriptor::GetSet {
            name: "__callback__",
            get: |vm, v| Ok(data(vm, v)?.callback.borrow().clone()),
            set: None,
            owner: "weakref.ReferenceType",
        })),
    );
    vm.set_type_attr(&t, "__callback__", cb);
    vm.extra_types.insert("weakref.ReferenceType", t.clone());
    t
}

fn data<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a WeakRef> {
    v.native::<WeakRef>().ok_or_else(|| vm.type_error("descriptor requires a 'weakref.ReferenceType' object"))
}

/// Whether instances of `ty` can be weakly referenced (CPython refuses ints, strs, tuples, lists, dicts...).
fn weakrefable(vm: &Vm, v: &Value) -> bool {
    let Value::Obj(o) = v else { return false };
    if o.attrs.is_some() {
        return true;
    }
    match &o.data {
        Data::Function(_) | Data::Type(_) | Data::Set(_) | Data::FrozenSet(_) | Data::Code(_) | Data::Module(_) | Data::BoundMethod(_) | Data::Native(_) => true,
        _ => tdata(&o.ty).has_flag(tf::WEAKREFABLE) && !std::ptr::eq(&*o.ty, &*vm.t.object),
    }
}

fn ref_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let cls = match pos.first() {
        Some(Value::Obj(c)) if matches!(c.data, Data::Type(_)) => c.clone(),
        _ => return Err(vm.type_error("weakref.__new__(X): X is not a type object")),
    };
    let Some(target) = pos.get(1) else {
        return Err(vm.type_error(format!("__new__ expected at least 1 argument, got 0")));
    };
    if pos.len() > 3 {
        return Err(vm.type_error(format!("__new__ expected at most 2 arguments, got {}", pos.len() - 1)));
    }
    let callback = pos.get(2).cloned().unwrap_or(Value::None);
    new_ref(vm, Some(cls), target, callback)
}

/// `weakref.ref(target, callback)`.
pub fn new_ref(vm: &mut Vm, cls: Option<PyRef>, target: &Value, callback: Value) -> PyResult<Value> {
    if !weakrefable(vm, target) {
        return Err(vm.type_error(format!("cannot create weak reference to '{}' object", vm.type_name(target))));
    }
    let Value::Obj(o) = target else { unreachable!() };
    let ty = match cls {
        Some(c) => c,
        None => ref_type(vm),
    };
    let r = vm.alloc(ty, Data::Native(Box::new(WeakRef { target: Rc::downgrade(o), addr: Rc::as_ptr(o) as usize, callback: RefCell::new(callback.clone()), hash: Cell::new(None) })));
    if !callback.is_none() {
        crate::gc::on_death(o, r.clone(), callback);
    }
    Ok(r)
}

fn ref_call(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = data(vm, &a.pos()[0])?;
    Ok(d.target.upgrade().map(Value::Obj).unwrap_or(Value::None))
}

fn ref_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let this = &a.pos()[0];
    let d = data(vm, this)?;
    let addr = this.id();
    match d.target.upgrade() {
        None => Ok(vm.new_str(format!("<weakref at {:#x}; dead>", addr))),
        Some(o) => {
            let tn = tdata(&o.ty).name();
            let name = vm.getattr_opt(&Value::Obj(o.clone()), "__name__").ok().flatten();
            let target = Rc::as_ptr(&o) as usize;
            Ok(vm.new_str(match name.and_then(|n| n.as_str().map(|s| s.to_string())) {
                Some(n) => format!("<weakref at {:#x}; to '{}' at {:#x} ({})>", addr, tn, target, n),
                None => format!("<weakref at {:#x}; to '{}' at {:#x}>", addr, tn, target),
            }))
        }
    }
}

fn ref_hash(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = data(vm, &a.pos()[0])?;
    if let Some(h) = d.hash.get() {
        return Ok(Value::Int(h));
    }
    match d.target.upgrade() {
        Some(o) => {
            let h = vm.hash(&Value::Obj(o))?;
            data(vm, &a.pos()[0])?.hash.set(Some(h));
            Ok(Value::Int(h))
        }
        None => Err(vm.type_error("weak object has gone away")),
    }
}

fn ref_eq(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let (Some(x), Some(y)) = (pos[0].native::<WeakRef>(), pos.get(1).and_then(|v| v.native::<WeakRef>())) else {
        return Ok(vm.not_implemented.clone());
    };
    match (x.target.upgrade(), y.target.upgrade()) {
        (Some(p), Some(q)) => {
            let r = vm.eq(&Value::Obj(p), &Value::Obj(q))?;
            Ok(Value::bool(r))
        }
        _ => Ok(Value::bool(pos[0].is(&pos[1]))),
    }
}

/// The `_weakref` module.
pub fn weakref_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_weakref");
    let t = ref_type(vm);
    let d = vm.module_dict(&m).unwrap();
    vm.dict_set_str(&d, "ref", Value::Obj(t.clone()));
    vm.dict_set_str(&d, "ReferenceType", Value::Obj(t));
    vm.add_module_function(&m, "getweakrefcount", |_, a| {
        Ok(Value::Int(match a.pos().first() {
            // One weak reference is the cycle collector's own registration.
            Some(Value::Obj(o)) => Rc::weak_count(o) as i64,
            _ => 0,
        }))
    });
    Ok(m)
}
