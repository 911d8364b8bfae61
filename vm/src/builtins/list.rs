//! (Owned by the containers/builtins engineer.) `list`: constructor, every
//! method, indexing and slicing (with extended-slice assignment and
//! deletion), `+`/`+=`/`*`/`*=`, lexicographic comparison, `repr` with the
//! `[...]` recursion guard. Also the sequence helpers tuple shares
//! (`seq_compare`, `seq_repr`).
//!
//! Rule: never hold a borrow of the vector across a call that may run
//! Python code (`eq`, `repr`, `iter`): take a clone of the item first.

use super::container_helpers::{
    add_methods, as_slice, bad_index_type, check_pos, class_getitem, guarded, has_index, index_clamped, index_exact, index_range,
    no_kwargs, norm_index, repr_enter, repr_leave, self_and_args, self_and_one, self_only, set_unhashable, slice_indices,
};
use crate::function::Args;
use crate::types::tdata;
use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use egret_frontend::bytecode::CompareOperator;
use std::cell::RefCell;

pub fn init(vm: &mut Vm) {
    let ty = vm.t.list.clone();
    vm.add_staticmethod(&ty, "__new__", list_new);
    vm.add_classmethod(&ty, "__class_getitem__", class_getitem);
    add_methods(
        vm,
        &ty,
        &[
            ("__init__", list_init),
            ("append", list_append),
            ("extend", list_extend),
            ("insert", list_insert),
            ("remove", list_remove),
            ("pop", list_pop),
            ("clear", list_clear),
            ("index", list_index),
            ("count", list_count),
            ("reverse", list_reverse),
            ("copy", list_copy),
            ("sort", list_sort),
            ("__getitem__", list_getitem),
            ("__setitem__", list_setitem),
            ("__delitem__", list_delitem),
            ("__len__", list_len),
            ("__contains__", list_contains),
            ("__iter__", list_iter),
            ("__reversed__", list_reversed),
            ("__add__", list_add),
            ("__iadd__", list_iadd),
            ("__mul__", list_mul),
            ("__rmul__", list_mul),
            ("__imul__", list_imul),
            ("__eq__", |vm, a| list_cmp(vm, a, CompareOperator::Eq)),
            ("__ne__", |vm, a| list_cmp(vm, a, CompareOperator::Ne)),
            ("__lt__", |vm, a| list_cmp(vm, a, CompareOperator::Lt)),
            ("__le__", |vm, a| list_cmp(vm, a, CompareOperator::Le)),
            ("__gt__", |vm, a| list_cmp(vm, a, CompareOperator::Gt)),
            ("__ge__", |vm, a| list_cmp(vm, a, CompareOperator::Ge)),
            ("__repr__", list_repr),
        ],
    );
    set_unhashable(vm, &ty);
}

/// The vector of a list (or list subclass) value, or a TypeError naming the method.
pub fn list_ref<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a RefCell<Vec<Value>>> {
    v.as_list()
        .ok_or_else(|| vm.type_error(format!("descriptor '{}' for 'list' objects doesn't apply to a '{}' object", method, vm.type_name(v))))
}

fn list_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = match args.pos().first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => o.clone(),
        _ => return Err(vm.type_error("list.__new__(X): X is not a type object")),
    };
    Ok(vm.alloc(cls, Data::List(RefCell::new(Vec::new()))))
}

fn list_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    let this = &p[0];
    let l = list_ref(vm, this, "__init__")?;
    if args.has_kwargs() && super::container_helpers::is_exact(this, &vm.t.list) {
        return Err(vm.type_error("list() takes no keyword arguments"));
    }
    check_pos(vm, "list", &p[1..], 0, 1)?;
    if p.len() == 2 {
        crate::interp::iter::length_hint_call(vm, &p[1])?;
    }
    let items = if p.len() == 2 { vm.collect(&p[1])? } else { Vec::new() };
    let old = std::mem::replace(&mut *l.borrow_mut(), items);
    drop(old);
    Ok(Value::None)
}

fn list_append(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, x) = self_and_one(vm, "list.append", &args)?;
    list_ref(vm, this, "append")?.borrow_mut().push(x.clone());
    Ok(Value::None)
}

/// Appends every item of `iterable` to the list `this`.
pub fn extend_from(vm: &mut Vm, this: &Value, iterable: &Value) -> PyResult<()> {
    let l = list_ref(vm, this, "extend")?;
    if let Some(src) = iterable.as_list() {
        let items = src.borrow().clone();
        l.borrow_mut().extend(items);
        return Ok(());
    }
    if let Some(t) = iterable.as_tuple() {
        l.borrow_mut().extend_from_slice(t);
        return Ok(());
    }
    let it = vm.iter(iterable)?;
    while let Some(x) = vm.next(&it)? {
        l.borrow_mut().push(x);
    }
    Ok(())
}

fn list_extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, x) = self_and_one(vm, "list.extend", &args)?;
    extend_from(vm, this, x)?;
    Ok(Value::None)
}

fn list_insert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    // The common call: a list (or subclass) and a machine-int position,
    // positional (no argument-count checks, no index conversion).
    if let ([Value::Obj(o), Value::Int(i), x], false) = (args.pos(), args.has_kwargs()) {
        if let Data::List(l) = &o.data {
            if let Ok(mut v) = l.try_borrow_mut() {
                let n = v.len() as i64;
                let pos = if *i < 0 { i.saturating_add(n).max(0) } else { (*i).min(n) };
                v.insert(pos as usize, x.clone());
                return Ok(Value::None);
            }
        }
    }
    let (this, a) = self_and_args(vm, "insert", "list.insert", &args, 2, 2)?;
    let l = list_ref(vm, this, "insert")?;
    let Some(i) = ssize_arg(vm, &a[0])? else {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(&a[0]))));
    };
    let mut v = l.borrow_mut();
    let n = v.len() as i64;
    let pos = if i < 0 { (i.saturating_add(n)).max(0) } else { i.min(n) };
    v.insert(pos as usize, a[1].clone());
    Ok(Value::None)
}

/// Index of the first item equal to `x` in `[start, stop)`, re-reading the
/// list on every step (a Python `__eq__` may change it).
fn find(vm: &mut Vm, l: &RefCell<Vec<Value>>, x: &Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
    let mut i = start;
    loop {
        let item = {
            let v = l.borrow();
            if i >= stop.min(v.len()) {
                return Ok(None);
            }
            v[i].clone()
        };
        if item.is(x) || vm.eq(&item, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
}

fn list_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, x) = self_and_one(vm, "list.remove", &args)?;
    let l = list_ref(vm, this, "remove")?;
    match find(vm, l, x, 0, usize::MAX)? {
        Some(i) => {
            let mut v = l.borrow_mut();
            if i < v.len() {
                let old = v.remove(i);
                drop(v);
                drop(old);
            }
            Ok(Value::None)
        }
        None => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

fn list_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    // The common calls: `pop()` and `pop(i)` with a machine int in range
    // on a list (or subclass), positional.
    if !args.has_kwargs() {
        let (o, i) = match args.pos() {
            [Value::Obj(o)] => (o, -1),
            [Value::Obj(o), Value::Int(i)] => (o, *i),
            _ => return list_pop_checked(vm, args),
        };
        if let Data::List(l) = &o.data {
            if let Ok(mut v) = l.try_borrow_mut() {
                if let Some(j) = norm_index(i, v.len()) {
                    return Ok(if j + 1 == v.len() { v.pop().unwrap_or_default() } else { v.remove(j) });
                }
            }
        }
    }
    list_pop_checked(vm, args)
}

/// An index argument that must fit a C `Py_ssize_t` (CPython's `n`
/// argument format): OverflowError when it does not.
fn ssize_arg(vm: &mut Vm, v: &Value) -> PyResult<Option<i64>> {
    if let Value::Int(i) = v {
        return Ok(Some(*i));
    }
    match super::container_helpers::to_bigint(vm, v)? {
        Some(b) => match num_traits::ToPrimitive::to_i64(&b) {
            Some(i) => Ok(Some(i)),
            None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        },
        None => Ok(None),
    }
}

/// `list.pop` with every check and CPython's error messages.
#[inline(never)]
fn list_pop_checked(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = self_and_args(vm, "pop", "list.pop", &args, 0, 1)?;
    let l = list_ref(vm, this, "pop")?;
    let i = match a.first() {
        Some(x) => match ssize_arg(vm, x)? {
            Some(i) => i,
            None => return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(x)))),
        },
        None => -1,
    };
    let mut v = l.borrow_mut();
    if v.is_empty() {
        return Err(vm.index_error("pop from empty list"));
    }
    match norm_index(i, v.len()) {
        Some(j) => Ok(v.remove(j)),
        None => Err(vm.index_error("pop index out of range")),
    }
}

fn list_clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "list.clear", &args)?;
    let mut old = std::mem::take(&mut *list_ref(vm, this, "clear")?.borrow_mut());
    // Items are released last to first, as CPython (visible through `__del__`).
    while let Some(v) = old.pop() {
        drop(v);
    }
    Ok(Value::None)
}

fn list_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = self_and_args(vm, "index", "list.index", &args, 1, 3)?;
    let l = list_ref(vm, this, "index")?;
    let len = l.borrow().len();
    let (start, stop) = index_range(vm, a, len)?;
    match find(vm, l, &a[0], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            let r = vm.repr_string(&a[0])?;
            Err(vm.value_error(format!("{} is not in list", r)))
        }
    }
}

fn list_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, x) = self_and_one(vm, "list.count", &args)?;
    let l = list_ref(vm, this, "count")?;
    let mut n = 0;
    let mut i = 0;
    loop {
        let item = {
            let v = l.borrow();
            if i >= v.len() {
                break;
            }
            v[i].clone()
        };
        if item.is(x) || vm.eq(&item, x)? {
            n += 1;
        }
        i += 1;
    }
    Ok(Value::Int(n))
}

fn list_reverse(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "list.reverse", &args)?;
    list_ref(vm, this, "reverse")?.borrow_mut().reverse();
    Ok(Value::None)
}

fn list_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "list.copy", &args)?;
    let items = list_ref(vm, this, "copy")?.borrow().clone();
    Ok(vm.new_list(items))
}

fn list_sort(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let mut key = Value::None;
    let mut reverse = false;
    for (k, v) in args.kwargs() {
        match k {
            "key" => key = v.clone(),
            "reverse" => reverse = sort_reverse_flag(vm, v)?,
            _ => return Err(vm.type_error(format!("'{}' is an invalid keyword argument for sort()", k))),
        }
    }
    sort_list_in_place(vm, &p[0], &key, reverse)?;
    Ok(Value::None)
}

/// `reverse=` accepts any int-like value (CPython parses it as an int).
pub fn sort_reverse_flag(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    match v {
        Value::Bool(b) => Ok(b.get()),
        Value::Int(i) => Ok(*i != 0),
        Value::Float(_) => Err(vm.type_error("'float' object cannot be interpreted as an integer")),
        _ => match index_clamped(vm, v)? {
            Some(i) => Ok(i != 0),
            None => Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v)))),
        },
    }
}

/// `list.sort`: the list looks empty while sorting; if it was changed
/// meanwhile, "list modified during sort".
pub fn sort_list_in_place(vm: &mut Vm, this: &Value, key: &Value, reverse: bool) -> PyResult<()> {
    let l = list_ref(vm, this, "sort")?;
    let items = std::mem::take(&mut *l.borrow_mut());
    let (sorted, result) = super::sort::sort_values(vm, items, Some(key), reverse);
    let modified = !l.borrow().is_empty();
    let old = std::mem::replace(&mut *l.borrow_mut(), sorted);
    drop(old);
    result?;
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(())
}

fn list_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, key) = self_and_one(vm, "list.__getitem__", &args)?;
    list_getitem_of(vm, this, key)
}

/// `this[key]` for a list `this` (`vm.getitem`'s path for exact lists).
pub fn list_getitem_of(vm: &mut Vm, this: &Value, key: &Value) -> PyResult<Value> {
    let l = list_ref(vm, this, "__getitem__")?;
    if let Some(s) = as_slice(key) {
        let len = l.borrow().len();
        let si = slice_indices(vm, s, len)?;
        let v = l.borrow();
        let out = if si.step == 1 {
            let start = si.start.max(0) as usize;
            v.get(start..start + si.len).map_or_else(Vec::new, |part| part.to_vec())
        } else {
            let mut out = Vec::with_capacity(si.len);
            let mut i = si.start;
            for _ in 0..si.len {
                out.push(v[i as usize].clone());
                i += si.step;
            }
            out
        };
        drop(v);
        return Ok(vm.new_list(out));
    }
    match index_exact(vm, key)? {
        Some(i) => {
            let v = l.borrow();
            match norm_index(i, v.len()) {
                Some(j) => Ok(v[j].clone()),
                None => Err(vm.index_error("list index out of range")),
            }
        }
        None => Err(bad_index_type(vm, "list", key)),
    }
}

/// Releases the items a slice assignment replaced, last first (CPython's
/// order, which `__del__` output shows).
fn drop_reversed(mut old: Vec<Value>) {
    while let Some(v) = old.pop() {
        drop(v);
    }
}

/// The items a slice assignment stores (a copy when assigning a list to itself).
fn assigned_items(vm: &mut Vm, value: &Value, extended: bool) -> PyResult<Vec<Value>> {
    if let Some(l) = value.as_list() {
        return Ok(l.borrow().clone());
    }
    if let Some(t) = value.as_tuple() {
        return Ok(t.to_vec());
    }
    let ty = vm.type_of(value);
    if crate::slots::special(&ty, "__iter__").is_none() && crate::slots::special(&ty, "__getitem__").is_none() {
        return Err(vm.type_error(if extended { "must assign iterable to extended slice" } else { "can only assign an iterable" }));
    }
    vm.collect(value)
}

fn list_setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_kwargs(vm, "list.__setitem__", &args)?;
    let p = args.pos();
    if p.len() != 3 {
        return Err(vm.type_error(format!("expected 2 arguments, got {}", p.len().saturating_sub(1))));
    }
    let (this, key, value) = (&p[0], &p[1], &p[2]);
    let l = list_ref(vm, this, "__setitem__")?;
    if let Some(s) = as_slice(key) {
        let step_is_one = s.step.is_none() || matches!(index_clamped(vm, &s.step)?, Some(1));
        let mut items = assigned_items(vm, value, !step_is_one)?;
        let len = l.borrow().len();
        let si = slice_indices(vm, s, len)?;
        if si.step == 1 {
            let start = si.start as usize;
            let stop = (si.stop.max(si.start)) as usize;
            let mut v = l.borrow_mut();
            if stop - start == items.len() && stop <= v.len() {
                // Same length (`p[:k] = p[k-1::-1]`): swap the items in;
                // `items` then holds the old ones, dropped after the borrow.
                for (slot, item) in v[start..stop].iter_mut().zip(items.iter_mut()) {
                    std::mem::swap(slot, item);
                }
                drop(v);
                drop_reversed(items);
                return Ok(Value::None);
            }
            let removed: Vec<Value> = v.splice(start..stop, items).collect();
            drop(v);
            drop_reversed(removed);
            return Ok(Value::None);
        }
        if items.len() != si.len {
            return Err(vm.value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                items.len(),
                si.len
            )));
        }
        let mut v = l.borrow_mut();
        let mut i = si.start;
        for item in items.iter_mut() {
            std::mem::swap(&mut v[i as usize], item);
            i += si.step;
        }
        drop(v);
        drop(items);
        return Ok(Value::None);
    }
    match index_exact(vm, key)? {
        Some(i) => {
            let mut v = l.borrow_mut();
            match norm_index(i, v.len()) {
                Some(j) => {
                    let old = std::mem::replace(&mut v[j], value.clone());
                    drop(v);
                    drop(old);
                    Ok(Value::None)
                }
                None => Err(vm.index_error("list assignment index out of range")),
            }
        }
        None => Err(bad_index_type(vm, "list", key)),
    }
}

fn list_delitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, key) = self_and_one(vm, "list.__delitem__", &args)?;
    let l = list_ref(vm, this, "__delitem__")?;
    if let Some(s) = as_slice(key) {
        let len = l.borrow().len();
        let si = slice_indices(vm, s, len)?;
        if si.len == 0 {
            return Ok(Value::None);
        }
        let removed: Vec<Value>;
        {
            let mut v = l.borrow_mut();
            if si.step == 1 {
                removed = v.drain(si.start as usize..(si.start as usize + si.len)).collect();
            } else {
                // Normalise to an ascending walk.
                let (lo, step) = if si.step < 0 { (si.start + (si.len as i64 - 1) * si.step, -si.step) } else { (si.start, si.step) };
                let mut kill = vec![false; v.len()];
                let mut i = lo;
                for _ in 0..si.len {
                    kill[i as usize] = true;
                    i += step;
                }
                let old = std::mem::take(&mut *v);
                let mut keep = Vec::with_capacity(old.len() - si.len);
                let mut gone = Vec::with_capacity(si.len);
                for (idx, item) in old.into_iter().enumerate() {
                    if kill[idx] {
                        gone.push(item);
                    } else {
                        keep.push(item);
                    }
                }
                *v = keep;
                removed = gone;
            }
        }
        drop(removed);
        return Ok(Value::None);
    }
    match index_exact(vm, key)? {
        Some(i) => {
            let mut v = l.borrow_mut();
            match norm_index(i, v.len()) {
                Some(j) => {
                    let old = v.remove(j);
                    drop(v);
                    drop(old);
                    Ok(Value::None)
                }
                None => Err(vm.index_error("list assignment index out of range")),
            }
        }
        None => Err(bad_index_type(vm, "list", key)),
    }
}

fn list_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "list.__len__", &args)?;
    Ok(Value::Int(list_ref(vm, this, "__len__")?.borrow().len() as i64))
}

fn list_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, x) = self_and_one(vm, "list.__contains__", &args)?;
    let l = list_ref(vm, this, "__contains__")?;
    Ok(Value::bool(find(vm, l, x, 0, usize::MAX)?.is_some()))
}

fn list_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "list.__iter__", &args)?;
    list_ref(vm, this, "__iter__")?;
    Ok(super::iterators::new_list_iter(vm, this.clone(), false))
}

fn list_reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "list.__reversed__", &args)?;
    list_ref(vm, this, "__reversed__")?;
    Ok(super::iterators::new_list_iter(vm, this.clone(), true))
}

/// Whether a failed sequence operation should defer to the other operand's
/// reflected method (`__radd__`/`__rmul__`) instead of raising.
fn other_may_handle(vm: &Vm, other: &Value, rname: &'static str) -> bool {
    let ty = vm.type_ref(other);
    tdata(ty).has_flag(crate::types::type_flags::HEAPTYPE) && crate::slots::special(ty, rname).is_some()
}

fn list_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "list.__add__", &args)?;
    let l = list_ref(vm, this, "__add__")?;
    let Some(o) = other.as_list() else {
        if other_may_handle(vm, other, "__radd__") {
            return Ok(vm.not_implemented.clone());
        }
        return Err(vm.type_error(format!("can only concatenate list (not \"{}\") to list", vm.type_name(other))));
    };
    let mut items = Vec::with_capacity(l.borrow().len() + o.borrow().len());
    items.extend(l.borrow().iter().cloned());
    items.extend(o.borrow().iter().cloned());
    Ok(vm.new_list(items))
}

fn list_iadd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "list.__iadd__", &args)?;
    extend_from(vm, this, other)?;
    Ok(this.clone())
}

/// The repeat count of `seq * n`, or None when `n` is not an integer.
pub fn repeat_count(vm: &mut Vm, n: &Value) -> PyResult<Option<i64>> {
    if !has_index(vm, n) {
        return Ok(None);
    }
    match index_clamped(vm, n)? {
        Some(i) => Ok(Some(i.max(0))),
        None => Ok(None),
    }
}

/// "can't multiply sequence by non-int of type 'float'".
pub fn non_int_repeat(vm: &Vm, n: &Value) -> PyErr {
    vm.type_error(format!("can't multiply sequence by non-int of type '{}'", vm.type_name(n)))
}

/// Repeats `items` `n` times, with a MemoryError for absurd sizes.
pub fn repeat_items(vm: &Vm, items: &[Value], n: i64) -> PyResult<Vec<Value>> {
    if items.is_empty() || n == 0 {
        return Ok(Vec::new());
    }
    let total = (items.len() as u128) * (n as u128);
    if total > (isize::MAX as u128) / 16 {
        return Err(vm.memory_error());
    }
    // A request the allocator refuses is a MemoryError, as in CPython.
    let mut out = Vec::new();
    out.try_reserve_exact(total as usize).map_err(|_| vm.memory_error())?;
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    Ok(out)
}

fn list_mul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, n) = self_and_one(vm, "list.__mul__", &args)?;
    let l = list_ref(vm, this, "__mul__")?;
    let Some(count) = repeat_count(vm, n)? else {
        if other_may_handle(vm, n, "__rmul__") {
            return Ok(vm.not_implemented.clone());
        }
        return Err(non_int_repeat(vm, n));
    };
    let items = l.borrow().clone();
    let out = repeat_items(vm, &items, count)?;
    Ok(vm.new_list(out))
}

fn list_imul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, n) = self_and_one(vm, "list.__imul__", &args)?;
    let l = list_ref(vm, this, "__imul__")?;
    let Some(count) = repeat_count(vm, n)? else {
        return Err(non_int_repeat(vm, n));
    };
    let items = l.borrow().clone();
    let out = repeat_items(vm, &items, count)?;
    let old = std::mem::replace(&mut *l.borrow_mut(), out);
    drop(old);
    Ok(this.clone())
}

/// Lexicographic comparison of two sequences read through `get` (which
/// returns None past the end; lists are re-read at each step).
pub fn seq_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOperator, get: fn(&Value, usize) -> Option<Value>, len: fn(&Value) -> usize) -> PyResult<Value> {
    if matches!(op, CompareOperator::Eq | CompareOperator::Ne) && len(a) != len(b) {
        return Ok(Value::bool(op == CompareOperator::Ne));
    }
    let mut i = 0;
    loop {
        let (x, y) = match (get(a, i), get(b, i)) {
            (Some(x), Some(y)) => (x, y),
            _ => break,
        };
        let same = match super::container_helpers::fast_item_eq(&x, &y) {
            Some(same) => same,
            None => x.is(&y) || guarded(vm, " in comparison", |vm| vm.eq(&x, &y))?,
        };
        if !same {
            return match op {
                CompareOperator::Eq => Ok(Value::bool(false)),
                CompareOperator::Ne => Ok(Value::bool(true)),
                _ => guarded(vm, " in comparison", |vm| vm.compare(&x, &y, op)),
            };
        }
        i += 1;
    }
    let (la, lb) = (len(a), len(b));
    let o = la.cmp(&lb);
    use std::cmp::Ordering::*;
    Ok(Value::bool(match op {
        CompareOperator::Lt => o == Less,
        CompareOperator::Le => o != Greater,
        CompareOperator::Eq => o == Equal,
        CompareOperator::Ne => o != Equal,
        CompareOperator::Gt => o == Greater,
        CompareOperator::Ge => o != Less,
    }))
}

fn list_item(v: &Value, i: usize) -> Option<Value> {
    v.as_list().and_then(|l| l.borrow().get(i).cloned())
}
fn list_length(v: &Value) -> usize {
    v.as_list().map_or(0, |l| l.borrow().len())
}

fn list_cmp(vm: &mut Vm, args: Args, op: CompareOperator) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("expected 1 argument, got {}", p.len().saturating_sub(1))));
    }
    list_ref(vm, &p[0], op.dunder())?;
    if p[1].as_list().is_none() {
        return Ok(vm.not_implemented.clone());
    }
    seq_compare(vm, &p[0], &p[1], op, list_item, list_length)
}

/// `open + reprs joined by ", " + close`, reading items through `get`.
pub fn seq_repr(vm: &mut Vm, this: &Value, open: &str, close: &str, get: fn(&Value, usize) -> Option<Value>) -> PyResult<String> {
    let mut s = String::from(open);
    let mut i = 0;
    while let Some(item) = get(this, i) {
        if i > 0 {
            s.push_str(", ");
        }
        let r = guarded(vm, " while getting the repr of an object", |vm| vm.repr(&item))?;
        s.push_str(r.as_str().unwrap_or(""));
        i += 1;
    }
    s.push_str(close);
    Ok(s)
}

fn list_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "list.__repr__", &args)?;
    list_ref(vm, this, "__repr__")?;
    if list_length(this) == 0 {
        return Ok(vm.new_str("[]"));
    }
    if !repr_enter(this) {
        return Ok(vm.new_str("[...]"));
    }
    let r = seq_repr(vm, this, "[", "]", list_item);
    repr_leave(this);
    Ok(vm.new_str(r?))
}
