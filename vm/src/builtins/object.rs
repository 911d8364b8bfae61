//! (Owned by the containers/builtins engineer.) `object`'s methods:
//! `__new__`/`__init__` with CPython's excess-argument rules, `__repr__`,
//! `__str__`, the identity-based comparisons and hash, `__format__`, the
//! generic attribute natives, the `__class__` and `__dict__` getsets,
//! `__dir__`, `__init_subclass__`, `__subclasshook__`, `__reduce_ex__`,
//! `__sizeof__`; and the `getset_descriptor` type for native attributes.

use super::container_helpers::{native_type, qualified_type_name};
use crate::descriptor::{GetSet, Getter, Setter};
use crate::function::Args;
use crate::types::{lookup, tdata, type_flags as tf, Layout};
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::cell::RefCell;
use std::rc::Rc;

pub fn init(vm: &mut Vm) {
    let gs_ty = native_type(vm, "getset_descriptor", "getset_descriptor");
    vm.add_method(&gs_ty, "__get__", getset_get);
    vm.add_method(&gs_ty, "__set__", getset_set);
    vm.add_method(&gs_ty, "__delete__", getset_delete);
    vm.add_method(&gs_ty, "__repr__", getset_repr);

    let obj = vm.t.object.clone();
    vm.add_staticmethod(&obj, "__new__", object_new);
    vm.add_method(&obj, "__init__", object_init);
    vm.add_method(&obj, "__repr__", object_repr);
    vm.add_method(&obj, "__str__", object_str);
    vm.add_method(&obj, "__hash__", object_hash);
    vm.add_method(&obj, "__eq__", object_eq);
    vm.add_method(&obj, "__ne__", object_ne);
    vm.add_method(&obj, "__lt__", not_implemented);
    vm.add_method(&obj, "__le__", not_implemented);
    vm.add_method(&obj, "__gt__", not_implemented);
    vm.add_method(&obj, "__ge__", not_implemented);
    vm.add_method(&obj, "__format__", object_format);
    vm.add_method(&obj, "__getattribute__", object_getattribute);
    vm.add_method(&obj, "__setattr__", object_setattr);
    vm.add_method(&obj, "__delattr__", object_delattr);
    vm.add_method(&obj, "__dir__", object_dir);
    vm.add_classmethod(&obj, "__init_subclass__", object_init_subclass);
    vm.add_classmethod(&obj, "__subclasshook__", object_subclasshook);
    vm.add_method(&obj, "__reduce_ex__", object_reduce_ex);
    vm.add_method(&obj, "__reduce__", object_reduce);
    vm.add_method(&obj, "__getstate__", object_getstate);
    vm.add_method(&obj, "__sizeof__", object_sizeof);
    add_getset(vm, &obj, "__class__", class_get, Some(class_set));
    add_getset(vm, &obj, "__dict__", dict_get, Some(dict_set));
    init_singletons(vm);
    let doc = vm.new_str("The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n");
    vm.set_type_attr(&obj, "__doc__", doc);
}

/// Adds a native attribute (a `getset_descriptor`) to a type.
pub fn add_getset(vm: &mut Vm, ty: &PyRef, name: &'static str, get: Getter, set: Option<Setter>) {
    let gs_ty = native_type(vm, "getset_descriptor", "getset_descriptor");
    let owner: &'static str = Box::leak(tdata(ty).name().to_string().into_boxed_str());
    let d = vm.alloc(gs_ty, Data::Native(Box::new(GetSet { name, get, set, owner })));
    vm.set_type_attr(ty, name, d);
}

fn getset_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() < 2 {
        return Err(vm.type_error("expected at least 1 argument, got 0"));
    }
    let Some(gs) = p[0].native::<GetSet>() else { return Err(vm.type_error("descriptor expected")) };
    if p[1].is_none() {
        return Ok(p[0].clone());
    }
    (gs.get)(vm, &p[1])
}

fn getset_set(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 3 {
        return Err(vm.type_error(format!("expected 2 arguments, got {}", p.len().saturating_sub(1))));
    }
    let Some(gs) = p[0].native::<GetSet>() else { return Err(vm.type_error("descriptor expected")) };
    match gs.set {
        Some(set) => set(vm, &p[1], Some(p[2].clone()))?,
        None => {
            let msg = format!("attribute '{}' of '{}' objects is not writable", gs.name, gs.owner);
            return Err(vm.attribute_error(&p[1], gs.name, msg));
        }
    }
    Ok(Value::None)
}

fn getset_delete(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("expected 1 argument, got {}", p.len().saturating_sub(1))));
    }
    let Some(gs) = p[0].native::<GetSet>() else { return Err(vm.type_error("descriptor expected")) };
    match gs.set {
        Some(set) => set(vm, &p[1], None)?,
        None => {
            let msg = format!("attribute '{}' of '{}' objects is not writable", gs.name, gs.owner);
            return Err(vm.attribute_error(&p[1], gs.name, msg));
        }
    }
    Ok(Value::None)
}

fn getset_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    let Some(gs) = p.first().and_then(|v| v.native::<GetSet>()) else { return Err(vm.type_error("descriptor expected")) };
    Ok(vm.new_str(format!("<attribute '{}' of '{}' objects>", gs.name, gs.owner)))
}

fn not_implemented(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(vm.not_implemented.clone())
}

/// Whether `cls`'s `name` is the one `object` defines (not overridden).
fn inherits_object_slot(vm: &Vm, cls: &PyRef, name: &str) -> bool {
    match (lookup(cls, name), lookup(&vm.t.object, name)) {
        (Some(a), Some(b)) => a.is(&b),
        _ => false,
    }
}

/// The payload a fresh instance of a type with `layout` starts with.
pub fn empty_payload(vm: &Vm, layout: Layout) -> Data {
    match layout {
        Layout::List => Data::List(RefCell::new(Vec::new())),
        Layout::Dict => Data::Dict(Box::new(RefCell::new(crate::dict::DictData::new()))),
        Layout::Set => Data::Set(Box::new(RefCell::new(crate::set::SetData::new()))),
        Layout::FrozenSet => Data::FrozenSet(Box::new(crate::set::SetData::new())),
        Layout::Tuple => Data::Tuple(crate::value::TupleItems::Empty),
        Layout::Exception => Data::Exception(Box::new(RefCell::new(crate::exception::ExceptionData::new(vm.empty_tuple.clone())))),
        _ => Data::Empty,
    }
}

/// `object.__new__(cls, *args, **kwargs)`.
pub fn object_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    let Some(clsv) = p.first() else { return Err(vm.type_error("object.__new__(): not enough arguments")) };
    let cls = match clsv {
        Value::Obj(o) if matches!(o.data, Data::Type(_)) => o.clone(),
        _ => return Err(vm.type_error(format!("object.__new__(X): X is not a type object ({})", vm.type_name(clsv)))),
    };
    let excess = p.len() > 1 || args.has_kwargs();
    if excess {
        if !inherits_object_slot(vm, &cls, "__new__") {
            return Err(vm.type_error("object.__new__() takes exactly one argument (the type to instantiate)"));
        }
        if inherits_object_slot(vm, &cls, "__init__") {
            return Err(vm.type_error(format!("{}() takes no arguments", tdata(&cls).name())));
        }
    }
    let td = tdata(&cls);
    if td.has_flag(tf::IS_ABSTRACT) {
        let names = abstract_method_names(vm, &cls)?;
        let plural = if names.len() == 1 { "" } else { "s" };
        return Err(vm.type_error(format!(
            "Can't instantiate abstract class {} without an implementation for abstract method{} {}",
            td.name(),
            plural,
            names.iter().map(|n| format!("'{}'", n)).collect::<Vec<_>>().join(", ")
        )));
    }
    if matches!(td.layout, Layout::Native | Layout::Int | Layout::Float | Layout::Complex | Layout::Str | Layout::Bytes | Layout::Type | Layout::Module)
        && !Rc::ptr_eq(&cls, &vm.t.object)
        && td.layout != Layout::Object
    {
        // Instances of these layouts need their type's own __new__.
        let base = solid_base_name(&cls);
        return Err(vm.type_error(format!("object.__new__({}) is not safe, use {}.__new__()", td.name(), base)));
    }
    let data = empty_payload(vm, td.layout);
    Ok(vm.alloc(cls, data))
}

fn solid_base_name(cls: &PyRef) -> String {
    for t in crate::types::mro_with_self(cls) {
        if !tdata(&t).has_flag(tf::HEAPTYPE) {
            return tdata(&t).name().to_string();
        }
    }
    "object".into()
}

fn abstract_method_names(vm: &mut Vm, cls: &PyRef) -> PyResult<Vec<String>> {
    let Some(am) = lookup(cls, "__abstractmethods__") else { return Ok(vec![]) };
    let items = vm.collect(&am)?;
    let mut names: Vec<String> = items.iter().filter_map(|v| v.as_str().map(|s| s.to_string())).collect();
    names.sort();
    Ok(names)
}

/// `object.__init__(self, *args, **kwargs)`.
pub fn object_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    let Some(this) = p.first() else { return Err(vm.type_error("descriptor '__init__' of 'object' object needs an argument")) };
    let excess = p.len() > 1 || args.has_kwargs();
    if excess {
        let cls = vm.type_of(this);
        if !inherits_object_slot(vm, &cls, "__init__") {
            return Err(vm.type_error("object.__init__() takes exactly one argument (the instance to initialize)"));
        }
        if inherits_object_slot(vm, &cls, "__new__") {
            return Err(vm.type_error(format!("{}.__init__() takes exactly one argument (the instance to initialize)", tdata(&cls).name())));
        }
    }
    Ok(Value::None)
}

/// `<__main__.Foo object at 0x7f...>`.
pub fn default_repr(vm: &mut Vm, v: &Value) -> String {
    let ty = vm.type_of(v);
    let name = qualified_type_name(vm, &ty);
    format!("<{} object at {:#x}>", name, v.id())
}

fn object_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(this) = args.pos().first() else { return Err(vm.type_error("descriptor '__repr__' of 'object' object needs an argument")) };
    let s = default_repr(vm, this);
    Ok(vm.new_str(s))
}

fn object_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(this) = args.pos().first() else { return Err(vm.type_error("descriptor '__str__' of 'object' object needs an argument")) };
    vm.repr(this)
}

/// CPython's pointer hash: the address rotated right by 4 bits.
pub fn identity_hash(v: &Value) -> i64 {
    let id = v.id() as u64;
    let h = id.rotate_right(4) as i64;
    if h == -1 { -2 } else { h }
}

fn object_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(this) = args.pos().first() else { return Err(vm.type_error("descriptor '__hash__' of 'object' object needs an argument")) };
    Ok(Value::Int(identity_hash(this)))
}

fn object_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("expected 1 argument, got {}", p.len().saturating_sub(1))));
    }
    if p[0].is(&p[1]) {
        Ok(Value::bool(true))
    } else {
        Ok(vm.not_implemented.clone())
    }
}

fn object_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("expected 1 argument, got {}", p.len().saturating_sub(1))));
    }
    let ty = vm.type_of(&p[0]);
    let eq = crate::slots::special(&ty, "__eq__");
    let r = match eq {
        Some(f) => vm.call(&f, &[p[0].clone(), p[1].clone()])?,
        None => vm.not_implemented.clone(),
    };
    if r.is(&vm.not_implemented) {
        return Ok(r);
    }
    let b = vm.truthy(&r)?;
    Ok(Value::bool(!b))
}

fn object_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("object.__format__() takes exactly one argument ({} given)", p.len().saturating_sub(1))));
    }
    let Some(spec) = p[1].as_str() else {
        return Err(vm.type_error(format!("__format__() argument must be str, not {}", vm.type_name(&p[1]))));
    };
    if !spec.is_empty() {
        let ty = vm.type_of(&p[0]);
        return Err(vm.type_error(format!("unsupported format string passed to {}.__format__", tdata(&ty).name())));
    }
    vm.str(&p[0])
}

fn attr_name<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a Value> {
    if v.as_str().is_none() {
        return Err(vm.type_error(format!("attribute name must be string, not '{}'", vm.type_name(v))));
    }
    Ok(v)
}

fn object_getattribute(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("expected 1 argument, got {}", p.len().saturating_sub(1))));
    }
    let name = attr_name(vm, &p[1])?;
    vm.generic_getattr(&p[0], name)
}

fn object_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 3 {
        return Err(vm.type_error(format!("expected 2 arguments, got {}", p.len().saturating_sub(1))));
    }
    let name = attr_name(vm, &p[1])?;
    vm.generic_setattr(&p[0], name, Some(p[2].clone()))?;
    Ok(Value::None)
}

fn object_delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("expected 1 argument, got {}", p.len().saturating_sub(1))));
    }
    let name = attr_name(vm, &p[1])?;
    vm.generic_setattr(&p[0], name, None)?;
    Ok(Value::None)
}

/// Names for `dir(obj)`: the instance dict's keys plus every class attribute
/// along the MRO (unsorted; `dir()` sorts).
fn object_dir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(this) = args.pos().first().cloned() else { return Err(vm.type_error("descriptor '__dir__' of 'object' object needs an argument")) };
    let mut names: Vec<Value> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut push = |names: &mut Vec<Value>, k: &Value| {
        if let Some(s) = k.as_str() {
            if seen.insert(s.to_string()) {
                names.push(k.clone());
            }
        }
    };
    if let Some(d) = instance_dict_value(vm, &this) {
        if let Some(dd) = d.as_dict() {
            let keys = dd.borrow().keys();
            for k in keys.iter() {
                push(&mut names, k);
            }
        }
    }
    let ty = vm.type_of(&this);
    for t in crate::types::mro_with_self(&ty) {
        let keys = tdata(&t).dict.borrow().keys();
        for k in keys.iter() {
            push(&mut names, k);
        }
    }
    Ok(vm.new_list(names))
}

/// The instance `__dict__` of `v`: attribute store, or a module's namespace.
pub fn instance_dict_value(vm: &mut Vm, v: &Value) -> Option<Value> {
    if let Value::Obj(o) = v {
        if let Data::Module(m) = &o.data {
            return Some(Value::Obj(m.dict.clone()));
        }
        // Instances of classes whose every layer uses __slots__ have no __dict__.
        if o.attrs.is_some() && tdata(&o.ty).has_flag(crate::interp::class::NO_DICT) {
            return None;
        }
    }
    vm.instance_dict(v)
}

fn object_init_subclass(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = args.pos().first().and_then(|c| c.as_type()).map_or("object".into(), |t| t.name());
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{}.__init_subclass__() takes no keyword arguments", name)));
    }
    if args.pos().len() > 1 {
        return Err(vm.type_error(format!("{}.__init_subclass__() takes no arguments ({} given)", name, args.pos().len() - 1)));
    }
    Ok(Value::None)
}

fn object_subclasshook(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(vm.not_implemented.clone())
}

fn object_getstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(this) = args.pos().first().cloned() else { return Err(vm.type_error("needs an argument")) };
    Ok(state_of(vm, &this))
}

/// `__dict__` if non-empty (plus `__slots__` values as CPython's
/// `object.__getstate__`), else None.
fn state_of(vm: &mut Vm, this: &Value) -> Value {
    let Value::Obj(o) = this else { return Value::None };
    let Some(attrs) = &o.attrs else { return Value::None };
    let slots_vals: Vec<Option<Value>> = attrs.borrow().slots.clone();
    let dict = vm.instance_dict(this);
    let dict_state = match &dict {
        Some(d) if d.as_dict().map_or(false, |dd| !dd.borrow().is_empty()) => {
            let copy = vm.new_dict();
            let items = d.as_dict().unwrap().borrow().items();
            for (k, v) in items {
                let _ = vm.dict_set(&copy, k, v);
            }
            copy
        }
        _ => Value::None,
    };
    let slot_names = tdata(&o.ty).slot_names.borrow().clone();
    if slot_names.is_empty() || slots_vals.iter().all(|s| s.is_none()) {
        return dict_state;
    }
    let sd = vm.new_dict();
    for (n, v) in slot_names.iter().zip(slots_vals) {
        if let Some(v) = v {
            vm.dict_set_str(&sd, n, v);
        }
    }
    vm.new_pair(dict_state, sd)
}

fn object_reduce_ex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("object.__reduce_ex__() takes exactly one argument ({} given)", p.len().saturating_sub(1))));
    }
    let this = p[0].clone();
    // A class that overrides __reduce__ gets it called.
    let ty = vm.type_of(&this);
    if let Some(r) = lookup(&ty, "__reduce__") {
        let base = lookup(&vm.t.object, "__reduce__");
        if !base.map_or(false, |b| b.is(&r)) {
            let f = vm.getattr_str(&this, "__reduce__")?;
            return vm.call(&f, &[]);
        }
    }
    reduce_newobj(vm, &this)
}

fn object_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(this) = args.pos().first().cloned() else { return Err(vm.type_error("needs an argument")) };
    reduce_newobj(vm, &this)
}

/// `(copyreg.__newobj__, (cls,), state, listitems, dictitems)`.
fn reduce_newobj(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let ty = vm.type_of(this);
    let copyreg = crate::import::import(vm, "copyreg", None, &Value::None, 0)?;
    let newobj = vm.getattr_str(&copyreg, "__newobj__")?;
    let mut newargs = vec![Value::Obj(ty.clone())];
    if let Some(gna) = vm.getattr_opt(this, "__getnewargs__")? {
        let extra = vm.call(&gna, &[])?;
        newargs.extend(vm.collect(&extra)?);
    }
    let state = match vm.getattr_opt(this, "__getstate__")? {
        Some(f) => vm.call(&f, &[])?,
        None => state_of(vm, this),
    };
    let listitems = if vm.is_instance(this, &vm.t.list.clone()) { vm.iter(this)? } else { Value::None };
    let dictitems = if vm.is_instance(this, &vm.t.dict.clone()) {
        let items = vm.call_method(this, "items", &[])?;
        vm.iter(&items)?
    } else {
        Value::None
    };
    let newargs = vm.new_tuple(newargs);
    Ok(vm.new_tuple(vec![newobj, newargs, state, listitems, dictitems]))
}

fn object_sizeof(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(this) = args.pos().first() else { return Err(vm.type_error("needs an argument")) };
    let base = match this {
        Value::Obj(o) => match &o.data {
            Data::List(l) => 40 + 8 * l.borrow().capacity(),
            Data::Tuple(t) => 24 + 8 * t.len(),
            Data::Dict(_) => 48,
            Data::Str(s) => 49 + s.s.len(),
            _ => 16,
        },
        _ => 28,
    };
    Ok(Value::Int(base as i64))
}

fn class_get(vm: &mut Vm, obj: &Value) -> PyResult<Value> {
    Ok(Value::Obj(vm.type_of(obj)))
}

fn class_set(vm: &mut Vm, obj: &Value, value: Option<Value>) -> PyResult<()> {
    let Some(value) = value else { return Err(vm.type_error("can't delete __class__ attribute")) };
    let Some(_) = value.as_type() else {
        return Err(vm.type_error(format!("__class__ must be set to a class, not '{}' object", vm.type_name(&value))));
    };
    super::typeobj::set_object_class(vm, obj, &value)
}

fn dict_get(vm: &mut Vm, obj: &Value) -> PyResult<Value> {
    match instance_dict_value(vm, obj) {
        Some(d) => Ok(d),
        None => Err(vm.no_attribute(obj, "__dict__")),
    }
}

fn dict_set(vm: &mut Vm, obj: &Value, value: Option<Value>) -> PyResult<()> {
    let Value::Obj(o) = obj else { return Err(vm.no_attribute(obj, "__dict__")) };
    let Some(attrs) = &o.attrs else { return Err(vm.no_attribute(obj, "__dict__")) };
    let Some(value) = value else { return Err(vm.type_error("cannot delete __dict__")) };
    if value.as_dict().is_none() {
        return Err(vm.type_error(format!("__dict__ must be set to a dictionary, not a '{}'", vm.type_name(&value))));
    }
    let mut a = attrs.borrow_mut();
    a.values.clear();
    a.dict = Some(value);
    Ok(())
}

/// `NoneType`, `NotImplementedType` and `ellipsis`: reprs, truth, and
/// constructors returning the singleton.
fn init_singletons(vm: &mut Vm) {
    let none = vm.t.none.clone();
    vm.add_method(&none, "__repr__", |vm, _| Ok(vm.intern("None")));
    vm.add_method(&none, "__bool__", |_, _| Ok(Value::bool(false)));
    vm.add_staticmethod(&none, "__new__", |vm, a| singleton_new(vm, a, "NoneType", Value::None));
    let ni = vm.t.not_implemented.clone();
    vm.add_method(&ni, "__repr__", |vm, _| Ok(vm.intern("NotImplemented")));
    vm.add_method(&ni, "__reduce__", |vm, _| Ok(vm.intern("NotImplemented")));
    vm.add_staticmethod(&ni, "__new__", |vm, a| {
        let v = vm.not_implemented.clone();
        singleton_new(vm, a, "NotImplementedType", v)
    });
    let el = vm.t.ellipsis.clone();
    vm.add_method(&el, "__repr__", |vm, _| Ok(vm.intern("Ellipsis")));
    vm.add_method(&el, "__reduce__", |vm, _| Ok(vm.intern("Ellipsis")));
    vm.add_staticmethod(&el, "__new__", |vm, a| {
        let v = vm.ellipsis.clone();
        singleton_new(vm, a, "ellipsis", v)
    });
}

fn singleton_new(vm: &mut Vm, args: Args, name: &str, value: Value) -> PyResult<Value> {
    if args.pos().len() > 1 || args.has_kwargs() {
        return Err(vm.type_error(format!("{} takes no arguments", name)));
    }
    Ok(value)
}
