//! Classes: `__build_class__` (metaclass selection, `__prepare__`, running
//! the body, `__classcell__`), the `super` type and `LoadSuperAttr`, and
//! the `__slots__` member descriptors.

use super::frame::{cell_get, init_cells, new_frame, Frame};
use crate::descriptor::Property;
use crate::function::Args;
use crate::slots::special;
use crate::types::{is_subtype, lookup, mro_with_self, tdata, Layout};
use crate::value::{Data, NativeData, PyRef, Value};
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use egret_frontend::bytecode::LocalKind;
use std::rc::Rc;

/// Type flag: instances have no `__dict__` (every class in the MRO uses `__slots__`).
pub const NO_DICT: u32 = 1 << 12;

/// `repr()` of a class: `<class 'mod.Name'>`.
pub fn type_repr(vm: &mut Vm, cls: &Value) -> String {
    match cls {
        Value::Obj(o) if matches!(o.data, Data::Type(_)) => crate::builtins::typeobj::type_repr_string(vm, o),
        _ => vm.repr_string(cls).unwrap_or_default(),
    }
}

/// Whether a data descriptor also has `__get__` (a descriptor with only
/// `__set__` does not hide the instance's own attribute on reads).
pub fn descr_has_get(d: &Value) -> bool {
    match d {
        Value::Obj(o) => match &o.data {
            Data::Native(_) if !tdata(&o.ty).has_flag(crate::types::type_flags::HEAPTYPE) => true,
            _ => special(&o.ty, "__get__").is_some(),
        },
        _ => true,
    }
}

/// `setattr`/`delattr` that respects classes without `__dict__`.
pub fn setattr_checked(vm: &mut Vm, obj: &Value, name: &Value, value: Option<Value>) -> PyResult<()> {
    if let Value::Obj(o) = obj {
        if o.attrs.is_some() && tdata(&o.ty).has_flag(NO_DICT) {
            let name_s = name.as_str().unwrap_or("");
            let custom = match special(&o.ty, if value.is_some() { "__setattr__" } else { "__delattr__" }) {
                Some(Value::Obj(f)) => !matches!(f.data, Data::Builtin(_)),
                _ => false,
            };
            if !custom {
                let descr = lookup(&o.ty, name_s);
                let is_data = descr.as_ref().map_or(false, |d| vm.is_data_descriptor(d));
                if !is_data {
                    let tn = tdata(&o.ty).name();
                    return Err(match descr {
                        Some(_) => vm.attribute_error(obj, name_s, format!("'{}' object attribute '{}' is read-only", tn, name_s)),
                        None => vm.attribute_error(obj, name_s, format!("'{}' object has no attribute '{}'", tn, name_s)),
                    });
                }
            }
        }
    }
    match value {
        Some(v) => vm.setattr(obj, name, v),
        None => vm.delattr(obj, name),
    }
}

// ----- __build_class__ -----------------------------------------------------------

fn build_class(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let func = pos[0].clone();
    let Some(Data::Function(fd)) = func.as_obj().map(|o| &o.data) else {
        return Err(vm.type_error("__build_class__: func must be a function"));
    };
    let name = pos[1].clone();
    if name.as_str().is_none() {
        return Err(vm.type_error("__build_class__: name is not a string"));
    }
    let orig_bases: Vec<Value> = pos[2..].to_vec();
    // PEP 560: __mro_entries__.
    let mut bases: Vec<Value> = Vec::new();
    let mut changed = false;
    for b in &orig_bases {
        if b.as_type().is_some() {
            bases.push(b.clone());
            continue;
        }
        match vm.getattr_opt(b, "__mro_entries__")? {
            Some(me) => {
                let ob = vm.new_tuple(orig_bases.clone());
                let r = vm.call(&me, &[ob])?;
                let Some(items) = r.as_tuple() else {
                    return Err(vm.type_error("__mro_entries__ must return a tuple"));
                };
                bases.extend(items.iter().cloned());
                changed = true;
            }
            None => bases.push(b.clone()),
        }
    }
    let mut meta: Option<Value> = None;
    let mut kwnames: Vec<Value> = Vec::new();
    let mut kwvalues: Vec<Value> = Vec::new();
    for (k, v) in args.kwargs() {
        if k == "metaclass" {
            meta = Some(v.clone());
        } else {
            kwnames.push(vm.intern(k));
            kwvalues.push(v.clone());
        }
    }
    let is_class = meta.as_ref().map_or(true, |m| m.as_type().is_some());
    let mut meta = match meta {
        Some(m) => m,
        None => match bases.first() {
            Some(b) => Value::Obj(vm.type_of(b)),
            None => Value::Obj(vm.type_type.clone()),
        },
    };
    if is_class {
        meta = Value::Obj(crate::builtins::typeobj::calculate_metaclass(vm, meta.as_obj().expect("type").clone(), &bases)?);
    }
    let bases_t = vm.new_tuple(bases.clone());
    // __prepare__
    let ns = match vm.getattr_opt(&meta, "__prepare__")? {
        Some(prep) => {
            let mut a = vec![name.clone(), bases_t.clone()];
            a.extend(kwvalues.iter().cloned());
            vm.call_kw(&prep, &a, &kwnames)?
        }
        None => vm.new_dict(),
    };
    let nsty = vm.type_of(&ns);
    if ns.as_dict().is_none() && special(&nsty, "__getitem__").is_none() {
        let mn = match meta.as_type() {
            Some(t) => t.name().to_string(),
            None => "<metaclass>".to_string(),
        };
        return Err(vm.type_error(format!("{}.__prepare__() must return a mapping, not {}", mn, tdata(&nsty).name())));
    }
    // Run the body with the namespace as its locals.
    let code = fd.code.clone();
    let mut frame = new_frame(vm, &code, &fd.globals, &fd.builtins, Some(ns.clone()));
    init_cells(vm, fd, &mut frame.locals);
    let cell = super::eval::run_entry(vm, frame)?;
    if changed {
        let ob = vm.new_tuple(orig_bases.clone());
        let key = vm.intern("__orig_bases__");
        if ns.as_dict().is_some() {
            vm.dict_set(&ns, key, ob)?;
        } else {
            vm.setitem(&ns, &key, ob)?;
        }
    }
    let mut a = vec![name.clone(), bases_t, ns];
    a.extend(kwvalues);
    let cls = vm.call_kw(&meta, &a, &kwnames)?;
    if let Value::Obj(c) = &cell {
        if let Data::Cell(_) = &c.data {
            let content = cell_get(&cell);
            match content {
                Some(v) if v.is(&cls) => {}
                Some(v) => {
                    let r1 = type_repr(vm, &v);
                    let r2 = type_repr(vm, &cls);
                    return Err(vm.type_error(format!("__class__ set to {} defining '{}' as {}", r1, name.as_str().unwrap_or(""), r2)));
                }
                None => {
                    let r = type_repr(vm, &cls);
                    return Err(vm.runtime_error(format!(
                        "__class__ not set defining '{}' as {}. Was __classcell__ propagated to type.__new__?",
                        name.as_str().unwrap_or(""),
                        r
                    )));
                }
            }
        }
    }
    Ok(cls)
}

// ----- super ---------------------------------------------------------------------

pub struct SuperData {
    pub thisclass: Value,
    pub obj: Value,
    pub obj_type: Value,
}

impl NativeData for SuperData {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.thisclass);
        visit(&self.obj);
        visit(&self.obj_type);
    }
}

/// The type `super(ty, obj)` looks attributes up from.
fn supercheck(vm: &mut Vm, ty: &PyRef, obj: &Value) -> PyResult<Value> {
    if let Value::Obj(o) = obj {
        if matches!(o.data, Data::Type(_)) && is_subtype(o, ty) {
            return Ok(obj.clone());
        }
    }
    if vm.is_instance(obj, ty) {
        return Ok(Value::Obj(vm.type_of(obj)));
    }
    if let Ok(Some(c)) = vm.getattr_opt(obj, "__class__") {
        if let Value::Obj(co) = &c {
            if matches!(co.data, Data::Type(_)) && is_subtype(co, ty) {
                return Ok(c);
            }
        }
    }
    Err(vm.type_error("super(type, obj): obj must be an instance or subtype of type"))
}

/// `super()` with no arguments: `__class__` and the first argument of the calling frame.
fn zero_arg_super(vm: &mut Vm) -> PyResult<(Value, Value)> {
    let Some(f) = vm.interp.frames.last() else {
        return Err(vm.runtime_error("super(): no current frame"));
    };
    let co = &f.code.code;
    if co.argcount == 0 && co.flags & egret_frontend::bytecode::code_flags::VARARGS == 0 {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let first = match (f.locals.first().cloned().flatten(), co.localsplus_kinds.first()) {
        (Some(v), Some(LocalKind::Cell)) => cell_get(&v),
        (v, _) => v,
    };
    let first = match first {
        Some(v) => {
            if co.argcount == 0 {
                // *args: the first element of the tuple
                match v.as_tuple().and_then(|t| t.first().cloned()) {
                    Some(x) => x,
                    None => return Err(vm.runtime_error("super(): no arguments")),
                }
            } else {
                v
            }
        }
        None => return Err(vm.runtime_error("super(): arg[0] deleted")),
    };
    let idx = co.localsplus_names.iter().zip(co.localsplus_kinds.iter()).position(|(n, k)| &**n == "__class__" && *k == LocalKind::Free);
    let Some(idx) = idx else {
        return Err(vm.runtime_error("super(): __class__ cell not found"));
    };
    let cell = f.locals.get(idx).cloned().flatten();
    let cls = cell.and_then(|c| cell_get(&c));
    match cls {
        None => Err(vm.runtime_error("super(): empty __class__ cell")),
        Some(c) if c.as_type().is_none() => Err(vm.runtime_error(format!("super(): __class__ is not a type ({})", vm.type_name(&c)))),
        Some(c) => Ok((c, first)),
    }
}

fn super_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let cls = pos.first().cloned().unwrap_or(Value::None);
    let (ty, obj) = match pos.len() {
        1 => zero_arg_super(vm)?,
        2 => (pos[1].clone(), Value::None),
        3 => (pos[1].clone(), pos[2].clone()),
        _ => return Err(vm.type_error("super() takes at most 2 arguments")),
    };
    make_super(vm, cls, ty, obj)
}

fn make_super(vm: &mut Vm, cls: Value, ty: Value, obj: Value) -> PyResult<Value> {
    let Some(ty_ref) = ty.as_obj().filter(|o| matches!(o.data, Data::Type(_))).cloned() else {
        return Err(vm.type_error(format!("super() argument 1 must be a type, not {}", vm.type_name(&ty))));
    };
    let obj_type = if obj.is_none() { Value::None } else { supercheck(vm, &ty_ref, &obj)? };
    let cls = cls.as_obj().cloned().unwrap_or_else(|| super_type(vm));
    Ok(vm.alloc(cls, Data::Native(Box::new(SuperData { thisclass: ty, obj, obj_type }))))
}

fn super_init(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

/// Finds `name` in the MRO of `obj_type` after `thisclass`.
fn super_lookup(thisclass: &Value, obj_type: &Value, name: &str) -> Option<Value> {
    let Value::Obj(start) = obj_type else { return None };
    let mro = mro_with_self(start);
    let mut i = 0;
    while i < mro.len() {
        if thisclass.as_obj().map_or(false, |t| Rc::ptr_eq(t, &mro[i])) {
            break;
        }
        i += 1;
    }
    for t in mro.iter().skip(i + 1) {
        if let Some(v) = tdata(t).own_attr(name) {
            return Some(v);
        }
    }
    None
}

fn super_getattribute(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let (Some(sv), Some(name)) = (pos.first(), pos.get(1)) else { return Err(vm.type_error("expected 1 argument")) };
    let Some(s) = sv.native::<SuperData>() else { return Err(vm.type_error("expected a super object")) };
    let name_s = name.as_str().unwrap_or("");
    if name_s != "__class__" && !s.obj_type.is_none() {
        if let Some(found) = super_lookup(&s.thisclass, &s.obj_type, name_s) {
            let obj = if s.obj.is(&s.obj_type) { Value::None } else { s.obj.clone() };
            let owner = s.obj_type.clone();
            return vm.descr_get(&found, &obj, &owner);
        }
    }
    vm.generic_getattr(sv, name)
}

fn super_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let sv = args.pos().first().cloned().unwrap_or(Value::None);
    let Some(s) = sv.native::<SuperData>() else { return Err(vm.type_error("expected a super object")) };
    let (tc, ot) = (s.thisclass.clone(), s.obj_type.clone());
    let t = type_repr(vm, &tc);
    let o = if ot.is_none() { "NULL".to_string() } else { format!("<{} object>", ot.as_type().map(|t| t.name().to_string()).unwrap_or_default()) };
    Ok(vm.new_str(format!("<super: {}, {}>", t, o)))
}

fn super_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let sv = pos.first().cloned().unwrap_or(Value::None);
    let obj = pos.get(1).cloned().unwrap_or(Value::None);
    let Some(s) = sv.native::<SuperData>() else { return Err(vm.type_error("expected a super object")) };
    if obj.is_none() || !s.obj.is_none() {
        return Ok(sv.clone());
    }
    let tc = s.thisclass.clone();
    let cls = Value::Obj(vm.type_of(&sv));
    make_super(vm, cls, tc, obj)
}

fn super_attr(vm: &mut Vm, v: &Value, which: u8) -> PyResult<Value> {
    let Some(s) = v.native::<SuperData>() else { return Err(vm.type_error("expected a super object")) };
    Ok(match which {
        0 => s.thisclass.clone(),
        1 => s.obj.clone(),
        _ => s.obj_type.clone(),
    })
}

fn super_thisclass(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    super_attr(vm, v, 0)
}
fn super_self(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    super_attr(vm, v, 1)
}
fn super_self_class(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    super_attr(vm, v, 2)
}

pub fn super_type(vm: &mut Vm) -> PyRef {
    vm.extra_types.get("super").cloned().expect("super is created at start-up")
}

/// `LoadSuperAttr`: `[global_super, class, self] -> [attr]` (or `[meth, self|NULL]`).
pub fn load_super_attr(vm: &mut Vm, f: &mut Frame, arg: u32) -> PyResult<()> {
    let self_ = f.pop();
    let class = f.pop();
    let global_super = f.pop();
    let name = f.code.names.get((arg >> 2) as usize).cloned().unwrap_or(Value::None);
    let name_s = name.as_str().unwrap_or("").to_string();
    let load_method = arg & 1 != 0;
    let sty = super_type(vm);
    let is_builtin_super = matches!(&global_super, Value::Obj(o) if Rc::ptr_eq(o, &sty));
    if is_builtin_super && class.as_type().is_some() {
        let cls_ref = class.as_obj().expect("type").clone();
        let obj_type = supercheck(vm, &cls_ref, &self_)?;
        if name_s != "__class__" {
            if let Some(found) = super_lookup(&class, &obj_type, &name_s) {
                if load_method && matches!(&found, Value::Obj(o) if matches!(o.data, Data::Function(_))) && !self_.is(&obj_type) {
                    f.push(found);
                    f.push(self_);
                    return Ok(());
                }
                let obj = if self_.is(&obj_type) { Value::None } else { self_.clone() };
                let v = vm.descr_get(&found, &obj, &obj_type)?;
                if load_method {
                    let n = Value::NULL;
                    f.push(n);
                }
                f.push(v);
                return Ok(());
            }
        }
        let sup = make_super(vm, Value::Obj(sty), class, self_)?;
        let v = vm.getattr(&sup, &name)?;
        if load_method {
            let n = Value::NULL;
            f.push(n);
        }
        f.push(v);
        return Ok(());
    }
    let sup = if arg & 2 != 0 { vm.call(&global_super, &[class, self_])? } else { vm.call(&global_super, &[])? };
    let v = vm.getattr(&sup, &name)?;
    if load_method {
        let n = Value::NULL;
        f.push(n);
    }
    f.push(v);
    Ok(())
}

// ----- __slots__ member descriptors ------------------------------------------------

/// The bound data of a slot accessor: `(index, name)`.
fn slot_info(vm: &Vm, info: &Value) -> PyResult<(usize, String)> {
    match info.as_tuple() {
        Some([Value::Int(i), n]) => Ok((*i as usize, n.as_str().unwrap_or("").to_string())),
        _ => Err(vm.type_error("bad slot descriptor")),
    }
}

fn slot_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let (index, name) = slot_info(vm, &pos[0])?;
    let obj = pos.get(1).cloned().unwrap_or(Value::None);
    let v = match &obj {
        Value::Obj(o) => o.attrs.as_ref().and_then(|a| a.borrow().slots.get(index).cloned().flatten()),
        _ => None,
    };
    match v {
        Some(v) => Ok(v),
        None => Err(vm.no_attribute(&obj, &name)),
    }
}

fn slot_set(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let (index, _name) = slot_info(vm, &pos[0])?;
    let obj = pos.get(1).cloned().unwrap_or(Value::None);
    let v = pos.get(2).cloned();
    if let Value::Obj(o) = &obj {
        if let Some(a) = &o.attrs {
            let mut a = a.borrow_mut();
            if a.slots.len() <= index {
                a.slots.resize(index + 1, None);
            }
            a.slots[index] = v;
            return Ok(Value::None);
        }
    }
    Err(vm.type_error("descriptor applied to an object without slots"))
}

fn slot_del(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let (index, name) = slot_info(vm, &pos[0])?;
    let obj = pos.get(1).cloned().unwrap_or(Value::None);
    if let Value::Obj(o) = &obj {
        if let Some(a) = &o.attrs {
            let old = a.borrow_mut().slots.get_mut(index).and_then(|s| s.take());
            if old.is_some() {
                return Ok(Value::None);
            }
            return Err(vm.new_error(&vm.e.attribute_error.clone(), &name));
        }
    }
    Err(vm.no_attribute(&obj, &name))
}

/// A data descriptor for `__slots__` entry `name` stored at `index`.
pub fn new_slot_descriptor(vm: &mut Vm, index: usize, name: &str) -> Value {
    let n = vm.new_str(name);
    let info = vm.new_pair(Value::Int(index as i64), n.clone());
    let g = vm.new_builtin("__get__", slot_get);
    let s = vm.new_builtin("__set__", slot_set);
    let d = vm.new_builtin("__delete__", slot_del);
    let g = vm.bind_builtin_value(&g, info.clone());
    let s = vm.bind_builtin_value(&s, info.clone());
    let d = vm.bind_builtin_value(&d, info);
    let prop = Property {
        fget: std::cell::RefCell::new(g),
        fset: std::cell::RefCell::new(s),
        fdel: std::cell::RefCell::new(d),
        doc: std::cell::RefCell::new(Value::None),
        name: std::cell::RefCell::new(n),
    };
    let ty = vm.extra_types.get("member_descriptor").cloned().expect("created at start-up");
    vm.alloc(ty, Data::Native(Box::new(prop)))
}

fn member_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.pos().first().cloned().unwrap_or(Value::None);
    let name = v.native::<Property>().map(|p| p.name.borrow().clone()).unwrap_or(Value::None);
    Ok(vm.new_str(format!("<member '{}' objects>", name.as_str().unwrap_or("?"))))
}

pub fn init(vm: &mut Vm) {
    let sup = vm.new_builtin_type("super", None, Layout::Native, crate::types::type_flags::BASETYPE);
    vm.add_staticmethod(&sup, "__new__", super_new);
    vm.add_method(&sup, "__init__", super_init);
    vm.add_method(&sup, "__getattribute__", super_getattribute);
    vm.add_method(&sup, "__repr__", super_repr);
    vm.add_method(&sup, "__get__", super_get);
    super::generator::add_getset(vm, &sup, "__thisclass__", super_thisclass, None);
    super::generator::add_getset(vm, &sup, "__self__", super_self, None);
    super::generator::add_getset(vm, &sup, "__self_class__", super_self_class, None);
    vm.extra_types.insert("super", sup.clone());
    let b = Value::Obj(vm.builtins.clone());
    vm.dict_set_str(&b, "super", Value::Obj(sup));
    let bc = vm.new_builtin("__build_class__", build_class);
    vm.dict_set_str(&b, "__build_class__", bc);
    let md = vm.new_builtin_type("member_descriptor", None, Layout::Native, 0);
    vm.add_method(&md, "__repr__", member_repr);
    vm.extra_types.insert("member_descriptor", md);
    let _: Option<PyErr> = None;
}
