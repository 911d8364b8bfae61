//! `GetIter`/`ForIter` with fast paths: `for` loops over exact lists,
//! tuples and ranges iterate with the interpreter's own iterator objects,
//! which `ForIter` advances without a call; everything else goes through
//! `iter()`/`__next__`.

use crate::function::Args;
use crate::types::{tdata, type_flags as tf, Layout};
use crate::value::{Data, NativeData, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::cell::Cell;
use std::rc::Rc;

/// Iterator over an exact list or tuple.
pub struct SeqIter {
    pub seq: Value,
    pub index: Cell<usize>,
}

/// Iterator over a range of machine ints.
pub struct RangeIter {
    pub next: Cell<i64>,
    pub stop: i64,
    pub step: i64,
}

impl NativeData for SeqIter {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn hot_kind(&self) -> crate::value::HotKind {
        crate::value::HotKind::SeqIter
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.seq);
    }
}

impl NativeData for RangeIter {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn hot_kind(&self) -> crate::value::HotKind {
        crate::value::HotKind::RangeIter
    }
}

impl SeqIter {
    #[inline]
    pub fn advance(&self) -> Option<Value> {
        let i = self.index.get();
        let Value::Obj(o) = &self.seq else { return None };
        let v = match &o.data {
            Data::List(l) => l.borrow().get(i).cloned(),
            Data::Tuple(t) => t.get(i).cloned(),
            _ => None,
        };
        if v.is_some() {
            self.index.set(i + 1);
        } else {
            self.index.set(usize::MAX);
        }
        v
    }
}

impl RangeIter {
    /// The next int of the range, as a machine integer (`ForIter`'s fast path).
    #[inline(always)]
    pub fn next_i64(&self) -> Option<i64> {
        let n = self.next.get();
        if (self.step > 0 && n < self.stop) || (self.step < 0 && n > self.stop) {
            self.next.set(n.checked_add(self.step).unwrap_or(self.stop));
            Some(n)
        } else {
            None
        }
    }

    #[inline]
    fn advance(&self) -> Option<Value> {
        let n = self.next.get();
        if (self.step > 0 && n < self.stop) || (self.step < 0 && n > self.stop) {
            match n.checked_add(self.step) {
                Some(x) => self.next.set(x),
                None => self.next.set(self.stop),
            }
            Some(Value::Int(n))
        } else {
            None
        }
    }
}

/// `iter(v)` for a `for` loop.
pub fn get_iter(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if let Some(it) = builtin_iter(vm, &v)? {
        return Ok(it);
    }
    vm.iter(&v)
}

/// The iterator a `for` loop uses for an exact list, tuple or range, made
/// directly (no `__iter__` lookup); None for anything else. It never
/// escapes the loop (it lives on the value stack), so its payload may
/// differ from what `iter()` returns for the same object.
#[inline]
fn builtin_iter(vm: &mut Vm, v: &Value) -> PyResult<Option<Value>> {
    if let Value::Obj(o) = v {
        match &o.data {
            Data::List(_) if Rc::ptr_eq(&o.ty, &vm.t.list) => {
                let t = seq_iter_type(vm, LIST_ITER);
                return Ok(Some(vm.alloc(t, Data::Native(Box::new(SeqIter { seq: v.clone(), index: Cell::new(0) })))));
            }
            Data::Tuple(_) if Rc::ptr_eq(&o.ty, &vm.t.tuple) => {
                let t = seq_iter_type(vm, TUPLE_ITER);
                return Ok(Some(vm.alloc(t, Data::Native(Box::new(SeqIter { seq: v.clone(), index: Cell::new(0) })))));
            }
            // `range` cannot be subclassed: its payload identifies it.
            Data::Native(_) => return range_iter(vm, v),
            _ => {}
        }
    }
    Ok(None)
}

fn range_iter(vm: &mut Vm, r: &Value) -> PyResult<Option<Value>> {
    let Some(rd) = r.native::<crate::builtins::range::RangeData>() else { return Ok(None) };
    match rd.small_bounds() {
        Some((a, b, c)) => {
            let ty = seq_iter_type(vm, RANGE_ITER);
            Ok(Some(vm.alloc(ty, Data::Native(Box::new(RangeIter { next: Cell::new(a), stop: b, step: c })))))
        }
        _ => Ok(None),
    }
}

/// Slots of `vm.interp.loop_iter_types`.
const LIST_ITER: usize = 0;
const TUPLE_ITER: usize = 1;
const RANGE_ITER: usize = 2;

/// Which of the loop's own iterators `o` is, by its type alone (no virtual
/// call); `HotKind::Other` for anything else, generators included.
#[inline(always)]
pub fn loop_iter_kind(vm: &Vm, o: &crate::value::Object) -> crate::value::HotKind {
    let t = Rc::as_ptr(&o.ty) as usize;
    let addrs = &vm.interp.loop_iter_type_addrs;
    if t == addrs[RANGE_ITER] {
        crate::value::HotKind::RangeIter
    } else if t == addrs[LIST_ITER] || t == addrs[TUPLE_ITER] {
        crate::value::HotKind::SeqIter
    } else {
        crate::value::HotKind::Other
    }
}

#[inline(always)]
fn seq_iter_type(vm: &mut Vm, slot: usize) -> crate::value::PyRef {
    if let Some(t) = &vm.interp.loop_iter_types[slot] {
        return t.clone();
    }
    seq_iter_type_slow(vm, slot)
}

#[cold]
#[inline(never)]
fn seq_iter_type_slow(vm: &mut Vm, slot: usize) -> crate::value::PyRef {
    let name = ["list_iterator", "tuple_iterator", "range_iterator"][slot];
    let t = seq_iter_type_uncached(vm, name);
    vm.interp.loop_iter_types[slot] = Some(t.clone());
    vm.interp.loop_iter_type_addrs[slot] = Rc::as_ptr(&t) as usize;
    t
}

/// The loop's own iterator types: never shared with the builtin iterators
/// of the same name (whose payloads differ), so that the dispatch loop can
/// tell its payloads by the type alone (`loop_iter_kind`). These iterators
/// never escape the loop's value stack.
fn seq_iter_type_uncached(vm: &mut Vm, name: &'static str) -> crate::value::PyRef {
    // Keyed so as not to clash with other modules' iterator types of the same name.
    let key: &'static str = match name {
        "list_iterator" => "interp.list_iterator",
        "tuple_iterator" => "interp.tuple_iterator",
        _ => "interp.range_iterator",
    };
    if let Some(t) = vm.extra_types.get(key) {
        return t.clone();
    }
    let ty = vm.new_builtin_type(name, None, Layout::Native, 0);
    vm.add_method(&ty, "__iter__", iter_self);
    vm.add_method(&ty, "__next__", iter_next);
    vm.add_method(&ty, "__length_hint__", iter_length_hint);
    vm.extra_types.insert(key, ty.clone());
    ty
}

fn iter_self(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos().first().cloned().unwrap_or(Value::None))
}

fn iter_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let it = args.pos().first().cloned().unwrap_or(Value::None);
    let v = if let Some(s) = it.native::<SeqIter>() {
        s.advance()
    } else if let Some(r) = it.native::<RangeIter>() {
        r.advance()
    } else {
        None
    };
    match v {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn iter_length_hint(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let it = args.pos().first().cloned().unwrap_or(Value::None);
    if let Some(s) = it.native::<SeqIter>() {
        let len = match &s.seq {
            Value::Obj(o) => match &o.data {
                Data::List(l) => l.borrow().len(),
                Data::Tuple(t) => t.len(),
                _ => 0,
            },
            _ => 0,
        };
        return Ok(Value::Int(len.saturating_sub(s.index.get().min(len)) as i64));
    }
    if let Some(r) = it.native::<RangeIter>() {
        let n = r.next.get();
        let left = if r.step > 0 && n < r.stop {
            ((r.stop as i128 - n as i128 + r.step as i128 - 1) / r.step as i128) as i64
        } else if r.step < 0 && n > r.stop {
            ((n as i128 - r.stop as i128 + (-r.step) as i128 - 1) / (-r.step) as i128) as i64
        } else {
            0
        };
        return Ok(Value::Int(left));
    }
    Ok(Value::Int(0))
}

/// CPython's `PyObject_LengthHint` as `list(x)`/`tuple(x)` call it before
/// iterating: for instances of Python classes, `__len__` (else
/// `__length_hint__`) runs, so its side effects and errors are visible; the
/// value itself is only a size hint here.
pub fn length_hint_call(vm: &mut Vm, v: &Value) -> PyResult<()> {
    let Value::Obj(o) = v else { return Ok(()) };
    if !tdata(&o.ty).has_flag(tf::HEAPTYPE) {
        return Ok(());
    }
    let ty = o.ty.clone();
    let (f, is_len) = match crate::slots::special(&ty, "__len__") {
        Some(f) => (f, true),
        None => match crate::slots::special(&ty, "__length_hint__") {
            Some(f) => (f, false),
            None => return Ok(()),
        },
    };
    let r = match vm.call(&f, &[v.clone()]) {
        Ok(r) => r,
        Err(e) if is_len && vm.is_instance(&e.0, &vm.e.type_error.clone()) => return Ok(()),
        Err(e) => return Err(e),
    };
    if r.is(&vm.not_implemented) {
        return Ok(());
    }
    let n = match r {
        Value::Int(n) => n,
        Value::Bool(b) => b.get() as i64,
        other => {
            let Ok(n) = vm.index_to_i64(&other) else {
                return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(&other))));
            };
            n
        }
    };
    if n < 0 {
        let which = if is_len { "__len__() should return >= 0" } else { "__length_hint__() should return >= 0" };
        return Err(vm.value_error(which));
    }
    Ok(())
}
