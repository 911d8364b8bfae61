//! (Owned by the containers/builtins engineer.) Iterator types: the
//! iterators of list, tuple, dict (keys/values/items, forward and
//! reversed), set and range; `enumerate`, `zip` (with `strict=`), `map`,
//! `filter`, `reversed`; the sequence iterator for objects with only
//! `__getitem__`; and `iter(callable, sentinel)`.
//!
//! Every iterator keeps its state in `Cell`s inside its native payload and
//! never holds a container borrow across a call into Python code.
//! [`fast_next`] advances the builtin iterators without a call or a
//! `StopIteration` object: it reads the payload's type id once and compares
//! it with the known iterator types (hot ones first), then runs that
//! iterator's Rust step directly. [`next_for_loop`] (inlined into `vm.next`,
//! which the interpreter's generic `for`, zip/map/enumerate/filter, sum,
//! min/max, list()/tuple()/set(), str.join and unpacking all use) also
//! resumes plain generators directly. [`is_self_iterator`] lets `iter()`
//! hand back a builtin iterator without looking up `__iter__`.

use super::container_helpers::{check_pos, extra_type, iter_self, native_type};
use crate::function::Args;
use crate::types::{type_flags as tf, Layout};
use crate::value::{Data, NativeData, PyRef, TupleItems, Value};
use crate::vm::Vm;
use crate::PyResult;
use num_bigint::BigInt;
use std::cell::{Cell, RefCell};

macro_rules! native_payload {
    ($t:ty, |$s:ident, $visit:ident| $body:block) => {
        impl NativeData for $t {
            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
            fn trace(&self, $visit: &mut dyn FnMut(&Value)) {
                let $s = self;
                $body
            }
        }
    };
}

/// Iterator over a list (forward, or reversed with `reversed == true`).
pub struct ListIter {
    pub seq: RefCell<Option<Value>>,
    /// Next index (forward) or next index + 1 (reversed).
    pub pos: Cell<usize>,
    pub reversed: bool,
}
native_payload!(ListIter, |s, v| {
    if let Some(x) = &*s.seq.borrow() {
        v(x)
    }
});

pub struct TupleIter {
    pub seq: Value,
    pub pos: Cell<usize>,
}
native_payload!(TupleIter, |s, v| { v(&s.seq) });

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DictIterKind {
    Keys,
    Values,
    Items,
}

pub struct DictIter {
    pub dict: Value,
    pub pos: Cell<usize>,
    pub kind: DictIterKind,
    pub len_at_start: usize,
    pub mutations: Cell<u64>,
    pub done: Cell<bool>,
}
native_payload!(DictIter, |s, v| { v(&s.dict) });

/// Reversed dict iteration over a snapshot of the entries.
pub struct DictRevIter {
    pub dict: Value,
    pub entries: RefCell<Vec<(Value, Value)>>,
    pub kind: DictIterKind,
    pub len_at_start: usize,
}
native_payload!(DictRevIter, |s, v| {
    v(&s.dict);
    for (a, b) in s.entries.borrow().iter() {
        v(a);
        v(b);
    }
});

pub struct SetIter {
    pub set: Value,
    pub pos: Cell<usize>,
    pub len_at_start: usize,
    pub done: Cell<bool>,
}
native_payload!(SetIter, |s, v| { v(&s.set) });

pub struct RangeIter {
    pub next: Cell<i64>,
    pub step: i64,
    pub remaining: Cell<u64>,
}
native_payload!(RangeIter, |_s, _v| {});

pub struct LongRangeIter {
    pub next: RefCell<BigInt>,
    pub step: BigInt,
    pub remaining: RefCell<BigInt>,
}
native_payload!(LongRangeIter, |_s, _v| {});

pub struct Enumerate {
    pub it: Value,
    pub count: Cell<i64>,
    pub big: RefCell<Option<BigInt>>,
    /// The pair returned last (see [`reuse_pair`]).
    pub last: RefCell<Value>,
    /// What `it` is (checked once): list, tuple and range iterators are advanced directly.
    pub kind: StepKind,
}
native_payload!(Enumerate, |s, v| {
    v(&s.it);
    if let Ok(l) = s.last.try_borrow() {
        v(&l)
    }
});

pub struct Zip {
    /// The argument iterators (up to two kept inline: no allocation).
    pub iters: TupleItems,
    pub strict: bool,
    pub done: Cell<bool>,
    /// The pair returned last by a two-way zip (see [`reuse_pair`]).
    pub last: RefCell<Value>,
    /// What the first two argument iterators are (found once, when the zip
    /// is made): `zip_next` advances list, tuple and range iterators
    /// without the type dispatch of `vm.next`.
    pub kinds: [StepKind; 2],
}
native_payload!(Zip, |s, v| {
    for x in s.iters.iter() {
        v(x)
    }
    if let Ok(l) = s.last.try_borrow() {
        v(&l)
    }
});

pub struct Map {
    pub func: Value,
    pub iters: TupleItems,
}
native_payload!(Map, |s, v| {
    v(&s.func);
    for x in s.iters.iter() {
        v(x)
    }
});

pub struct Filter {
    pub func: Value,
    pub it: Value,
}
native_payload!(Filter, |s, v| {
    v(&s.func);
    v(&s.it)
});

/// `reversed()` over the sequence protocol.
pub struct Reversed {
    pub seq: RefCell<Option<Value>>,
    /// Next index + 1 (0 = exhausted).
    pub pos: Cell<usize>,
}
native_payload!(Reversed, |s, v| {
    if let Some(x) = &*s.seq.borrow() {
        v(x)
    }
});

/// The iterator over an object with only `__getitem__`.
pub struct SeqIter {
    pub seq: RefCell<Option<Value>>,
    pub pos: Cell<usize>,
}
native_payload!(SeqIter, |s, v| {
    if let Some(x) = &*s.seq.borrow() {
        v(x)
    }
});

pub struct CallableIter {
    pub func: RefCell<Option<Value>>,
    pub sentinel: Value,
}
native_payload!(CallableIter, |s, v| {
    if let Some(x) = &*s.func.borrow() {
        v(x)
    }
    v(&s.sentinel)
});

pub fn init(vm: &mut Vm) {
    for (key, name) in [
        ("list_iterator", "list_iterator"),
        ("list_reverseiterator", "list_reverseiterator"),
        ("tuple_iterator", "tuple_iterator"),
        ("dict_keyiterator", "dict_keyiterator"),
        ("dict_valueiterator", "dict_valueiterator"),
        ("dict_itemiterator", "dict_itemiterator"),
        ("dict_reversekeyiterator", "dict_reversekeyiterator"),
        ("dict_reversevalueiterator", "dict_reversevalueiterator"),
        ("dict_reverseitemiterator", "dict_reverseitemiterator"),
        ("set_iterator", "set_iterator"),
        ("range_iterator", "range_iterator"),
        ("longrange_iterator", "longrange_iterator"),
        ("iterator", "iterator"),
        ("callable_iterator", "callable_iterator"),
    ] {
        let t = native_type(vm, key, name);
        vm.add_method(&t, "__iter__", iter_self);
        vm.add_method(&t, "__next__", generic_next);
        vm.add_method(&t, "__length_hint__", length_hint);
    }
    for (key, new) in [
        ("enumerate", enumerate_new as crate::function::NativeFn),
        ("zip", zip_new),
        ("map", map_new),
        ("filter", filter_new),
        ("reversed", reversed_new),
    ] {
        let t = vm.new_builtin_type(key, None, Layout::Native, tf::BASETYPE);
        vm.extra_types.insert(key, t.clone());
        vm.add_staticmethod(&t, "__new__", new);
        vm.add_method(&t, "__iter__", iter_self);
        vm.add_method(&t, "__next__", generic_next);
        if key == "reversed" {
            vm.add_method(&t, "__length_hint__", length_hint);
        }
        vm.add_classmethod(&t, "__class_getitem__", super::container_helpers::class_getitem);
    }
}

fn alloc_native<T: NativeData>(vm: &Vm, key: &'static str, payload: T) -> Value {
    vm.alloc(extra_type(vm, key), Data::Native(Box::new(payload)))
}

pub fn new_list_iter(vm: &mut Vm, list: Value, reversed: bool) -> Value {
    if reversed {
        let n = list.as_list().map_or(0, |l| l.borrow().len());
        alloc_native(vm, "list_reverseiterator", ListIter { seq: RefCell::new(Some(list)), pos: Cell::new(n), reversed: true })
    } else {
        alloc_native(vm, "list_iterator", ListIter { seq: RefCell::new(Some(list)), pos: Cell::new(0), reversed: false })
    }
}

pub fn new_tuple_iter(vm: &mut Vm, tuple: Value) -> Value {
    alloc_native(vm, "tuple_iterator", TupleIter { seq: tuple, pos: Cell::new(0) })
}

pub fn new_dict_iter(vm: &mut Vm, dict: Value, kind: DictIterKind) -> Value {
    let (len, mutations) = dict.as_dict().map_or((0, 0), |d| {
        let d = d.borrow();
        (d.len(), d.mutations)
    });
    let key = match kind {
        DictIterKind::Keys => "dict_keyiterator",
        DictIterKind::Values => "dict_valueiterator",
        DictIterKind::Items => "dict_itemiterator",
    };
    alloc_native(vm, key, DictIter { dict, pos: Cell::new(0), kind, len_at_start: len, mutations: Cell::new(mutations), done: Cell::new(false) })
}

pub fn new_dict_rev_iter(vm: &mut Vm, dict: Value, kind: DictIterKind) -> Value {
    let (entries, len) = dict.as_dict().map_or((Vec::new(), 0), |d| {
        let d = d.borrow();
        (d.items(), d.len())
    });
    let key = match kind {
        DictIterKind::Keys => "dict_reversekeyiterator",
        DictIterKind::Values => "dict_reversevalueiterator",
        DictIterKind::Items => "dict_reverseitemiterator",
    };
    alloc_native(vm, key, DictRevIter { dict, entries: RefCell::new(entries), kind, len_at_start: len })
}

pub fn new_set_iter(vm: &mut Vm, set: Value) -> Value {
    let len = super::set::set_len(&set);
    alloc_native(vm, "set_iterator", SetIter { set, pos: Cell::new(0), len_at_start: len, done: Cell::new(false) })
}

/// An iterator over `start, start+step, ...` (`len` items).
pub fn new_range_iter(vm: &mut Vm, start: &BigInt, step: &BigInt, len: &BigInt) -> Value {
    use num_traits::ToPrimitive;
    if let (Some(s), Some(st), Some(n)) = (start.to_i64(), step.to_i64(), len.to_u64()) {
        // The last value must fit too.
        let last = (s as i128) + (st as i128) * (n as i128);
        if last >= i64::MIN as i128 && last <= i64::MAX as i128 {
            return alloc_native(vm, "range_iterator", RangeIter { next: Cell::new(s), step: st, remaining: Cell::new(n) });
        }
    }
    alloc_native(
        vm,
        "longrange_iterator",
        LongRangeIter { next: RefCell::new(start.clone()), step: step.clone(), remaining: RefCell::new(len.clone()) },
    )
}

/// The sequence iterator (`iter()` of an object with `__getitem__` only).
pub fn seq_iter(vm: &mut Vm, seq: Value) -> PyResult<Value> {
    Ok(alloc_native(vm, "iterator", SeqIter { seq: RefCell::new(Some(seq)), pos: Cell::new(0) }))
}

/// `iter(callable, sentinel)`.
pub fn callable_iter(vm: &mut Vm, func: Value, sentinel: Value) -> Value {
    alloc_native(vm, "callable_iterator", CallableIter { func: RefCell::new(Some(func)), sentinel })
}

fn generic_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(this) = args.pos().first() else { return Err(vm.type_error("__next__ needs an argument")) };
    match next_impl(vm, this)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

/// Reinterprets a payload whose `TypeId` the caller has just compared.
///
/// # Safety
/// `any.type_id()` must be `TypeId::of::<T>()`.
#[inline(always)]
unsafe fn payload_unchecked<T: 'static>(any: &dyn std::any::Any) -> &T {
    // SAFETY: the caller checked the type id, which is what `downcast_ref`
    // checks before the same pointer cast.
    unsafe { &*(any as *const dyn std::any::Any as *const T) }
}

/// Advances a builtin iterator: `Some(result)` if `it` is one (the result
/// being `Ok(None)` at the end), `None` for any other object.
///
/// One virtual call reads the payload's type id; the hot iterators are
/// then told apart by plain compares and advanced in line, with no
/// `__next__` lookup, no call and, at the end, no StopIteration object.
/// Exact types only (`attrs` is None): a subclass may override `__next__`.
///
/// Plain generators are not advanced here (the builtin `next()` must see
/// their return value as StopIteration's); [`next_for_loop`] takes them too.
#[inline]
pub fn fast_next(vm: &mut Vm, it: &Value) -> Option<PyResult<Option<Value>>> {
    fast_next_impl::<false, _>(vm, it, Some, |_, _| None)
}

/// `vm.next(it)`: [`fast_next`], plain generators resumed directly (their
/// return value is dropped: `for` loops), and `other` for any other
/// iterator. Inlined into `Vm::next`, its one caller.
///
/// Each step's result is returned as it is, not wrapped in an `Option`
/// first: unwrapping it again in `Vm::next` copied the result through a
/// stack slot with one 16-byte load over two 8-byte stores, which stalled
/// on the store forwarding (a third of `Vm::next`'s time in `nqueens`).
#[inline(always)]
pub fn next_for_loop(vm: &mut Vm, it: &Value, other: impl FnOnce(&mut Vm, &Value) -> PyResult<Option<Value>>) -> PyResult<Option<Value>> {
    fast_next_impl::<true, _>(vm, it, |r| r, other)
}

#[inline(always)]
fn fast_next_impl<const GENERATORS: bool, R>(
    vm: &mut Vm,
    it: &Value,
    wrap: impl FnOnce(PyResult<Option<Value>>) -> R,
    other: impl FnOnce(&mut Vm, &Value) -> R,
) -> R {
    use std::any::TypeId;
    let Value::Obj(o) = it else { return other(vm, it) };
    let Data::Native(n) = &o.data else { return other(vm, it) };
    if o.attrs.is_some() {
        return other(vm, it);
    }
    // Upcast (free: the `Any` part of the vtable): one virtual call for the type id.
    let any: &dyn std::any::Any = &**n;
    let tid = any.type_id();
    // SAFETY (every `payload_unchecked` below): guarded by the compare on its line.
    if tid == TypeId::of::<RangeIter>() {
        return wrap(Ok(range_next(unsafe { payload_unchecked::<RangeIter>(any) })));
    }
    if tid == TypeId::of::<ListIter>() {
        return wrap(Ok(list_next(unsafe { payload_unchecked::<ListIter>(any) })));
    }
    if tid == TypeId::of::<TupleIter>() {
        return wrap(Ok(tuple_next(unsafe { payload_unchecked::<TupleIter>(any) })));
    }
    if tid == TypeId::of::<crate::interp::iter::SeqIter>() {
        return wrap(Ok(unsafe { payload_unchecked::<crate::interp::iter::SeqIter>(any) }.advance()));
    }
    if tid == TypeId::of::<Zip>() {
        return wrap(zip_next(vm, unsafe { payload_unchecked::<Zip>(any) }));
    }
    if GENERATORS && tid == TypeId::of::<crate::interp::generator::Generator>() {
        let g = unsafe { payload_unchecked::<crate::interp::generator::Generator>(any) };
        if g.kind == crate::interp::generator::GenKind::Generator {
            return wrap(crate::interp::generator::gen_next_for_loop(vm, it, g));
        }
        return other(vm, it);
    }
    if tid == TypeId::of::<Enumerate>() {
        return wrap(enumerate_next(vm, unsafe { payload_unchecked::<Enumerate>(any) }));
    }
    if tid == TypeId::of::<DictIter>() {
        return wrap(dict_next(vm, unsafe { payload_unchecked::<DictIter>(any) }));
    }
    if tid == TypeId::of::<SetIter>() {
        return wrap(set_next(vm, unsafe { payload_unchecked::<SetIter>(any) }));
    }
    if tid == TypeId::of::<Map>() {
        return wrap(map_next(vm, unsafe { payload_unchecked::<Map>(any) }));
    }
    if tid == TypeId::of::<super::str::StrIter>() {
        return wrap(Ok(super::str::str_iter_advance(vm, unsafe { payload_unchecked::<super::str::StrIter>(any) })));
    }
    if tid == TypeId::of::<Filter>() {
        return wrap(filter_next(vm, unsafe { payload_unchecked::<Filter>(any) }));
    }
    let known = [
        TypeId::of::<Reversed>(),
        TypeId::of::<DictRevIter>(),
        TypeId::of::<LongRangeIter>(),
        TypeId::of::<SeqIter>(),
        TypeId::of::<CallableIter>(),
    ];
    if known.contains(&tid) {
        return wrap(next_impl(vm, it));
    }
    other(vm, it)
}

/// Whether `v` is an exact builtin iterator whose `__iter__` returns
/// itself (`iter()` can hand it back without a lookup).
#[inline]
pub fn is_self_iterator(v: &Value) -> bool {
    let Value::Obj(o) = v else { return false };
    let Data::Native(n) = &o.data else { return false };
    if o.attrs.is_some() {
        return false;
    }
    let any: &dyn std::any::Any = &**n;
    is_self_iterator_payload(any, any.type_id())
}

/// [`is_self_iterator`] for the payload `any` (whose type id is `tid`) of
/// an exact (no `attrs`) native object.
#[inline]
pub fn is_self_iterator_payload(any: &dyn std::any::Any, tid: std::any::TypeId) -> bool {
    use std::any::TypeId;
    if tid == TypeId::of::<crate::interp::generator::Generator>() {
        // SAFETY: the type id was just compared.
        let g = unsafe { payload_unchecked::<crate::interp::generator::Generator>(any) };
        return g.kind == crate::interp::generator::GenKind::Generator;
    }
    [
        TypeId::of::<RangeIter>(),
        TypeId::of::<ListIter>(),
        TypeId::of::<TupleIter>(),
        TypeId::of::<Zip>(),
        TypeId::of::<Enumerate>(),
        TypeId::of::<Map>(),
        TypeId::of::<Filter>(),
        TypeId::of::<DictIter>(),
        TypeId::of::<SetIter>(),
        TypeId::of::<crate::interp::iter::SeqIter>(),
        TypeId::of::<crate::interp::iter::RangeIter>(),
        TypeId::of::<Reversed>(),
        TypeId::of::<DictRevIter>(),
        TypeId::of::<LongRangeIter>(),
        TypeId::of::<SeqIter>(),
        TypeId::of::<CallableIter>(),
        TypeId::of::<super::str::StrIter>(),
    ]
    .contains(&tid)
}

#[inline]
fn range_next(it: &RangeIter) -> Option<Value> {
    let r = it.remaining.get();
    if r == 0 {
        return None;
    }
    let v = it.next.get();
    it.remaining.set(r - 1);
    if r > 1 {
        it.next.set(v.wrapping_add(it.step));
    }
    Some(Value::Int(v))
}

#[inline]
fn list_next(it: &ListIter) -> Option<Value> {
    let seq = it.seq.borrow();
    let Some(seq_v) = &*seq else { return None };
    let Some(l) = seq_v.as_list() else { return None };
    let v = l.borrow();
    let p = it.pos.get();
    if it.reversed {
        if p > 0 && p <= v.len() {
            it.pos.set(p - 1);
            return Some(v[p - 1].clone());
        }
    } else if p < v.len() {
        it.pos.set(p + 1);
        return Some(v[p].clone());
    }
    drop(v);
    drop(seq);
    *it.seq.borrow_mut() = None;
    None
}

#[inline]
fn tuple_next(it: &TupleIter) -> Option<Value> {
    let t = it.seq.as_tuple().unwrap_or(&[]);
    let p = it.pos.get();
    if p < t.len() {
        it.pos.set(p + 1);
        return Some(t[p].clone());
    }
    None
}

#[inline(always)]
fn enumerate_next(vm: &mut Vm, it: &Enumerate) -> PyResult<Option<Value>> {
    // SAFETY: `kind` was found by `step_kind(&it.it)`, and `it.it` never changes.
    let x = unsafe { step(vm, it.kind, &it.it) }?;
    let Some(x) = x else { return Ok(None) };
    let idx = {
        let mut big = it.big.borrow_mut();
        match &mut *big {
            Some(b) => {
                let v = b.clone();
                *b += 1;
                vm.new_bigint(v)
            }
            None => {
                let c = it.count.get();
                match c.checked_add(1) {
                    Some(n) => it.count.set(n),
                    None => *big = Some(BigInt::from(c) + 1),
                }
                Value::Int(c)
            }
        }
    };
    Ok(Some(reuse_pair(vm, &it.last, idx, x)))
}

/// A value that can never hold a reference cycle: inline values, exact
/// strs, ints, floats, complexes and bytes (what `gc::track` would find not
/// to be a container, decided without a call).
#[inline(always)]
fn never_container(v: &Value) -> bool {
    match v {
        Value::Obj(o) => o.attrs.is_none() && matches!(o.data, Data::Str(_) | Data::Int(_) | Data::Float(_) | Data::Complex(..) | Data::Bytes(_)),
        _ => true,
    }
}

/// The `(a, b)` result of a zip or enumerate step, reusing the pair returned
/// last when nothing else refers to it any more (CPython's result-tuple
/// reuse: `for i, x in enumerate(xs)` unpacks each pair and drops it, so one
/// tuple serves the whole loop).
fn reuse_pair(vm: &Vm, last: &RefCell<Value>, a: Value, b: Value) -> Value {
    let Ok(mut slot) = last.try_borrow_mut() else { return vm.new_pair(a, b) };
    if let Value::Obj(rc) = &mut *slot {
        // Unique: only this iterator holds the pair (tuples have no weak references).
        if let Some(o) = std::rc::Rc::get_mut(rc) {
            if let Data::Tuple(TupleItems::Two(items)) = &mut o.data {
                let objects = !never_container(&a) || !never_container(&b);
                let old = std::mem::replace(items, [a, b]);
                let v = Value::Obj(rc.clone());
                drop(slot);
                // New items may be containers: the collector must see the pair then.
                if objects {
                    crate::gc::track(&v);
                }
                drop(old);
                return v;
            }
        }
    }
    let v = vm.new_pair(a, b);
    let old = std::mem::replace(&mut *slot, v.clone());
    drop(slot);
    drop(old);
    v
}

fn dict_next(vm: &mut Vm, it: &DictIter) -> PyResult<Option<Value>> {
    if it.done.get() {
        return Ok(None);
    }
    let d = it.dict.as_dict().expect("dict iterator over a dict");
    let dd = d.borrow();
    if dd.len() != it.len_at_start || dd.mutations != it.mutations.get() {
        // A value replacement is fine (it does not count as a mutation); a
        // size change, or a delete + insert, is an error.
        it.done.set(true);
        return Err(dict_changed(vm, dd.len(), it.len_at_start));
    }
    match dd.next_entry(it.pos.get()) {
        Some((next, e)) => {
            it.pos.set(next);
            let r = match it.kind {
                DictIterKind::Keys => e.key.clone(),
                DictIterKind::Values => e.value.clone(),
                DictIterKind::Items => {
                    let (k, v) = (e.key.clone(), e.value.clone());
                    drop(dd);
                    return Ok(Some(vm.new_pair(k, v)));
                }
            };
            Ok(Some(r))
        }
        None => {
            it.done.set(true);
            Ok(None)
        }
    }
}

fn set_next(vm: &mut Vm, it: &SetIter) -> PyResult<Option<Value>> {
    if it.done.get() {
        return Ok(None);
    }
    let r = super::set::with_set_data(&it.set, |sd| {
        if sd.len() != it.len_at_start {
            return Err(());
        }
        Ok(sd.next_entry(it.pos.get()).map(|(p, v)| (p, v.clone())))
    });
    match r {
        Some(Ok(Some((p, v)))) => {
            it.pos.set(p);
            Ok(Some(v))
        }
        Some(Ok(None)) | None => {
            it.done.set(true);
            Ok(None)
        }
        Some(Err(())) => {
            it.done.set(true);
            Err(vm.runtime_error("Set changed size during iteration"))
        }
    }
}

fn map_next(vm: &mut Vm, m: &Map) -> PyResult<Option<Value>> {
    match &*m.iters {
        [one] => {
            let Some(v) = vm.next(one)? else { return Ok(None) };
            let func = m.func.clone();
            vm.call(&func, std::slice::from_ref(&v)).map(Some)
        }
        [a, b] => {
            let Some(x) = vm.next(a)? else { return Ok(None) };
            let Some(y) = vm.next(b)? else { return Ok(None) };
            let func = m.func.clone();
            vm.call(&func, &[x, y]).map(Some)
        }
        iters => {
            let mut vals = Vec::with_capacity(iters.len());
            for i in iters.iter() {
                match vm.next(i)? {
                    Some(v) => vals.push(v),
                    None => return Ok(None),
                }
            }
            let func = m.func.clone();
            vm.call(&func, &vals).map(Some)
        }
    }
}

fn filter_next(vm: &mut Vm, f: &Filter) -> PyResult<Option<Value>> {
    let (func, src) = (f.func.clone(), f.it.clone());
    let plain_truth = func.is_none() || func.is(&Value::Obj(vm.t.bool_.clone()));
    loop {
        let Some(x) = vm.next(&src)? else { return Ok(None) };
        let keep = if plain_truth {
            vm.truthy(&x)?
        } else {
            let r = vm.call(&func, std::slice::from_ref(&x))?;
            vm.truthy(&r)?
        };
        if keep {
            return Ok(Some(x));
        }
    }
}

pub(crate) fn dict_changed(vm: &Vm, len_now: usize, len_start: usize) -> crate::PyErr {
    if len_now != len_start {
        vm.runtime_error("dictionary changed size during iteration")
    } else {
        vm.runtime_error("dictionary keys changed during iteration")
    }
}

/// One step of any iterator defined in this file.
fn next_impl(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let Value::Obj(o) = this else { return Err(vm.type_error("not an iterator")) };
    let Data::Native(n) = &o.data else { return Err(vm.type_error("not an iterator")) };
    let any = n.as_any();
    if let Some(it) = any.downcast_ref::<RangeIter>() {
        return Ok(range_next(it));
    }
    if let Some(it) = any.downcast_ref::<ListIter>() {
        return Ok(list_next(it));
    }
    if let Some(it) = any.downcast_ref::<TupleIter>() {
        return Ok(tuple_next(it));
    }
    if let Some(it) = any.downcast_ref::<DictIter>() {
        return dict_next(vm, it);
    }
    if let Some(it) = any.downcast_ref::<SetIter>() {
        return set_next(vm, it);
    }
    if let Some(it) = any.downcast_ref::<Enumerate>() {
        return enumerate_next(vm, it);
    }
    if let Some(z) = any.downcast_ref::<Zip>() {
        return zip_next(vm, z);
    }
    if let Some(m) = any.downcast_ref::<Map>() {
        return map_next(vm, m);
    }
    if let Some(f) = any.downcast_ref::<Filter>() {
        return filter_next(vm, f);
    }
    if let Some(it) = any.downcast_ref::<DictRevIter>() {
        if let Some(d) = it.dict.as_dict() {
            if d.borrow().len() != it.len_at_start {
                it.entries.borrow_mut().clear();
                return Err(vm.runtime_error("dictionary changed size during iteration"));
            }
        }
        let e = it.entries.borrow_mut().pop();
        return Ok(match e {
            None => None,
            Some((k, v)) => Some(match it.kind {
                DictIterKind::Keys => k,
                DictIterKind::Values => v,
                DictIterKind::Items => vm.new_pair(k, v),
            }),
        });
    }
    if let Some(it) = any.downcast_ref::<LongRangeIter>() {
        use num_traits::Zero;
        if it.remaining.borrow().is_zero() {
            return Ok(None);
        }
        let v = it.next.borrow().clone();
        *it.remaining.borrow_mut() -= 1;
        *it.next.borrow_mut() += &it.step;
        return Ok(Some(vm.new_bigint(v)));
    }
    if let Some(r) = any.downcast_ref::<Reversed>() {
        let p = r.pos.get();
        let seq = r.seq.borrow().clone();
        let Some(seq) = seq else { return Ok(None) };
        if p == 0 {
            *r.seq.borrow_mut() = None;
            return Ok(None);
        }
        r.pos.set(p - 1);
        let idx = Value::Int(p as i64 - 1);
        return match vm.getitem(&seq, &idx) {
            Ok(v) => Ok(Some(v)),
            Err(e) if vm.is_instance(&e.0, &vm.e.index_error.clone()) || vm.is_instance(&e.0, &vm.e.stop_iteration.clone()) => {
                *r.seq.borrow_mut() = None;
                r.pos.set(0);
                Ok(None)
            }
            Err(e) => Err(e),
        };
    }
    if let Some(s) = any.downcast_ref::<SeqIter>() {
        let seq = s.seq.borrow().clone();
        let Some(seq) = seq else { return Ok(None) };
        let p = s.pos.get();
        let idx = Value::Int(p as i64);
        return match vm.getitem(&seq, &idx) {
            Ok(v) => {
                s.pos.set(p + 1);
                Ok(Some(v))
            }
            Err(e) if vm.is_instance(&e.0, &vm.e.index_error.clone()) || vm.is_instance(&e.0, &vm.e.stop_iteration.clone()) => {
                *s.seq.borrow_mut() = None;
                Ok(None)
            }
            Err(e) => Err(e),
        };
    }
    if let Some(c) = any.downcast_ref::<CallableIter>() {
        let func = c.func.borrow().clone();
        let Some(func) = func else { return Ok(None) };
        let r = match vm.call(&func, &[]) {
            Ok(r) => r,
            Err(e) if vm.is_instance(&e.0, &vm.e.stop_iteration.clone()) => {
                *c.func.borrow_mut() = None;
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        let sentinel = c.sentinel.clone();
        if r.is(&sentinel) || vm.eq(&r, &sentinel)? {
            *c.func.borrow_mut() = None;
            return Ok(None);
        }
        return Ok(Some(r));
    }
    Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(this))))
}

// Inlined into `vm.next`: its result is then written in place (an
// out-of-line call returned it through memory, and the copy after the
// return stalled on the store forwarding).
#[inline(always)]
fn zip_next(vm: &mut Vm, z: &Zip) -> PyResult<Option<Value>> {
    if z.done.get() || z.iters.is_empty() {
        return Ok(None);
    }
    // The common two-way zip builds its pair directly (no vector).
    if let [a, b] = &*z.iters {
        // SAFETY: `kinds` were found by `step_kind` on these iterators when
        // the zip was made, and a zip's iterators are never replaced.
        let Some(x) = (unsafe { step(vm, z.kinds[0], a) })? else { return zip_exhausted(vm, z, 0) };
        let Some(y) = (unsafe { step(vm, z.kinds[1], b) })? else { return zip_exhausted(vm, z, 1) };
        return Ok(Some(reuse_pair(vm, &z.last, x, y)));
    }
    let mut vals = Vec::with_capacity(z.iters.len());
    for (i, it) in z.iters.iter().enumerate() {
        match vm.next(it)? {
            Some(v) => vals.push(v),
            None => return zip_exhausted(vm, z, i),
        }
    }
    Ok(Some(vm.new_tuple(vals)))
}

/// Argument `i` of a zip ran out: the end, or (with `strict=True`) the
/// length-mismatch error.
#[cold]
fn zip_exhausted(vm: &mut Vm, z: &Zip, i: usize) -> PyResult<Option<Value>> {
    z.done.set(true);
    if !z.strict {
        return Ok(None);
    }
    if i > 0 {
        let plural = if i == 1 { " 1".to_string() } else { format!("s 1-{}", i) };
        return Err(vm.value_error(format!("zip() argument {} is shorter than argument{}", i + 1, plural)));
    }
    for (j, other) in z.iters.iter().enumerate().skip(1) {
        if vm.next(other)?.is_some() {
            let plural = if j == 1 { " 1".to_string() } else { format!("s 1-{}", j) };
            return Err(vm.value_error(format!("zip() argument {} is longer than argument{}", j + 1, plural)));
        }
    }
    Ok(None)
}

fn length_hint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(this) = args.pos().first() else { return Err(vm.type_error("__length_hint__ needs an argument")) };
    let Value::Obj(o) = this else { return Ok(Value::Int(0)) };
    let Data::Native(n) = &o.data else { return Ok(Value::Int(0)) };
    let any = n.as_any();
    let hint: usize = if let Some(it) = any.downcast_ref::<ListIter>() {
        match &*it.seq.borrow() {
            Some(s) => {
                let len = s.as_list().map_or(0, |l| l.borrow().len());
                if it.reversed { it.pos.get().min(len) } else { len.saturating_sub(it.pos.get()) }
            }
            None => 0,
        }
    } else if let Some(it) = any.downcast_ref::<TupleIter>() {
        it.seq.as_tuple().map_or(0, |t| t.len()).saturating_sub(it.pos.get())
    } else if let Some(it) = any.downcast_ref::<RangeIter>() {
        it.remaining.get() as usize
    } else if let Some(it) = any.downcast_ref::<LongRangeIter>() {
        let r = it.remaining.borrow().clone();
        return Ok(vm.new_bigint(r));
    } else if let Some(it) = any.downcast_ref::<DictIter>() {
        if it.done.get() {
            0
        } else {
            it.dict.as_dict().map_or(0, |d| d.borrow().len()).min(it.len_at_start).saturating_sub(count_consumed(it))
        }
    } else if let Some(it) = any.downcast_ref::<DictRevIter>() {
        it.entries.borrow().len()
    } else if let Some(it) = any.downcast_ref::<SetIter>() {
        if it.done.get() {
            0
        } else {
            let pos = it.pos.get();
            super::set::with_set_data(&it.set, |sd| {
                let mut n = 0;
                let mut p = pos;
                while let Some((np, _)) = sd.next_entry(p) {
                    n += 1;
                    p = np;
                }
                n
            })
            .unwrap_or(0)
        }
    } else if let Some(r) = any.downcast_ref::<Reversed>() {
        if r.seq.borrow().is_some() { r.pos.get() } else { 0 }
    } else {
        return Ok(vm.not_implemented.clone());
    };
    Ok(Value::Int(hint as i64))
}

fn count_consumed(it: &DictIter) -> usize {
    let Some(d) = it.dict.as_dict() else { return 0 };
    let d = d.borrow();
    let mut n = 0;
    let mut p = 0;
    while let Some((np, _)) = d.next_entry(p) {
        if np > it.pos.get() {
            break;
        }
        n += 1;
        p = np;
    }
    n
}

fn cls_of(vm: &Vm, args: &Args, what: &str) -> PyResult<PyRef> {
    match args.pos().first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => Ok(o.clone()),
        _ => Err(vm.type_error(format!("{}.__new__(X): X is not a type object", what))),
    }
}

fn enumerate_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_of(vm, &args, "enumerate")?;
    let pos = &args.pos()[1..];
    let mut iterable = pos.first().cloned();
    let mut start = pos.get(1).cloned();
    if pos.len() > 2 {
        return Err(vm.type_error(format!("enumerate() takes at most 2 arguments ({} given)", pos.len() + args.kwnames.len())));
    }
    for (k, v) in args.kwargs() {
        match k {
            "iterable" if iterable.is_none() => iterable = Some(v.clone()),
            "start" if start.is_none() => start = Some(v.clone()),
            "iterable" | "start" => {
                return Err(vm.type_error(format!("argument for enumerate() given by name ('{}') and position ({})", k, if k == "iterable" { 1 } else { 2 })))
            }
            _ => return Err(vm.type_error(format!("enumerate() got an unexpected keyword argument '{}'", k))),
        }
    }
    let Some(iterable) = iterable else { return Err(vm.type_error("enumerate() missing required argument 'iterable'")) };
    let (count, big) = match &start {
        None => (0, None),
        Some(s) => match super::container_helpers::to_bigint(vm, s)? {
            Some(b) => match num_traits::ToPrimitive::to_i64(&b) {
                Some(i) => (i, None),
                None => (0, Some(b)),
            },
            None => return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(s)))),
        },
    };
    let (it, kind) = iter_with_kind(vm, &iterable)?;
    Ok(vm.alloc(cls, Data::Native(Box::new(Enumerate { it, count: Cell::new(count), big: RefCell::new(big), last: RefCell::new(Value::None), kind }))))
}

fn zip_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_of(vm, &args, "zip")?;
    let mut strict = false;
    for (k, v) in args.kwargs() {
        if k == "strict" {
            strict = vm.truthy(v)?;
        } else {
            return Err(vm.type_error(format!("'{}' is an invalid keyword argument for zip()", k)));
        }
    }
    let (iters, kinds) = match &args.pos()[1..] {
        [a, b] => {
            let (ia, ka) = iter_with_kind(vm, a)?;
            let (ib, kb) = iter_with_kind(vm, b)?;
            (TupleItems::Two([ia, ib]), [ka, kb])
        }
        rest => (iter_all(vm, rest)?, [StepKind::Other; 2]),
    };
    Ok(vm.alloc(cls, Data::Native(Box::new(Zip { iters, strict, done: Cell::new(false), last: RefCell::new(Value::None), kinds }))))
}

/// What an iterator argument of zip/enumerate is, found once when they are
/// made: the builtin iterators whose step is a few loads are advanced in
/// line, the rest through `vm.next`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StepKind {
    List,
    Tuple,
    Range,
    Other,
}

/// The [`StepKind`] of `v` (exact builtin iterator objects only: a
/// subclass instance may override `__next__`).
fn step_kind(v: &Value) -> StepKind {
    use std::any::TypeId;
    let Value::Obj(o) = v else { return StepKind::Other };
    let (Data::Native(n), None) = (&o.data, &o.attrs) else { return StepKind::Other };
    let any: &dyn std::any::Any = &**n;
    let tid = any.type_id();
    if tid == TypeId::of::<ListIter>() {
        StepKind::List
    } else if tid == TypeId::of::<TupleIter>() {
        StepKind::Tuple
    } else if tid == TypeId::of::<RangeIter>() {
        StepKind::Range
    } else {
        StepKind::Other
    }
}

/// `iter(v)` and its [`StepKind`]: exact lists and tuples get their
/// iterator here with the kind known (no type-id call to find it).
fn iter_with_kind(vm: &mut Vm, v: &Value) -> PyResult<(Value, StepKind)> {
    if let Value::Obj(o) = v {
        match &o.data {
            Data::List(_) if std::rc::Rc::ptr_eq(&o.ty, &vm.t.list) => return Ok((new_list_iter(vm, v.clone(), false), StepKind::List)),
            Data::Tuple(_) if std::rc::Rc::ptr_eq(&o.ty, &vm.t.tuple) => return Ok((new_tuple_iter(vm, v.clone()), StepKind::Tuple)),
            _ => {}
        }
    }
    let it = vm.iter(v)?;
    let kind = step_kind(&it);
    Ok((it, kind))
}

/// The native payload of `v`, known to be a `T`.
///
/// # Safety
/// `v` must be an object whose native payload is a `T`.
#[inline(always)]
unsafe fn payload_of<T: 'static>(v: &Value) -> &T {
    let Value::Obj(o) = v else { unreachable!("a native iterator") };
    let Data::Native(n) = &o.data else { unreachable!("a native iterator") };
    // SAFETY: the caller guarantees the payload type.
    unsafe { payload_unchecked::<T>(&**n) }
}

/// One step of iterator `it`, whose kind is `kind`.
///
/// # Safety
/// `kind` must be `step_kind(it)`.
#[inline(always)]
unsafe fn step(vm: &mut Vm, kind: StepKind, it: &Value) -> PyResult<Option<Value>> {
    // SAFETY (each arm): the kind names the payload type.
    match kind {
        StepKind::List => Ok(list_next(unsafe { payload_of::<ListIter>(it) })),
        StepKind::Tuple => Ok(tuple_next(unsafe { payload_of::<TupleIter>(it) })),
        StepKind::Range => Ok(range_next(unsafe { payload_of::<RangeIter>(it) })),
        StepKind::Other => vm.next(it),
    }
}

/// `iter()` of each of `iterables`, in order.
fn iter_all(vm: &mut Vm, iterables: &[Value]) -> PyResult<TupleItems> {
    Ok(match iterables {
        [] => TupleItems::Empty,
        [a] => TupleItems::One(vm.iter(a)?),
        [a, b] => {
            let a = vm.iter(a)?;
            TupleItems::Two([a, vm.iter(b)?])
        }
        _ => {
            let mut iters = Vec::with_capacity(iterables.len());
            for a in iterables {
                iters.push(vm.iter(a)?);
            }
            TupleItems::Many(iters.into_boxed_slice())
        }
    })
}

fn map_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_of(vm, &args, "map")?;
    if args.has_kwargs() && super::container_helpers::is_exact(&Value::Obj(cls.clone()), &vm.type_type) {
        return Err(vm.type_error("map() takes no keyword arguments"));
    }
    let pos = &args.pos()[1..];
    if args.has_kwargs() {
        return Err(vm.type_error("map() takes no keyword arguments"));
    }
    if pos.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let iters = iter_all(vm, &pos[1..])?;
    Ok(vm.alloc(cls, Data::Native(Box::new(Map { func: pos[0].clone(), iters }))))
}

fn filter_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_of(vm, &args, "filter")?;
    if args.has_kwargs() {
        return Err(vm.type_error("filter() takes no keyword arguments"));
    }
    let pos = &args.pos()[1..];
    check_pos(vm, "filter", pos, 2, 2)?;
    let it = vm.iter(&pos[1])?;
    Ok(vm.alloc(cls, Data::Native(Box::new(Filter { func: pos[0].clone(), it }))))
}

fn reversed_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_of(vm, &args, "reversed")?;
    if args.has_kwargs() {
        return Err(vm.type_error("reversed() takes no keyword arguments"));
    }
    let pos = &args.pos()[1..];
    check_pos(vm, "reversed", pos, 1, 1)?;
    let seq = pos[0].clone();
    let ty = vm.type_of(&seq);
    match crate::slots::special(&ty, "__reversed__") {
        Some(Value::None) => return Err(vm.type_error(format!("'{}' object is not reversible", crate::types::tdata(&ty).name()))),
        Some(f) => return vm.call(&f, &[seq]),
        None => {}
    }
    let is_dict = vm.is_instance(&seq, &vm.t.dict.clone());
    if is_dict || crate::slots::special(&ty, "__getitem__").is_none() {
        return Err(vm.type_error(format!("'{}' object is not reversible", crate::types::tdata(&ty).name())));
    }
    let n = vm.len(&seq)?;
    Ok(vm.alloc(cls, Data::Native(Box::new(Reversed { seq: RefCell::new(Some(seq)), pos: Cell::new(n) }))))
}
