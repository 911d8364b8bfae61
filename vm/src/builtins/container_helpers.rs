//! (Owned by the containers/builtins engineer.) Helpers shared by the
//! container types and the builtins module: argument-count checks with
//! CPython's messages, index and slice arithmetic, the `repr` recursion
//! guard (`[...]`), the native recursion depth guard, and small
//! registration helpers.

use crate::function::{Args, NativeFn};
use crate::types::{tdata, type_flags as tf, Layout};
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use num_bigint::BigInt;
use std::cell::{Cell, RefCell};

/// `"name expected at most 1 argument, got 2"`-style check (CPython's
/// `_PyArg_CheckPositional`); `pos` excludes `self`.
pub fn check_pos(vm: &Vm, name: &str, pos: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = pos.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let plural = |k: usize| if k == 1 { "argument" } else { "arguments" };
    let msg = if min == max {
        format!("{} expected {} {}, got {}", name, min, plural(min), n)
    } else if n < min {
        format!("{} expected at least {} {}, got {}", name, min, plural(min), n)
    } else {
        format!("{} expected at most {} {}, got {}", name, max, plural(max), n)
    };
    Err(vm.type_error(msg))
}

/// `"list.append() takes no keyword arguments"`.
pub fn no_kwargs(vm: &Vm, qualname: &str, args: &Args) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", qualname)));
    }
    Ok(())
}

/// METH_O methods: `"list.append() takes exactly one argument (0 given)"`.
/// Returns (self, arg).
pub fn self_and_one<'a>(vm: &Vm, qualname: &str, args: &Args<'a>) -> PyResult<(&'a Value, &'a Value)> {
    no_kwargs(vm, qualname, args)?;
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("{}() takes exactly one argument ({} given)", qualname, p.len().saturating_sub(1))));
    }
    Ok((&p[0], &p[1]))
}

/// METH_NOARGS methods: `"dict.keys() takes no arguments (1 given)"`. Returns self.
pub fn self_only<'a>(vm: &Vm, qualname: &str, args: &Args<'a>) -> PyResult<&'a Value> {
    no_kwargs(vm, qualname, args)?;
    let p = args.pos();
    if p.len() != 1 {
        if p.is_empty() {
            return Err(vm.type_error(format!("unbound method {}() needs an argument", qualname)));
        }
        return Err(vm.type_error(format!("{}() takes no arguments ({} given)", qualname, p.len() - 1)));
    }
    Ok(&p[0])
}

/// Self plus positional arguments checked by [`check_pos`] (no keywords).
pub fn self_and_args<'a>(vm: &Vm, name: &str, qualname: &str, args: &Args<'a>, min: usize, max: usize) -> PyResult<(&'a Value, &'a [Value])> {
    no_kwargs(vm, qualname, args)?;
    let p = args.pos();
    if p.is_empty() {
        return Err(vm.type_error(format!("unbound method {}() needs an argument", qualname)));
    }
    check_pos(vm, name, &p[1..], min, max)?;
    Ok((&p[0], &p[1..]))
}

/// Whether `v` is an int (int, bool, big int or int subclass).
pub fn is_int(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) => true,
        Value::Obj(o) => matches!(o.data, Data::Int(_)),
        _ => false,
    }
}

/// An int (or `__index__` result) as a BigInt; None if `v` has no `__index__`.
pub fn to_bigint(vm: &mut Vm, v: &Value) -> PyResult<Option<BigInt>> {
    match v {
        Value::Int(i) => Ok(Some(BigInt::from(*i))),
        Value::Bool(b) => Ok(Some(BigInt::from(b.get() as i64))),
        Value::Obj(o) => match &o.data {
            Data::Int(i) => Ok(Some(i.clone())),
            _ => {
                let ty = o.ty.clone();
                match crate::slots::special(&ty, "__index__") {
                    Some(f) => {
                        let r = vm.call(&f, &[v.clone()])?;
                        match &r {
                            Value::Int(i) => Ok(Some(BigInt::from(*i))),
                            Value::Bool(b) => Ok(Some(BigInt::from(b.get() as i64))),
                            Value::Obj(ro) if matches!(ro.data, Data::Int(_)) => {
                                let Data::Int(i) = &ro.data else { unreachable!() };
                                Ok(Some(i.clone()))
                            }
                            _ => Err(vm.type_error(format!("__index__ returned non-int (type {})", vm.type_name(&r)))),
                        }
                    }
                    None => Ok(None),
                }
            }
        },
        _ => Ok(None),
    }
}

/// Whether `v`'s type has `__index__` (or is an int).
pub fn has_index(vm: &Vm, v: &Value) -> bool {
    is_int(v) || crate::slots::special(vm.type_ref(v), "__index__").is_some()
}

/// A sequence index (`__index__`) clamped to i64: huge values become
/// i64::MAX/MIN (they are out of range for any sequence anyway).
pub fn index_clamped(vm: &mut Vm, v: &Value) -> PyResult<Option<i64>> {
    if let Value::Int(i) = v {
        return Ok(Some(*i));
    }
    match to_bigint(vm, v)? {
        Some(b) => {
            use num_traits::{Signed, ToPrimitive};
            Ok(Some(b.to_i64().unwrap_or(if b.is_negative() { i64::MIN } else { i64::MAX })))
        }
        None => Ok(None),
    }
}

/// An index that must fit: "cannot fit 'int' into an index-sized integer".
pub fn index_exact(vm: &mut Vm, v: &Value) -> PyResult<Option<i64>> {
    if let Value::Int(i) = v {
        return Ok(Some(*i));
    }
    match to_bigint(vm, v)? {
        Some(b) => match num_traits::ToPrimitive::to_i64(&b) {
            Some(i) => Ok(Some(i)),
            None => Err(vm.index_error(format!("cannot fit '{}' into an index-sized integer", vm.type_name(v)))),
        },
        None => Ok(None),
    }
}

/// Start/stop/step/length of a slice applied to a sequence of `len` items.
pub struct SliceIndices {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub len: usize,
}

/// The `slice` payload.
pub struct SliceData {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

impl crate::value::NativeData for SliceData {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.start);
        visit(&self.stop);
        visit(&self.step);
    }
}

fn slice_component(vm: &mut Vm, v: &Value) -> PyResult<Option<i64>> {
    if v.is_none() {
        return Ok(None);
    }
    match index_clamped(vm, v)? {
        Some(i) => Ok(Some(i)),
        None => Err(vm.type_error("slice indices must be integers or None or have an __index__ method")),
    }
}

/// CPython's `PySlice_Unpack` + `PySlice_AdjustIndices`.
pub fn slice_indices(vm: &mut Vm, s: &SliceData, len: usize) -> PyResult<SliceIndices> {
    let step = match slice_component(vm, &s.step)? {
        None => 1,
        Some(0) => return Err(vm.value_error("slice step cannot be zero")),
        Some(st) => st.max(-i64::MAX),
    };
    let len = len as i64;
    let start = slice_component(vm, &s.start)?;
    let stop = slice_component(vm, &s.stop)?;
    let (def_start, def_stop) = if step < 0 { (len - 1, -1) } else { (0, len) };
    let adjust = |v: Option<i64>, def: i64| -> i64 {
        match v {
            None => def,
            Some(mut i) => {
                if i < 0 {
                    i = i.saturating_add(len);
                    if i < 0 {
                        i = if step < 0 { -1 } else { 0 };
                    }
                } else if i >= len {
                    i = if step < 0 { len - 1 } else { len };
                }
                i
            }
        }
    };
    let start = adjust(start, def_start);
    let stop = adjust(stop, def_stop);
    let n = if step < 0 {
        if stop < start { (start - stop - 1) / (-step) + 1 } else { 0 }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok(SliceIndices { start, stop, step, len: n as usize })
}

/// The slice payload of `v`, if it is a slice.
pub fn as_slice(v: &Value) -> Option<&SliceData> {
    v.native::<SliceData>()
}

/// Normalises a possibly negative index against `len`; None if out of range.
#[inline]
pub fn norm_index(i: i64, len: usize) -> Option<usize> {
    let n = len as i64;
    let j = if i < 0 { i.checked_add(n)? } else { i };
    if j >= 0 && j < n { Some(j as usize) } else { None }
}

/// `"list indices must be integers or slices, not str"`.
pub fn bad_index_type(vm: &Vm, what: &str, key: &Value) -> PyErr {
    vm.type_error(format!("{} indices must be integers or slices, not {}", what, vm.type_name(key)))
}

/// For `index(x, start, stop)`: clamps start/stop as CPython does.
pub fn index_range(vm: &mut Vm, args: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let conv = |vm: &mut Vm, v: &Value| -> PyResult<i64> {
        match index_clamped(vm, v)? {
            Some(i) => Ok(i),
            None => Err(vm.type_error("slice indices must be integers or have an __index__ method")),
        }
    };
    let n = len as i64;
    let fix = |i: i64| -> usize {
        if i < 0 {
            (i.saturating_add(n)).max(0) as usize
        } else {
            i.min(n) as usize
        }
    };
    let start = if args.len() > 1 { fix(conv(vm, &args[1])?) } else { 0 };
    let stop = if args.len() > 2 { fix(conv(vm, &args[2])?) } else { len };
    Ok((start, stop))
}

// ----- recursion guards ---------------------------------------------------

thread_local! {
    static REPR_ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    static NATIVE_DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Marks `v` as being repr'd; false if it already is (print `[...]`).
pub fn repr_enter(v: &Value) -> bool {
    let id = v.id() as usize;
    REPR_ACTIVE.with(|r| {
        let mut r = r.borrow_mut();
        if r.contains(&id) {
            false
        } else {
            r.push(id);
            true
        }
    })
}

pub fn repr_leave(v: &Value) {
    let id = v.id() as usize;
    REPR_ACTIVE.with(|r| {
        let mut r = r.borrow_mut();
        if let Some(p) = r.iter().rposition(|x| *x == id) {
            r.remove(p);
        }
    })
}

/// Maximum depth of native recursion (repr, comparison, hashing of nested
/// containers) on top of the Python frame depth.
const NATIVE_LIMIT_FLOOR: usize = 200;

/// Enters one level of native recursion; RecursionError past the limit.
pub fn enter_native(vm: &Vm, what: &str) -> PyResult<()> {
    let d = NATIVE_DEPTH.with(|c| c.get()) + 1;
    let limit = vm.recursion_limit.max(NATIVE_LIMIT_FLOOR);
    if d + vm.recursion_depth > limit {
        return Err(vm.recursion_error(format!("maximum recursion depth exceeded{}", what)));
    }
    NATIVE_DEPTH.with(|c| c.set(d));
    Ok(())
}

pub fn leave_native() {
    NATIVE_DEPTH.with(|c| c.set(c.get().saturating_sub(1)));
}

/// Runs `f` one native recursion level deeper.
pub fn guarded<T>(vm: &mut Vm, what: &str, f: impl FnOnce(&mut Vm) -> PyResult<T>) -> PyResult<T> {
    enter_native(vm, what)?;
    let r = f(vm);
    leave_native();
    r
}

// ----- registration --------------------------------------------------------

/// Creates (or returns) a non-subclassable native type kept in `extra_types`.
pub fn native_type(vm: &mut Vm, key: &'static str, name: &str) -> PyRef {
    if let Some(t) = vm.extra_types.get(key) {
        return t.clone();
    }
    let t = vm.new_builtin_type(name, None, Layout::Native, 0);
    vm.extra_types.insert(key, t.clone());
    t
}

/// A type from `extra_types` (created by an `init`).
pub fn extra_type(vm: &Vm, key: &'static str) -> PyRef {
    vm.extra_types.get(key).cloned().unwrap_or_else(|| vm.t.object.clone())
}

/// Registers several methods at once.
pub fn add_methods(vm: &mut Vm, ty: &PyRef, methods: &[(&'static str, NativeFn)]) {
    for (name, f) in methods {
        vm.add_method(ty, name, *f);
    }
}

/// Marks a type as unhashable (`__hash__ = None`).
pub fn set_unhashable(vm: &mut Vm, ty: &PyRef) {
    vm.set_type_attr(ty, "__hash__", Value::None);
}

/// Whether `ty` is a subclass of `base` and `v`'s type is exactly `base`.
pub fn is_exact(v: &Value, ty: &PyRef) -> bool {
    matches!(v, Value::Obj(o) if std::rc::Rc::ptr_eq(&o.ty, ty))
}

/// Iterator `__iter__`: returns self.
pub fn iter_self(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos().first().cloned().unwrap_or(Value::None))
}

/// The type's `__module__`-qualified name for reprs (`__main__.Foo`, or
/// just `int` for builtins).
pub fn qualified_type_name(vm: &mut Vm, ty: &PyRef) -> String {
    let td = tdata(ty);
    let qual = td.qualname.borrow().clone();
    if !td.has_flag(tf::HEAPTYPE) {
        return qual.to_string();
    }
    let module = td.own_attr("__module__");
    let _ = vm;
    match module.as_ref().and_then(|m| m.as_str()) {
        Some(m) if m != "builtins" => format!("{}.{}", m, qual),
        _ => qual.to_string(),
    }
}

/// `__class_getitem__`: `list[int]` etc.
pub fn class_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("__class_getitem__() takes exactly one argument ({} given)", p.len().saturating_sub(1))));
    }
    crate::builtins::typeobj::generic_alias(vm, p[0].clone(), p[1].clone())
}

/// `a == b` for containers' element comparisons when it needs no Python
/// code: identity (containers compare items by identity first), inline
/// numbers and exact strs. None when a real `==` must run.
#[inline]
pub fn fast_item_eq(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Float(x), Value::Float(y)) => Some(x.get() == y.get() || x.get().to_bits() == y.get().to_bits()),
        (Value::Bool(x), Value::Bool(y)) => Some(x.get() == y.get()),
        (Value::None, Value::None) => Some(true),
        (Value::Obj(x), Value::Obj(y)) => {
            if std::rc::Rc::ptr_eq(x, y) {
                return Some(true);
            }
            match (&x.data, &y.data) {
                (crate::value::Data::Str(p), crate::value::Data::Str(q)) if x.attrs.is_none() && y.attrs.is_none() => Some(p.s == q.s),
                _ => None,
            }
        }
        _ => None,
    }
}
