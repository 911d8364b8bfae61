//! (Owned by the containers/builtins engineer.) `set` and `frozenset`:
//! constructors, every method, the operators `| & - ^` with their in-place
//! forms, subset comparisons, `repr`, and `frozenset`'s hash (CPython's
//! algorithm, so `hash(frozenset(...))` matches).
//!
//! Membership tests may run a Python `__eq__`, which may mutate the set:
//! probing goes through [`find`]/[`add_to`], which release the table's
//! borrow before comparing and restart when the table changed.

use super::container_helpers::{add_methods, check_pos, class_getitem, is_exact, no_kwargs, self_and_one, self_only, set_unhashable};
use crate::function::Args;
use crate::set::{SetData, SetProbe};
use crate::types::{is_subtype, tdata};
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::bytecode::CompareOperator;
use std::cell::RefCell;
use std::rc::Rc;

pub fn init(vm: &mut Vm) {
    let set = vm.t.set.clone();
    let fs = vm.t.frozenset.clone();
    vm.add_staticmethod(&set, "__new__", set_new);
    vm.add_method(&set, "__init__", set_init);
    vm.add_staticmethod(&fs, "__new__", frozenset_new);
    for ty in [&set, &fs] {
        vm.add_classmethod(ty, "__class_getitem__", class_getitem);
        add_methods(
            vm,
            ty,
            &[
                ("__len__", set_len_m),
                ("__contains__", set_contains_m),
                ("__iter__", set_iter_m),
                ("__repr__", set_repr),
                ("copy", set_copy),
                ("union", |vm, a| multi_op(vm, a, "union", Op::Or)),
                ("intersection", |vm, a| multi_op(vm, a, "intersection", Op::And)),
                ("difference", |vm, a| multi_op(vm, a, "difference", Op::Sub)),
                ("symmetric_difference", |vm, a| single_op(vm, a, "symmetric_difference", Op::Xor)),
                ("issubset", set_issubset),
                ("issuperset", set_issuperset),
                ("isdisjoint", set_isdisjoint),
                ("__or__", |vm, a| binop(vm, a, Op::Or, false)),
                ("__and__", |vm, a| binop(vm, a, Op::And, false)),
                ("__sub__", |vm, a| binop(vm, a, Op::Sub, false)),
                ("__xor__", |vm, a| binop(vm, a, Op::Xor, false)),
                ("__ror__", |vm, a| binop(vm, a, Op::Or, true)),
                ("__rand__", |vm, a| binop(vm, a, Op::And, true)),
                ("__rsub__", |vm, a| binop(vm, a, Op::Sub, true)),
                ("__rxor__", |vm, a| binop(vm, a, Op::Xor, true)),
                ("__eq__", |vm, a| set_cmp(vm, a, CompareOperator::Eq)),
                ("__ne__", |vm, a| set_cmp(vm, a, CompareOperator::Ne)),
                ("__lt__", |vm, a| set_cmp(vm, a, CompareOperator::Lt)),
                ("__le__", |vm, a| set_cmp(vm, a, CompareOperator::Le)),
                ("__gt__", |vm, a| set_cmp(vm, a, CompareOperator::Gt)),
                ("__ge__", |vm, a| set_cmp(vm, a, CompareOperator::Ge)),
            ],
        );
    }
    add_methods(
        vm,
        &set,
        &[
            ("add", set_add_m),
            ("discard", set_discard_m),
            ("remove", set_remove_m),
            ("pop", set_pop_m),
            ("clear", set_clear_m),
            ("update", |vm, a| update_op(vm, a, "update", Op::Or)),
            ("intersection_update", |vm, a| update_op(vm, a, "intersection_update", Op::And)),
            ("difference_update", |vm, a| update_op(vm, a, "difference_update", Op::Sub)),
            ("symmetric_difference_update", |vm, a| update_op(vm, a, "symmetric_difference_update", Op::Xor)),
            ("__ior__", |vm, a| inplace_op(vm, a, Op::Or)),
            ("__iand__", |vm, a| inplace_op(vm, a, Op::And)),
            ("__isub__", |vm, a| inplace_op(vm, a, Op::Sub)),
            ("__ixor__", |vm, a| inplace_op(vm, a, Op::Xor)),
        ],
    );
    set_unhashable(vm, &set);
    vm.add_method(&fs, "__hash__", frozenset_hash_m);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Or,
    And,
    Sub,
    Xor,
}

/// Runs `f` on the table of a set or frozenset; None for other values.
pub fn with_set_data<R>(v: &Value, f: impl FnOnce(&SetData) -> R) -> Option<R> {
    match v {
        Value::Obj(o) => match &o.data {
            Data::Set(s) => Some(f(&s.borrow())),
            Data::FrozenSet(s) => Some(f(s)),
            _ => None,
        },
        _ => None,
    }
}

pub fn is_setlike(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if matches!(o.data, Data::Set(_) | Data::FrozenSet(_)))
}

pub fn set_len(v: &Value) -> usize {
    with_set_data(v, |s| s.len()).unwrap_or(0)
}

/// Elements with their hashes (a snapshot).
fn entries(v: &Value) -> Vec<(i64, Value)> {
    with_set_data(v, |s| s.iter().map(|(h, k)| (h, k.clone())).collect()).unwrap_or_default()
}

fn is_frozen(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if matches!(o.data, Data::FrozenSet(_)))
}

/// Whether `key` (with `hash`) is in the set `holder`.
pub fn find(vm: &mut Vm, holder: &Value, key: &Value, hash: i64) -> PyResult<bool> {
    let mut skip = 0;
    loop {
        let Some((probe, muts)) = with_set_data(holder, |s| (s.probe(key, hash, skip), s.mutations)) else { return Ok(false) };
        match probe {
            SetProbe::Found(_) => return Ok(true),
            SetProbe::Missing(_) => return Ok(false),
            SetProbe::Compare(_, other) => {
                let eq = vm.eq(&other, key)?;
                if with_set_data(holder, |s| s.mutations) != Some(muts) {
                    skip = 0;
                    continue;
                }
                if eq {
                    return Ok(true);
                }
                skip += 1;
            }
        }
    }
}

/// Adds `key` to a local table (not visible to Python code).
fn data_add(vm: &mut Vm, data: &mut SetData, key: Value, hash: i64) -> PyResult<bool> {
    let mut skip = 0;
    loop {
        match data.probe(&key, hash, skip) {
            SetProbe::Found(_) => return Ok(false),
            SetProbe::Missing(slot) => {
                data.insert_at(slot, hash, key);
                return Ok(true);
            }
            SetProbe::Compare(_, other) => {
                if vm.eq(&other, &key)? {
                    return Ok(false);
                }
                skip += 1;
            }
        }
    }
}

/// Adds `key` to the mutable set `holder`.
pub fn add_to(vm: &mut Vm, holder: &Value, key: Value, hash: i64) -> PyResult<bool> {
    let Some(cell) = set_cell(holder) else { return Ok(false) };
    let mut skip = 0;
    loop {
        let (probe, muts) = {
            let s = cell.borrow();
            (s.probe(&key, hash, skip), s.mutations)
        };
        match probe {
            SetProbe::Found(_) => return Ok(false),
            SetProbe::Missing(slot) => {
                cell.borrow_mut().insert_at(slot, hash, key);
                return Ok(true);
            }
            SetProbe::Compare(_, other) => {
                let eq = vm.eq(&other, &key)?;
                if cell.borrow().mutations != muts {
                    skip = 0;
                    continue;
                }
                if eq {
                    return Ok(false);
                }
                skip += 1;
            }
        }
    }
}

/// Removes `key` from the mutable set `holder`; false if absent.
fn discard_from(vm: &mut Vm, holder: &Value, key: &Value, hash: i64) -> PyResult<bool> {
    let Some(cell) = set_cell(holder) else { return Ok(false) };
    let mut skip = 0;
    loop {
        let (probe, muts) = {
            let s = cell.borrow();
            (s.probe(key, hash, skip), s.mutations)
        };
        match probe {
            SetProbe::Found(slot) => {
                let old = cell.borrow_mut().remove_at(slot);
                drop(old);
                return Ok(true);
            }
            SetProbe::Missing(_) => return Ok(false),
            SetProbe::Compare(slot, other) => {
                let eq = vm.eq(&other, key)?;
                if cell.borrow().mutations != muts {
                    skip = 0;
                    continue;
                }
                if eq {
                    let old = cell.borrow_mut().remove_at(slot);
                    drop(old);
                    return Ok(true);
                }
                skip += 1;
            }
        }
    }
}

fn set_cell(v: &Value) -> Option<&RefCell<SetData>> {
    match v {
        Value::Obj(o) => match &o.data {
            Data::Set(s) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// Elements of any iterable with their hashes (sets give theirs directly).
fn hashed_items(vm: &mut Vm, iterable: &Value) -> PyResult<Vec<(i64, Value)>> {
    if is_setlike(iterable) {
        return Ok(entries(iterable));
    }
    if let Some(d) = iterable.as_dict() {
        if is_exact(iterable, &vm.t.dict) {
            return Ok(d.borrow().iter().map(|e| (e.hash, e.key.clone())).collect());
        }
    }
    let items = vm.collect(iterable)?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let h = vm.hash(&it)?;
        out.push((h, it));
    }
    Ok(out)
}

/// A table holding the elements of `iterable`.
pub fn data_from_iterable(vm: &mut Vm, iterable: &Value) -> PyResult<SetData> {
    if is_setlike(iterable) {
        return Ok(with_set_data(iterable, |s| {
            let mut d = s.clone();
            d.mutations = 0;
            d
        })
        .unwrap());
    }
    let mut data = SetData::new();
    for (h, k) in hashed_items(vm, iterable)? {
        data_add(vm, &mut data, k, h)?;
    }
    Ok(data)
}

/// A set (`frozen == false`) or frozenset of class `cls` around `data`.
fn wrap(vm: &Vm, cls: PyRef, data: SetData, frozen: bool) -> Value {
    if frozen {
        vm.alloc(cls, Data::FrozenSet(Box::new(data)))
    } else {
        vm.alloc(cls, Data::Set(Box::new(RefCell::new(data))))
    }
}

/// A new exact set of `iterable`'s elements.
pub fn new_set_of(vm: &mut Vm, iterable: &Value) -> PyResult<Value> {
    let data = data_from_iterable(vm, iterable)?;
    Ok(wrap(vm, vm.t.set.clone(), data, false))
}

fn set_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = match args.pos().first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => o.clone(),
        _ => return Err(vm.type_error("set.__new__(X): X is not a type object")),
    };
    Ok(wrap(vm, cls, SetData::new(), false))
}

fn set_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    let this = &p[0];
    if args.has_kwargs() && is_exact(this, &vm.t.set) {
        return Err(vm.type_error("set() takes no keyword arguments"));
    }
    check_pos(vm, "set", &p[1..], 0, 1)?;
    let Some(cell) = set_cell(this) else { return Err(vm.type_error("descriptor '__init__' requires a 'set' object")) };
    let data = if p.len() == 2 { data_from_iterable(vm, &p[1])? } else { SetData::new() };
    let muts = cell.borrow().mutations;
    let mut data = data;
    data.mutations = muts + 1;
    let old = std::mem::replace(&mut *cell.borrow_mut(), data);
    drop(old);
    Ok(Value::None)
}

fn frozenset_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    let cls = match p.first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => o.clone(),
        _ => return Err(vm.type_error("frozenset.__new__(X): X is not a type object")),
    };
    let exact = Rc::ptr_eq(&cls, &vm.t.frozenset);
    if args.has_kwargs() && exact {
        return Err(vm.type_error("frozenset() takes no keyword arguments"));
    }
    check_pos(vm, "frozenset", &p[1..], 0, 1)?;
    if exact && p.len() == 2 && is_exact(&p[1], &vm.t.frozenset) {
        return Ok(p[1].clone());
    }
    let data = if p.len() == 2 { data_from_iterable(vm, &p[1])? } else { SetData::new() };
    Ok(wrap(vm, cls, data, true))
}

fn check_set(vm: &Vm, v: &Value, method: &str) -> PyResult<()> {
    if !is_setlike(v) {
        return Err(vm.type_error(format!("descriptor '{}' for 'set' objects doesn't apply to a '{}' object", method, vm.type_name(v))));
    }
    Ok(())
}

fn set_len_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "set.__len__", &args)?;
    check_set(vm, this, "__len__")?;
    Ok(Value::Int(set_len(this) as i64))
}

/// The hash of a membership argument; an unhashable `set` is looked up as
/// the equal frozenset (CPython does the same).
fn key_hash(vm: &mut Vm, key: &Value) -> PyResult<(Value, i64)> {
    match vm.hash(key) {
        Ok(h) => Ok((key.clone(), h)),
        Err(e) => {
            if matches!(key, Value::Obj(o) if matches!(o.data, Data::Set(_))) && vm.is_instance(&e.0, &vm.e.type_error.clone()) {
                let data = data_from_iterable(vm, key)?;
                let fs = wrap(vm, vm.t.frozenset.clone(), data, true);
                let h = vm.hash(&fs)?;
                Ok((fs, h))
            } else {
                Err(e)
            }
        }
    }
}

fn set_contains_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, key) = self_and_one(vm, "set.__contains__", &args)?;
    check_set(vm, this, "__contains__")?;
    let (k, h) = key_hash(vm, key)?;
    Ok(Value::bool(find(vm, this, &k, h)?))
}

fn set_iter_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "set.__iter__", &args)?;
    check_set(vm, this, "__iter__")?;
    Ok(super::iterators::new_set_iter(vm, this.clone()))
}

fn set_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "set.__repr__", &args)?;
    check_set(vm, this, "__repr__")?;
    let ty = vm.type_of(this);
    let name = tdata(&ty).name();
    let exact_set = Rc::ptr_eq(&ty, &vm.t.set);
    let items: Vec<Value> = entries(this).into_iter().map(|(_, v)| v).collect();
    if items.is_empty() {
        return Ok(vm.new_str(format!("{}()", name)));
    }
    if !super::container_helpers::repr_enter(this) {
        return Ok(vm.new_str(format!("{}(...)", name)));
    }
    let mut parts = Vec::with_capacity(items.len());
    let mut err = None;
    for it in items.iter() {
        match super::container_helpers::guarded(vm, " while getting the repr of an object", |vm| vm.repr_string(it)) {
            Ok(s) => parts.push(s),
            Err(e) => {
                err = Some(e);
                break;
            }
        }
    }
    super::container_helpers::repr_leave(this);
    if let Some(e) = err {
        return Err(e);
    }
    let body = format!("{{{}}}", parts.join(", "));
    Ok(vm.new_str(if exact_set { body } else { format!("{}({})", name, body) }))
}

fn set_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "set.copy", &args)?;
    check_set(vm, this, "copy")?;
    if is_exact(this, &vm.t.frozenset) {
        return Ok(this.clone());
    }
    let frozen = is_frozen(this);
    let data = data_from_iterable(vm, this)?;
    let cls = if frozen { vm.t.frozenset.clone() } else { vm.t.set.clone() };
    Ok(wrap(vm, cls, data, frozen))
}

/// `a op b` computed into a new table (`b` any iterable).
fn compute(vm: &mut Vm, a: &Value, b: &Value, op: Op) -> PyResult<SetData> {
    match op {
        Op::Or => {
            let mut data = data_from_iterable(vm, a)?;
            for (h, k) in hashed_items(vm, b)? {
                data_add(vm, &mut data, k, h)?;
            }
            Ok(data)
        }
        Op::And => {
            let mut data = SetData::new();
            if is_setlike(b) {
                let (small, big) = if set_len(b) < set_len(a) { (b, a) } else { (a, b) };
                for (h, k) in entries(small) {
                    if find(vm, big, &k, h)? {
                        data_add(vm, &mut data, k, h)?;
                    }
                }
            } else {
                for (h, k) in hashed_items(vm, b)? {
                    if find(vm, a, &k, h)? {
                        data_add(vm, &mut data, k, h)?;
                    }
                }
            }
            Ok(data)
        }
        Op::Sub => {
            let other = if is_setlike(b) || b.as_dict().is_some() { b.clone() } else { new_set_of(vm, b)? };
            let mut data = SetData::new();
            for (h, k) in entries(a) {
                let present = if other.as_dict().is_some() && !is_setlike(&other) {
                    vm.dict_get(&other, &k)?.is_some()
                } else {
                    find(vm, &other, &k, h)?
                };
                if !present {
                    data_add(vm, &mut data, k, h)?;
                }
            }
            Ok(data)
        }
        Op::Xor => {
            let other = if is_setlike(b) { b.clone() } else { new_set_of(vm, b)? };
            let base = data_from_iterable(vm, a)?;
            let tmp = wrap(vm, vm.t.set.clone(), base, false);
            for (h, k) in entries(&other) {
                if !discard_from(vm, &tmp, &k, h)? {
                    add_to(vm, &tmp, k, h)?;
                }
            }
            let data = set_cell(&tmp).map(|c| c.borrow().clone()).unwrap_or_default();
            Ok(data)
        }
    }
}

/// The result class of an operation on `this`: frozenset or set.
fn result_class(vm: &Vm, this: &Value) -> (PyRef, bool) {
    if is_frozen(this) {
        (vm.t.frozenset.clone(), true)
    } else {
        (vm.t.set.clone(), false)
    }
}

fn multi_op(vm: &mut Vm, args: Args, name: &str, op: Op) -> PyResult<Value> {
    no_kwargs(vm, &format!("set.{}", name), &args)?;
    let p = args.pos();
    let this = &p[0];
    check_set(vm, this, name)?;
    let (cls, frozen) = result_class(vm, this);
    if p.len() == 1 {
        let data = data_from_iterable(vm, this)?;
        return Ok(wrap(vm, cls, data, frozen));
    }
    let mut cur = this.clone();
    for other in &p[1..] {
        let data = compute(vm, &cur, other, op)?;
        cur = wrap(vm, vm.t.set.clone(), data, false);
    }
    let data = set_cell(&cur).map(|c| c.borrow().clone()).unwrap_or_default();
    Ok(wrap(vm, cls, data, frozen))
}

fn single_op(vm: &mut Vm, args: Args, name: &str, op: Op) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, &format!("set.{}", name), &args)?;
    check_set(vm, this, name)?;
    let (cls, frozen) = result_class(vm, this);
    let data = compute(vm, this, other, op)?;
    Ok(wrap(vm, cls, data, frozen))
}

fn binop(vm: &mut Vm, args: Args, op: Op, reflected: bool) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("expected 1 argument, got {}", p.len().saturating_sub(1))));
    }
    if !is_setlike(&p[0]) || !is_setlike(&p[1]) {
        return Ok(vm.not_implemented.clone());
    }
    let (a, b) = if reflected { (&p[1], &p[0]) } else { (&p[0], &p[1]) };
    let (cls, frozen) = result_class(vm, a);
    let data = compute(vm, a, b, op)?;
    Ok(wrap(vm, cls, data, frozen))
}

/// Replaces the contents of the mutable set `this` with `data`.
fn replace_data(this: &Value, mut data: SetData) {
    if let Some(cell) = set_cell(this) {
        data.mutations = cell.borrow().mutations + 1;
        let old = std::mem::replace(&mut *cell.borrow_mut(), data);
        drop(old);
    }
}

/// `this op= other` in place (other any iterable).
fn apply_inplace(vm: &mut Vm, this: &Value, other: &Value, op: Op) -> PyResult<()> {
    match op {
        Op::Or => {
            for (h, k) in hashed_items(vm, other)? {
                add_to(vm, this, k, h)?;
            }
        }
        Op::Sub => {
            if other.is(this) {
                replace_data(this, SetData::new());
                return Ok(());
            }
            for (h, k) in hashed_items(vm, other)? {
                discard_from(vm, this, &k, h)?;
            }
        }
        Op::And => {
            let data = compute(vm, this, other, Op::And)?;
            replace_data(this, data);
        }
        Op::Xor => {
            if other.is(this) {
                replace_data(this, SetData::new());
                return Ok(());
            }
            let other = if is_setlike(other) { other.clone() } else { new_set_of(vm, other)? };
            for (h, k) in entries(&other) {
                if !discard_from(vm, this, &k, h)? {
                    add_to(vm, this, k, h)?;
                }
            }
        }
    }
    Ok(())
}

/// `set.update(*others)` for other modules.
pub fn set_update(vm: &mut Vm, this: &Value, other: &Value) -> PyResult<()> {
    apply_inplace(vm, this, other, Op::Or)
}

fn update_op(vm: &mut Vm, args: Args, name: &str, op: Op) -> PyResult<Value> {
    no_kwargs(vm, &format!("set.{}", name), &args)?;
    let p = args.pos();
    let this = &p[0];
    if set_cell(this).is_none() {
        return Err(vm.type_error(format!("descriptor '{}' for 'set' objects doesn't apply to a '{}' object", name, vm.type_name(this))));
    }
    if op == Op::Xor && p.len() != 2 {
        return Err(vm.type_error(format!("set.{}() takes exactly one argument ({} given)", name, p.len() - 1)));
    }
    for other in &p[1..] {
        apply_inplace(vm, this, other, op)?;
    }
    Ok(Value::None)
}

fn inplace_op(vm: &mut Vm, args: Args, op: Op) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("expected 1 argument, got {}", p.len().saturating_sub(1))));
    }
    if set_cell(&p[0]).is_none() || !is_setlike(&p[1]) {
        return Ok(vm.not_implemented.clone());
    }
    apply_inplace(vm, &p[0], &p[1], op)?;
    Ok(p[0].clone())
}

/// Whether every element of `a` is in `b` (both set-like).
fn subset(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if set_len(a) > set_len(b) {
        return Ok(false);
    }
    for (h, k) in entries(a) {
        if !find(vm, b, &k, h)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn set_issubset(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "set.issubset", &args)?;
    check_set(vm, this, "issubset")?;
    let other = if is_setlike(other) { other.clone() } else { new_set_of(vm, other)? };
    Ok(Value::bool(subset(vm, this, &other)?))
}

fn set_issuperset(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "set.issuperset", &args)?;
    check_set(vm, this, "issuperset")?;
    if is_setlike(other) {
        return Ok(Value::bool(subset(vm, other, this)?));
    }
    for (h, k) in hashed_items(vm, other)? {
        if !find(vm, this, &k, h)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

fn set_isdisjoint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "set.isdisjoint", &args)?;
    check_set(vm, this, "isdisjoint")?;
    let (probe_in, items) = if is_setlike(other) && set_len(other) > set_len(this) {
        (other.clone(), entries(this))
    } else if is_setlike(other) {
        (this.clone(), entries(other))
    } else {
        (this.clone(), hashed_items(vm, other)?)
    };
    for (h, k) in items {
        if find(vm, &probe_in, &k, h)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

fn set_cmp(vm: &mut Vm, args: Args, op: CompareOperator) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("expected 1 argument, got {}", p.len().saturating_sub(1))));
    }
    let (a, b) = (&p[0], &p[1]);
    if !is_setlike(a) || !is_setlike(b) {
        return Ok(vm.not_implemented.clone());
    }
    let (la, lb) = (set_len(a), set_len(b));
    let r = match op {
        CompareOperator::Eq => la == lb && subset(vm, a, b)?,
        CompareOperator::Ne => !(la == lb && subset(vm, a, b)?),
        CompareOperator::Le => subset(vm, a, b)?,
        CompareOperator::Lt => la < lb && subset(vm, a, b)?,
        CompareOperator::Ge => subset(vm, b, a)?,
        CompareOperator::Gt => la > lb && subset(vm, b, a)?,
    };
    Ok(Value::bool(r))
}

fn set_add_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, key) = self_and_one(vm, "set.add", &args)?;
    if set_cell(this).is_none() {
        return Err(vm.type_error("descriptor 'add' for 'set' objects doesn't apply to this object"));
    }
    let h = vm.hash(key)?;
    add_to(vm, this, key.clone(), h)?;
    Ok(Value::None)
}

fn set_discard_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, key) = self_and_one(vm, "set.discard", &args)?;
    let (k, h) = key_hash(vm, key)?;
    discard_from(vm, this, &k, h)?;
    Ok(Value::None)
}

fn set_remove_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, key) = self_and_one(vm, "set.remove", &args)?;
    let (k, h) = key_hash(vm, key)?;
    if !discard_from(vm, this, &k, h)? {
        return Err(vm.key_error(key.clone()));
    }
    Ok(Value::None)
}

fn set_pop_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "set.pop", &args)?;
    let Some(cell) = set_cell(this) else { return Err(vm.type_error("descriptor 'pop' for 'set' objects doesn't apply to this object")) };
    let v = cell.borrow_mut().pop();
    match v {
        Some(v) => Ok(v),
        None => Err(vm.new_error(&vm.e.key_error.clone(), "pop from an empty set")),
    }
}

fn set_clear_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "set.clear", &args)?;
    let Some(cell) = set_cell(this) else { return Err(vm.type_error("descriptor 'clear' for 'set' objects doesn't apply to this object")) };
    let old = std::mem::take(&mut *cell.borrow_mut());
    cell.borrow_mut().mutations = old.mutations + 1;
    drop(old);
    Ok(Value::None)
}

fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// `hash(frozenset)`: xor of the shuffled element hashes, then mixed with
/// the size (CPython's `frozenset_hash`).
pub fn frozenset_hash(v: &Value) -> i64 {
    let (mut hash, n) = with_set_data(v, |s| (s.iter().fold(0u64, |acc, (h, _)| acc ^ shuffle_bits(h as u64)), s.len())).unwrap_or((0, 0));
    hash ^= (n as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        hash = 590923713;
    }
    hash as i64
}

fn frozenset_hash_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "frozenset.__hash__", &args)?;
    check_set(vm, this, "__hash__")?;
    Ok(Value::Int(frozenset_hash(this)))
}

/// Whether `ty` is set or frozenset (or a subclass of either).
pub fn is_set_type(vm: &Vm, ty: &PyRef) -> bool {
    is_subtype(ty, &vm.t.set) || is_subtype(ty, &vm.t.frozenset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::{Config, Vm};

    #[test]
    fn frozenset_hash_matches_cpython() {
        let mut vm = Vm::new(Config::default());
        let fs = vm.new_frozenset_from(vec![Value::Int(1), Value::Int(2), Value::Int(3)]).unwrap();
        assert_eq!(frozenset_hash(&fs), -272375401224217160);
        let empty = vm.new_frozenset_from(vec![]).unwrap();
        assert_eq!(frozenset_hash(&empty), 133146708735736);
    }
}
