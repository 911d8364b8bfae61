//! (Owned by the containers/builtins engineer.) The sort behind
//! `list.sort` and `sorted()`: a stable merge sort whose comparisons may
//! run Python code and fail.
//!
//! Keys are computed first (one call of `key` per item, in order), then a
//! permutation is sorted: binary insertion sort on runs of 32, then
//! bottom-up merging. A failing comparison stops the sort and is returned;
//! the caller still gets every item back (only indices were permuted), so a
//! list never loses elements. `reverse=True` reverses, sorts, and reverses
//! again, as CPython does, which keeps equal items in their original order.
//! Rust's own `sort_by` is used only for keys with a total order (all ints,
//! all exact strs): it may panic on an inconsistent comparator, and a
//! Python `__lt__` can be anything.

use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::bytecode::CompareOperator;

/// `a < b` when it needs no Python code: inline ints and floats, exact strs.
#[inline(always)]
fn fast_less_than(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x < y),
        (Value::Float(x), Value::Float(y)) => Some(x.get() < y.get()),
        (Value::Obj(x), Value::Obj(y)) if x.attrs.is_none() && y.attrs.is_none() => match (&x.data, &y.data) {
            (Data::Str(p), Data::Str(q)) => Some(p.s.as_bytes() < q.s.as_bytes()),
            _ => None,
        },
        _ => None,
    }
}

/// `a < b` with fast paths for inline numbers, exact strs and exact tuples of them.
pub fn less_than(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = fast_less_than(a, b) {
        return Ok(r);
    }
    if let (Value::Obj(x), Value::Obj(y)) = (a, b) {
        if let (Data::Tuple(p), Data::Tuple(q), None, None) = (&x.data, &y.data, &x.attrs, &y.attrs) {
            return tuple_less_than(vm, p, q);
        }
    }
    let r = vm.compare(a, b, CompareOperator::Lt)?;
    match r {
        Value::Bool(b) => Ok(b.get()),
        other => vm.truthy(&other),
    }
}

/// `p < q` for the items of two exact tuples: lexicographic, deciding on
/// the first unequal item without the generic comparison's calls.
fn tuple_less_than(vm: &mut Vm, p: &[Value], q: &[Value]) -> PyResult<bool> {
    for (u, v) in p.iter().zip(q.iter()) {
        // Exact strs: one comparison of the bytes decides both questions.
        if let (Some(a), Some(b)) = (exact_str_bytes(u), exact_str_bytes(v)) {
            match a.cmp(b) {
                std::cmp::Ordering::Equal => continue,
                o => return Ok(o == std::cmp::Ordering::Less),
            }
        }
        let same = match super::container_helpers::fast_item_eq(u, v) {
            Some(same) => same,
            None => u.is(v) || super::container_helpers::guarded(vm, " in comparison", |vm| vm.eq(u, v))?,
        };
        if !same {
            if let Some(r) = fast_less_than(u, v) {
                return Ok(r);
            }
            return super::container_helpers::guarded(vm, " in comparison", |vm| less_than(vm, u, v));
        }
    }
    Ok(p.len() < q.len())
}

#[inline(always)]
fn exact_str_bytes(v: &Value) -> Option<&[u8]> {
    match v {
        Value::Obj(o) => match (&o.data, &o.attrs) {
            (Data::Str(s), None) => Some(s.s.as_bytes()),
            _ => None,
        },
        _ => None,
    }
}

/// One item of a sort key tuple that compares without Python code.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum KeyPart<'a> {
    Int(i64),
    Str(&'a [u8]),
}

/// When every key is an exact tuple of the same length whose items are
/// inline ints or exact strs, with the same kind at each position across
/// all keys (so no comparison can fail or run Python code): the tuple
/// length and the items of all keys, flattened.
fn plain_tuple_parts(keys: &[Value]) -> Option<(usize, Vec<KeyPart<'_>>)> {
    let first = keys.first()?.as_tuple()?;
    let width = first.len();
    if width == 0 {
        return None;
    }
    let mut parts = Vec::with_capacity(keys.len() * width);
    for k in keys {
        let Value::Obj(o) = k else { return None };
        let (Data::Tuple(t), None) = (&o.data, &o.attrs) else { return None };
        if t.len() != width {
            return None;
        }
        for (item, model) in t.iter().zip(first.iter()) {
            match (item, model) {
                (Value::Int(i), Value::Int(_)) => parts.push(KeyPart::Int(*i)),
                (Value::Obj(_), Value::Obj(_)) => match exact_str_bytes(item) {
                    Some(b) if exact_str_bytes(model).is_some() => parts.push(KeyPart::Str(b)),
                    _ => return None,
                },
                _ => return None,
            }
        }
    }
    Some((width, parts))
}

/// The leading ints of `keys` when every key is an exact, non-empty tuple
/// whose first item is an inline int.
fn int_led_tuples(keys: &[Value]) -> Option<Vec<i64>> {
    let mut firsts = Vec::with_capacity(keys.len());
    for k in keys {
        let Value::Obj(o) = k else { return None };
        let (Data::Tuple(t), None) = (&o.data, &o.attrs) else { return None };
        match t.first() {
            Some(Value::Int(i)) => firsts.push(*i),
            _ => return None,
        }
    }
    Some(firsts)
}

const RUN: usize = 32;

/// Sorts `perm` (indices of keys) stably by `less(vm, i, j)`: key i < key j.
fn merge_sort<F>(vm: &mut Vm, perm: &mut Vec<usize>, less: &mut F) -> PyResult<()>
where
    F: FnMut(&mut Vm, usize, usize) -> PyResult<bool>,
{
    let n = perm.len();
    if n < 64 {
        return small_sort(vm, perm, less);
    }
    // Insertion-sort each run.
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let x = perm[i];
            let (mut lo, mut hi) = (start, i);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if less(vm, x, perm[mid])? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            perm.copy_within(lo..i, lo + 1);
            perm[lo] = x;
        }
        start = end;
    }
    // Merge runs of doubling width.
    let mut width = RUN;
    let mut buf: Vec<usize> = Vec::with_capacity(n);
    while width < n {
        let mut lo = 0;
        while lo + width < n {
            let mid = lo + width;
            let hi = (lo + 2 * width).min(n);
            // Already in order: skip the merge.
            if !less(vm, perm[mid], perm[mid - 1])? {
                lo = hi;
                continue;
            }
            buf.clear();
            let (mut i, mut j) = (lo, mid);
            let mut failed = None;
            while i < mid && j < hi {
                match less(vm, perm[j], perm[i]) {
                    Ok(true) => {
                        buf.push(perm[j]);
                        j += 1;
                    }
                    Ok(false) => {
                        buf.push(perm[i]);
                        i += 1;
                    }
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            buf.extend_from_slice(&perm[i..mid]);
            buf.extend_from_slice(&perm[j..hi]);
            perm[lo..hi].copy_from_slice(&buf);
            if let Some(e) = failed {
                return Err(e);
            }
            lo = hi;
        }
        width *= 2;
    }
    Ok(())
}

/// CPython's sort of fewer than 64 items, with the same comparisons (so
/// `__lt__` side effects match): the leading run (ascending, or strictly
/// descending and then reversed), then binary insertion of the rest.
fn small_sort<F>(vm: &mut Vm, perm: &mut [usize], less: &mut F) -> PyResult<()>
where
    F: FnMut(&mut Vm, usize, usize) -> PyResult<bool>,
{
    let n = perm.len();
    if n < 2 {
        return Ok(());
    }
    let mut run = 2;
    if less(vm, perm[1], perm[0])? {
        while run < n && less(vm, perm[run], perm[run - 1])? {
            run += 1;
        }
        perm[..run].reverse();
    } else {
        while run < n && !less(vm, perm[run], perm[run - 1])? {
            run += 1;
        }
    }
    for i in run..n {
        let x = perm[i];
        let (mut lo, mut hi) = (0, i);
        while lo < hi {
            let mid = lo + ((hi - lo) >> 1);
            if less(vm, x, perm[mid])? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        perm.copy_within(lo..i, lo + 1);
        perm[lo] = x;
    }
    Ok(())
}

/// Sorts `items` (by `key(item)` when a key function is given). Always
/// returns every item; the result says whether a key call or a comparison failed.
pub fn sort_values(vm: &mut Vm, mut items: Vec<Value>, key: Option<&Value>, reverse: bool) -> (Vec<Value>, PyResult<()>) {
    let keys: Option<Vec<Value>> = match key {
        Some(k) if !k.is_none() => {
            let mut ks = Vec::with_capacity(items.len());
            for it in items.iter() {
                match vm.call(k, &[it.clone()]) {
                    Ok(v) => ks.push(v),
                    Err(e) => return (items, Err(e)),
                }
            }
            Some(ks)
        }
        _ => None,
    };
    if items.len() < 2 {
        return (items, Ok(()));
    }
    if reverse {
        items.reverse();
    }
    let keys_vec;
    let keys_ref: &[Value] = match keys {
        Some(mut ks) => {
            if reverse {
                ks.reverse();
            }
            keys_vec = ks;
            &keys_vec
        }
        None => {
            keys_vec = Vec::new();
            let _ = &keys_vec;
            &items
        }
    };
    let mut perm: Vec<usize> = (0..items.len()).collect();
    let result = if keys_ref.iter().all(|k| matches!(k, Value::Int(_))) {
        perm.sort_by_key(|&i| if let Value::Int(x) = keys_ref[i] { x } else { 0 });
        Ok(())
    } else if keys_ref.iter().all(|k| matches!(k, Value::Obj(o) if o.attrs.is_none() && matches!(o.data, Data::Str(_)))) {
        perm.sort_by(|&a, &b| keys_ref[a].as_str().unwrap_or("").cmp(keys_ref[b].as_str().unwrap_or("")));
        Ok(())
    } else if let Some((width, parts)) = plain_tuple_parts(keys_ref) {
        // Tuples of ints and strs, the same kind at each position: every
        // comparison is decided in Rust, from a flat array of the items.
        perm.sort_by(|&i, &j| parts[i * width..(i + 1) * width].cmp(&parts[j * width..(j + 1) * width]));
        Ok(())
    } else if let Some(firsts) = int_led_tuples(keys_ref) {
        // Tuples led by ints (`(-count, word)`): the leading ints are compared
        // from a flat array, and only ties look at the rest of the tuples.
        merge_sort(vm, &mut perm, &mut |vm, i, j| {
            if firsts[i] != firsts[j] {
                return Ok(firsts[i] < firsts[j]);
            }
            let (Some(p), Some(q)) = (keys_ref[i].as_tuple(), keys_ref[j].as_tuple()) else { return Ok(false) };
            tuple_less_than(vm, &p[1..], &q[1..])
        })
    } else {
        merge_sort(vm, &mut perm, &mut |vm, i, j| less_than(vm, &keys_ref[i], &keys_ref[j]))
    };
    let mut out: Vec<Value> = Vec::with_capacity(items.len());
    let mut slots: Vec<Option<Value>> = items.into_iter().map(Some).collect();
    for i in perm {
        if let Some(v) = slots[i].take() {
            out.push(v);
        }
    }
    if reverse {
        out.reverse();
    }
    (out, result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::{Config, Vm};

    #[test]
    fn sorts_stably_and_reverses_stably() {
        let mut vm = Vm::new(Config::default());
        let items: Vec<Value> = (0..100).map(|i| Value::float(((i * 37) % 11) as f64)).collect();
        let (out, r) = sort_values(&mut vm, items.clone(), None, false);
        assert!(r.is_ok());
        let fs: Vec<f64> = out.iter().map(|v| if let Value::Float(f) = v { f.get() } else { -1.0 }).collect();
        assert!(fs.windows(2).all(|w| w[0] <= w[1]));
        // Equal floats in reverse order keep their original relative order.
        let tagged: Vec<Value> = (0..50).map(|i| vm.new_pair(Value::Int(i % 3), Value::Int(i))).collect();
        let key = vm.new_builtin("k", |_vm, a| Ok(a.pos()[0].as_tuple().unwrap()[0].clone()));
        let (out, r) = sort_values(&mut vm, tagged, Some(&key), true);
        assert!(r.is_ok());
        let pairs: Vec<(i64, i64)> = out
            .iter()
            .map(|t| {
                let t = t.as_tuple().unwrap();
                match (&t[0], &t[1]) {
                    (Value::Int(a), Value::Int(b)) => (*a, *b),
                    _ => (0, 0),
                }
            })
            .collect();
        for w in pairs.windows(2) {
            assert!(w[0].0 > w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1));
        }
    }
}
