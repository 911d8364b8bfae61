//! (Owned by the containers/builtins engineer.) `dict`: constructor and
//! `update` (mappings, iterables of pairs, keywords, with CPython's error
//! messages), every method, `__missing__` for subclasses, `|`/`|=`,
//! equality, and `repr` with the `{...}` recursion guard. The views
//! (`dict_keys`/`dict_values`/`dict_items`) and `mappingproxy` are in
//! `dict_views.rs`.

use super::container_helpers::{add_methods, check_pos, class_getitem, is_exact, repr_enter, repr_leave, self_and_args, self_and_one, self_only, set_unhashable};
use super::iterators::DictIterKind;
use crate::function::Args;
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::cell::RefCell;
use std::rc::Rc;

pub use super::dict_views::new_mappingproxy;

pub fn init(vm: &mut Vm) {
    let ty = vm.t.dict.clone();
    vm.add_staticmethod(&ty, "__new__", dict_new);
    vm.add_classmethod(&ty, "__class_getitem__", class_getitem);
    vm.add_classmethod(&ty, "fromkeys", dict_fromkeys);
    add_methods(
        vm,
        &ty,
        &[
            ("__init__", dict_init),
            ("__getitem__", dict_getitem),
            ("__setitem__", dict_setitem),
            ("__delitem__", dict_delitem),
            ("__contains__", dict_contains),
            ("__len__", dict_len),
            ("__iter__", dict_iter),
            ("__reversed__", dict_reversed),
            ("__eq__", dict_eq),
            ("__ne__", dict_ne),
            ("__or__", dict_or),
            ("__ror__", dict_ror),
            ("__ior__", dict_ior),
            ("__repr__", dict_repr),
            ("get", dict_get),
            ("setdefault", dict_setdefault),
            ("pop", dict_pop),
            ("popitem", dict_popitem),
            ("keys", dict_keys),
            ("values", dict_values),
            ("items", dict_items),
            ("update", dict_update),
            ("clear", dict_clear),
            ("copy", dict_copy),
        ],
    );
    set_unhashable(vm, &ty);
    super::dict_views::init(vm);
}

fn check_dict(vm: &Vm, v: &Value, method: &str) -> PyResult<()> {
    if v.as_dict().is_none() {
        return Err(vm.type_error(format!("descriptor '{}' for 'dict' objects doesn't apply to a '{}' object", method, vm.type_name(v))));
    }
    Ok(())
}

fn dict_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = match args.pos().first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => o.clone(),
        _ => return Err(vm.type_error("dict.__new__(X): X is not a type object")),
    };
    Ok(vm.alloc(cls, Data::Dict(Box::new(RefCell::new(crate::dict::DictData::new())))))
}

/// A new exact dict holding the items of `src` (a dict object).
pub fn copy_dict(vm: &mut Vm, src: &Value) -> Value {
    let data = src.as_dict().map(|d| d.borrow().clone()).unwrap_or_default();
    let mut data = data;
    // Versions are per object; start the copy's counters fresh.
    data.mutations = 0;
    Value::Obj(Rc::new(crate::value::Object { gc: crate::gc::GcIndex::new(), ty: vm.t.dict.clone(), attrs: None, data: Data::Dict(Box::new(RefCell::new(data))) }))
}

/// Whether `v` is a dict whose iteration is plain dict iteration (so its
/// items can be read directly, as CPython's `PyDict_CheckExact`-like paths).
fn plain_dict(vm: &Vm, v: &Value) -> bool {
    if v.as_dict().is_none() {
        return false;
    }
    if is_exact(v, &vm.t.dict) {
        return true;
    }
    let ty = vm.type_ref(v);
    let base_iter = crate::types::lookup(&vm.t.dict, "__iter__");
    let base_keys = crate::types::lookup(&vm.t.dict, "keys");
    let same = |name: &str, base: &Option<Value>| match (crate::types::lookup(ty, name), base) {
        (Some(a), Some(b)) => a.is(b),
        _ => false,
    };
    same("__iter__", &base_iter) && same("keys", &base_keys)
}

/// `dict.update(other)` for one positional argument (mapping or pairs).
pub fn update_from(vm: &mut Vm, this: &Value, other: &Value) -> PyResult<()> {
    if plain_dict(vm, other) {
        // The stored hashes are reused, as CPython's merge does (no `__hash__` calls).
        let items: Vec<(i64, Value, Value)> = other.as_dict().unwrap().borrow().iter().map(|e| (e.hash, e.key.clone(), e.value.clone())).collect();
        for (h, k, v) in items {
            vm.dict_set_hashed(this, h, k, v)?;
        }
        return Ok(());
    }
    if let Some(keys_fn) = vm.getattr_opt(other, "keys")? {
        let keys = vm.call(&keys_fn, &[])?;
        let it = vm.iter(&keys)?;
        while let Some(k) = vm.next(&it)? {
            let v = vm.getitem(other, &k)?;
            vm.dict_set(this, k, v)?;
        }
        return Ok(());
    }
    update_from_pairs(vm, this, other)
}

/// Fills `this` from an iterable of key/value pairs.
pub fn update_from_pairs(vm: &mut Vm, this: &Value, pairs: &Value) -> PyResult<()> {
    let it = vm.iter(pairs)?;
    let mut i = 0usize;
    while let Some(elem) = vm.next(&it)? {
        let items = match vm.iter(&elem) {
            Ok(eit) => {
                let mut v = Vec::with_capacity(2);
                while let Some(x) = vm.next(&eit)? {
                    v.push(x);
                    if v.len() > 2 {
                        // Count the rest for the message.
                        while vm.next(&eit)?.is_some() {
                            v.push(Value::None);
                        }
                        break;
                    }
                }
                v
            }
            Err(e) if vm.is_instance(&e.0, &vm.e.type_error.clone()) => {
                return Err(vm.type_error(format!("cannot convert dictionary update sequence element #{} to a sequence", i)));
            }
            Err(e) => return Err(e),
        };
        if items.len() != 2 {
            return Err(vm.value_error(format!("dictionary update sequence element #{} has length {}; 2 is required", i, items.len())));
        }
        let mut items = items.into_iter();
        let k = items.next().unwrap();
        let v = items.next().unwrap();
        vm.dict_set(this, k, v)?;
        i += 1;
    }
    Ok(())
}

/// The body of `dict.__init__` and `dict.update`.
fn update_common(vm: &mut Vm, args: &Args, name: &str) -> PyResult<()> {
    let p = args.pos();
    let this = &p[0];
    check_dict(vm, this, name)?;
    check_pos(vm, name, &p[1..], 0, 1)?;
    if p.len() == 2 {
        update_from(vm, this, &p[1])?;
    }
    for (k, v) in args.kwargs() {
        let key = vm.intern(k);
        vm.dict_set(this, key, v.clone())?;
    }
    Ok(())
}

fn dict_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    update_common(vm, &args, "dict")?;
    Ok(Value::None)
}

fn dict_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    update_common(vm, &args, "update")?;
    Ok(Value::None)
}

/// `d[key]` including `__missing__` for subclasses.
pub fn dict_subscript(vm: &mut Vm, this: &Value, key: &Value) -> PyResult<Value> {
    if let Some(v) = vm.dict_get(this, key)? {
        return Ok(v);
    }
    if !is_exact(this, &vm.t.dict) {
        let ty = vm.type_of(this);
        if let Some(missing) = crate::types::lookup(&ty, "__missing__") {
            let f = vm.descr_get(&missing, this, &Value::Obj(ty))?;
            return vm.call(&f, &[key.clone()]);
        }
    }
    Err(vm.key_error(key.clone()))
}

fn dict_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, key) = self_and_one(vm, "dict.__getitem__", &args)?;
    check_dict(vm, this, "__getitem__")?;
    dict_subscript(vm, this, key)
}

fn dict_setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 3 {
        return Err(vm.type_error(format!("expected 2 arguments, got {}", p.len().saturating_sub(1))));
    }
    check_dict(vm, &p[0], "__setitem__")?;
    vm.dict_set(&p[0], p[1].clone(), p[2].clone())?;
    Ok(Value::None)
}

fn dict_delitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, key) = self_and_one(vm, "dict.__delitem__", &args)?;
    check_dict(vm, this, "__delitem__")?;
    match vm.dict_del(this, key)? {
        Some(_) => Ok(Value::None),
        None => Err(vm.key_error(key.clone())),
    }
}

fn dict_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, key) = self_and_one(vm, "dict.__contains__", &args)?;
    check_dict(vm, this, "__contains__")?;
    Ok(Value::bool(vm.dict_get(this, key)?.is_some()))
}

fn dict_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict.__len__", &args)?;
    check_dict(vm, this, "__len__")?;
    Ok(Value::Int(this.as_dict().unwrap().borrow().len() as i64))
}

fn dict_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict.__iter__", &args)?;
    check_dict(vm, this, "__iter__")?;
    Ok(super::iterators::new_dict_iter(vm, this.clone(), DictIterKind::Keys))
}

fn dict_reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict.__reversed__", &args)?;
    check_dict(vm, this, "__reversed__")?;
    Ok(super::iterators::new_dict_rev_iter(vm, this.clone(), DictIterKind::Keys))
}

/// `a == b` for two dict objects.
/// `dict[key]` lookup with the key's hash already known.
fn get_with_hash(vm: &mut Vm, dict: &Value, key: &Value, hash: i64) -> PyResult<Option<Value>> {
    let Some(d) = dict.as_dict() else { return Ok(None) };
    let mut skip = 0;
    loop {
        let (probe, mutations) = {
            let dd = d.borrow();
            (dd.probe(key, hash, skip), dd.mutations)
        };
        match probe {
            crate::dict::Probe::Found(i) => return Ok(d.borrow().entry(i).map(|e| e.value.clone())),
            crate::dict::Probe::Missing => return Ok(None),
            crate::dict::Probe::Compare(_, other) => {
                let equal = vm.eq(&other, key)?;
                if d.borrow().mutations != mutations {
                    skip = 0;
                    continue;
                }
                if equal {
                    let dd = d.borrow();
                    if let crate::dict::Probe::Compare(i, _) = dd.probe(key, hash, skip) {
                        return Ok(dd.entry(i).map(|e| e.value.clone()));
                    }
                    return Ok(None);
                }
                skip += 1;
            }
        }
    }
}

pub fn dicts_equal(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    let (la, lb) = (a.as_dict().unwrap().borrow().len(), b.as_dict().unwrap().borrow().len());
    if la != lb {
        return Ok(false);
    }
    // As CPython, b is probed with the hashes stored in a (no `__hash__` calls).
    let items: Vec<(i64, Value, Value)> = a.as_dict().unwrap().borrow().iter().map(|e| (e.hash, e.key.clone(), e.value.clone())).collect();
    for (h, k, v) in items {
        match get_with_hash(vm, b, &k, h)? {
            Some(bv) => {
                if !(bv.is(&v) || super::container_helpers::guarded(vm, " in comparison", |vm| vm.eq(&v, &bv))?) {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

fn dict_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "dict.__eq__", &args)?;
    check_dict(vm, this, "__eq__")?;
    if other.as_dict().is_none() {
        return Ok(vm.not_implemented.clone());
    }
    Ok(Value::bool(dicts_equal(vm, this, other)?))
}

fn dict_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "dict.__ne__", &args)?;
    check_dict(vm, this, "__ne__")?;
    if other.as_dict().is_none() {
        return Ok(vm.not_implemented.clone());
    }
    Ok(Value::bool(!dicts_equal(vm, this, other)?))
}

/// A new dict of `this`'s type holding its items (`copy()` keeps exact dict;
/// `|` on a subclass makes a copy through the type, as CPython's `dict.copy` does not).
fn dict_or(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "dict.__or__", &args)?;
    check_dict(vm, this, "__or__")?;
    if other.as_dict().is_none() {
        return Ok(vm.not_implemented.clone());
    }
    // dict.__or__ always builds a plain dict (subclasses override it).
    let new = copy_dict(vm, this);
    update_from(vm, &new, other)?;
    Ok(new)
}

fn dict_ror(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "dict.__ror__", &args)?;
    check_dict(vm, this, "__ror__")?;
    if other.as_dict().is_none() {
        return Ok(vm.not_implemented.clone());
    }
    let new = copy_dict(vm, other);
    update_from(vm, &new, this)?;
    Ok(new)
}

fn dict_ior(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "dict.__ior__", &args)?;
    check_dict(vm, this, "__ior__")?;
    update_from(vm, this, other)?;
    Ok(this.clone())
}

/// `{k: v, ...}` of a dict's items (shared by dict subclasses' reprs).
pub fn dict_repr_string(vm: &mut Vm, this: &Value) -> PyResult<String> {
    let mut s = String::from("{");
    let mut pos = 0;
    let mut first = true;
    loop {
        let entry = {
            let d = this.as_dict().unwrap().borrow();
            d.next_entry(pos).map(|(p, e)| (p, e.key.clone(), e.value.clone()))
        };
        let Some((p, k, v)) = entry else { break };
        pos = p;
        if !first {
            s.push_str(", ");
        }
        first = false;
        let kr = super::container_helpers::guarded(vm, " while getting the repr of an object", |vm| vm.repr(&k))?;
        s.push_str(kr.as_str().unwrap_or(""));
        s.push_str(": ");
        let vr = super::container_helpers::guarded(vm, " while getting the repr of an object", |vm| vm.repr(&v))?;
        s.push_str(vr.as_str().unwrap_or(""));
    }
    s.push('}');
    Ok(s)
}

fn dict_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict.__repr__", &args)?;
    check_dict(vm, this, "__repr__")?;
    if this.as_dict().unwrap().borrow().is_empty() {
        return Ok(vm.new_str("{}"));
    }
    if !repr_enter(this) {
        return Ok(vm.new_str("{...}"));
    }
    let r = dict_repr_string(vm, this);
    repr_leave(this);
    Ok(vm.new_str(r?))
}

fn dict_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    // `d.get(key)` / `d.get(key, default)` on a dict: no argument checking beyond the count.
    if !args.has_kwargs() {
        if let [this, key, rest @ ..] = args.pos() {
            if rest.len() <= 1 && this.as_dict().is_some() {
                return match vm.dict_get(this, key)? {
                    Some(v) => Ok(v),
                    None => Ok(rest.first().cloned().unwrap_or(Value::None)),
                };
            }
        }
    }
    let (this, a) = self_and_args(vm, "get", "dict.get", &args, 1, 2)?;
    check_dict(vm, this, "get")?;
    match vm.dict_get(this, &a[0])? {
        Some(v) => Ok(v),
        None => Ok(a.get(1).cloned().unwrap_or(Value::None)),
    }
}

fn dict_setdefault(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = self_and_args(vm, "setdefault", "dict.setdefault", &args, 1, 2)?;
    check_dict(vm, this, "setdefault")?;
    let dflt = a.get(1).cloned().unwrap_or(Value::None);
    vm.dict_setdefault(this, &a[0], dflt)
}

fn dict_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = self_and_args(vm, "pop", "dict.pop", &args, 1, 2)?;
    check_dict(vm, this, "pop")?;
    match vm.dict_del(this, &a[0])? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.key_error(a[0].clone())),
        },
    }
}

fn dict_popitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict.popitem", &args)?;
    check_dict(vm, this, "popitem")?;
    let e = this.as_dict().unwrap().borrow_mut().pop_last();
    match e {
        Some(e) => Ok(vm.new_pair(e.key, e.value)),
        None => Err(vm.new_error(&vm.e.key_error.clone(), "popitem(): dictionary is empty")),
    }
}

fn dict_keys(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict.keys", &args)?;
    check_dict(vm, this, "keys")?;
    Ok(super::dict_views::new_view(vm, this.clone(), DictIterKind::Keys))
}

fn dict_values(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict.values", &args)?;
    check_dict(vm, this, "values")?;
    Ok(super::dict_views::new_view(vm, this.clone(), DictIterKind::Values))
}

fn dict_items(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict.items", &args)?;
    check_dict(vm, this, "items")?;
    Ok(super::dict_views::new_view(vm, this.clone(), DictIterKind::Items))
}

fn dict_clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict.clear", &args)?;
    check_dict(vm, this, "clear")?;
    let old = std::mem::take(&mut *this.as_dict().unwrap().borrow_mut());
    {
        let mut d = this.as_dict().unwrap().borrow_mut();
        d.mutations = old.mutations + 1;
        d.version = old.version + 1;
    }
    drop(old);
    Ok(Value::None)
}

fn dict_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict.copy", &args)?;
    check_dict(vm, this, "copy")?;
    Ok(copy_dict(vm, this))
}

fn dict_fromkeys(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, a) = self_and_args(vm, "fromkeys", "dict.fromkeys", &args, 1, 2)?;
    let value = a.get(1).cloned().unwrap_or(Value::None);
    let exact = matches!(cls, Value::Obj(o) if Rc::ptr_eq(o, &vm.t.dict));
    let d = if exact { vm.new_dict() } else { vm.call(cls, &[])? };
    let it = vm.iter(&a[0])?;
    while let Some(k) = vm.next(&it)? {
        if exact {
            vm.dict_set(&d, k, value.clone())?;
        } else {
            vm.setitem(&d, &k, value.clone())?;
        }
    }
    Ok(d)
}

/// The type object `dict` (for other modules).
pub fn dict_type(vm: &Vm) -> PyRef {
    vm.t.dict.clone()
}
