//! (Owned by the interpreter engineer: the type type: type(name, bases, ns) / type.__new__ (class creation: layout, __slots__, __set_name__, __init_subclass__, __classcell__), type.__call__, __name__/__qualname__/__module__/__doc__/__mro__/__bases__/__dict__ (mappingproxy), mro(), __subclasses__, __instancecheck__, __subclasscheck__, __prepare__, __or__ (unions), __repr__.)
//!
//! Also here: `types.GenericAlias` (`list[int]`), `types.UnionType`
//! (`int | str`), and `vm.isinstance` / `vm.issubclass`
//! honouring `__instancecheck__`/`__subclasscheck__`, tuples and unions.
//! `init` also starts the interpreter's own types (generators, frames,
//! `super`, PEP 695 objects) and its builtins.

use crate::function::Args;
use crate::interp::class::NO_DICT;
use crate::slots::special;
use crate::types::{c3_mro, is_subtype, lookup, mro_with_self, tdata, type_flags as tf, Layout, TypeData};
use crate::value::{Data, NativeData, Object, PyRef, Value};
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use std::rc::Rc;

fn arg0(args: &Args) -> Value {
    args.pos().first().cloned().unwrap_or(Value::None)
}

fn as_type<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a PyRef> {
    match v {
        Value::Obj(o) if matches!(o.data, Data::Type(_)) => Ok(o),
        _ => Err(vm.type_error(format!("descriptor requires a 'type' object but received a '{}'", vm.type_name(v)))),
    }
}

/// The `__module__` of a type as a string (`builtins` for builtin types).
pub fn type_module(vm: &mut Vm, t: &PyRef) -> String {
    match tdata(t).own_attr("__module__") {
        Some(m) if m.as_str().is_some() => m.as_str().unwrap_or("").to_string(),
        Some(m) if tdata(t).has_flag(tf::HEAPTYPE) => vm.str_string(&m).unwrap_or_default(),
        _ => static_type_module(t),
    }
}

/// The module of a builtin type: the part of its name before the last dot
/// (`typing.TypeVar`), as CPython derives it from `tp_name`.
fn static_type_module(t: &PyRef) -> String {
    let n = tdata(t).name();
    match n.rfind('.') {
        Some(i) => n[..i].to_string(),
        None => "builtins".to_string(),
    }
}

/// `<class 'mod.Qualname'>`.
pub fn type_repr_string(vm: &mut Vm, t: &PyRef) -> String {
    let m = type_module(vm, t);
    let q = tdata(t).qualname.borrow().clone();
    if m == "builtins" {
        format!("<class '{}'>", q)
    } else {
        format!("<class '{}.{}'>", m, q)
    }
}

// ----- class creation -----------------------------------------------------------------

/// The most derived metaclass of `meta` and the metaclasses of `bases`.
pub fn calculate_metaclass(vm: &mut Vm, meta: PyRef, bases: &[Value]) -> PyResult<PyRef> {
    let mut winner = meta;
    for b in bases {
        let bt = vm.type_of(b);
        if is_subtype(&winner, &bt) {
            continue;
        }
        if is_subtype(&bt, &winner) {
            winner = bt;
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

fn mangle(class_name: &str, name: &str) -> String {
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{}{}", stripped, name)
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    chars.all(|c| c == '_' || c.is_alphanumeric())
}

thread_local! {
    /// Classes made since the last cycle collection, kept alive until it.
    static YOUNG_CLASSES: std::cell::RefCell<Vec<PyRef>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// In CPython every class is part of a reference cycle (its MRO holds it),
/// so an unreferenced class lives until the next collection (and stays in
/// its bases' `__subclasses__()` until then). Ours have no such cycle: this
/// keeps a new class alive until [`release_young_classes`] (called by the collector).
fn keep_until_collection(cls: &PyRef) {
    YOUNG_CLASSES.with(|y| y.borrow_mut().push(cls.clone()));
}

/// Drops the references kept by [`keep_until_collection`].
pub fn release_young_classes() {
    let old = YOUNG_CLASSES.with(|y| std::mem::take(&mut *y.borrow_mut()));
    drop(old);
}

/// `obj.__class__ = new`, with CPython's checks: both classes must be heap
/// types (or module subclasses) with the same instance layout (builtin
/// payload, `__slots__`, presence of `__dict__`).
pub fn set_object_class(vm: &mut Vm, obj: &Value, new: &Value) -> PyResult<()> {
    let Value::Obj(new_ty) = new else {
        return Err(vm.type_error(format!("__class__ must be set to a class, not '{}' object", vm.type_name(new))));
    };
    if !matches!(new_ty.data, Data::Type(_)) {
        return Err(vm.type_error(format!("__class__ must be set to a class, not '{}' object", vm.type_name(new))));
    }
    let old_ty = vm.type_of(obj);
    let module_like = |t: &PyRef| tdata(t).layout == Layout::Module;
    let mutable = |t: &PyRef| tdata(t).has_flag(tf::HEAPTYPE) || module_like(t);
    let Value::Obj(o) = obj else {
        return Err(vm.type_error("__class__ assignment only supported for mutable types or ModuleType subclasses"));
    };
    if !mutable(&old_ty) || !mutable(new_ty) {
        return Err(vm.type_error("__class__ assignment only supported for mutable types or ModuleType subclasses"));
    }
    if Rc::ptr_eq(&old_ty, new_ty) {
        return Ok(());
    }
    let (a, b) = (tdata(&old_ty), tdata(new_ty));
    let same_layout = a.layout == b.layout
        && *a.slot_names.borrow() == *b.slot_names.borrow()
        && a.has_flag(NO_DICT) == b.has_flag(NO_DICT)
        && a.has_flag(tf::HAS_ATTRS) == b.has_flag(tf::HAS_ATTRS)
        && o.attrs.is_some() == b.has_flag(tf::HAS_ATTRS);
    if !same_layout {
        return Err(vm.type_error(format!("__class__ assignment: '{}' object layout differs from '{}'", b.name(), a.name())));
    }
    // SAFETY: `Object::ty` has no cell (the object model treats it as
    // fixed); this is the one place that changes it, as CPython's
    // `object.__class__` setter does. No borrow of the field is held across
    // this call (callers hold `Rc`s and reload `ty` on every use), and the
    // old type is dropped only after the new one is in place.
    let slot = &o.ty as *const PyRef as *mut PyRef;
    let old = unsafe { std::ptr::replace(slot, new_ty.clone()) };
    drop(old);
    Ok(())
}

/// `type.__new__(meta, name, bases, ns, **kwds)`.
fn type_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let meta = pos.first().cloned().unwrap_or(Value::None);
    let meta_ref = as_type(vm, &meta)?.clone();
    if pos.len() == 2 && Rc::ptr_eq(&meta_ref, &vm.type_type) && !args.has_kwargs() {
        return Ok(Value::Obj(vm.type_of(&pos[1])));
    }
    if pos.len() != 4 {
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    let name = pos[1].clone();
    let Some(name_s) = name.as_str().map(|s| s.to_string()) else {
        return Err(vm.type_error(format!("type.__new__() argument 1 must be str, not {}", vm.type_name(&name))));
    };
    let Some(bases_v) = pos[2].as_tuple().map(|t| t.to_vec()) else {
        return Err(vm.type_error(format!("type.__new__() argument 2 must be tuple, not {}", vm.type_name(&pos[2]))));
    };
    let ns = pos[3].clone();
    if ns.as_dict().is_none() {
        return Err(vm.type_error(format!("type.__new__() argument 3 must be dict, not {}", vm.type_name(&ns))));
    }
    // The metaclass actually used (a more derived one may win).
    let winner = calculate_metaclass(vm, meta_ref.clone(), &bases_v)?;
    if !Rc::ptr_eq(&winner, &meta_ref) {
        if let Some(new) = lookup(&winner, "__new__") {
            let is_type_new = matches!(&new, Value::Obj(o) if matches!(&o.data, Data::Builtin(b) if b.func as usize == type_new as crate::function::NativeFn as usize));
            if !is_type_new {
                let mut a = vec![Value::Obj(winner.clone())];
                a.extend_from_slice(&pos[1..]);
                let kv: Vec<Value> = args.args[pos.len()..].to_vec();
                a.extend(kv);
                let f = vm.descr_get(&new, &Value::None, &Value::Obj(winner.clone()))?;
                return vm.call_kw(&f, &a, args.kwnames);
            }
        }
    }
    let meta_ref = winner;
    let mut bases: Vec<PyRef> = Vec::new();
    for b in &bases_v {
        match b {
            Value::Obj(o) if matches!(o.data, Data::Type(_)) => {
                if !tdata(o).has_flag(tf::BASETYPE) {
                    return Err(vm.type_error(format!("type '{}' is not an acceptable base type", tdata(o).name())));
                }
                if bases.iter().any(|x| Rc::ptr_eq(x, o)) {
                    let n = tdata(o).name();
                    let short = n.rsplit('.').next().unwrap_or(&n).to_string();
                    return Err(vm.type_error(format!("duplicate base class {short}")));
                }
                bases.push(o.clone());
            }
            _ => {
                if vm.getattr_opt(b, "__mro_entries__")?.is_some() {
                    return Err(vm.type_error("type() doesn't support MRO entry resolution; use types.new_class()"));
                }
                return Err(vm.type_error(format!("bases must be types")));
            }
        }
    }
    if bases.is_empty() {
        bases.push(vm.t.object.clone());
    }
    // Layout: at most one distinct builtin payload among the bases.
    let mut layout = Layout::Object;
    let mut slot_base: Option<PyRef> = None;
    for b in &bases {
        let bl = tdata(b).layout;
        if bl != Layout::Object {
            if layout != Layout::Object && layout != bl {
                return Err(vm.type_error("multiple bases have instance lay-out conflict"));
            }
            layout = bl;
        }
        if !tdata(b).slot_names.borrow().is_empty() {
            match &slot_base {
                Some(sb) if !is_subtype(b, sb) && !is_subtype(sb, b) => {
                    return Err(vm.type_error("multiple bases have instance lay-out conflict"));
                }
                Some(sb) if is_subtype(sb, b) => {}
                _ => slot_base = Some(b.clone()),
            }
        }
    }
    let mro = match c3_mro(&bases) {
        Ok(m) => m,
        Err(msg) => return Err(vm.type_error(msg)),
    };
    // Namespace.
    let items = ns.as_dict().map(|d| d.borrow().items()).unwrap_or_default();
    let mut flags = tf::HEAPTYPE | tf::BASETYPE | tf::HAS_ATTRS;
    if bases.iter().any(|b| tdata(b).has_flag(tf::EXCEPTION)) {
        flags |= tf::EXCEPTION;
    }
    let base_has_dict = bases.iter().any(|b| tdata(b).has_flag(tf::HAS_ATTRS) && !tdata(b).has_flag(NO_DICT));
    let slots_v = items.iter().find(|(k, _)| k.as_str() == Some("__slots__")).map(|(_, v)| v.clone());
    let mut own_slots: Vec<String> = Vec::new();
    if let Some(sv) = &slots_v {
        let names: Vec<Value> = if sv.as_str().is_some() { vec![sv.clone()] } else { vm.collect(sv)? };
        let mut want_dict = false;
        for n in names {
            let Some(s) = n.as_str() else {
                return Err(vm.type_error(format!("__slots__ items must be strings, not '{}'", vm.type_name(&n))));
            };
            if !is_identifier(s) {
                return Err(vm.type_error("__slots__ must be identifiers"));
            }
            if s == "__dict__" {
                if base_has_dict || want_dict {
                    return Err(vm.type_error("__dict__ slot disallowed: we already got one"));
                }
                want_dict = true;
                continue;
            }
            if s == "__weakref__" {
                continue;
            }
            let m = mangle(&name_s, s);
            if items.iter().any(|(k, _)| k.as_str() == Some(m.as_str())) {
                return Err(vm.value_error(format!("'{}' in __slots__ conflicts with class variable", m)));
            }
            if own_slots.contains(&m) {
                return Err(vm.type_error("duplicate slot name"));
            }
            own_slots.push(m);
        }
        if !want_dict && !base_has_dict {
            flags |= NO_DICT;
        }
    }
    if layout != Layout::Object && layout != Layout::Exception && !own_slots.is_empty() {
        if matches!(layout, Layout::Int | Layout::Tuple | Layout::Bytes) {
            return Err(vm.type_error(format!("nonempty __slots__ not supported for subtype of '{}'", tdata(&bases[0]).name())));
        }
    }
    let td = TypeData::new(&name_s, layout, flags);
    let mut inherited: Vec<Rc<str>> = Vec::new();
    for b in &bases {
        for s in tdata(b).slot_names.borrow().iter() {
            if !inherited.contains(s) {
                inherited.push(s.clone());
            }
        }
    }
    let first_own = inherited.len();
    let mut all_slots = inherited;
    all_slots.extend(own_slots.iter().map(|s| Rc::from(s.as_str())));
    *td.slot_names.borrow_mut() = all_slots;
    let mut qualname: Option<Value> = None;
    let mut classcell: Option<Value> = None;
    for (k, v) in items {
        match k.as_str() {
            Some("__qualname__") => {
                if v.as_str().is_none() {
                    return Err(vm.type_error(format!("type __qualname__ must be a str, not {}", vm.type_name(&v))));
                }
                qualname = Some(v);
                continue;
            }
            Some("__classcell__") => {
                classcell = Some(v);
                continue;
            }
            _ => {}
        }
        let v = match (k.as_str(), &v) {
            (Some("__new__"), Value::Obj(o)) if matches!(o.data, Data::Function(_)) => wrap_descr(vm, "staticmethod", v.clone())?,
            (Some("__init_subclass__" | "__class_getitem__"), Value::Obj(o)) if matches!(o.data, Data::Function(_)) => {
                wrap_descr(vm, "classmethod", v.clone())?
            }
            _ => v,
        };
        let h = vm.hash(&k)?;
        let mut d = td.dict.borrow_mut();
        match d.probe(&k, h, 0) {
            crate::dict::Probe::Found(i) => {
                d.replace_value(i, v);
            }
            _ => d.insert_new(h, k, v),
        }
    }
    if let Some(q) = &qualname {
        *td.qualname.borrow_mut() = Rc::from(q.as_str().unwrap_or(""));
    }
    if td.own_attr("__module__").is_none() {
        if let Some(g) = crate::interp::current_globals(vm) {
            if let Some(m) = vm.dict_get_str(&Value::Obj(g), "__name__") {
                let key = vm.intern("__module__");
                td.dict.borrow_mut().insert_new(crate::hash::str_hash("__module__"), key, m);
            }
        }
    }
    if td.own_attr("__doc__").is_none() {
        let key = vm.intern("__doc__");
        td.dict.borrow_mut().insert_new(crate::hash::str_hash("__doc__"), key, Value::None);
    }
    // A class that defines __eq__ without __hash__ is unhashable.
    if td.own_attr("__eq__").is_some() && td.own_attr("__hash__").is_none() {
        let key = vm.intern("__hash__");
        td.dict.borrow_mut().insert_new(crate::hash::str_hash("__hash__"), key, Value::None);
    }
    if td.own_attr("__del__").is_some() || mro.iter().any(|b| tdata(b).has_flag(tf::HAS_FINALIZER)) {
        td.flags.set(td.flags.get() | tf::HAS_FINALIZER);
    }
    let cls = Rc::new(Object { gc: crate::gc::GcIndex::new(), ty: meta_ref.clone(), attrs: None, data: Data::Type(Box::new(td)) });
    for b in &bases {
        tdata(b).subclasses.borrow_mut().push(Rc::downgrade(&cls));
    }
    keep_until_collection(&cls);
    *tdata(&cls).bases.borrow_mut() = bases;
    *tdata(&cls).mro.borrow_mut() = mro;
    // Slot descriptors.
    for (i, s) in own_slots.iter().enumerate() {
        let d = crate::interp::class::new_slot_descriptor(vm, first_own + i, s);
        vm.set_type_attr(&cls, s, d);
    }
    let clsv = Value::Obj(cls.clone());
    // A metaclass may override mro().
    if !Rc::ptr_eq(&meta_ref, &vm.type_type) {
        if let Some(m) = lookup(&meta_ref, "mro") {
            let is_native = matches!(&m, Value::Obj(o) if matches!(o.data, Data::Builtin(_)));
            if !is_native {
                let r = vm.call(&m, &[clsv.clone()])?;
                let items = vm.collect(&r)?;
                let mut new_mro = Vec::new();
                for (i, t) in items.into_iter().enumerate() {
                    let Value::Obj(to) = &t else { return Err(vm.type_error("mro() returned a non-class")) };
                    if !matches!(to.data, Data::Type(_)) {
                        return Err(vm.type_error(format!("mro() returned a non-class ('{}')", vm.type_name(&t))));
                    }
                    if i == 0 && Rc::ptr_eq(to, &cls) {
                        continue;
                    }
                    new_mro.push(to.clone());
                }
                *tdata(&cls).mro.borrow_mut() = new_mro;
                crate::types::invalidate(&cls);
            }
        }
    }
    if let Some(cell) = classcell {
        match &cell {
            Value::Obj(o) if matches!(o.data, Data::Cell(_)) => crate::interp::frame::cell_set(&cell, Some(clsv.clone())),
            _ => {
                let ct = vm.type_of(&cell);
                let r = type_repr_string(vm, &ct);
                return Err(vm.type_error(format!("__classcell__ must be a nonlocal cell, not {}", r)));
            }
        }
    }
    // __set_name__
    let entries = tdata(&cls).dict.borrow().items();
    for (k, v) in entries {
        let vt = vm.type_of(&v);
        if let Some(sn) = special(&vt, "__set_name__") {
            if let Err(e) = vm.call(&sn, &[v.clone(), clsv.clone(), k.clone()]) {
                let note = format!(
                    "Error calling __set_name__ on '{}' instance '{}' in '{}'",
                    tdata(&vt).name(),
                    k.as_str().unwrap_or("?"),
                    name_s
                );
                add_note(vm, &e.0, &note);
                return Err(e);
            }
        }
    }
    // __init_subclass__ of the parent.
    let kwnames = args.kwnames;
    let kwvalues = &args.args[args.args.len() - kwnames.len()..];
    let mro_full = mro_with_self(&cls);
    let mut found = None;
    for t in mro_full.iter().skip(1) {
        if let Some(f) = tdata(t).own_attr("__init_subclass__") {
            found = Some(f);
            break;
        }
    }
    match found {
        Some(f) => {
            let bound = vm.descr_get(&f, &Value::None, &clsv)?;
            // A plain function found there is an implicit classmethod.
            let bound = if matches!(&bound, Value::Obj(o) if matches!(o.data, Data::Function(_))) {
                vm.alloc(vm.t.method.clone(), Data::BoundMethod(Box::new((bound, clsv.clone()))))
            } else {
                bound
            };
            vm.call_kw(&bound, kwvalues, kwnames)?;
        }
        None => {
            if !kwnames.is_empty() {
                return Err(vm.type_error(format!("{}.__init_subclass__() takes no keyword arguments", name_s)));
            }
        }
    }
    Ok(clsv)
}

fn add_note(vm: &mut Vm, exc: &Value, note: &str) {
    let n = vm.new_str(note);
    if let Ok(Some(f)) = vm.getattr_opt(exc, "add_note") {
        if vm.call(&f, &[n.clone()]).is_ok() {
            return;
        }
    }
    let notes = vm.get_attr_raw(exc, "__notes__");
    match notes {
        Some(l) if l.as_list().is_some() => {
            if let Some(l) = l.as_list() {
                l.borrow_mut().push(n);
            }
        }
        _ => {
            let l = vm.new_list(vec![n]);
            let _ = vm.set_attr_raw(exc, "__notes__", l);
        }
    }
}

fn wrap_descr(vm: &mut Vm, which: &str, f: Value) -> PyResult<Value> {
    let b = Value::Obj(vm.builtins.clone());
    match vm.dict_get_str(&b, which) {
        Some(cls) => vm.call(&cls, &[f]),
        None => {
            let payload: Box<dyn NativeData> = if which == "staticmethod" {
                Box::new(crate::descriptor::StaticMethod(std::cell::RefCell::new(f)))
            } else {
                Box::new(crate::descriptor::ClassMethod(std::cell::RefCell::new(f)))
            };
            Ok(vm.alloc(vm.t.object.clone(), Data::Native(payload)))
        }
    }
}

fn type_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = args.pos().len();
    if n != 2 && n != 4 {
        return Err(vm.type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(Value::None)
}

fn type_call(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let cls = pos.first().cloned().unwrap_or(Value::None);
    let cls = as_type(vm, &cls)?.clone();
    vm.type_call_default(&cls, &args.args[1..], args.kwnames)
}

fn type_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let t = arg0(&args);
    let t = as_type(vm, &t)?.clone();
    let s = type_repr_string(vm, &t);
    Ok(vm.new_str(s))
}

fn type_mro(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let t = arg0(&args);
    let t = as_type(vm, &t)?.clone();
    let bases = tdata(&t).bases.borrow().clone();
    let mut v = vec![Value::Obj(t.clone())];
    match c3_mro(&bases) {
        Ok(m) => v.extend(m.into_iter().map(Value::Obj)),
        Err(msg) => return Err(vm.type_error(msg)),
    }
    Ok(vm.new_list(v))
}

fn type_subclasses(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let t = arg0(&args);
    let t = as_type(vm, &t)?.clone();
    let subs: Vec<Value> = tdata(&t).subclasses.borrow().iter().filter_map(|w| w.upgrade()).map(Value::Obj).collect();
    Ok(vm.new_list(subs))
}

fn type_instancecheck(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let t = pos.first().cloned().unwrap_or(Value::None);
    let t = as_type(vm, &t)?.clone();
    let obj = pos.get(1).cloned().unwrap_or(Value::None);
    Ok(Value::bool(recursive_isinstance(vm, &obj, &t)?))
}

fn type_subclasscheck(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let t = pos.first().cloned().unwrap_or(Value::None);
    let t = as_type(vm, &t)?.clone();
    let sub = pos.get(1).cloned().unwrap_or(Value::None);
    match &sub {
        Value::Obj(o) if matches!(o.data, Data::Type(_)) => Ok(Value::bool(is_subtype(o, &t))),
        _ => {
            if let Some(b) = vm.getattr_opt(&sub, "__bases__")? {
                if b.as_tuple().is_some() {
                    return Ok(Value::bool(abstract_issubclass(vm, &sub, &Value::Obj(t))?));
                }
            }
            Err(vm.type_error("issubclass() arg 1 must be a class"))
        }
    }
}

fn type_prepare(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(vm.new_dict())
}

fn type_or(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    make_union(vm, pos[0].clone(), pos.get(1).cloned().unwrap_or(Value::None))
}

fn type_ror(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    make_union(vm, pos.get(1).cloned().unwrap_or(Value::None), pos[0].clone())
}

fn type_dir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let t = arg0(&args);
    let t = as_type(vm, &t)?.clone();
    let mut names: Vec<Value> = Vec::new();
    for c in mro_with_self(&t) {
        for k in tdata(&c).dict.borrow().keys() {
            if !names.iter().any(|n| n.as_str() == k.as_str()) {
                names.push(k);
            }
        }
    }
    Ok(vm.new_list(names))
}

// ----- getsets -----------------------------------------------------------------------

fn get_name(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = as_type(vm, v)?;
    let n = tdata(t).name();
    if !tdata(t).has_flag(tf::HEAPTYPE) {
        if let Some(i) = n.rfind('.') {
            return Ok(vm.new_str(&n[i + 1..]));
        }
    }
    Ok(vm.new_str(&*n))
}

fn check_heap(vm: &Vm, t: &PyRef, attr: &str) -> PyResult<()> {
    if !tdata(t).has_flag(tf::HEAPTYPE) {
        return Err(vm.type_error(format!("cannot set '{}' attribute of immutable type '{}'", attr, tdata(t).name())));
    }
    Ok(())
}

fn set_name(vm: &mut Vm, v: &Value, new: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, v)?.clone();
    check_heap(vm, &t, "__name__")?;
    match new {
        Some(n) if n.as_str().is_some() => {
            *tdata(&t).name.borrow_mut() = Rc::from(n.as_str().unwrap_or(""));
            Ok(())
        }
        Some(n) => Err(vm.type_error(format!("can only assign string to {}.__name__, not '{}'", tdata(&t).name(), vm.type_name(&n)))),
        None => Err(vm.type_error(format!("cannot delete '__name__' attribute of immutable type '{}'", tdata(&t).name()))),
    }
}

fn get_qualname(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = as_type(vm, v)?;
    let n = tdata(t).qualname.borrow().clone();
    Ok(vm.new_str(&*n))
}

fn set_qualname(vm: &mut Vm, v: &Value, new: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, v)?.clone();
    check_heap(vm, &t, "__qualname__")?;
    match new {
        Some(n) if n.as_str().is_some() => {
            *tdata(&t).qualname.borrow_mut() = Rc::from(n.as_str().unwrap_or(""));
            Ok(())
        }
        Some(n) => Err(vm.type_error(format!("can only assign string to {}.__qualname__, not '{}'", tdata(&t).name(), vm.type_name(&n)))),
        None => Err(vm.type_error(format!("cannot delete '__qualname__' attribute of immutable type '{}'", tdata(&t).name()))),
    }
}

fn get_module(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = as_type(vm, v)?.clone();
    match tdata(&t).own_attr("__module__") {
        Some(m) if m.as_str().is_some() || tdata(&t).has_flag(tf::HEAPTYPE) => Ok(m),
        _ => {
            let m = static_type_module(&t);
            Ok(vm.intern(&m))
        }
    }
}

fn set_dict_attr(vm: &mut Vm, t: &PyRef, name: &str, value: Option<Value>) -> PyResult<()> {
    let key = vm.intern(name);
    let h = crate::hash::str_hash(name);
    {
        let mut d = tdata(t).dict.borrow_mut();
        match (d.probe(&key, h, 0), value) {
            (crate::dict::Probe::Found(i), Some(v)) => {
                d.replace_value(i, v);
            }
            (crate::dict::Probe::Found(i), None) => {
                d.remove_at(i);
            }
            (_, Some(v)) => d.insert_new(h, key, v),
            (_, None) => {}
        }
    }
    crate::types::invalidate(t);
    Ok(())
}

fn set_module(vm: &mut Vm, v: &Value, new: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, v)?.clone();
    check_heap(vm, &t, "__module__")?;
    set_dict_attr(vm, &t, "__module__", new)
}

fn get_doc(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = as_type(vm, v)?.clone();
    match tdata(&t).own_attr("__doc__") {
        Some(d) => vm.descr_get(&d, &Value::None, v),
        None => Ok(Value::None),
    }
}

fn set_doc(vm: &mut Vm, v: &Value, new: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, v)?.clone();
    check_heap(vm, &t, "__doc__")?;
    set_dict_attr(vm, &t, "__doc__", new)
}

fn get_mro(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = as_type(vm, v)?;
    let m: Vec<Value> = mro_with_self(t).into_iter().map(Value::Obj).collect();
    Ok(vm.new_tuple(m))
}

fn get_bases(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = as_type(vm, v)?;
    let b: Vec<Value> = tdata(t).bases.borrow().iter().cloned().map(Value::Obj).collect();
    Ok(vm.new_tuple(b))
}

fn set_bases_attr(vm: &mut Vm, v: &Value, new: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, v)?.clone();
    check_heap(vm, &t, "__bases__")?;
    let Some(new) = new else { return Err(vm.type_error("cannot delete '__bases__' attribute")) };
    let Some(items) = new.as_tuple().map(|x| x.to_vec()) else {
        return Err(vm.type_error(format!("can only assign tuple to {}.__bases__, not {}", tdata(&t).name(), vm.type_name(&new))));
    };
    let mut bases = Vec::new();
    for b in items {
        match b {
            Value::Obj(o) if matches!(o.data, Data::Type(_)) => {
                if is_subtype(&o, &t) {
                    return Err(vm.type_error("a __bases__ item causes an inheritance cycle"));
                }
                bases.push(o)
            }
            _ => return Err(vm.type_error(format!("{}.__bases__ must be tuple of classes, not '{}'", tdata(&t).name(), vm.type_name(&b)))),
        }
    }
    let mro = c3_mro(&bases).map_err(|m| vm.type_error(m))?;
    for b in &bases {
        tdata(b).subclasses.borrow_mut().push(Rc::downgrade(&t));
    }
    *tdata(&t).bases.borrow_mut() = bases;
    *tdata(&t).mro.borrow_mut() = mro;
    crate::types::invalidate(&t);
    Ok(())
}

fn get_base(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = as_type(vm, v)?;
    Ok(tdata(t).bases.borrow().first().cloned().map(Value::Obj).unwrap_or(Value::None))
}

fn get_dict(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = as_type(vm, v)?.clone();
    let d = vm.new_dict();
    {
        // Namespaces hold only str keys: copy the table as it is (no
        // rehashing, no re-insertion).
        let ns = tdata(&t).dict.borrow();
        if ns.iter().all(|e| matches!(&e.key, Value::Obj(o) if matches!(o.data, Data::Str(_)))) {
            if let Some(dd) = d.as_dict() {
                *dd.borrow_mut() = ns.clone();
            }
            drop(ns);
            return Ok(crate::builtins::dict_views::new_mappingproxy(vm, d));
        }
    }
    for (k, val) in tdata(&t).dict.borrow().items() {
        if let Some(dd) = d.as_dict() {
            let h = match &k {
                Value::Obj(o) => match &o.data {
                    Data::Str(s) => crate::hash::str_hash(&s.s),
                    _ => continue,
                },
                _ => continue,
            };
            dd.borrow_mut().insert_new(h, k, val);
        }
    }
    Ok(crate::builtins::dict_views::new_mappingproxy(vm, d))
}

fn get_annotations(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = as_type(vm, v)?.clone();
    if let Some(a) = tdata(&t).own_attr("__annotations__") {
        return vm.descr_get(&a, &Value::None, v);
    }
    if !tdata(&t).has_flag(tf::HEAPTYPE) {
        return Err(vm.attribute_error(v, "__annotations__", format!("type object '{}' has no attribute '__annotations__'", tdata(&t).name())));
    }
    let d = vm.new_dict();
    set_dict_attr(vm, &t, "__annotations__", Some(d.clone()))?;
    Ok(d)
}

fn set_annotations(vm: &mut Vm, v: &Value, new: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, v)?.clone();
    check_heap(vm, &t, "__annotations__")?;
    set_dict_attr(vm, &t, "__annotations__", new)
}

fn get_type_params(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = as_type(vm, v)?.clone();
    Ok(tdata(&t).own_attr("__type_params__").unwrap_or_else(|| vm.empty_tuple.clone()))
}

fn set_type_params(vm: &mut Vm, v: &Value, new: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, v)?.clone();
    check_heap(vm, &t, "__type_params__")?;
    set_dict_attr(vm, &t, "__type_params__", new)
}

fn get_abstractmethods(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = as_type(vm, v)?.clone();
    if !Rc::ptr_eq(&t, &vm.type_type) {
        if let Some(a) = tdata(&t).own_attr("__abstractmethods__") {
            return Ok(a);
        }
    }
    Err(vm.attribute_error(v, "__abstractmethods__", "__abstractmethods__".to_string()))
}

fn set_abstractmethods(vm: &mut Vm, v: &Value, new: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, v)?.clone();
    let abstract_ = match &new {
        Some(x) => vm.truthy(x)?,
        None => false,
    };
    set_dict_attr(vm, &t, "__abstractmethods__", new)?;
    let td = tdata(&t);
    if abstract_ {
        td.flags.set(td.flags.get() | tf::IS_ABSTRACT);
    } else {
        td.flags.set(td.flags.get() & !tf::IS_ABSTRACT);
    }
    Ok(())
}

fn get_flags(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = as_type(vm, v)?;
    let td = tdata(t);
    let mut f: i64 = 0;
    if td.has_flag(tf::HEAPTYPE) {
        f |= 1 << 9;
    }
    if td.has_flag(tf::BASETYPE) {
        f |= 1 << 10;
    }
    if td.has_flag(tf::IS_ABSTRACT) {
        f |= 1 << 20;
    }
    Ok(Value::Int(f))
}

// ----- isinstance / issubclass -------------------------------------------------------

fn recursive_isinstance(vm: &mut Vm, obj: &Value, cls: &PyRef) -> PyResult<bool> {
    if vm.is_instance(obj, cls) {
        return Ok(true);
    }
    if let Value::Obj(o) = obj {
        if o.attrs.is_some() || !matches!(o.data, Data::Empty) {
            if let Some(c) = vm.getattr_opt(obj, "__class__")? {
                if let Value::Obj(co) = &c {
                    if !Rc::ptr_eq(co, &o.ty) && matches!(co.data, Data::Type(_)) {
                        return Ok(is_subtype(co, cls));
                    }
                }
            }
        }
    }
    Ok(false)
}

fn abstract_issubclass(vm: &mut Vm, sub: &Value, cls: &Value) -> PyResult<bool> {
    let mut cur = sub.clone();
    loop {
        if cur.is(cls) {
            return Ok(true);
        }
        let Some(bases) = vm.getattr_opt(&cur, "__bases__")? else { return Ok(false) };
        let Some(items) = bases.as_tuple().map(|t| t.to_vec()) else { return Ok(false) };
        match items.len() {
            0 => return Ok(false),
            1 => cur = items[0].clone(),
            _ => {
                for b in items {
                    if abstract_issubclass(vm, &b, cls)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
        }
    }
}

fn is_type_native(v: &Value, f: crate::function::NativeFn) -> bool {
    matches!(v, Value::Obj(o) if matches!(&o.data, Data::Builtin(b) if b.func as usize == f as usize))
}

impl Vm {
    /// `isinstance(obj, cls)`: tuples, unions and `__instancecheck__` honoured.
    pub fn isinstance(&mut self, obj: &Value, cls: &Value) -> PyResult<bool> {
        if let Value::Obj(c) = cls {
            if Rc::ptr_eq(self.type_ref(obj), c) {
                return Ok(true);
            }
            if Rc::ptr_eq(&c.ty, &self.type_type) {
                return recursive_isinstance(self, obj, c);
            }
            if let Data::Tuple(items) = &c.data {
                let items = items.to_vec();
                self.enter_recursion(" in __instancecheck__")?;
                let mut r = Ok(false);
                for t in items {
                    match self.isinstance(obj, &t) {
                        Ok(true) => {
                            r = Ok(true);
                            break;
                        }
                        Ok(false) => {}
                        Err(e) => {
                            r = Err(e);
                            break;
                        }
                    }
                }
                self.leave_recursion();
                return r;
            }
            if let Some(u) = cls.native::<UnionData>() {
                let items = u.args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
                for t in items {
                    if self.isinstance(obj, &t)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            let meta = c.ty.clone();
            if let Some(check) = special(&meta, "__instancecheck__") {
                if !is_type_native(&check, type_instancecheck) {
                    self.enter_recursion(" in __instancecheck__")?;
                    let r = self.call(&check, &[cls.clone(), obj.clone()]);
                    self.leave_recursion();
                    let r = r?;
                    return self.truthy(&r);
                }
            }
            if matches!(c.data, Data::Type(_)) {
                return recursive_isinstance(self, obj, c);
            }
        }
        Err(self.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
    }

    /// `issubclass(sub, cls)`: tuples, unions and `__subclasscheck__` honoured.
    pub fn issubclass(&mut self, sub: &Value, cls: &Value) -> PyResult<bool> {
        if let Value::Obj(c) = cls {
            if let Data::Tuple(items) = &c.data {
                let items = items.to_vec();
                for t in items {
                    if self.issubclass(sub, &t)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            if let Some(u) = cls.native::<UnionData>() {
                let items = u.args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
                for t in items {
                    if self.issubclass(sub, &t)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            let meta = c.ty.clone();
            if !Rc::ptr_eq(&meta, &self.type_type) {
                if let Some(check) = special(&meta, "__subclasscheck__") {
                    if !is_type_native(&check, type_subclasscheck) {
                        self.enter_recursion(" in __subclasscheck__")?;
                        let r = self.call(&check, &[cls.clone(), sub.clone()]);
                        self.leave_recursion();
                        let r = r?;
                        return self.truthy(&r);
                    }
                }
            }
            if matches!(c.data, Data::Type(_)) {
                return match sub {
                    Value::Obj(s) if matches!(s.data, Data::Type(_)) => Ok(is_subtype(s, c)),
                    _ => {
                        if let Some(b) = self.getattr_opt(sub, "__bases__")? {
                            if b.as_tuple().is_some() {
                                return abstract_issubclass(self, sub, cls);
                            }
                        }
                        Err(self.type_error("issubclass() arg 1 must be a class"))
                    }
                };
            }
        }
        Err(self.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"))
    }
}

// ----- GenericAlias and UnionType -------------------------------------------------------

pub struct GenericAliasData {
    pub origin: Value,
    pub args: Value,
    pub parameters: Value,
    /// `*tuple[int, ...]`: made by iterating over an alias.
    pub starred: bool,
}

impl NativeData for GenericAliasData {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.origin);
        visit(&self.args);
        visit(&self.parameters);
    }
}

pub struct UnionData {
    pub args: Value,
}

impl NativeData for UnionData {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.args);
    }
}

fn is_type_param(v: &Value) -> bool {
    v.native::<crate::interp::typing_intrinsics::TypeParam>().is_some()
}

fn collect_parameters(vm: &mut Vm, args: &[Value]) -> PyResult<Vec<Value>> {
    let mut params: Vec<Value> = Vec::new();
    for a in args {
        if is_type_param(a) {
            if !params.iter().any(|p| p.is(a)) {
                params.push(a.clone());
            }
        } else if a.native::<GenericAliasData>().is_some() || a.native::<UnionData>().is_some() {
            if let Some(p) = vm.getattr_opt(a, "__parameters__")? {
                for x in p.as_tuple().unwrap_or(&[]).iter() {
                    if !params.iter().any(|y| y.is(x)) {
                        params.push(x.clone());
                    }
                }
            }
        }
    }
    Ok(params)
}

/// `origin[args]` as a `types.GenericAlias`.
pub fn generic_alias(vm: &mut Vm, origin: Value, args: Value) -> PyResult<Value> {
    let args = if args.as_tuple().is_some() && matches!(&args, Value::Obj(o) if Rc::ptr_eq(&o.ty, &vm.t.tuple)) {
        args
    } else {
        vm.new_tuple(vec![args])
    };
    let items = args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    let params = collect_parameters(vm, &items)?;
    let parameters = vm.new_tuple(params);
    let ty = vm.extra_types.get("GenericAlias").cloned().expect("created at start-up");
    Ok(vm.alloc(ty, Data::Native(Box::new(GenericAliasData { origin, args, parameters, starred: false }))))
}

/// How a type argument prints inside `list[...]` and `X | Y`.
fn repr_item(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if v.is_none() {
        return Ok("None".to_string());
    }
    if v.is(&vm.ellipsis.clone()) {
        return Ok("...".to_string());
    }
    if let Value::Obj(o) = v {
        if matches!(o.data, Data::Type(_)) {
            if Rc::ptr_eq(o, &vm.t.none) {
                return Ok("None".to_string());
            }
            let m = type_module(vm, o);
            let q = tdata(o).qualname.borrow().clone();
            return Ok(if m == "builtins" { q.to_string() } else { format!("{}.{}", m, q) });
        }
        if let Some(items) = v.as_tuple() {
            if Rc::ptr_eq(&o.ty, &vm.t.tuple) && items.is_empty() {
                return Ok("()".to_string());
            }
        }
        if let Data::List(l) = &o.data {
            let items = l.borrow().clone();
            let mut parts = Vec::new();
            for it in &items {
                parts.push(repr_item(vm, it)?);
            }
            return Ok(format!("[{}]", parts.join(", ")));
        }
    }
    vm.repr_string(v)
}

fn ga<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a GenericAliasData> {
    v.native::<GenericAliasData>().ok_or_else(|| vm.type_error("expected a GenericAlias"))
}

fn ga_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = arg0(&args);
    let (origin, items) = {
        let g = ga(vm, &v)?;
        (g.origin.clone(), g.args.as_tuple().map(|t| t.to_vec()).unwrap_or_default())
    };
    let o = repr_item(vm, &origin)?;
    let mut parts = Vec::new();
    for it in &items {
        parts.push(repr_item(vm, it)?);
    }
    let inner = if parts.is_empty() { "()".to_string() } else { parts.join(", ") };
    let star = if ga(vm, &v)?.starred { "*" } else { "" };
    Ok(vm.new_str(format!("{}{}[{}]", star, o, inner)))
}

/// `types.GenericAlias(origin, args)`.
fn ga_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if !args.kwnames.is_empty() {
        return Err(vm.type_error("GenericAlias() takes no keyword arguments"));
    }
    let pos = args.pos();
    let n = pos.len().saturating_sub(1);
    if n != 2 {
        return Err(vm.type_error(format!("GenericAlias expected 2 arguments, got {}", n)));
    }
    generic_alias(vm, pos[1].clone(), pos[2].clone())
}

/// `iter(list[int])` yields the starred alias `*list[int]` once.
fn ga_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = arg0(&args);
    let g = ga(vm, &v)?;
    let data = GenericAliasData { origin: g.origin.clone(), args: g.args.clone(), parameters: g.parameters.clone(), starred: true };
    let ty = vm.type_of(&v);
    let starred = vm.alloc(ty, Data::Native(Box::new(data)));
    let l = vm.new_list(vec![starred]);
    vm.iter(&l)
}

fn ga_unpacked(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::bool(ga(vm, v)?.starred))
}

fn ga_unpacked_tuple_args(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let g = ga(vm, v)?;
    let is_tuple = matches!(&g.origin, Value::Obj(o) if Rc::ptr_eq(o, &vm.t.tuple));
    Ok(if g.starred && is_tuple { g.args.clone() } else { Value::None })
}

fn ga_origin(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(ga(vm, v)?.origin.clone())
}
fn ga_args(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(ga(vm, v)?.args.clone())
}
fn ga_parameters(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(ga(vm, v)?.parameters.clone())
}

fn ga_call(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = arg0(&args);
    let origin = ga(vm, &v)?.origin.clone();
    let r = vm.call_kw(&origin, &args.args[1..], args.kwnames)?;
    let key = vm.intern("__orig_class__");
    let _ = vm.setattr(&r, &key, v);
    Ok(r)
}

fn ga_mro_entries(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = arg0(&args);
    let origin = ga(vm, &v)?.origin.clone();
    Ok(vm.new_tuple(vec![origin]))
}

fn ga_getattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = arg0(&args);
    let name = args.pos().get(1).cloned().unwrap_or(Value::None);
    let n = name.as_str().unwrap_or("");
    if n.starts_with("__") && n.ends_with("__") && !matches!(n, "__name__" | "__qualname__" | "__module__" | "__doc__") {
        return Err(vm.no_attribute(&v, n));
    }
    let origin = ga(vm, &v)?.origin.clone();
    vm.getattr(&origin, &name)
}

fn ga_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = arg0(&args);
    let b = args.pos().get(1).cloned().unwrap_or(Value::None);
    let Some(gb) = b.native::<GenericAliasData>() else { return Ok(vm.not_implemented.clone()) };
    let (o2, a2) = (gb.origin.clone(), gb.args.clone());
    let ga_ = ga(vm, &a)?;
    let (o1, a1) = (ga_.origin.clone(), ga_.args.clone());
    if !vm.eq(&o1, &o2)? {
        return Ok(Value::bool(false));
    }
    Ok(Value::bool(vm.eq(&a1, &a2)?))
}

fn ga_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = arg0(&args);
    let g = ga(vm, &a)?;
    let (o, t) = (g.origin.clone(), g.args.clone());
    let h1 = vm.hash(&o)?;
    let h2 = vm.hash(&t)?;
    Ok(Value::Int(h1 ^ h2))
}

fn ga_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = arg0(&args);
    let key = args.pos().get(1).cloned().unwrap_or(Value::None);
    let (origin, items, params) = {
        let g = ga(vm, &v)?;
        (g.origin.clone(), g.args.as_tuple().map(|t| t.to_vec()).unwrap_or_default(), g.parameters.as_tuple().map(|t| t.to_vec()).unwrap_or_default())
    };
    if params.is_empty() {
        let r = repr_item(vm, &v)?;
        return Err(vm.type_error(format!("{} is not a generic class", r)));
    }
    let subs: Vec<Value> = match key.as_tuple() {
        Some(t) if matches!(&key, Value::Obj(o) if Rc::ptr_eq(&o.ty, &vm.t.tuple)) => t.to_vec(),
        _ => vec![key.clone()],
    };
    if subs.len() != params.len() {
        let r = repr_item(vm, &v)?;
        let which = if subs.len() > params.len() { "many" } else { "few" };
        return Err(vm.type_error(format!("Too {} arguments for {}; actual {}, expected {}", which, r, subs.len(), params.len())));
    }
    let mut new_items = Vec::new();
    for it in items {
        match params.iter().position(|p| p.is(&it)) {
            Some(i) => new_items.push(subs[i].clone()),
            None => {
                if it.native::<GenericAliasData>().is_some() {
                    let sub_params = vm.getattr_str(&it, "__parameters__")?;
                    let sp = sub_params.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
                    if sp.is_empty() {
                        new_items.push(it);
                    } else {
                        let mapped: Vec<Value> = sp.iter().map(|p| params.iter().position(|q| q.is(p)).map(|i| subs[i].clone()).unwrap_or(p.clone())).collect();
                        let t = vm.new_tuple(mapped);
                        new_items.push(vm.getitem(&it, &t)?);
                    }
                } else {
                    new_items.push(it);
                }
            }
        }
    }
    let t = vm.new_tuple(new_items);
    generic_alias(vm, origin, t)
}

fn ga_instancecheck(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic"))
}
fn ga_subclasscheck(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.type_error("issubclass() argument 2 cannot be a parameterized generic"))
}

fn ga_or(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    make_union(vm, pos[0].clone(), pos.get(1).cloned().unwrap_or(Value::None))
}
fn ga_ror(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    make_union(vm, pos.get(1).cloned().unwrap_or(Value::None), pos[0].clone())
}

fn unionable(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::None => true,
        Value::Obj(o) => {
            matches!(o.data, Data::Type(_))
                || v.native::<GenericAliasData>().is_some()
                || v.native::<UnionData>().is_some()
                || is_type_param(v)
                || v.native::<crate::interp::typing_intrinsics::TypeAlias>().is_some()
                || Rc::ptr_eq(&o.ty, &vm.t.none)
        }
        _ => false,
    }
}

/// `a | b` for types: a `types.UnionType`, or NotImplemented.
pub fn make_union(vm: &mut Vm, a: Value, b: Value) -> PyResult<Value> {
    if !unionable(vm, &a) || !unionable(vm, &b) {
        return Ok(vm.not_implemented.clone());
    }
    let mut items: Vec<Value> = Vec::new();
    for x in [a, b] {
        let parts: Vec<Value> = match x.native::<UnionData>() {
            Some(u) => u.args.as_tuple().map(|t| t.to_vec()).unwrap_or_default(),
            None => vec![if x.is_none() { Value::Obj(vm.t.none.clone()) } else { x }],
        };
        for p in parts {
            let mut dup = false;
            for q in &items {
                if q.is(&p) || (p.native::<GenericAliasData>().is_some() && vm.eq(q, &p)?) {
                    dup = true;
                    break;
                }
            }
            if !dup {
                items.push(p);
            }
        }
    }
    if items.len() == 1 {
        return Ok(items.pop().unwrap_or(Value::None));
    }
    let args = vm.new_tuple(items);
    let ty = vm.extra_types.get("UnionType").cloned().expect("created at start-up");
    Ok(vm.alloc(ty, Data::Native(Box::new(UnionData { args }))))
}

fn un<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a UnionData> {
    v.native::<UnionData>().ok_or_else(|| vm.type_error("expected a UnionType"))
}

fn union_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = arg0(&args);
    let items = un(vm, &v)?.args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    let mut parts = Vec::new();
    for it in &items {
        parts.push(repr_item(vm, it)?);
    }
    Ok(vm.new_str(parts.join(" | ")))
}

fn union_args(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(un(vm, v)?.args.clone())
}

fn union_parameters(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let items = un(vm, v)?.args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    let p = collect_parameters(vm, &items)?;
    Ok(vm.new_tuple(p))
}

fn union_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = arg0(&args);
    let b = args.pos().get(1).cloned().unwrap_or(Value::None);
    let Some(ub) = b.native::<UnionData>() else { return Ok(vm.not_implemented.clone()) };
    let ib = ub.args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    let ia = un(vm, &a)?.args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    let sa = vm.new_frozenset_from(ia)?;
    let sb = vm.new_frozenset_from(ib)?;
    Ok(Value::bool(vm.eq(&sa, &sb)?))
}

fn union_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = arg0(&args);
    let ia = un(vm, &a)?.args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    let s = vm.new_frozenset_from(ia)?;
    Ok(Value::Int(vm.hash(&s)?))
}

fn union_instancecheck(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let u = arg0(&args);
    let obj = args.pos().get(1).cloned().unwrap_or(Value::None);
    let items = un(vm, &u)?.args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    for t in &items {
        if t.native::<GenericAliasData>().is_some() {
            return Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic"));
        }
    }
    for t in items {
        if vm.isinstance(&obj, &t)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

fn union_subclasscheck(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let u = arg0(&args);
    let sub = args.pos().get(1).cloned().unwrap_or(Value::None);
    let items = un(vm, &u)?.args.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    for t in items {
        if vm.issubclass(&sub, &t)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

fn union_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let u = arg0(&args);
    let r = repr_item(vm, &u)?;
    Err(vm.type_error(format!("{} is not a generic class", r)))
}

// ----- start-up ------------------------------------------------------------------------

pub fn init(vm: &mut Vm) {
    let t = vm.type_type.clone();
    vm.add_staticmethod(&t, "__new__", type_new);
    vm.add_method(&t, "__init__", type_init);
    vm.add_method(&t, "__call__", type_call);
    vm.add_method(&t, "__repr__", type_repr);
    vm.add_method(&t, "mro", type_mro);
    vm.add_method(&t, "__subclasses__", type_subclasses);
    vm.add_method(&t, "__instancecheck__", type_instancecheck);
    vm.add_method(&t, "__subclasscheck__", type_subclasscheck);
    vm.add_method(&t, "__or__", type_or);
    vm.add_method(&t, "__ror__", type_ror);
    vm.add_method(&t, "__dir__", type_dir);
    vm.add_classmethod(&t, "__prepare__", type_prepare);
    let add = crate::interp::generator::add_getset;
    add(vm, &t, "__name__", get_name, Some(set_name));
    add(vm, &t, "__qualname__", get_qualname, Some(set_qualname));
    add(vm, &t, "__module__", get_module, Some(set_module));
    add(vm, &t, "__doc__", get_doc, Some(set_doc));
    add(vm, &t, "__mro__", get_mro, None);
    add(vm, &t, "__bases__", get_bases, Some(set_bases_attr));
    add(vm, &t, "__base__", get_base, None);
    add(vm, &t, "__dict__", get_dict, None);
    add(vm, &t, "__annotations__", get_annotations, Some(set_annotations));
    add(vm, &t, "__type_params__", get_type_params, Some(set_type_params));
    add(vm, &t, "__abstractmethods__", get_abstractmethods, Some(set_abstractmethods));
    add(vm, &t, "__flags__", get_flags, None);
    let b = Value::Obj(vm.builtins.clone());
    vm.dict_set_str(&b, "type", Value::Obj(t.clone()));

    let g = vm.new_builtin_type("GenericAlias", None, Layout::Native, 0);
    vm.add_staticmethod(&g, "__new__", ga_new);
    vm.add_method(&g, "__repr__", ga_repr);
    vm.add_method(&g, "__call__", ga_call);
    vm.add_method(&g, "__mro_entries__", ga_mro_entries);
    vm.add_method(&g, "__getattr__", ga_getattr);
    vm.add_method(&g, "__eq__", ga_eq);
    vm.add_method(&g, "__hash__", ga_hash);
    vm.add_method(&g, "__getitem__", ga_getitem);
    vm.add_method(&g, "__instancecheck__", ga_instancecheck);
    vm.add_method(&g, "__subclasscheck__", ga_subclasscheck);
    vm.add_method(&g, "__or__", ga_or);
    vm.add_method(&g, "__ror__", ga_ror);
    vm.add_method(&g, "__iter__", ga_iter);
    add(vm, &g, "__unpacked__", ga_unpacked, None);
    add(vm, &g, "__typing_unpacked_tuple_args__", ga_unpacked_tuple_args, None);
    add(vm, &g, "__origin__", ga_origin, None);
    add(vm, &g, "__args__", ga_args, None);
    add(vm, &g, "__parameters__", ga_parameters, None);
    let m = vm.intern("types");
    vm.set_type_attr(&g, "__module__", m.clone());
    vm.extra_types.insert("GenericAlias", g);

    let u = vm.new_builtin_type("UnionType", None, Layout::Native, 0);
    vm.add_method(&u, "__repr__", union_repr);
    vm.add_method(&u, "__eq__", union_eq);
    vm.add_method(&u, "__hash__", union_hash);
    vm.add_method(&u, "__or__", ga_or);
    vm.add_method(&u, "__ror__", ga_ror);
    vm.add_method(&u, "__instancecheck__", union_instancecheck);
    vm.add_method(&u, "__subclasscheck__", union_subclasscheck);
    vm.add_method(&u, "__getitem__", union_getitem);
    add(vm, &u, "__args__", union_args, None);
    add(vm, &u, "__parameters__", union_parameters, None);
    vm.set_type_attr(&u, "__module__", m);
    vm.extra_types.insert("UnionType", u);

    crate::interp::generator::init(vm);
    crate::interp::class::init(vm);
    crate::interp::pyframe::init(vm);
    crate::interp::typing_intrinsics::init(vm);
    crate::interp::exec::init(vm);
    crate::module::init(vm);
    let _: Option<PyErr> = None;
}
