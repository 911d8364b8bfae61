//! (Owned by the containers/builtins engineer.) The `property`,
//! `classmethod` and `staticmethod` types. Their payloads live in
//! `crate::descriptor` so the attribute machinery in `ops.rs` can apply them
//! without a call; this file gives them constructors, `__get__`/`__set__`/
//! `__delete__` natives (for explicit calls), `getter`/`setter`/`deleter`,
//! `__set_name__`, and their attributes.

use super::container_helpers::check_pos;
use super::object::add_getset;
use crate::descriptor::{ClassMethod, Property, StaticMethod};
use crate::function::Args;
use crate::types::{type_flags as tf, Layout};
use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::cell::RefCell;

pub fn init(vm: &mut Vm) {
    let prop = vm.new_builtin_type("property", None, Layout::Native, tf::BASETYPE);
    vm.extra_types.insert("property", prop.clone());
    vm.add_staticmethod(&prop, "__new__", property_new);
    vm.add_method(&prop, "__init__", property_init);
    vm.add_method(&prop, "__get__", property_get);
    vm.add_method(&prop, "__set__", property_set);
    vm.add_method(&prop, "__delete__", property_delete);
    vm.add_method(&prop, "__set_name__", property_set_name);
    vm.add_method(&prop, "getter", property_getter);
    vm.add_method(&prop, "setter", property_setter);
    vm.add_method(&prop, "deleter", property_deleter);
    add_getset(vm, &prop, "fget", |vm, o| prop_field(vm, o, 0), None);
    add_getset(vm, &prop, "fset", |vm, o| prop_field(vm, o, 1), None);
    add_getset(vm, &prop, "fdel", |vm, o| prop_field(vm, o, 2), None);
    add_getset(vm, &prop, "__doc__", |vm, o| prop_field(vm, o, 3), Some(prop_set_doc));
    add_getset(vm, &prop, "__isabstractmethod__", prop_isabstract, None);

    // classmethod/staticmethod objects have a `__dict__` (as in CPython).
    let cm = vm.new_builtin_type("classmethod", None, Layout::Native, tf::BASETYPE | tf::HAS_ATTRS);
    vm.extra_types.insert("classmethod", cm.clone());
    vm.add_staticmethod(&cm, "__new__", classmethod_new);
    vm.add_method(&cm, "__init__", classmethod_init);
    vm.add_method(&cm, "__get__", classmethod_get);
    vm.add_method(&cm, "__repr__", classmethod_repr);
    add_getset(vm, &cm, "__func__", wrapped_func, None);
    add_getset(vm, &cm, "__wrapped__", wrapped_func, None);
    add_getset(vm, &cm, "__isabstractmethod__", wrapped_isabstract, None);

    let sm = vm.new_builtin_type("staticmethod", None, Layout::Native, tf::BASETYPE | tf::HAS_ATTRS);
    vm.extra_types.insert("staticmethod", sm.clone());
    vm.add_staticmethod(&sm, "__new__", staticmethod_new);
    vm.add_method(&sm, "__init__", staticmethod_init);
    vm.add_method(&sm, "__get__", staticmethod_get);
    vm.add_method(&sm, "__call__", staticmethod_call);
    vm.add_method(&sm, "__repr__", staticmethod_repr);
    add_getset(vm, &sm, "__func__", wrapped_func, None);
    add_getset(vm, &sm, "__wrapped__", wrapped_func, None);
    add_getset(vm, &sm, "__isabstractmethod__", wrapped_isabstract, None);
}

fn new_property_payload() -> Property {
    Property {
        fget: RefCell::new(Value::None),
        fset: RefCell::new(Value::None),
        fdel: RefCell::new(Value::None),
        doc: RefCell::new(Value::None),
        name: RefCell::new(Value::None),
    }
}

/// A `property(fget, fset, fdel, doc)` object (for native code).
pub fn new_property(vm: &mut Vm, fget: Value, fset: Value, fdel: Value, doc: Value) -> Value {
    let ty = vm.extra_types["property"].clone();
    let p = new_property_payload();
    *p.fget.borrow_mut() = fget;
    *p.fset.borrow_mut() = fset;
    *p.fdel.borrow_mut() = fdel;
    *p.doc.borrow_mut() = doc;
    vm.alloc(ty, Data::Native(Box::new(p)))
}

fn cls_arg(vm: &Vm, args: &Args) -> PyResult<crate::value::PyRef> {
    match args.pos().first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => Ok(o.clone()),
        _ => Err(vm.type_error("__new__ needs a type argument")),
    }
}

fn property_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_arg(vm, &args)?;
    Ok(vm.alloc(cls, Data::Native(Box::new(new_property_payload()))))
}

fn the_property<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a Property> {
    v.native::<Property>().ok_or_else(|| vm.type_error(format!("descriptor requires a 'property' object but received a '{}'", vm.type_name(v))))
}

fn property_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    let this = p.first().cloned().unwrap_or(Value::None);
    let pos = &p[1.min(p.len())..];
    if pos.len() > 4 {
        return Err(vm.type_error(format!("property() takes at most 4 arguments ({} given)", pos.len())));
    }
    let mut vals = [Value::None, Value::None, Value::None, Value::None];
    for (i, v) in pos.iter().enumerate() {
        vals[i] = v.clone();
    }
    for (k, v) in args.kwargs() {
        let i = match k {
            "fget" => 0,
            "fset" => 1,
            "fdel" => 2,
            "doc" => 3,
            _ => return Err(vm.type_error(format!("property() got an unexpected keyword argument '{}'", k))),
        };
        if i < pos.len() {
            return Err(vm.type_error(format!("argument for property() given by name ('{}') and position ({})", k, i + 1)));
        }
        vals[i] = v.clone();
    }
    let [fget, fset, fdel, mut doc] = vals;
    if doc.is_none() && !fget.is_none() {
        if let Some(d) = vm.getattr_opt(&fget, "__doc__")? {
            doc = d;
        }
    }
    let prop = the_property(vm, &this)?;
    *prop.fget.borrow_mut() = fget;
    *prop.fset.borrow_mut() = fset;
    *prop.fdel.borrow_mut() = fdel;
    // A subclass instance keeps its doc in its __dict__ (as CPython does).
    let is_sub = !super::container_helpers::is_exact(&this, &vm.extra_types["property"].clone());
    if is_sub && !doc.is_none() {
        let _ = vm.set_attr_raw(&this, "__doc__", doc.clone());
    }
    *prop.doc.borrow_mut() = doc;
    Ok(Value::None)
}

fn property_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    check_pos(vm, "__get__", &p[1.min(p.len())..], 1, 2)?;
    let prop = the_property(vm, &p[0])?;
    if p[1].is_none() {
        return Ok(p[0].clone());
    }
    let fget = prop.fget.borrow().clone();
    if fget.is_none() {
        let msg = match prop.name.borrow().as_str() {
            Some(n) => format!("property '{}' of '{}' object has no getter", n, vm.type_name(&p[1])),
            None => "unreadable attribute".to_string(),
        };
        return Err(vm.new_error(&vm.e.attribute_error.clone(), msg));
    }
    vm.call(&fget, &[p[1].clone()])
}

fn property_set(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    check_pos(vm, "__set__", &p[1.min(p.len())..], 2, 2)?;
    property_store(vm, &p[0], &p[1], Some(p[2].clone()))
}

fn property_delete(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    check_pos(vm, "__delete__", &p[1.min(p.len())..], 1, 1)?;
    property_store(vm, &p[0], &p[1], None)
}

fn property_store(vm: &mut Vm, this: &Value, obj: &Value, value: Option<Value>) -> PyResult<Value> {
    let prop = the_property(vm, this)?;
    let f = if value.is_some() { prop.fset.borrow().clone() } else { prop.fdel.borrow().clone() };
    if f.is_none() {
        let what = if value.is_some() { "setter" } else { "deleter" };
        let msg = match prop.name.borrow().as_str() {
            Some(n) => format!("property '{}' of '{}' object has no {}", n, vm.type_name(obj), what),
            None => format!("can't {} attribute", if value.is_some() { "set" } else { "delete" }),
        };
        return Err(vm.new_error(&vm.e.attribute_error.clone(), msg));
    }
    match value {
        Some(v) => vm.call(&f, &[obj.clone(), v])?,
        None => vm.call(&f, &[obj.clone()])?,
    };
    Ok(Value::None)
}

fn property_set_name(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    check_pos(vm, "__set_name__", &p[1.min(p.len())..], 2, 2)?;
    let prop = the_property(vm, &p[0])?;
    *prop.name.borrow_mut() = p[2].clone();
    Ok(Value::None)
}

/// `getter`/`setter`/`deleter`: a copy of the property with one function replaced.
fn property_copy_with(vm: &mut Vm, args: Args, which: usize) -> PyResult<Value> {
    let p = args.pos();
    let names = ["getter", "setter", "deleter"];
    if p.len() != 2 {
        return Err(vm.type_error(format!("property.{}() takes exactly one argument ({} given)", names[which], p.len().saturating_sub(1))));
    }
    let prop = the_property(vm, &p[0])?;
    let mut fields = [prop.fget.borrow().clone(), prop.fset.borrow().clone(), prop.fdel.borrow().clone()];
    fields[which] = p[1].clone();
    let doc = prop.doc.borrow().clone();
    let name = prop.name.borrow().clone();
    // A doc taken from the old getter follows the new getter.
    let doc = if which == 0 { Value::None } else { doc };
    let ty = Value::Obj(vm.type_of(&p[0]));
    let [fget, fset, fdel] = fields;
    let new = vm.call(&ty, &[fget, fset, fdel, doc])?;
    if let Some(np) = new.native::<Property>() {
        *np.name.borrow_mut() = name;
    }
    Ok(new)
}

fn property_getter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    property_copy_with(vm, args, 0)
}
fn property_setter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    property_copy_with(vm, args, 1)
}
fn property_deleter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    property_copy_with(vm, args, 2)
}

fn prop_field(vm: &mut Vm, o: &Value, i: usize) -> PyResult<Value> {
    let prop = the_property(vm, o)?;
    Ok(match i {
        0 => prop.fget.borrow().clone(),
        1 => prop.fset.borrow().clone(),
        2 => prop.fdel.borrow().clone(),
        _ => prop.doc.borrow().clone(),
    })
}

fn prop_set_doc(vm: &mut Vm, o: &Value, v: Option<Value>) -> PyResult<()> {
    let prop = the_property(vm, o)?;
    *prop.doc.borrow_mut() = v.unwrap_or(Value::None);
    Ok(())
}

fn is_abstract(vm: &mut Vm, f: &Value) -> PyResult<bool> {
    if f.is_none() {
        return Ok(false);
    }
    match vm.getattr_opt(f, "__isabstractmethod__")? {
        Some(v) => vm.truthy(&v),
        None => Ok(false),
    }
}

fn prop_isabstract(vm: &mut Vm, o: &Value) -> PyResult<Value> {
    let prop = the_property(vm, o)?;
    let fs = [prop.fget.borrow().clone(), prop.fset.borrow().clone(), prop.fdel.borrow().clone()];
    for f in fs.iter() {
        if is_abstract(vm, f)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

// ----- classmethod / staticmethod --------------------------------------------

fn wrapped_of(v: &Value) -> Option<Value> {
    if let Some(c) = v.native::<ClassMethod>() {
        return Some(c.0.borrow().clone());
    }
    v.native::<StaticMethod>().map(|s| s.0.borrow().clone())
}

fn wrapped_func(vm: &mut Vm, o: &Value) -> PyResult<Value> {
    wrapped_of(o).ok_or_else(|| vm.type_error("descriptor requires a classmethod or staticmethod"))
}

fn wrapped_isabstract(vm: &mut Vm, o: &Value) -> PyResult<Value> {
    let f = wrapped_func(vm, o)?;
    Ok(Value::bool(is_abstract(vm, &f)?))
}

fn one_callable_arg(vm: &Vm, args: &Args, name: &str) -> PyResult<Value> {
    let p = args.pos();
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
    }
    if p.len() != 2 {
        return Err(vm.type_error(format!("{} expected 1 argument, got {}", name, p.len().saturating_sub(1))));
    }
    Ok(p[1].clone())
}

fn classmethod_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_arg(vm, &args)?;
    let f = one_callable_arg(vm, &args, "classmethod")?;
    Ok(vm.alloc(cls, Data::Native(Box::new(ClassMethod(RefCell::new(f))))))
}

fn classmethod_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = one_callable_arg(vm, &args, "classmethod")?;
    if let Some(c) = args.pos()[0].native::<ClassMethod>() {
        *c.0.borrow_mut() = f;
    }
    Ok(Value::None)
}

fn classmethod_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    check_pos(vm, "__get__", &p[1.min(p.len())..], 1, 2)?;
    let f = wrapped_func(vm, &p[0])?;
    let cls = match p.get(2) {
        Some(t) if !t.is_none() => t.clone(),
        _ => Value::Obj(vm.type_of(&p[1])),
    };
    Ok(vm.alloc(vm.t.method.clone(), Data::BoundMethod(Box::new((f, cls)))))
}

fn classmethod_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = wrapped_func(vm, &args.pos()[0])?;
    let r = vm.repr_string(&f)?;
    Ok(vm.new_str(format!("<classmethod({})>", r)))
}

fn staticmethod_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = cls_arg(vm, &args)?;
    let f = one_callable_arg(vm, &args, "staticmethod")?;
    Ok(vm.alloc(cls, Data::Native(Box::new(StaticMethod(RefCell::new(f))))))
}

fn staticmethod_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = one_callable_arg(vm, &args, "staticmethod")?;
    if let Some(s) = args.pos()[0].native::<StaticMethod>() {
        *s.0.borrow_mut() = f;
    }
    Ok(Value::None)
}

fn staticmethod_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    check_pos(vm, "__get__", &p[1.min(p.len())..], 1, 2)?;
    wrapped_func(vm, &p[0])
}

fn staticmethod_call(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = wrapped_func(vm, &args.args[0])?;
    vm.call_kw(&f, &args.args[1..], args.kwnames)
}

fn staticmethod_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = wrapped_func(vm, &args.pos()[0])?;
    let r = vm.repr_string(&f)?;
    Ok(vm.new_str(format!("<staticmethod({})>", r)))
}
