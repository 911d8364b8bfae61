//! (Owned by the containers/builtins engineer.) `tuple`: constructor (also
//! for subclasses such as namedtuples), indexing and slicing, `count`,
//! `index`, `+`, `*`, lexicographic comparison, hashing, `repr` (`(1,)`).

use super::container_helpers::{
    add_methods, as_slice, bad_index_type, check_pos, class_getitem, index_exact, index_range, norm_index, repr_enter, repr_leave,
    self_and_args, self_and_one, self_only, slice_indices,
};
use super::list::{non_int_repeat, repeat_count, repeat_items, seq_compare, seq_repr};
use crate::function::Args;
use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::bytecode::CompareOperator;
use std::rc::Rc;

pub fn init(vm: &mut Vm) {
    let ty = vm.t.tuple.clone();
    vm.add_staticmethod(&ty, "__new__", tuple_new);
    vm.add_classmethod(&ty, "__class_getitem__", class_getitem);
    add_methods(
        vm,
        &ty,
        &[
            ("count", tuple_count),
            ("index", tuple_index),
            ("__getitem__", tuple_getitem),
            ("__len__", tuple_len),
            ("__contains__", tuple_contains),
            ("__iter__", tuple_iter),
            ("__add__", tuple_add),
            ("__mul__", tuple_mul),
            ("__rmul__", tuple_mul),
            ("__hash__", tuple_hash),
            ("__getnewargs__", tuple_getnewargs),
            ("__eq__", |vm, a| tuple_cmp(vm, a, CompareOperator::Eq)),
            ("__ne__", |vm, a| tuple_cmp(vm, a, CompareOperator::Ne)),
            ("__lt__", |vm, a| tuple_cmp(vm, a, CompareOperator::Lt)),
            ("__le__", |vm, a| tuple_cmp(vm, a, CompareOperator::Le)),
            ("__gt__", |vm, a| tuple_cmp(vm, a, CompareOperator::Gt)),
            ("__ge__", |vm, a| tuple_cmp(vm, a, CompareOperator::Ge)),
            ("__repr__", tuple_repr),
        ],
    );
}

fn items<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a [Value]> {
    v.as_tuple()
        .ok_or_else(|| vm.type_error(format!("descriptor '{}' for 'tuple' objects doesn't apply to a '{}' object", method, vm.type_name(v))))
}

/// The items of a new tuple taken from `items` (cloned), with no vector
/// for tuples of up to two items (which `TupleItems` keeps inline).
///
/// Inlined, like [`Vm::new_tuple_from_items`], so that the `TupleItems`
/// passed from one to the other stays in registers: passed through memory
/// it was stored in 8-byte pieces and reloaded in 16-byte ones, which the
/// CPU cannot forward (a quarter of `new_tuple_from_items` in nqueens).
#[inline(always)]
pub fn items_from_slices(parts: &[&[Value]]) -> crate::value::TupleItems {
    use crate::value::TupleItems;
    let len: usize = parts.iter().map(|p| p.len()).sum();
    if len > 2 {
        // Written straight into the tuple's item block (no vector whose
        // capacity is checked per item and then shrunk).
        let mut block = Box::<[Value]>::new_uninit_slice(len);
        let mut i = 0;
        for p in parts {
            for v in p.iter() {
                block[i].write(v.clone());
                i += 1;
            }
        }
        // SAFETY: `len` is the total length of `parts`: every slot was written.
        return TupleItems::Many(unsafe { block.assume_init() });
    }
    let mut all = parts.iter().flat_map(|p| p.iter()).cloned();
    match len {
        0 => TupleItems::Empty,
        1 => TupleItems::One(all.next().unwrap_or_default()),
        _ => {
            let a = all.next().unwrap_or_default();
            TupleItems::Two([a, all.next().unwrap_or_default()])
        }
    }
}

impl Vm {
    /// A new exact tuple of `items` (the shared empty tuple when empty).
    #[inline(always)]
    pub fn new_tuple_from_items(&self, items: crate::value::TupleItems) -> Value {
        if items.is_empty() {
            return self.empty_tuple.clone();
        }
        self.new_tuple_items(items)
    }

    /// A new exact tuple (not empty) whose maker knows that no item is
    /// registered with the collector (items taken from an unregistered
    /// tuple), so they are not looked at. Inlined: the `TupleItems` stays
    /// in registers (see [`items_from_slices`]).
    #[inline(always)]
    pub(crate) fn new_untracked_tuple(&self, items: crate::value::TupleItems) -> Value {
        Value::Obj(crate::value::Object::new_tuple_rc(self.t.tuple.clone(), items))
    }
}

/// `x + y` for two exact tuples (`x`, `y` hold `a`, `b`), as CPython: an
/// empty operand gives the other one. The items are copied once, straight
/// into the new tuple; they need no look for registered objects when
/// neither operand is registered (a tuple is registered exactly when one
/// of its items is).
#[inline(never)]
pub fn concat_exact(vm: &Vm, x: &crate::PyRef, a: &[Value], y: &crate::PyRef, b: &[Value]) -> Value {
    if b.is_empty() {
        return Value::Obj(x.clone());
    }
    if a.is_empty() {
        return Value::Obj(y.clone());
    }
    let items = items_from_slices(&[a, b]);
    if crate::gc::is_tracked(x) || crate::gc::is_tracked(y) {
        vm.new_tuple_items(items)
    } else {
        vm.new_untracked_tuple(items)
    }
}

/// A tuple of class `cls` (exact tuples share the empty tuple).
pub fn new_tuple_of(vm: &mut Vm, cls: &crate::PyRef, items: Vec<Value>) -> Value {
    if Rc::ptr_eq(cls, &vm.t.tuple) {
        return vm.new_tuple(items);
    }
    vm.alloc(cls.clone(), Data::Tuple(crate::value::TupleItems::from_vec(items)))
}

fn tuple_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    let cls = match p.first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => o.clone(),
        _ => return Err(vm.type_error("tuple.__new__(X): X is not a type object")),
    };
    if args.has_kwargs() && Rc::ptr_eq(&cls, &vm.t.tuple) {
        return Err(vm.type_error("tuple() takes no keyword arguments"));
    }
    check_pos(vm, "tuple", &p[1..], 0, 1)?;
    if p.len() == 1 {
        return Ok(new_tuple_of(vm, &cls, Vec::new()));
    }
    // tuple(t) of an exact tuple is t itself.
    if Rc::ptr_eq(&cls, &vm.t.tuple) && super::container_helpers::is_exact(&p[1], &vm.t.tuple) {
        return Ok(p[1].clone());
    }
    crate::interp::iter::length_hint_call(vm, &p[1])?;
    let v = vm.collect(&p[1])?;
    Ok(new_tuple_of(vm, &cls, v))
}

fn tuple_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, x) = self_and_one(vm, "tuple.count", &args)?;
    let t = items(vm, this, "count")?;
    let mut n = 0;
    for item in t.iter() {
        if item.is(x) || vm.eq(item, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn tuple_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = self_and_args(vm, "index", "tuple.index", &args, 1, 3)?;
    let t = items(vm, this, "index")?;
    let (start, stop) = index_range(vm, a, t.len())?;
    for i in start..stop {
        if t[i].is(&a[0]) || vm.eq(&t[i], &a[0])? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}

fn tuple_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, key) = self_and_one(vm, "tuple.__getitem__", &args)?;
    tuple_getitem_of(vm, this, key)
}

/// `this[key]` for a tuple `this` (`vm.getitem`'s path for exact tuples).
pub fn tuple_getitem_of(vm: &mut Vm, this: &Value, key: &Value) -> PyResult<Value> {
    let t = items(vm, this, "__getitem__")?;
    if let Some(s) = as_slice(key) {
        let si = slice_indices(vm, s, t.len())?;
        if si.step == 1 && si.len == t.len() && super::container_helpers::is_exact(this, &vm.t.tuple) {
            return Ok(this.clone());
        }
        if si.step == 1 || si.len == 0 {
            let start = si.start.max(0) as usize;
            let part = t.get(start..start + si.len).unwrap_or(&[]);
            return Ok(vm.new_tuple_from_items(items_from_slices(&[part])));
        }
        let mut out = Vec::with_capacity(si.len);
        let mut i = si.start;
        for _ in 0..si.len {
            out.push(t[i as usize].clone());
            i += si.step;
        }
        return Ok(vm.new_tuple(out));
    }
    match index_exact(vm, key)? {
        Some(i) => match norm_index(i, t.len()) {
            Some(j) => Ok(t[j].clone()),
            None => Err(vm.index_error("tuple index out of range")),
        },
        None => Err(bad_index_type(vm, "tuple", key)),
    }
}

fn tuple_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "tuple.__len__", &args)?;
    Ok(Value::Int(items(vm, this, "__len__")?.len() as i64))
}

fn tuple_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, x) = self_and_one(vm, "tuple.__contains__", &args)?;
    let t = items(vm, this, "__contains__")?;
    for item in t.iter() {
        if item.is(x) || vm.eq(item, x)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

fn tuple_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "tuple.__iter__", &args)?;
    items(vm, this, "__iter__")?;
    Ok(super::iterators::new_tuple_iter(vm, this.clone()))
}

fn tuple_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "tuple.__add__", &args)?;
    let t = items(vm, this, "__add__")?;
    let Some(o) = other.as_tuple() else {
        let oty = vm.type_of(other);
        if crate::types::tdata(&oty).has_flag(crate::types::type_flags::HEAPTYPE) && crate::slots::special(&oty, "__radd__").is_some() {
            return Ok(vm.not_implemented.clone());
        }
        return Err(vm.type_error(format!("can only concatenate tuple (not \"{}\") to tuple", vm.type_name(other))));
    };
    if o.is_empty() && super::container_helpers::is_exact(this, &vm.t.tuple) {
        return Ok(this.clone());
    }
    // Sized exactly: the boxed slice is then made without a reallocation.
    let mut v = Vec::with_capacity(t.len() + o.len());
    v.extend_from_slice(t);
    v.extend_from_slice(o);
    Ok(vm.new_tuple(v))
}

fn tuple_mul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, n) = self_and_one(vm, "tuple.__mul__", &args)?;
    let t = items(vm, this, "__mul__")?;
    let Some(count) = repeat_count(vm, n)? else {
        let nty = vm.type_of(n);
        if crate::types::tdata(&nty).has_flag(crate::types::type_flags::HEAPTYPE) && crate::slots::special(&nty, "__rmul__").is_some() {
            return Ok(vm.not_implemented.clone());
        }
        return Err(non_int_repeat(vm, n));
    };
    if count == 1 && super::container_helpers::is_exact(this, &vm.t.tuple) {
        return Ok(this.clone());
    }
    let out = repeat_items(vm, t, count)?;
    Ok(vm.new_tuple(out))
}

fn tuple_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "tuple.__hash__", &args)?;
    let t = items(vm, this, "__hash__")?;
    let mut hs = Vec::with_capacity(t.len());
    for it in t.iter() {
        hs.push(super::container_helpers::guarded(vm, "", |vm| vm.hash(it))?);
    }
    Ok(Value::Int(crate::hash::tuple_hash(hs.into_iter())))
}

fn tuple_getnewargs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "tuple.__getnewargs__", &args)?;
    let t = items(vm, this, "__getnewargs__")?.to_vec();
    let inner = vm.new_tuple(t);
    Ok(vm.new_tuple(vec![inner]))
}

fn tuple_item(v: &Value, i: usize) -> Option<Value> {
    v.as_tuple().and_then(|t| t.get(i).cloned())
}
fn tuple_length(v: &Value) -> usize {
    v.as_tuple().map_or(0, |t| t.len())
}

fn tuple_cmp(vm: &mut Vm, args: Args, op: CompareOperator) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("expected 1 argument, got {}", p.len().saturating_sub(1))));
    }
    items(vm, &p[0], op.dunder())?;
    if p[1].as_tuple().is_none() {
        return Ok(vm.not_implemented.clone());
    }
    seq_compare(vm, &p[0], &p[1], op, tuple_item, tuple_length)
}

fn tuple_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "tuple.__repr__", &args)?;
    let n = items(vm, this, "__repr__")?.len();
    if n == 0 {
        return Ok(vm.new_str("()"));
    }
    if !repr_enter(this) {
        return Ok(vm.new_str("(...)"));
    }
    let r = seq_repr(vm, this, "(", if n == 1 { ",)" } else { ")" }, tuple_item);
    repr_leave(this);
    Ok(vm.new_str(r?))
}

#[cfg(test)]
mod tests {
    use crate::value::Value;
    use crate::vm::{Config, Vm};

    #[test]
    fn tuples_and_lists_from_the_top_of_a_stack() {
        let vm = Vm::new(Config::default());
        for n in 0..5 {
            let mut stack: Vec<Value> = (0..7).map(Value::Int).collect();
            stack.push(vm.new_list(vec![]));
            let t = vm.new_tuple_from_stack(&mut stack, n);
            let items: Vec<i64> = t.as_tuple().unwrap().iter().map(|v| if let Value::Int(i) = v { *i } else { -1 }).collect();
            let expect: Vec<i64> = (0..8).map(|i| if i == 7 { -1 } else { i }).skip(8 - n).collect();
            assert_eq!(items, expect);
            assert_eq!(stack.len(), 8 - n);
            // A tuple holding the (registered) list is registered too.
            assert_eq!(crate::gc::is_tracked(t.as_obj().unwrap()), n > 0);
            let l = vm.new_list_from_stack(&mut stack, n);
            assert_eq!(l.as_list().unwrap().borrow().len(), n);
            assert_eq!(stack.len(), 8 - 2 * n);
        }
    }
}
