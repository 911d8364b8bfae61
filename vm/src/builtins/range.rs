//! (Owned by the containers/builtins engineer.) `range` (machine-int
//! bounds when they and the length fit an i64, big ints otherwise; O(1)
//! `len`/indexing/containment for ints, slicing to ranges, `count`/`index`,
//! equality and hashing by the sequence it represents) and `slice`
//! (`indices()`, equality, ordering, hashing as in 3.12).
//!
//! `range(n)` is made in loops (`for i in range(len(x))`, `zip(range(n),
//! ...)`): a machine-int range is one allocation for the payload and its
//! iterators are made without big-int conversions. Neither holds a
//! reference to another object, so neither is registered with the cycle
//! collector. Only the cold methods (slicing, containment, repr, hash,
//! equality) work on big ints, through [`RangeData::big`].

use super::container_helpers::{
    add_methods, as_slice, check_pos, extra_type, index_exact, is_int, no_kwargs, self_and_one, self_only, slice_indices, to_bigint, SliceData,
};
use crate::function::Args;
use crate::types::Layout;
use crate::value::{Data, NativeData, Value};
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::bytecode::CompareOperator;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// The `range` payload.
pub enum RangeData {
    /// Bounds, step and length all fit an i64 (step is never 0).
    Small { start: i64, stop: i64, step: i64, len: i64 },
    Big(Box<BigRange>),
}

/// A range's bounds as big ints.
#[derive(Clone)]
pub struct BigRange {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
    pub len: BigInt,
}

impl NativeData for RangeData {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl RangeData {
    /// The machine-int form of `range(start, stop, step)` (step != 0), if
    /// the length fits too.
    #[inline]
    pub fn small(start: i64, stop: i64, step: i64) -> Option<RangeData> {
        // The distance between two i64s and |step| fit a u64.
        let len: u64 = if step > 0 && start < stop {
            let span = stop.wrapping_sub(start) as u64 - 1;
            if step == 1 { span + 1 } else { span / step as u64 + 1 }
        } else if step < 0 && start > stop {
            (start.wrapping_sub(stop) as u64 - 1) / step.unsigned_abs() + 1
        } else {
            0
        };
        let len = i64::try_from(len).ok()?;
        Some(RangeData::Small { start, stop, step, len })
    }

    /// The range with big-int fields (step != 0), small when it fits.
    pub fn from_big(start: BigInt, stop: BigInt, step: BigInt) -> RangeData {
        if let (Some(a), Some(b), Some(c)) = (start.to_i64(), stop.to_i64(), step.to_i64()) {
            if let Some(r) = RangeData::small(a, b, c) {
                return r;
            }
        }
        let len = range_length(&start, &stop, &step);
        RangeData::Big(Box::new(BigRange { start, stop, step, len }))
    }

    /// The bounds as big ints (cold paths).
    pub fn big(&self) -> std::borrow::Cow<'_, BigRange> {
        match self {
            RangeData::Small { start, stop, step, len } => std::borrow::Cow::Owned(BigRange {
                start: BigInt::from(*start),
                stop: BigInt::from(*stop),
                step: BigInt::from(*step),
                len: BigInt::from(*len),
            }),
            RangeData::Big(b) => std::borrow::Cow::Borrowed(b),
        }
    }

    /// `(start, stop, step)` when they are machine ints.
    #[inline]
    pub fn small_bounds(&self) -> Option<(i64, i64, i64)> {
        match self {
            RangeData::Small { start, stop, step, .. } => Some((*start, *stop, *step)),
            RangeData::Big(_) => None,
        }
    }

    /// The length, when it fits an i64.
    #[inline]
    pub fn len_i64(&self) -> Option<i64> {
        match self {
            RangeData::Small { len, .. } => Some(*len),
            RangeData::Big(b) => b.len.to_i64(),
        }
    }
}

/// A new range object (not registered with the collector: it holds no
/// references).
fn range_object(vm: &Vm, data: RangeData) -> Value {
    Value::Obj(crate::value::Object::new_rc(extra_type(vm, "range"), Data::Native(Box::new(data))))
}

/// `iter(r)` of a range.
pub fn new_iter(vm: &mut Vm, r: &RangeData) -> Value {
    match r {
        RangeData::Small { start, step, len, .. } => {
            // The value after the last one may not fit an i64; the
            // iterator never computes past its last value.
            let it = super::iterators::RangeIter { next: std::cell::Cell::new(*start), step: *step, remaining: std::cell::Cell::new(*len as u64) };
            Value::Obj(crate::value::Object::new_rc(extra_type(vm, "range_iterator"), Data::Native(Box::new(it))))
        }
        RangeData::Big(b) => super::iterators::new_range_iter(vm, &b.start, &b.step, &b.len),
    }
}

pub fn init(vm: &mut Vm) {
    let r = vm.new_builtin_type("range", None, Layout::Native, 0);
    vm.extra_types.insert("range", r.clone());
    vm.add_staticmethod(&r, "__new__", range_new);
    add_methods(
        vm,
        &r,
        &[
            ("__len__", range_len),
            ("__bool__", range_bool),
            ("__iter__", range_iter),
            ("__reversed__", range_reversed),
            ("__getitem__", range_getitem),
            ("__contains__", range_contains),
            ("__repr__", range_repr),
            ("__hash__", range_hash),
            ("__eq__", |vm, a| range_cmp(vm, a, false)),
            ("__ne__", |vm, a| range_cmp(vm, a, true)),
            ("__reduce__", range_reduce),
            ("count", range_count),
            ("index", range_index),
        ],
    );
    super::object::add_getset(vm, &r, "start", |vm, o| range_field(vm, o, 0), None);
    super::object::add_getset(vm, &r, "stop", |vm, o| range_field(vm, o, 1), None);
    super::object::add_getset(vm, &r, "step", |vm, o| range_field(vm, o, 2), None);

    let s = vm.new_builtin_type("slice", None, Layout::Native, 0);
    vm.extra_types.insert("slice", s.clone());
    vm.add_staticmethod(&s, "__new__", slice_new);
    add_methods(
        vm,
        &s,
        &[
            ("indices", slice_indices_m),
            ("__repr__", slice_repr),
            ("__hash__", slice_hash),
            ("__eq__", |vm, a| slice_cmp(vm, a, CompareOperator::Eq)),
            ("__ne__", |vm, a| slice_cmp(vm, a, CompareOperator::Ne)),
            ("__lt__", |vm, a| slice_cmp(vm, a, CompareOperator::Lt)),
            ("__le__", |vm, a| slice_cmp(vm, a, CompareOperator::Le)),
            ("__gt__", |vm, a| slice_cmp(vm, a, CompareOperator::Gt)),
            ("__ge__", |vm, a| slice_cmp(vm, a, CompareOperator::Ge)),
            ("__reduce__", slice_reduce),
        ],
    );
    super::object::add_getset(vm, &s, "start", |vm, o| slice_field(vm, o, 0), None);
    super::object::add_getset(vm, &s, "stop", |vm, o| slice_field(vm, o, 1), None);
    super::object::add_getset(vm, &s, "step", |vm, o| slice_field(vm, o, 2), None);
}

fn range_length(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    if step.is_positive() {
        if start < stop {
            (stop - start - 1u8).div_floor(step) + 1u8
        } else {
            BigInt::zero()
        }
    } else if start > stop {
        (start - stop - 1u8).div_floor(&-step) + 1u8
    } else {
        BigInt::zero()
    }
}

/// A range object from big-int bounds.
pub fn new_range(vm: &Vm, start: BigInt, stop: BigInt, step: BigInt) -> Value {
    range_object(vm, RangeData::from_big(start, stop, step))
}

fn range_arg(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    match to_bigint(vm, v)? {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v)))),
    }
}

fn range_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    // `range(n)` / `range(i, j)` of machine ints: no argument checks.
    if !args.has_kwargs() {
        let small = match args.pos() {
            [_, Value::Int(b)] => RangeData::small(0, *b, 1),
            [_, Value::Int(a), Value::Int(b)] => RangeData::small(*a, *b, 1),
            _ => None,
        };
        if let Some(data) = small {
            return Ok(range_object(vm, data));
        }
    }
    no_kwargs(vm, "range", &args)?;
    let p = &args.pos()[1..];
    check_pos(vm, "range", p, 1, 3)?;
    // Machine-int bounds (`range(n)`, `range(i, j)`): the length in u64
    // arithmetic, no big-int temporaries.
    let small = match p {
        [Value::Int(b)] => Some((0, *b, 1)),
        [Value::Int(a), Value::Int(b)] => Some((*a, *b, 1)),
        [Value::Int(a), Value::Int(b), Value::Int(c)] if *c != 0 => Some((*a, *b, *c)),
        _ => None,
    };
    if let Some(data) = small.and_then(|(start, stop, step)| RangeData::small(start, stop, step)) {
        return Ok(range_object(vm, data));
    }
    let (start, stop, step) = match p.len() {
        1 => (BigInt::zero(), range_arg(vm, &p[0])?, BigInt::one()),
        2 => (range_arg(vm, &p[0])?, range_arg(vm, &p[1])?, BigInt::one()),
        _ => (range_arg(vm, &p[0])?, range_arg(vm, &p[1])?, range_arg(vm, &p[2])?),
    };
    if step.is_zero() {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    Ok(new_range(vm, start, stop, step))
}

fn rd<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a RangeData> {
    v.native::<RangeData>().ok_or_else(|| vm.type_error(format!("descriptor requires a 'range' object but received a '{}'", vm.type_name(v))))
}

fn range_field(vm: &mut Vm, o: &Value, i: usize) -> PyResult<Value> {
    let r = rd(vm, o)?;
    if let Some((a, b, c)) = r.small_bounds() {
        return Ok(Value::Int([a, b, c][i.min(2)]));
    }
    let r = r.big();
    let v = match i {
        0 => r.start.clone(),
        1 => r.stop.clone(),
        _ => r.step.clone(),
    };
    Ok(vm.new_bigint(v))
}

fn range_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "range.__len__", &args)?;
    let r = rd(vm, this)?;
    match r.len_i64() {
        Some(n) => Ok(Value::Int(n)),
        None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

fn range_bool(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "range.__bool__", &args)?;
    Ok(Value::bool(match rd(vm, this)? {
        RangeData::Small { len, .. } => *len != 0,
        RangeData::Big(b) => !b.len.is_zero(),
    }))
}

fn range_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "range.__iter__", &args)?;
    let r = rd(vm, this)?;
    Ok(new_iter(vm, r))
}

fn range_reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "range.__reversed__", &args)?;
    let r = rd(vm, this)?.big();
    let last = &r.start + (&r.len - 1u8) * &r.step;
    let (st, n) = (-r.step.clone(), r.len.clone());
    Ok(super::iterators::new_range_iter(vm, &last, &st, &n))
}

/// `r[i]` as a big int (i already normalised and in range).
fn item_at(r: &BigRange, i: &BigInt) -> BigInt {
    &r.start + i * &r.step
}

fn range_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, key) = self_and_one(vm, "range.__getitem__", &args)?;
    let r = rd(vm, this)?;
    if let (RangeData::Small { start, step, len, .. }, Value::Int(i)) = (r, key) {
        let j = if *i < 0 { i.checked_add(*len) } else { Some(*i) };
        return match j {
            // start + j*step lies between start and the last value: it fits.
            Some(j) if j >= 0 && j < *len => Ok(Value::Int(start + j * step)),
            _ => Err(vm.index_error("range object index out of range")),
        };
    }
    let r = r.big();
    let r = &*r;
    if let Some(s) = as_slice(key) {
        return range_slice(vm, r, s);
    }
    let Some(i) = to_bigint(vm, key)? else {
        return Err(vm.type_error(format!("range indices must be integers or slices, not {}", vm.type_name(key))));
    };
    let i = if i.is_negative() { i + &r.len } else { i };
    if i.is_negative() || i >= r.len {
        return Err(vm.index_error("range object index out of range"));
    }
    let v = item_at(r, &i);
    Ok(vm.new_bigint(v))
}

/// Slicing with big-int arithmetic (CPython's `compute_slice`).
fn range_slice(vm: &mut Vm, r: &BigRange, s: &SliceData) -> PyResult<Value> {
    let step = if s.step.is_none() {
        BigInt::one()
    } else {
        match to_bigint(vm, &s.step)? {
            Some(b) => b,
            None => return Err(vm.type_error("slice indices must be integers or None or have an __index__ method")),
        }
    };
    if step.is_zero() {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let len = r.len.clone();
    let neg = step.is_negative();
    let (lower, upper) = if neg { (BigInt::from(-1), &len - 1u8) } else { (BigInt::zero(), len.clone()) };
    let bound = |vm: &mut Vm, v: &Value, default: BigInt| -> PyResult<BigInt> {
        if v.is_none() {
            return Ok(default);
        }
        let Some(mut b) = to_bigint(vm, v)? else {
            return Err(vm.type_error("slice indices must be integers or None or have an __index__ method"));
        };
        if b.is_negative() {
            b += &len;
            if b < lower {
                b = lower.clone();
            }
        } else if b > upper {
            b = upper.clone();
        }
        Ok(b)
    };
    let start = bound(vm, &s.start, if neg { upper.clone() } else { lower.clone() })?;
    let stop = bound(vm, &s.stop, if neg { lower.clone() } else { upper.clone() })?;
    let new_step = &r.step * &step;
    let new_start = &r.start + &start * &r.step;
    let new_stop = &r.start + &stop * &r.step;
    Ok(new_range(vm, new_start, new_stop, new_step))
}

/// Whether the int `x` is one of the range's values.
fn contains_int(r: &BigRange, x: &BigInt) -> bool {
    let in_bounds = if r.step.is_positive() { &r.start <= x && x < &r.stop } else { &r.stop < x && x <= &r.start };
    in_bounds && ((x - &r.start).mod_floor(&r.step)).is_zero()
}

/// An exact int (or bool) argument as a big int, else None.
fn exact_int(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(b.get() as i64)),
        Value::Obj(o) => match &o.data {
            Data::Int(i) => Some(i.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// Membership by scanning (non-int arguments compare with `==`).
fn contains_scan(vm: &mut Vm, this: &Value, x: &Value) -> PyResult<bool> {
    let it = vm.iter(this)?;
    while let Some(v) = vm.next(&it)? {
        if vm.eq(&v, x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn range_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, x) = self_and_one(vm, "range.__contains__", &args)?;
    let r = rd(vm, this)?.big();
    if let Some(i) = exact_int(x) {
        return Ok(Value::bool(contains_int(&r, &i)));
    }
    Ok(Value::bool(contains_scan(vm, this, x)?))
}

fn range_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, x) = self_and_one(vm, "range.count", &args)?;
    let r = rd(vm, this)?.big();
    if let Some(i) = exact_int(x) {
        return Ok(Value::Int(contains_int(&r, &i) as i64));
    }
    let it = vm.iter(this)?;
    let mut n = 0;
    while let Some(v) = vm.next(&it)? {
        if vm.eq(&v, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn range_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, x) = self_and_one(vm, "range.index", &args)?;
    let r = rd(vm, this)?.big();
    if let Some(i) = exact_int(x) {
        if contains_int(&r, &i) {
            let idx = (i - &r.start) / &r.step;
            return Ok(vm.new_bigint(idx));
        }
        let rep = vm.repr_string(x)?;
        return Err(vm.value_error(format!("{} is not in range", rep)));
    }
    let it = vm.iter(this)?;
    let mut n = 0i64;
    while let Some(v) = vm.next(&it)? {
        if vm.eq(&v, x)? {
            return Ok(Value::Int(n));
        }
        n += 1;
    }
    Err(vm.value_error("sequence.index(x): x not in sequence"))
}

fn range_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "range.__repr__", &args)?;
    let r = rd(vm, this)?.big();
    let s = if r.step.is_one() { format!("range({}, {})", r.start, r.stop) } else { format!("range({}, {}, {})", r.start, r.stop, r.step) };
    Ok(vm.new_str(s))
}

/// Ranges are equal when they represent the same sequence.
fn ranges_equal(a: &BigRange, b: &BigRange) -> bool {
    if a.len != b.len {
        return false;
    }
    if a.len.is_zero() {
        return true;
    }
    if a.start != b.start {
        return false;
    }
    a.len.is_one() || a.step == b.step
}

fn range_cmp(vm: &mut Vm, args: Args, negate: bool) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "range.__eq__", &args)?;
    let a = rd(vm, this)?.big();
    let Some(b) = other.native::<RangeData>() else { return Ok(vm.not_implemented.clone()) };
    Ok(Value::bool(ranges_equal(&a, &b.big()) != negate))
}

fn range_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "range.__hash__", &args)?;
    let r = rd(vm, this)?.big();
    // hash((len, start, step)) with start/step None when they do not matter.
    let len_h = crate::hash::bigint_hash(&r.len);
    let none_h = 0xFCA86420i64;
    let (start_h, step_h) = if r.len.is_zero() {
        (none_h, none_h)
    } else if r.len.is_one() {
        (crate::hash::bigint_hash(&r.start), none_h)
    } else {
        (crate::hash::bigint_hash(&r.start), crate::hash::bigint_hash(&r.step))
    };
    Ok(Value::Int(crate::hash::tuple_hash([len_h, start_h, step_h].into_iter())))
}

fn range_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "range.__reduce__", &args)?;
    let r = rd(vm, this)?.big();
    let (a, b, c) = (r.start.clone(), r.stop.clone(), r.step.clone());
    let items = vec![vm.new_bigint(a), vm.new_bigint(b), vm.new_bigint(c)];
    let t = vm.new_tuple(items);
    let ty = Value::Obj(extra_type(vm, "range"));
    Ok(vm.new_pair(ty, t))
}

// ----- slice -----------------------------------------------------------------

thread_local! {
    /// The last slice made of inline parts (None, ints), kept for reuse:
    /// when nothing else holds it any more (`a[i:j:k]` drops its slice right
    /// after the subscript), the next such slice is this object with its
    /// parts rewritten, as CPython keeps one freed slice for the next.
    /// Holding only inline values, it keeps nothing else alive. Kept with
    /// the address of its VM's `object` type, which tells whose it is
    /// without a type lookup (the slice's type holds that `object` type, so
    /// no other VM's can take its address while the entry lives).
    static SLICE_CACHE: std::cell::UnsafeCell<Option<(crate::PyRef, usize)>> = const { std::cell::UnsafeCell::new(None) };
}

/// A slice object: registered with the collector only when one of its
/// parts is (a slice of ints or None cannot be part of a cycle).
pub fn new_slice(vm: &Vm, start: Value, stop: Value, step: Value) -> Value {
    let inline = |v: &Value| !matches!(v, Value::Obj(_));
    if inline(&start) && inline(&stop) && inline(&step) {
        return new_inline_slice(vm, start, stop, step);
    }
    let container = [&start, &stop, &step].iter().any(|v| matches!(v, Value::Obj(o) if crate::gc::is_tracked(o)));
    let o = crate::value::Object::new_rc(extra_type(vm, "slice"), Data::Native(Box::new(SliceData { start, stop, step })));
    if container {
        crate::gc::track_container(&o);
    }
    Value::Obj(o)
}

/// [`new_slice`] for parts that are all inline values: the cached slice
/// rewritten when only the cache holds it, else a new one that becomes
/// the cached one.
#[inline]
fn new_inline_slice(vm: &Vm, start: Value, stop: Value, step: Value) -> Value {
    let owner = std::rc::Rc::as_ptr(&vm.t.object) as usize;
    let (made, replaced) = SLICE_CACHE.with(|cache| {
        // SAFETY: the cache is this thread's own; nothing below runs code
        // that could reach it again (no Python code; the entry replaced is
        // dropped outside).
        let cache = unsafe { &mut *cache.get() };
        if let Some((o, o_owner)) = cache {
            if *o_owner == owner {
                if let Some(obj) = std::rc::Rc::get_mut(o) {
                    if let Data::Native(payload) = &mut obj.data {
                        // The cached object's payload is a `SliceData`: it
                        // is only ever made below.
                        let p = &mut **payload as *mut dyn NativeData as *mut SliceData;
                        // SAFETY: `p` is the unique (`get_mut`) payload; its
                        // old parts are inline values, which own nothing.
                        unsafe {
                            std::ptr::write(&mut (*p).start, start);
                            std::ptr::write(&mut (*p).stop, stop);
                            std::ptr::write(&mut (*p).step, step);
                        }
                        return (Value::Obj(o.clone()), None);
                    }
                }
            }
        }
        let o = crate::value::Object::new_rc(extra_type(vm, "slice"), Data::Native(Box::new(SliceData { start, stop, step })));
        (Value::Obj(o.clone()), cache.replace((o, owner)))
    });
    // The slice this one replaces in the cache is released outside it.
    drop(replaced);
    made
}

fn slice_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_kwargs(vm, "slice", &args)?;
    let p = &args.pos()[1..];
    check_pos(vm, "slice", p, 1, 3)?;
    let (start, stop, step) = match p.len() {
        1 => (Value::None, p[0].clone(), Value::None),
        2 => (p[0].clone(), p[1].clone(), Value::None),
        _ => (p[0].clone(), p[1].clone(), p[2].clone()),
    };
    Ok(new_slice(vm, start, stop, step))
}

fn sd<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a SliceData> {
    v.native::<SliceData>().ok_or_else(|| vm.type_error(format!("descriptor requires a 'slice' object but received a '{}'", vm.type_name(v))))
}

fn slice_field(vm: &mut Vm, o: &Value, i: usize) -> PyResult<Value> {
    let s = sd(vm, o)?;
    Ok(match i {
        0 => s.start.clone(),
        1 => s.stop.clone(),
        _ => s.step.clone(),
    })
}

fn slice_indices_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, len) = self_and_one(vm, "slice.indices", &args)?;
    let s = sd(vm, this)?;
    let Some(n) = index_exact(vm, len)? else {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(len))));
    };
    if n < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let si = slice_indices(vm, s, n as usize)?;
    Ok(vm.new_tuple(vec![Value::Int(si.start), Value::Int(si.stop), Value::Int(si.step)]))
}

fn slice_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "slice.__repr__", &args)?;
    let s = sd(vm, this)?;
    let (a, b, c) = (s.start.clone(), s.stop.clone(), s.step.clone());
    let ra = vm.repr_string(&a)?;
    let rb = vm.repr_string(&b)?;
    let rc = vm.repr_string(&c)?;
    Ok(vm.new_str(format!("slice({}, {}, {})", ra, rb, rc)))
}

fn slice_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "slice.__hash__", &args)?;
    let s = sd(vm, this)?;
    let parts = [s.start.clone(), s.stop.clone(), s.step.clone()];
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for p in parts.iter() {
        let h = vm.hash(p)? as u64;
        acc = acc.wrapping_add(h.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    if acc == u64::MAX {
        return Ok(Value::Int(1546275796));
    }
    Ok(Value::Int(acc as i64))
}

fn slice_cmp(vm: &mut Vm, args: Args, op: CompareOperator) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "slice.__eq__", &args)?;
    let a = sd(vm, this)?;
    let Some(b) = other.native::<SliceData>() else { return Ok(vm.not_implemented.clone()) };
    let ta = vm.new_tuple(vec![a.start.clone(), a.stop.clone(), a.step.clone()]);
    let tb = vm.new_tuple(vec![b.start.clone(), b.stop.clone(), b.step.clone()]);
    vm.compare(&ta, &tb, op)
}

fn slice_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "slice.__reduce__", &args)?;
    let s = sd(vm, this)?;
    let t = vm.new_tuple(vec![s.start.clone(), s.stop.clone(), s.step.clone()]);
    let ty = Value::Obj(extra_type(vm, "slice"));
    Ok(vm.new_pair(ty, t))
}

/// Whether `v` is an int usable as a range bound without `__index__`.
pub fn is_plain_int(v: &Value) -> bool {
    is_int(v)
}
