//! Slicing on the loop's paths: `a[i:j]`, `a[i:j] = v` and `a[i:j:k]`
//! subscripts of exact lists, tuples and strs without a slice object, and
//! the slice objects `BuildSlice` makes.

use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::rc::Rc;

/// A slice object for `BuildSlice` and the slicing opcodes' slow paths.
pub fn new_slice(vm: &mut Vm, start: Value, stop: Value, step: Value) -> PyResult<Value> {
    // Built directly (not by calling the `slice` type): `a[i:j]` is hot.
    Ok(crate::builtins::range::new_slice(vm, start, stop, step))
}

/// `start:stop` bounds (None or machine ints) of a step-1 slice over `len`
/// items, clamped as `slice.indices` does; None for other bound types.
#[inline]
fn step1_bounds(start: &Value, stop: &Value, len: usize) -> Option<(usize, usize)> {
    let len = len as i64;
    let clamp = |v: &Value, default: i64| -> Option<i64> {
        match v {
            Value::None => Some(default),
            Value::Int(i) => Some(if *i < 0 { (*i + len).max(0) } else { (*i).min(len) }),
            _ => None,
        }
    };
    let a = clamp(start, 0)?;
    let b = clamp(stop, len)?;
    Some((a as usize, b.max(a) as usize))
}

/// `container[start:stop]` for an exact list or tuple with None/int bounds,
/// without making a slice object (CPython's `BINARY_SLICE` does the same).
pub fn fast_slice(vm: &mut Vm, container: &Value, start: &Value, stop: &Value) -> Option<Value> {
    let Value::Obj(o) = container else { return None };
    match &o.data {
        Data::List(l) if Rc::ptr_eq(&o.ty, &vm.t.list) => {
            let items = l.try_borrow().ok()?;
            let (a, b) = step1_bounds(start, stop, items.len())?;
            let part = items[a..b].to_vec();
            drop(items);
            Some(vm.new_list(part))
        }
        Data::Tuple(t) if Rc::ptr_eq(&o.ty, &vm.t.tuple) => {
            let (a, b) = step1_bounds(start, stop, t.len())?;
            if a == 0 && b == t.len() {
                return Some(container.clone());
            }
            Some(tuple_part(vm, o, &t[a..b]))
        }
        _ => None,
    }
}

/// A new tuple of `part`, items of the tuple `src`: the items need no look
/// for registered objects when `src` is not registered itself.
fn tuple_part(vm: &Vm, src: &crate::value::Object, part: &[Value]) -> Value {
    if part.is_empty() {
        return vm.empty_tuple.clone();
    }
    let items = crate::builtins::tuple::items_from_slices(&[part]);
    if crate::gc::is_tracked(src) {
        vm.new_tuple_items(items)
    } else {
        vm.new_untracked_tuple(items)
    }
}

/// The start and step of `s` applied to `len` items, for a slice whose
/// parts are None or machine ints (CPython's `PySlice_AdjustIndices`);
/// None for a zero step (the generic path raises the error).
fn plain_slice_indices(s: &crate::builtins::container_helpers::SliceData, len: usize) -> Option<(i64, i64, usize)> {
    let part = |v: &Value| match v {
        Value::None => Some(None),
        Value::Int(i) => Some(Some(*i)),
        _ => None,
    };
    let (start, stop, step) = (part(&s.start)?, part(&s.stop)?, part(&s.step)?);
    let len_i = len as i64;
    // `a[i::-1]` and `a[i:j]` with bounds in range: no clamping, no division.
    match (start, stop, step) {
        (Some(i), None, Some(-1)) if (0..len_i).contains(&i) => return Some((i, -1, i as usize + 1)),
        (None, None, Some(-1)) => return Some((len_i - 1, -1, len)),
        (Some(i), Some(j), None | Some(1)) if (0..=len_i).contains(&i) && (0..=len_i).contains(&j) => {
            return Some((i, 1, (j - i).max(0) as usize))
        }
        _ => {}
    }
    let step = match step {
        None => 1,
        Some(0) => return None,
        Some(st) => st.max(-i64::MAX),
    };
    let len = len as i64;
    let adjust = |v: Option<i64>, def: i64| -> i64 {
        match v {
            None => def,
            Some(i) if i < 0 => {
                let i = i.saturating_add(len);
                if i < 0 { if step < 0 { -1 } else { 0 } } else { i }
            }
            Some(i) if i >= len => if step < 0 { len - 1 } else { len },
            Some(i) => i,
        }
    };
    let (start, stop) = if step < 0 { (adjust(start, len - 1), adjust(stop, -1)) } else { (adjust(start, 0), adjust(stop, len)) };
    let n = if step < 0 {
        if stop < start { (start - stop - 1) / (-step) + 1 } else { 0 }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Some((start, step, n as usize))
}

/// `container[start:stop] = v` for an exact list with None/int bounds and
/// an exact list or tuple as the new items; false when the generic path
/// must do it.
pub fn fast_store_slice(vm: &mut Vm, container: &Value, start: &Value, stop: &Value, v: &Value) -> bool {
    let (Value::Obj(o), Value::Obj(src)) = (container, v) else { return false };
    let Data::List(l) = &o.data else { return false };
    if !Rc::ptr_eq(&o.ty, &vm.t.list) {
        return false;
    }
    // A list only the caller holds (a temporary: `p[:k] = p[k-1::-1]`)
    // of the slice's length trades items with it: the replaced items end
    // in the temporary, which releases them (last first, as CPython's
    // list_ass_slice) when the caller drops it. No vector is made.
    if let Data::List(s) = &src.data {
        if Rc::ptr_eq(&src.ty, &vm.t.list) && Rc::strong_count(src) == 1 && Rc::weak_count(src) == 0 && !Rc::ptr_eq(o, src) {
            let (Ok(mut s), Ok(mut items)) = (s.try_borrow_mut(), l.try_borrow_mut()) else { return false };
            let Some((a, b)) = step1_bounds(start, stop, items.len()) else { return false };
            if b - a == s.len() {
                for (x, y) in items[a..b].iter_mut().zip(s.iter_mut()) {
                    std::mem::swap(x, y);
                }
                return true;
            }
        }
    }
    // Copy the new items first: `a[i:j] = a` reads the list it changes.
    // A list only the caller holds is emptied instead of copied; nothing
    // else can see it.
    let new: Vec<Value> = match &src.data {
        Data::List(s) if Rc::ptr_eq(&src.ty, &vm.t.list) => match s.try_borrow_mut() {
            Ok(mut s) if Rc::strong_count(src) == 1 && Rc::weak_count(src) == 0 && !Rc::ptr_eq(o, src) => std::mem::take(&mut *s),
            Ok(s) => s.clone(),
            Err(_) => return false,
        },
        Data::Tuple(t) if Rc::ptr_eq(&src.ty, &vm.t.tuple) => t.to_vec(),
        _ => return false,
    };
    let Ok(mut items) = l.try_borrow_mut() else { return false };
    let Some((a, b)) = step1_bounds(start, stop, items.len()) else { return false };
    let mut old: Vec<Value> = if b - a == new.len() {
        let mut old = new;
        items[a..b].swap_with_slice(&mut old);
        old
    } else {
        items.splice(a..b, new).collect()
    };
    drop(items);
    // The replaced items are released last first, as CPython's list_ass_slice.
    while let Some(x) = old.pop() {
        drop(x);
    }
    true
}

/// `container[s]` for an exact list or tuple and a slice object whose
/// bounds and step are None or machine ints (so computing the indices runs
/// no Python code); None when the generic path must do it.
pub fn fast_subscr_slice(vm: &mut Vm, container: &Value, key: &Value) -> Option<Value> {
    use crate::builtins::container_helpers::as_slice;
    let (Value::Obj(o), Value::Obj(_)) = (container, key) else { return None };
    let s = as_slice(key)?;
    match &o.data {
        Data::List(l) if Rc::ptr_eq(&o.ty, &vm.t.list) => {
            let items = l.try_borrow().ok()?;
            let (start, step, n) = plain_slice_indices(s, items.len())?;
            let part = pick_items(&items, start, step, n);
            drop(items);
            Some(vm.new_list(part))
        }
        Data::Tuple(t) if Rc::ptr_eq(&o.ty, &vm.t.tuple) => {
            let (start, step, n) = plain_slice_indices(s, t.len())?;
            if step == 1 {
                if start == 0 && n == t.len() {
                    // The whole of an exact tuple is the tuple itself.
                    return Some(container.clone());
                }
                return Some(tuple_part(vm, o, &t[start as usize..start as usize + n]));
            }
            let items = crate::value::TupleItems::from_vec(pick_items(t, start, step, n));
            Some(if crate::gc::is_tracked(o) { vm.new_tuple_items(items) } else { vm.new_untracked_tuple(items) })
        }
        _ => None,
    }
}

/// The `n` items of `items` from `start` by `step` (indices from
/// [`plain_slice_indices`], all in range), written straight into a vector
/// of exactly their number.
#[inline]
fn pick_items(items: &[Value], start: i64, step: i64, n: usize) -> Vec<Value> {
    if n == 0 {
        return Vec::new();
    }
    let last = start + (n as i64 - 1) * step;
    assert!(start >= 0 && (start as usize) < items.len() && last >= 0 && (last as usize) < items.len());
    if step == 1 {
        return items[start as usize..start as usize + n].to_vec();
    }
    let mut out = Vec::with_capacity(n);
    let src = items.as_ptr();
    let dst: *mut Value = out.as_mut_ptr();
    let mut i = start as isize;
    // SAFETY: the first and last index are in range (checked above) and
    // the indices between them move monotonically from one to the other,
    // so every read is in range; `out` has room for the `n` writes.
    unsafe {
        for j in 0..n {
            dst.add(j).write((*src.offset(i)).clone());
            i += step as isize;
        }
        out.set_len(n);
    }
    out
}
