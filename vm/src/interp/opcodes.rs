//! The opcodes that are not on the loop's hot path, and the slow halves of
//! the hot ones (cache misses, names, attributes with inline caches,
//! building containers, unpacking, formatting, imports, `with`).

use super::cache::{AttrEntry, InlineCache, MethodEntry};
use super::eval::Control;
use super::frame::{cell_get, cell_set, is_null, Frame};
use crate::code::Code;
use crate::function::BuiltinKind;
use crate::slots::special;
use crate::types::{is_subtype, lookup, tdata, type_flags as tf};
use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use egret_frontend::bytecode::{BinaryOperator, Opcode};
use std::rc::Rc;

#[cold]
pub fn unbound_local(vm: &mut Vm, f: &Frame, arg: u32) -> PyErr {
    let name = f.code.code.localsplus_names.get(arg as usize).map(|s| s.to_string()).unwrap_or_default();
    let e = vm.new_error(
        &vm.e.unbound_local_error.clone(),
        format!("cannot access local variable '{}' where it is not associated with a value", name),
    );
    let n = vm.intern(&name);
    let _ = vm.set_attr_raw(&e.0, "name", n);
    e
}

#[cold]
pub fn unbound_deref(vm: &mut Vm, f: &Frame, arg: u32) -> PyErr {
    use egret_frontend::bytecode::LocalKind;
    let name = f.code.code.localsplus_names.get(arg as usize).map(|s| s.to_string()).unwrap_or_default();
    let kind = f.code.code.localsplus_kinds.get(arg as usize).copied().unwrap_or(LocalKind::Local);
    let e = if kind == LocalKind::Free {
        vm.new_error(
            &vm.e.name_error.clone(),
            format!("cannot access free variable '{}' where it is not associated with a value in enclosing scope", name),
        )
    } else {
        vm.new_error(
            &vm.e.unbound_local_error.clone(),
            format!("cannot access local variable '{}' where it is not associated with a value", name),
        )
    };
    let n = vm.intern(&name);
    let _ = vm.set_attr_raw(&e.0, "name", n);
    e
}

/// `NameError: name 'x' is not defined` with its `name` attribute.
pub fn name_not_defined(vm: &mut Vm, name: &Value) -> PyErr {
    let s = name.as_str().unwrap_or("?").to_string();
    let e = vm.name_error(format!("name '{}' is not defined", s));
    let _ = vm.set_attr_raw(&e.0, "name", name.clone());
    e
}

#[cold]
pub fn loop_is_hot(vm: &mut Vm, code: &Rc<Code>, pc: u32) {
    let threshold = vm.config.jit_threshold.max(1) as i64;
    match vm.interp.jit.take() {
        Some(mut hooks) => {
            let again = hooks.loop_hot(vm, code, pc);
            if vm.interp.jit.is_none() {
                vm.interp.jit = Some(hooks);
            }
            vm.interp.hot_counter = if again { threshold } else { i64::MAX };
        }
        None => vm.interp.hot_counter = i64::MAX,
    }
}

fn name_at(f: &Frame, arg: u32) -> Value {
    f.code.names.get(arg as usize).cloned().unwrap_or(Value::None)
}

// ----- globals and names ------------------------------------------------------

#[cold]
pub fn load_global_slow(vm: &mut Vm, f: &Frame, arg: u32) -> PyResult<Value> {
    let name = name_at(f, arg);
    let g = Value::Obj(f.globals.clone());
    let b = Value::Obj(f.builtins.clone());
    let (v, in_globals) = match vm.dict_get(&g, &name)? {
        Some(v) => (v, true),
        None => match vm.dict_get(&b, &name)? {
            Some(v) => (v, false),
            None => return Err(name_not_defined(vm, &name)),
        },
    };
    let gver = f.globals.as_ref_dict_version();
    let mut entries = f.code.cache.entries_mut();
    if let Some(slot) = entries.get_mut(f.pc as usize - 1) {
        if in_globals {
            if let Data::Dict(gd) = &f.globals.data {
                *slot = InlineCache::ModuleGlobal { globals: Rc::as_ptr(&f.globals) as usize, gdict: &**gd as *const _, gver, value: v.clone() };
            }
            return Ok(v);
        }
        let (Data::Dict(gd), Data::Dict(bd)) = (&f.globals.data, &f.builtins.data) else { return Ok(v) };
        let bver = f.builtins.as_ref_dict_version();
        *slot = InlineCache::Global(Box::new(super::cache::GlobalEntry {
            globals: Rc::as_ptr(&f.globals) as usize,
            gdict: &**gd as *const _,
            gver,
            builtins: Rc::as_ptr(&f.builtins) as usize,
            bdict: &**bd as *const _,
            bver,
            value: v.clone(),
        }));
    }
    Ok(v)
}

trait DictVersion {
    fn as_ref_dict_version(&self) -> u64;
}
impl DictVersion for crate::value::PyRef {
    fn as_ref_dict_version(&self) -> u64 {
        match &self.data {
            Data::Dict(d) => d.borrow().version,
            _ => 0,
        }
    }
}

/// Looks `name` up in a locals mapping: `Ok(None)` when absent.
pub fn mapping_lookup(vm: &mut Vm, map: &Value, name: &Value) -> PyResult<Option<Value>> {
    if let Value::Obj(o) = map {
        if matches!(o.data, Data::Dict(_)) && o.attrs.is_none() {
            return vm.dict_get(map, name);
        }
    }
    match vm.getitem(map, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.is_instance(&e.0, &vm.e.key_error.clone()) => Ok(None),
        Err(e) => Err(e),
    }
}

pub fn load_name(vm: &mut Vm, f: &Frame, arg: u32) -> PyResult<Value> {
    let name = name_at(f, arg);
    if let Some(m) = &f.locals_map {
        if let Some(v) = mapping_lookup(vm, m, &name)? {
            return Ok(v);
        }
    }
    if let Some(v) = vm.dict_get(&Value::Obj(f.globals.clone()), &name)? {
        return Ok(v);
    }
    if let Some(v) = vm.dict_get(&Value::Obj(f.builtins.clone()), &name)? {
        return Ok(v);
    }
    Err(name_not_defined(vm, &name))
}

pub fn store_name(vm: &mut Vm, f: &Frame, arg: u32, v: Value) -> PyResult<()> {
    let name = name_at(f, arg);
    match &f.locals_map {
        Some(m) => {
            let m = m.clone();
            if let Value::Obj(o) = &m {
                if matches!(o.data, Data::Dict(_)) && o.attrs.is_none() {
                    return vm.dict_set(&m, name, v);
                }
            }
            vm.setitem(&m, &name, v)
        }
        None => Err(vm.new_error(&vm.e.system_error.clone(), format!("no locals found when storing '{}'", name.as_str().unwrap_or("")))),
    }
}

fn delete_name(vm: &mut Vm, f: &Frame, arg: u32) -> PyResult<()> {
    let name = name_at(f, arg);
    let Some(m) = f.locals_map.clone() else {
        return Err(vm.new_error(&vm.e.system_error.clone(), "no locals when deleting"));
    };
    let found = if m.as_dict().is_some() {
        vm.dict_del(&m, &name)?.is_some()
    } else {
        match vm.delitem(&m, &name) {
            Ok(()) => true,
            Err(e) if vm.is_instance(&e.0, &vm.e.key_error.clone()) => false,
            Err(e) => return Err(e),
        }
    };
    if !found {
        return Err(name_not_defined(vm, &name));
    }
    Ok(())
}

// ----- attributes ---------------------------------------------------------------

/// Whether `f` is `object`'s (or `type`'s) native slot function, i.e. the generic behaviour.
fn is_generic_native(vm: &Vm, f: &Value) -> bool {
    match f {
        Value::Obj(o) => match &o.data {
            Data::Builtin(b) => b.owner.as_ref().map_or(true, |t| Rc::ptr_eq(t, &vm.t.object) || Rc::ptr_eq(t, &vm.type_type)),
            _ => false,
        },
        _ => false,
    }
}

/// Whether attribute lookups on instances of `ty` follow the generic rules
/// (no `__getattribute__` other than `object`'s).
fn generic_getattribute(vm: &Vm, ty: &crate::value::PyRef) -> bool {
    match special(ty, "__getattribute__") {
        None => true,
        Some(f) => is_generic_native(vm, &f),
    }
}

fn generic_setattr(vm: &Vm, ty: &crate::value::PyRef) -> bool {
    match special(ty, "__setattr__") {
        None => true,
        Some(f) => is_generic_native(vm, &f),
    }
}

/// The value of a cached instance attribute (`LoadAttr` hit; the dispatch
/// loop tries this before calling [`load_attr`]).
#[inline(always)]
pub fn cached_instance_attr(f: &Frame, pc: u32, o: &crate::value::Object) -> Option<Value> {
    let attrs = o.attrs.as_ref()?;
    // SAFETY (both unguarded borrows): nothing runs while the references
    // live (the value is cloned, no Python code or drop can intervene),
    // and try_borrow_unguarded fails if a mutable borrow is active.
    let entries = unsafe { f.code.cache.entries.try_borrow_unguarded() }.ok()?;
    let e = entries.get(pc as usize)?;
    let a = unsafe { attrs.try_borrow_unguarded() }.ok()?;
    if a.dict.is_some() {
        return None;
    }
    let i = e.attr_index(tdata(&o.ty).version.get(), a.shape.id)?;
    a.values.get(i).cloned()
}

/// Stores into a cached instance attribute (`StoreAttr` hit); gives the
/// value back on a miss.
#[inline(always)]
pub fn store_cached_instance_attr(f: &Frame, pc: u32, o: &crate::value::Object, v: Value) -> Result<(), Value> {
    let Some(attrs) = &o.attrs else { return Err(v) };
    let entries = f.code.cache.entries.borrow();
    let Some(e) = entries.get(pc as usize) else { return Err(v) };
    let mut a = attrs.borrow_mut();
    if a.dict.is_some() {
        return Err(v);
    }
    let Some(i) = e.attr_index(tdata(&o.ty).version.get(), a.shape.id) else { return Err(v) };
    let Some(slot) = a.values.get_mut(i) else { return Err(v) };
    let old = std::mem::replace(slot, v);
    // The old value is dropped with no borrow held.
    drop(a);
    drop(entries);
    drop(old);
    Ok(())
}

/// The function of a cached method (`LoadMethod` hit): on the instance's
/// type guarded by its shape, or on the type of an object without
/// instance attributes.
#[inline(always)]
pub fn cached_method(f: &Frame, pc: u32, o: &crate::value::Object) -> Option<Value> {
    // SAFETY (both unguarded borrows): as in `cached_instance_attr`.
    let entries = unsafe { f.code.cache.entries.try_borrow_unguarded() }.ok()?;
    let e = entries.get(pc as usize)?;
    let tv = tdata(&o.ty).version.get();
    match &o.attrs {
        Some(attrs) => {
            let a = unsafe { attrs.try_borrow_unguarded() }.ok()?;
            if a.dict.is_some() {
                return None;
            }
            e.method(tv, a.shape.id).cloned()
        }
        None => match e {
            InlineCache::TypeMethod { type_version, func } if *type_version == tv => Some(func.clone()),
            _ => None,
        },
    }
}

/// `LoadAttr` past the loop's instance-attribute hit: cached bound methods
/// and module attributes, then the generic lookup (which fills the caches).
pub fn load_attr(vm: &mut Vm, f: &Frame, pc: u32, arg: u32, obj: &Value) -> PyResult<Value> {
    if let Value::Obj(o) = obj {
        if let Some(attrs) = &o.attrs {
            let tv = tdata(&o.ty).version.get();
            let a = attrs.borrow();
            let entries = f.code.cache.entries.borrow();
            if let Some(e) = entries.get(pc as usize) {
                if a.dict.is_none() {
                    if let Some(func) = e.method(tv, a.shape.id) {
                        let func = func.clone();
                        return Ok(vm.alloc(vm.t.method.clone(), Data::BoundMethod(Box::new((func, obj.clone())))));
                    }
                } else if let (InlineCache::ModuleAttr { dict, version, value }, Data::Module(m)) = (e, &o.data) {
                    if *dict == Rc::as_ptr(&m.dict) as usize && Rc::ptr_eq(&o.ty, &vm.t.module) {
                        if let Data::Dict(d) = &m.dict.data {
                            if d.borrow().version == *version {
                                return Ok(value.clone());
                            }
                        }
                    }
                }
            }
        }
    }
    load_attr_slow(vm, f, pc, arg, obj)
}

#[inline(never)]
fn load_attr_slow(vm: &mut Vm, f: &Frame, pc: u32, arg: u32, obj: &Value) -> PyResult<Value> {
    let name = name_at(f, arg);
    if let Value::Obj(o) = obj {
        if let (Data::Module(m), true) = (&o.data, Rc::ptr_eq(&o.ty, &vm.t.module)) {
            // A plain module: cache the value while its dict is unchanged
            // (the module type has no descriptor for ordinary names).
            let name_s = name.as_str().unwrap_or("");
            if lookup(&o.ty, name_s).is_none() {
                let dict = m.dict.clone();
                let found = vm.dict_get(&Value::Obj(dict.clone()), &name)?;
                if let (Data::Dict(d), Some(value)) = (&dict.data, found) {
                    let version = d.borrow().version;
                    {
                        if let Some(slot) = f.code.cache.entries_mut().get_mut(pc as usize) {
                            *slot = InlineCache::ModuleAttr { dict: Rc::as_ptr(&m.dict) as usize, version, value: value.clone() };
                        }
                        return Ok(value);
                    }
                }
            }
        }
        if let Some(attrs) = &o.attrs {
            let tv = tdata(&o.ty).version.get();
            let name_s = name.as_str().unwrap_or("");
            if generic_getattribute(vm, &o.ty) {
                let descr = lookup(&o.ty, name_s);
                let a = attrs.borrow();
                if a.dict.is_none() {
                    match &descr {
                        None => {
                            if let Some(i) = a.shape.index_of(name_s) {
                                let v = a.values[i].clone();
                                let shape_id = a.shape.id;
                                drop(a);
                                if let Some(slot) = f.code.cache.entries_mut().get_mut(pc as usize) {
                                    slot.add_attr(AttrEntry { type_version: tv, shape_id, index: i as u32 });
                                }
                                return Ok(v);
                            }
                        }
                        Some(d @ Value::Obj(dobj)) if matches!(dobj.data, Data::Function(_)) => {
                            if a.shape.index_of(name_s).is_none() {
                                let shape_id = a.shape.id;
                                drop(a);
                                if let Some(slot) = f.code.cache.entries_mut().get_mut(pc as usize) {
                                    slot.add_method(MethodEntry { type_version: tv, shape_id, func: d.clone() });
                                }
                                return Ok(vm.alloc(vm.t.method.clone(), Data::BoundMethod(Box::new((d.clone(), obj.clone())))));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    vm.getattr(obj, &name)
}

/// `LoadMethod`: pushes `[function, self]` for a plain function or method
/// descriptor found on the type (no bound-method object), else `[NULL, attr]`.
/// `LoadMethod` past the loop's cache hit ([`cached_method`]): pushes
/// CPython 3.12's `[method, self]` or `[NULL, attribute]`, filling the cache.
pub fn load_method(vm: &mut Vm, f: &mut Frame, pc: u32, arg: u32, obj: Value) -> PyResult<()> {
    let name = name_at(f, arg);
    let ty = vm.type_of(&obj);
    let is_type = matches!(&obj, Value::Obj(o) if matches!(o.data, Data::Type(_)));
    if !is_type && generic_getattribute(vm, &ty) {
        let name_s = name.as_str().unwrap_or("");
        if let Some(d) = lookup(&ty, name_s) {
            let is_method = match &d {
                Value::Obj(dobj) => match &dobj.data {
                    Data::Function(_) => true,
                    Data::Builtin(b) => b.kind == BuiltinKind::Method && b.bound.is_none(),
                    _ => false,
                },
                _ => false,
            };
            if is_method {
                let mut shadowed = false;
                let mut cacheable = None;
                match &obj {
                    Value::Obj(o) => {
                        if let Some(attrs) = &o.attrs {
                            let a = attrs.borrow();
                            if let Some(dict) = &a.dict {
                                let dict = dict.clone();
                                drop(a);
                                shadowed = vm.dict_get(&dict, &name)?.is_some();
                            } else if a.shape.index_of(name_s).is_some() {
                                shadowed = true;
                            } else {
                                cacheable = Some(a.shape.id);
                            }
                        } else if let Data::Module(_) = &o.data {
                            shadowed = true;
                        }
                    }
                    _ => {}
                }
                if !shadowed {
                    if let Value::Obj(o) = &obj {
                        // No instance attributes (and not a module): nothing can
                        // shadow the type's method but a change of the type.
                        if o.attrs.is_none() && !matches!(o.data, Data::Module(_)) {
                            let tv = tdata(&ty).version.get();
                            if let Some(slot) = f.code.cache.entries_mut().get_mut(pc as usize) {
                                *slot = InlineCache::TypeMethod { type_version: tv, func: d.clone() };
                            }
                        }
                    }
                    if let Some(shape_id) = cacheable {
                        if matches!(&d, Value::Obj(x) if matches!(x.data, Data::Function(_))) {
                            let tv = tdata(&ty).version.get();
                            if let Some(slot) = f.code.cache.entries_mut().get_mut(pc as usize) {
                                slot.add_method(MethodEntry { type_version: tv, shape_id, func: d.clone() });
                            }
                        }
                    }
                    f.push(d);
                    f.push(obj);
                    return Ok(());
                }
            }
        }
    }
    let v = vm.getattr(&obj, &name)?;
    let n = Value::NULL;
    f.push(n);
    f.push(v);
    Ok(())
}

/// `StoreAttr` past the loop's instance-attribute hit: adding an attribute
/// along a cached shape transition, then the generic path (filling caches).
pub fn store_attr(vm: &mut Vm, f: &Frame, pc: u32, arg: u32, obj: &Value, v: Value) -> PyResult<()> {
    if let Value::Obj(o) = obj {
        if let Some(attrs) = &o.attrs {
            let td = tdata(&o.ty);
            let tv = td.version.get();
            {
                let entries = f.code.cache.entries.borrow();
                // (Instance-attribute hits are served by the loop:
                // `store_cached_instance_attr`.)
                match entries.get(pc as usize) {
                    Some(InlineCache::AddAttr { type_version, shape_id, new_shape }) if *type_version == tv => {
                        let mut a = attrs.borrow_mut();
                        if a.dict.is_none() && a.shape.id == *shape_id {
                            a.shape = new_shape.clone();
                            super::push_inline(&mut a.values, v);
                            return Ok(());
                        }
                    }
                    _ => {}
                }
            }
            let name = name_at(f, arg);
            let name_s = name.as_str().unwrap_or("");
            if !td.has_flag(super::class::NO_DICT) && generic_setattr(vm, &o.ty) {
                let descr = lookup(&o.ty, name_s);
                let plain = match &descr {
                    None => true,
                    Some(d) => !vm.is_data_descriptor(d),
                };
                if plain {
                    let mut a = attrs.borrow_mut();
                    if a.dict.is_none() {
                        let shape_id = a.shape.id;
                        if let Some(i) = a.shape.index_of(name_s) {
                            let old = std::mem::replace(&mut a.values[i], v);
                            drop(a);
                            drop(old);
                            if let Some(slot) = f.code.cache.entries_mut().get_mut(pc as usize) {
                                slot.add_attr(AttrEntry { type_version: tv, shape_id, index: i as u32 });
                            }
                        } else {
                            let key: Rc<str> = Rc::from(name_s);
                            let new_shape = a.shape.with(&key);
                            a.shape = new_shape.clone();
                            a.values.push(v);
                            drop(a);
                            if let Some(slot) = f.code.cache.entries_mut().get_mut(pc as usize) {
                                *slot = InlineCache::AddAttr { type_version: tv, shape_id, new_shape };
                            }
                        }
                        return Ok(());
                    }
                }
            }
        }
    }
    let name = name_at(f, arg);
    super::class::setattr_checked(vm, obj, &name, Some(v))
}

// ----- calls ----------------------------------------------------------------------

/// `Call` of a class (at `base + 1`, with NULL at `base`) whose instances
/// are made by `object.__new__` and whose `__init__` is a Python function:
/// makes the instance and returns the `__init__` frame to run inline (it
/// gives the caller the instance when it returns). None: take the generic path.
#[inline(never)]
pub fn instantiate_inline(vm: &mut Vm, f: &mut Frame, pc: u32, base: usize, kwnames: &[Value]) -> PyResult<Option<Box<Frame>>> {
    if egret_perfmap::is_active() || vm.recursion_depth >= vm.recursion_limit {
        return Ok(None);
    }
    let Value::Obj(cls) = &f.stack[base + 1] else { return Ok(None) };
    let Data::Type(td) = &cls.data else { return Ok(None) };
    let Some(init) = init_call_target(vm, f, pc, cls, td) else { return Ok(None) };
    let cls = cls.clone();
    let data = crate::builtins::object::empty_payload(vm, tdata(&cls).layout);
    let obj = vm.alloc(cls, data);
    f.stack[base + 1] = obj.clone();
    let Data::Function(func) = &init.data else { return Ok(None) };
    let nargs = f.stack.len() - (base + 1);
    let mut callee = if func.code.cache.simple_argc as usize == nargs && kwnames.is_empty() {
        // `__init__(self, a, b, ...)` with positional parameters only: the
        // instance and the arguments move straight into its frame.
        // SAFETY: slots base..len are initialised; the length drops to
        // `base` first, the NULL at `base` is dropped and the rest moved
        // into the frame exactly once; `simple_argc == nargs` as required.
        unsafe {
            let sp = f.stack.as_mut_ptr();
            f.stack.set_len(base);
            drop(std::ptr::read(sp.add(base)));
            super::frame::new_simple_frame(vm, init, sp.add(base + 1), nargs)
        }
    } else {
        let callee = super::frame::new_function_frame_moving(vm, &init, func, &mut f.stack[base + 1..], kwnames)?;
        f.stack.truncate(base);
        callee
    };
    callee.init_instance = Some(obj);
    Ok(Some(callee))
}

/// The `__init__` function to run inline when `Call` calls the class `cls`:
/// its metaclass is `type`, its instances are plain (`object.__new__`, no
/// builtin payload, not abstract) and its `__init__` is a Python function.
/// Cached per call site by the class's version.
#[inline]
fn init_call_target(vm: &mut Vm, f: &Frame, pc: u32, cls: &crate::value::PyRef, td: &crate::types::TypeData) -> Option<crate::value::PyRef> {
    if !Rc::ptr_eq(&cls.ty, &vm.type_type) {
        return None;
    }
    let tv = td.version.get();
    if let Some(InlineCache::InitCall { type_version, init }) = f.code.cache.entries.borrow().get(pc as usize) {
        if *type_version == tv {
            return Some(init.clone());
        }
    }
    init_call_fill(vm, f, pc, cls, td)
}

#[cold]
#[inline(never)]
fn init_call_fill(vm: &mut Vm, f: &Frame, pc: u32, cls: &crate::value::PyRef, td: &crate::types::TypeData) -> Option<crate::value::PyRef> {
    use crate::types::Layout;
    if td.layout != Layout::Object || td.has_flag(tf::IS_ABSTRACT) || Rc::ptr_eq(cls, &vm.t.object) {
        return None;
    }
    let object_new = lookup(&vm.t.object, "__new__")?;
    if !lookup(cls, "__new__")?.is(&object_new) {
        return None;
    }
    let Value::Obj(init) = special(cls, "__init__")? else { return None };
    match &init.data {
        Data::Function(func) if !func.code.cache.generator_like => {}
        _ => return None,
    }
    if let Some(slot) = f.code.cache.entries_mut().get_mut(pc as usize) {
        *slot = InlineCache::InitCall { type_version: td.version.get(), init: init.clone() };
    }
    Some(init)
}

// ----- operators ----------------------------------------------------------------

#[cold]
pub fn binary_op_slow(vm: &mut Vm, a: &Value, b: &Value, arg: u32) -> PyResult<Value> {
    let op = BinaryOperator::from_arg(arg).ok_or_else(|| vm.new_error(&vm.e.system_error.clone(), "bad binary operator"))?;
    vm.binary_op(a, b, op)
}

#[cold]
pub fn compare_slow(vm: &mut Vm, a: &Value, b: &Value, arg: u32) -> PyResult<Value> {
    let op = super::eval::compare_operator(arg);
    vm.enter_recursion(" in comparison")?;
    let r = vm.compare(a, b, op);
    vm.leave_recursion();
    r
}

// ----- unpacking ----------------------------------------------------------------

fn unpack_items(vm: &mut Vm, seq: &Value) -> PyResult<Vec<Value>> {
    if let Value::Obj(o) = seq {
        match &o.data {
            // Exact types only: a subclass may define its own `__iter__`.
            Data::Tuple(t) if Rc::ptr_eq(&o.ty, &vm.t.tuple) => return Ok(t.to_vec()),
            Data::List(l) if Rc::ptr_eq(&o.ty, &vm.t.list) => return Ok(l.borrow().clone()),
            _ => {}
        }
    }
    let ty = vm.type_of(seq);
    if special(&ty, "__iter__").is_none() && special(&ty, "__getitem__").is_none() {
        return Err(vm.type_error(format!("cannot unpack non-iterable {} object", tdata(&ty).name())));
    }
    vm.collect(seq)
}

/// Pushes `items` last first (the order `UNPACK_SEQUENCE` leaves them in),
/// with one capacity check for all of them.
#[inline(always)]
fn push_reversed(f: &mut Frame, items: &[Value]) {
    let n = items.len();
    f.stack.reserve(n);
    let len = f.stack.len();
    // SAFETY: `reserve` made room for `n` more values past `len`; each is
    // written once before `set_len` exposes them.
    unsafe {
        let dst = f.stack.as_mut_ptr().add(len);
        for (k, v) in items.iter().rev().enumerate() {
            dst.add(k).write(v.clone());
        }
        f.stack.set_len(len + n);
    }
}

pub fn unpack_sequence(vm: &mut Vm, f: &mut Frame, seq: Value, n: usize) -> PyResult<()> {
    if let Value::Obj(o) = &seq {
        match &o.data {
            // Exact types only: a subclass may define its own `__iter__`.
            Data::Tuple(t) if t.len() == n && Rc::ptr_eq(&o.ty, &vm.t.tuple) => {
                push_reversed(f, t);
                return Ok(());
            }
            Data::List(l) if Rc::ptr_eq(&o.ty, &vm.t.list) => {
                let l = l.borrow();
                if l.len() == n {
                    push_reversed(f, &l);
                    return Ok(());
                }
            }
            _ => {}
        }
    }
    let known_len = matches!(&seq, Value::Obj(o) if (matches!(o.data, Data::Tuple(_)) && Rc::ptr_eq(&o.ty, &vm.t.tuple)) || (matches!(o.data, Data::List(_)) && Rc::ptr_eq(&o.ty, &vm.t.list)));
    let items = if known_len {
        unpack_items(vm, &seq)?
    } else {
        // Stop after n + 1 items, as CPython does (the iterable may be endless).
        let ty = vm.type_of(&seq);
        if special(&ty, "__iter__").is_none() && special(&ty, "__getitem__").is_none() {
            return Err(vm.type_error(format!("cannot unpack non-iterable {} object", tdata(&ty).name())));
        }
        let it = vm.iter(&seq)?;
        let mut items = Vec::with_capacity(n);
        while items.len() <= n {
            match vm.next(&it)? {
                Some(v) => items.push(v),
                None => break,
            }
        }
        if items.len() > n {
            return Err(vm.value_error(format!("too many values to unpack (expected {})", n)));
        }
        items
    };
    if items.len() < n {
        return Err(vm.value_error(format!("not enough values to unpack (expected {}, got {})", n, items.len())));
    }
    if items.len() > n {
        // CPython 3.12 names only the expected count here (3.13 adds "got N").
        return Err(vm.value_error(format!("too many values to unpack (expected {})", n)));
    }
    for v in items.into_iter().rev() {
        f.push(v);
    }
    Ok(())
}

fn unpack_ex(vm: &mut Vm, f: &mut Frame, seq: Value, arg: u32) -> PyResult<()> {
    let before = (arg & 0xff) as usize;
    let after = (arg >> 8) as usize;
    // Exact tuples and lists: the targets are pushed straight from the
    // items (last first) and the starred list is the only new object.
    if let Value::Obj(o) = &seq {
        let push_parts = |vm: &Vm, f: &mut Frame, items: &[Value]| -> bool {
            if items.len() < before + after {
                return false;
            }
            let mid_end = items.len() - after;
            for v in items[mid_end..].iter().rev() {
                f.push(v.clone());
            }
            f.push(vm.new_list(items[before..mid_end].to_vec()));
            for v in items[..before].iter().rev() {
                f.push(v.clone());
            }
            true
        };
        match &o.data {
            Data::Tuple(t) if Rc::ptr_eq(&o.ty, &vm.t.tuple) => {
                if push_parts(vm, f, t) {
                    return Ok(());
                }
            }
            Data::List(l) if Rc::ptr_eq(&o.ty, &vm.t.list) => {
                // No Python code runs while the list is borrowed.
                if push_parts(vm, f, &l.borrow()) {
                    return Ok(());
                }
            }
            _ => {}
        }
    }
    let mut items = unpack_items(vm, &seq)?;
    if items.len() < before + after {
        return Err(vm.value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        )));
    }
    let tail = items.split_off(items.len() - after);
    let mid = items.split_off(before);
    for v in tail.into_iter().rev() {
        f.push(v);
    }
    f.push(vm.new_list(mid));
    for v in items.into_iter().rev() {
        f.push(v);
    }
    Ok(())
}

// ----- building -------------------------------------------------------------------

fn pop_n(f: &mut Frame, n: usize) -> Vec<Value> {
    let start = f.stack.len().saturating_sub(n);
    f.stack.drain(start..).collect()
}

/// `dict.update(other)` semantics for `DictUpdate` (and `**` in displays).
pub fn dict_update_from(vm: &mut Vm, dict: &Value, other: &Value) -> PyResult<()> {
    if let Some(d) = other.as_dict() {
        // The stored hashes are reused, as CPython's merge does (no `__hash__` calls).
        let items: Vec<(i64, Value, Value)> = d.borrow().iter().map(|e| (e.hash, e.key.clone(), e.value.clone())).collect();
        for (h, k, v) in items {
            vm.dict_set_hashed(dict, h, k, v)?;
        }
        return Ok(());
    }
    let keys_fn = vm.getattr_opt(other, "keys")?;
    let Some(keys_fn) = keys_fn else {
        return Err(vm.type_error(format!("'{}' object is not a mapping", vm.type_name(other))));
    };
    let keys = vm.call(&keys_fn, &[])?;
    for k in vm.collect(&keys)? {
        let v = vm.getitem(other, &k)?;
        vm.dict_set(dict, k, v)?;
    }
    Ok(())
}

/// The name of a callable as CPython's error messages show it (`f()`, `A.m()`).
pub fn function_str(vm: &mut Vm, f: &Value) -> String {
    if let Value::Obj(o) = f {
        match &o.data {
            Data::Function(func) => {
                let q = func.qualname.borrow().as_str().unwrap_or("?").to_string();
                let m = func.module.borrow().clone();
                return match m.as_str() {
                    Some(m) if m != "builtins" => format!("{}.{}()", m, q),
                    _ => format!("{}()", q),
                };
            }
            Data::BoundMethod(m) => {
                let inner = m.0.clone();
                return function_str(vm, &inner);
            }
            Data::Builtin(b) => {
                return match &b.owner {
                    Some(t) => format!("{}.{}()", tdata(t).name(), b.name),
                    None => format!("{}()", b.name),
                };
            }
            Data::Type(t) => {
                let m = crate::builtins::typeobj::type_module(vm, o);
                let q = t.qualname.borrow().clone();
                return if m == "builtins" { format!("{}()", q) } else { format!("{}.{}()", m, q) };
            }
            _ => {}
        }
    }
    match vm.getattr_opt(f, "__qualname__") {
        Ok(Some(q)) if q.as_str().is_some() => format!("{}()", q.as_str().unwrap_or("")),
        _ => format!("{} object", vm.type_name(f)),
    }
}

fn dict_merge(vm: &mut Vm, f: &mut Frame, arg: u32) -> PyResult<()> {
    let update = f.pop();
    let dict = f.peek(arg as usize).clone();
    let func = f.peek(arg as usize + 2).clone();
    let is_mapping = update.as_dict().is_some() || vm.getattr_opt(&update, "keys")?.is_some();
    if !is_mapping {
        let fs = function_str(vm, &func);
        return Err(vm.type_error(format!("{} argument after ** must be a mapping, not {}", fs, vm.type_name(&update))));
    }
    let keys: Vec<Value> = match update.as_dict() {
        Some(d) => d.borrow().keys(),
        None => {
            let kf = vm.getattr_str(&update, "keys")?;
            let ks = vm.call(&kf, &[])?;
            vm.collect(&ks)?
        }
    };
    for k in keys {
        if k.as_str().is_none() {
            return Err(vm.type_error("keywords must be strings"));
        }
        if vm.dict_get(&dict, &k)?.is_some() {
            let fs = function_str(vm, &func);
            return Err(vm.type_error(format!("{} got multiple values for keyword argument '{}'", fs, k.as_str().unwrap_or(""))));
        }
        let v = match update.as_dict() {
            Some(_) => vm.dict_get(&update, &k)?.unwrap_or(Value::None),
            None => vm.getitem(&update, &k)?,
        };
        vm.dict_set(&dict, k, v)?;
    }
    Ok(())
}

/// Adds the machine int `i` to a set's table directly (hashing and equality
/// of ints run no Python code); false when the generic path must do it.
#[inline(always)]
pub fn add_int_to_set(s: &std::cell::RefCell<crate::set::SetData>, i: i64) -> bool {
    match s.try_borrow_mut() {
        Ok(mut d) => d.insert_fast(crate::hash::int_hash(i), Value::Int(i)).is_some(),
        Err(_) => false,
    }
}

pub fn set_add(vm: &mut Vm, set: &Value, item: Value) -> PyResult<()> {
    let Value::Obj(o) = set else { return Err(vm.type_error("expected a set")) };
    let Data::Set(s) = &o.data else { return Err(vm.type_error("expected a set")) };
    if let Value::Int(i) = item {
        if add_int_to_set(s, i) {
            return Ok(());
        }
    }
    // The set is not visible to Python code yet: hashing/comparing cannot touch it.
    let mut data = std::mem::take(&mut *s.borrow_mut());
    let r = vm.set_data_add(&mut data, item);
    *s.borrow_mut() = data;
    r.map(|_| ())
}


// ----- formatting -----------------------------------------------------------------

/// `ascii(v)`: the repr with non-ASCII characters escaped.
pub fn ascii_of(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let r = vm.repr_string(v)?;
    if r.is_ascii() {
        return Ok(vm.new_str(r));
    }
    let mut out = String::with_capacity(r.len());
    for c in r.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{:02x}", n));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{:04x}", n));
        } else {
            out.push_str(&format!("\\U{:08x}", n));
        }
    }
    Ok(vm.new_str(out))
}

/// `format(value, spec)`.
pub fn format_value(vm: &mut Vm, v: &Value, spec: &Value) -> PyResult<Value> {
    if spec.as_str() == Some("") {
        if let Value::Obj(o) = v {
            if Rc::ptr_eq(&o.ty, &vm.t.str) {
                return Ok(v.clone());
            }
        }
        if let Value::Int(i) = v {
            return Ok(vm.new_str(i.to_string()));
        }
    }
    let ty = vm.type_of(v);
    let Some(fmt) = special(&ty, "__format__") else {
        return Err(vm.type_error(format!("Type {} doesn't define __format__", tdata(&ty).name())));
    };
    let r = vm.call(&fmt, &[v.clone(), spec.clone()])?;
    if r.as_str().is_none() {
        return Err(vm.type_error(format!("__format__ must return a str, not {}", vm.type_name(&r))));
    }
    Ok(r)
}

// ----- with -----------------------------------------------------------------------

fn before_with(vm: &mut Vm, f: &mut Frame, is_async: bool) -> PyResult<()> {
    let cm = f.pop();
    let ty = vm.type_of(&cm);
    let (enter_name, exit_name, what) =
        if is_async { ("__aenter__", "__aexit__", "asynchronous context manager") } else { ("__enter__", "__exit__", "context manager") };
    let enter = if is_async { special(&ty, "__aenter__") } else { special(&ty, "__enter__") };
    let Some(enter) = enter else {
        let _ = enter_name;
        return Err(vm.type_error(format!("'{}' object does not support the {} protocol", tdata(&ty).name(), what)));
    };
    let exit = if is_async { special(&ty, "__aexit__") } else { special(&ty, "__exit__") };
    let Some(exit) = exit else {
        let _ = exit_name;
        return Err(vm.type_error(format!(
            "'{}' object does not support the {} protocol (missed {} method)",
            tdata(&ty).name(),
            what,
            exit_name
        )));
    };
    let bound_exit = vm.descr_get(&exit, &cm, &Value::Obj(ty.clone()))?;
    let res = vm.call(&enter, &[cm.clone()])?;
    f.push(bound_exit);
    if is_async {
        let aw = super::generator::get_awaitable(vm, res, 1)?;
        f.push(aw);
    } else {
        f.push(res);
    }
    Ok(())
}

fn with_except_start(vm: &mut Vm, f: &mut Frame) -> PyResult<()> {
    let val = f.peek(1).clone();
    let exit = f.peek(4).clone();
    let ty = Value::Obj(vm.type_of(&val));
    let tb = vm.exception_data(&val).map(|d| d.borrow().traceback.clone()).unwrap_or(Value::None);
    let r = vm.call(&exit, &[ty, val, tb])?;
    f.push(r);
    Ok(())
}

// ----- imports ----------------------------------------------------------------------

fn import_name(vm: &mut Vm, f: &mut Frame, arg: u32) -> PyResult<()> {
    let name = name_at(f, arg);
    let fromlist = f.pop();
    let level = f.pop();
    let level = match level {
        Value::Int(i) if i >= 0 => i as usize,
        _ => 0,
    };
    let globals = Value::Obj(f.globals.clone());
    let m = crate::import::import(vm, name.as_str().unwrap_or(""), Some(&globals), &fromlist, level)?;
    f.push(m);
    Ok(())
}

fn import_from(vm: &mut Vm, f: &mut Frame, arg: u32) -> PyResult<()> {
    let name = name_at(f, arg);
    let module = f.top().clone();
    match vm.getattr(&module, &name) {
        Ok(v) => {
            f.push(v);
            Ok(())
        }
        Err(e) if vm.is_instance(&e.0, &vm.e.attribute_error.clone()) => {
            let name_s = name.as_str().unwrap_or("").to_string();
            let mname = vm.getattr_opt(&module, "__name__").ok().flatten();
            if let Some(mn) = mname.as_ref().and_then(|m| m.as_str().map(|s| s.to_string())) {
                let full = vm.new_str(format!("{}.{}", mn, name_s));
                if let Some(m) = vm.dict_get(&Value::Obj(vm.modules.clone()), &full)? {
                    f.push(m);
                    return Ok(());
                }
            }
            let mn = mname.as_ref().and_then(|m| m.as_str().map(|s| s.to_string())).unwrap_or_else(|| "<unknown module name>".to_string());
            let path = vm.getattr_opt(&module, "__file__").ok().flatten().and_then(|p| p.as_str().map(|s| s.to_string()));
            let initializing = vm
                .getattr_opt(&module, "__spec__")
                .ok()
                .flatten()
                .and_then(|s| vm.getattr_opt(&s, "_initializing").ok().flatten())
                .map_or(false, |v| matches!(v, Value::Bool(b) if b.get()));
            let loc = match &path {
                Some(p) => p.clone(),
                None => "unknown location".to_string(),
            };
            let msg = if initializing {
                format!(
                    "cannot import name '{}' from partially initialized module '{}' (most likely due to a circular import) ({})",
                    name_s, mn, loc
                )
            } else {
                format!("cannot import name '{}' from '{}' ({})", name_s, mn, loc)
            };
            let err = vm.new_error(&vm.e.import_error.clone(), msg);
            let mnv = vm.new_str(mn);
            let _ = vm.set_attr_raw(&err.0, "name", mnv);
            let _ = vm.set_attr_raw(&err.0, "name_from", name.clone());
            let pv = path.map(|p| vm.new_str(p)).unwrap_or(Value::None);
            let _ = vm.set_attr_raw(&err.0, "path", pv);
            Err(err)
        }
        Err(e) => Err(e),
    }
}

/// `from module import *` into the frame's locals.
pub fn import_star(vm: &mut Vm, f: &Frame, module: &Value) -> PyResult<()> {
    let Some(locals) = f.locals_map.clone() else {
        return Err(vm.new_error(&vm.e.system_error.clone(), "no locals found during 'import *'"));
    };
    let all = vm.getattr_opt(module, "__all__")?;
    let (names, skip_private) = match all {
        Some(a) => (vm.collect(&a)?, false),
        None => {
            let d = match vm.module_dict(module) {
                Some(d) => d,
                None => match vm.getattr_opt(module, "__dict__")? {
                    Some(d) => d,
                    None => return Err(vm.type_error("from-import-* object has no __dict__ and no __all__")),
                },
            };
            let keys = match d.as_dict() {
                Some(dd) => dd.borrow().keys(),
                None => {
                    let kf = vm.getattr_str(&d, "keys")?;
                    let ks = vm.call(&kf, &[])?;
                    vm.collect(&ks)?
                }
            };
            (keys, true)
        }
    };
    for n in names {
        let Some(ns) = n.as_str() else {
            let what = if skip_private { "Key in module.__dict__" } else { "Item in module.__all__" };
            let _ = what;
            return Err(vm.type_error(format!("Item in {}.__all__ must be str, not {}", vm.module_name(module).unwrap_or_default(), vm.type_name(&n))));
        };
        if skip_private && ns.starts_with('_') {
            continue;
        }
        let v = vm.getattr(module, &n)?;
        if locals.as_dict().is_some() {
            vm.dict_set(&locals, n, v)?;
        } else {
            vm.setitem(&locals, &n, v)?;
        }
    }
    Ok(())
}

// ----- the cold dispatcher ----------------------------------------------------------

/// Executes an opcode the hot loop does not handle itself.
#[cold]
#[inline(never)]
pub fn execute_cold(vm: &mut Vm, f: &mut Frame, op: Opcode, arg: u32) -> PyResult<Control> {
    match op {
        Opcode::LoadClosure => {
            let c = f.locals.get(arg as usize).cloned().flatten().unwrap_or(Value::None);
            f.push(c);
        }
        Opcode::MakeCell => {
            if let Some(slot) = f.locals.get_mut(arg as usize) {
                let v = slot.take();
                *slot = Some(Value::Obj(vm.new_cell(v)));
            }
        }
        Opcode::DeleteDeref => {
            let c = f.locals.get(arg as usize).cloned().flatten().unwrap_or(Value::None);
            if cell_get(&c).is_none() {
                return Err(unbound_deref(vm, f, arg));
            }
            cell_set(&c, None);
        }
        Opcode::LoadFromDictOrDeref => {
            let map = f.pop();
            let name = f.code.localsplus_names.get(arg as usize).cloned().unwrap_or(Value::None);
            match mapping_lookup(vm, &map, &name)? {
                Some(v) => f.push(v),
                None => {
                    let c = f.locals.get(arg as usize).cloned().flatten().unwrap_or(Value::None);
                    match cell_get(&c) {
                        Some(v) => f.push(v),
                        None => return Err(unbound_deref(vm, f, arg)),
                    }
                }
            }
        }
        Opcode::LoadFromDictOrGlobals => {
            let map = f.pop();
            let name = name_at(f, arg);
            let v = match mapping_lookup(vm, &map, &name)? {
                Some(v) => v,
                None => match vm.dict_get(&Value::Obj(f.globals.clone()), &name)? {
                    Some(v) => v,
                    None => match vm.dict_get(&Value::Obj(f.builtins.clone()), &name)? {
                        Some(v) => v,
                        None => return Err(name_not_defined(vm, &name)),
                    },
                },
            };
            f.push(v);
        }
        Opcode::LoadLocals => match &f.locals_map {
            Some(m) => {
                let m = m.clone();
                f.push(m);
            }
            None => return Err(vm.new_error(&vm.e.system_error.clone(), "no locals found")),
        },
        Opcode::DeleteName => delete_name(vm, f, arg)?,
        Opcode::StoreGlobal => {
            let v = f.pop();
            let name = name_at(f, arg);
            vm.dict_set(&Value::Obj(f.globals.clone()), name, v)?;
        }
        Opcode::DeleteGlobal => {
            let name = name_at(f, arg);
            if vm.dict_del(&Value::Obj(f.globals.clone()), &name)?.is_none() {
                return Err(name_not_defined(vm, &name));
            }
        }
        Opcode::DeleteAttr => {
            let obj = f.pop();
            let name = name_at(f, arg);
            super::class::setattr_checked(vm, &obj, &name, None)?;
        }
        Opcode::LoadSuperAttr => super::class::load_super_attr(vm, f, arg)?,
        Opcode::UnaryNegative => {
            let v = f.pop();
            let r = vm.unary_op(&v, "__neg__", "-")?;
            f.push(r);
        }
        Opcode::UnaryInvert => {
            let v = f.pop();
            let r = vm.unary_op(&v, "__invert__", "~")?;
            f.push(r);
        }
        Opcode::DeleteSubscr => {
            let key = f.pop();
            let container = f.pop();
            vm.delitem(&container, &key)?;
        }
        Opcode::BuildSet => {
            let items = pop_n(f, arg as usize);
            let s = vm.new_set_from(items)?;
            f.push(s);
        }
        Opcode::BuildMap => {
            let items = pop_n(f, 2 * arg as usize);
            let d = vm.new_dict();
            let mut it = items.into_iter();
            while let (Some(k), Some(v)) = (it.next(), it.next()) {
                vm.dict_set(&d, k, v)?;
            }
            f.push(d);
        }
        Opcode::BuildConstKeyMap => {
            let keys = f.pop();
            let values = pop_n(f, arg as usize);
            let d = vm.new_dict();
            let keys: Vec<Value> = keys.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
            for (k, v) in keys.into_iter().zip(values) {
                vm.dict_set(&d, k, v)?;
            }
            f.push(d);
        }
        Opcode::BuildString => {
            let parts = pop_n(f, arg as usize);
            let mut s = String::new();
            for p in &parts {
                s.push_str(p.as_str().unwrap_or(""));
            }
            f.push(vm.new_str(s));
        }
        Opcode::MapAdd => {
            let v = f.pop();
            let k = f.pop();
            let d = f.peek(arg as usize).clone();
            vm.dict_set(&d, k, v)?;
        }
        Opcode::ListExtend => {
            let iterable = f.pop();
            let list = f.peek(arg as usize).clone();
            let ty = vm.type_of(&iterable);
            if special(&ty, "__iter__").is_none() && special(&ty, "__getitem__").is_none() {
                return Err(vm.type_error(format!("Value after * must be an iterable, not {}", tdata(&ty).name())));
            }
            let items = vm.collect(&iterable)?;
            if let Some(l) = list.as_list() {
                l.borrow_mut().extend(items);
            }
        }
        Opcode::SetUpdate => {
            let iterable = f.pop();
            let set = f.peek(arg as usize).clone();
            for it in vm.collect(&iterable)? {
                set_add(vm, &set, it)?;
            }
        }
        Opcode::DictUpdate => {
            let update = f.pop();
            let d = f.peek(arg as usize).clone();
            if update.as_dict().is_none() && vm.getattr_opt(&update, "keys")?.is_none() {
                return Err(vm.type_error(format!("'{}' object is not a mapping", vm.type_name(&update))));
            }
            dict_update_from(vm, &d, &update)?;
        }
        Opcode::DictMerge => dict_merge(vm, f, arg)?,
        Opcode::FormatValue => {
            let spec = if arg & 4 != 0 { f.pop() } else { vm.intern("") };
            let v = f.pop();
            let v = match arg & 3 {
                1 => vm.str(&v)?,
                2 => vm.repr(&v)?,
                3 => ascii_of(vm, &v)?,
                _ => v,
            };
            let r = format_value(vm, &v, &spec)?;
            f.push(r);
        }
        Opcode::UnpackEx => {
            let seq = f.pop();
            unpack_ex(vm, f, seq, arg)?;
        }
        Opcode::JumpIfFalseOrPop | Opcode::JumpIfTrueOrPop => {
            let v = f.top().clone();
            let t = vm.truthy(&v)?;
            if t == (op == Opcode::JumpIfTrueOrPop) {
                f.pc = arg;
            } else {
                f.pop();
            }
        }
        Opcode::GetYieldFromIter => {
            let v = f.pop();
            let r = super::generator::get_yield_from_iter(vm, f, v)?;
            f.push(r);
        }
        Opcode::GetAiter => {
            let v = f.pop();
            let r = super::generator::get_aiter(vm, v)?;
            f.push(r);
        }
        Opcode::GetAnext => {
            let v = f.top().clone();
            let r = super::generator::get_anext(vm, v)?;
            f.push(r);
        }
        Opcode::GetAwaitable => {
            let v = f.pop();
            let r = super::generator::get_awaitable(vm, v, arg)?;
            f.push(r);
        }
        Opcode::EndAsyncFor => {
            let exc = f.pop();
            f.pop();
            if !vm.is_instance(&exc, &vm.e.stop_async_iteration.clone()) {
                return Ok(Control::Reraise(PyErr(exc)));
            }
        }
        Opcode::Send => return super::generator::send_op(vm, f, arg),
        Opcode::EndSend => {
            let v = f.pop();
            f.pop();
            f.push(v);
        }
        Opcode::CleanupThrow => {
            let exc = f.pop();
            if vm.is_instance(&exc, &vm.e.stop_iteration.clone()) {
                f.pop();
                f.pop();
                let value = super::generator::stop_iteration_value(vm, &exc);
                f.push(Value::None);
                f.push(value);
            } else {
                return Ok(Control::Reraise(PyErr(exc)));
            }
        }
        Opcode::PushExcInfo => {
            let exc = f.pop();
            let slot = vm.interp.exc_stack.last_mut().expect("exc stack");
            let prev = std::mem::replace(slot, exc.clone());
            f.push(prev);
            f.push(exc);
        }
        Opcode::PopExcept => {
            let prev = f.pop();
            if let Some(slot) = vm.interp.exc_stack.last_mut() {
                *slot = prev;
            }
        }
        Opcode::Reraise => {
            let exc = f.pop();
            if arg != 0 {
                if let Value::Int(lasti) = f.peek(arg as usize) {
                    f.lasti_override = *lasti as u32;
                }
            }
            return Ok(Control::Reraise(PyErr(exc)));
        }
        Opcode::CheckExcMatch => {
            let ty = f.pop();
            let exc = f.top().clone();
            super::exc::check_except_type_valid(vm, &ty)?;
            let r = super::exc::exception_matches(vm, &exc, &ty)?;
            f.push(Value::bool(r));
        }
        Opcode::CheckEgMatch => super::exc::check_eg_match(vm, f)?,
        Opcode::RaiseVarargs => return super::exc::raise_varargs(vm, f, arg),
        Opcode::WithExceptStart => with_except_start(vm, f)?,
        Opcode::BeforeWith => before_with(vm, f, false)?,
        Opcode::BeforeAsyncWith => before_with(vm, f, true)?,
        Opcode::LoadAssertionError => f.push(Value::Obj(vm.e.assertion_error.clone())),
        Opcode::LoadBuildClass => {
            let bc = vm.dict_get_str(&Value::Obj(f.builtins.clone()), "__build_class__");
            match bc {
                Some(v) => f.push(v),
                None => return Err(vm.name_error("__build_class__ not found")),
            }
        }
        Opcode::SetupAnnotations => {
            let Some(m) = f.locals_map.clone() else {
                return Err(vm.new_error(&vm.e.system_error.clone(), "no locals found when setting up annotations"));
            };
            let key = vm.intern("__annotations__");
            if mapping_lookup(vm, &m, &key)?.is_none() {
                let d = vm.new_dict();
                if m.as_dict().is_some() {
                    vm.dict_set(&m, key, d)?;
                } else {
                    vm.setitem(&m, &key, d)?;
                }
            }
        }
        Opcode::ImportName => import_name(vm, f, arg)?,
        Opcode::ImportFrom => import_from(vm, f, arg)?,
        Opcode::CallFunctionEx => return super::intrinsics::call_function_ex(vm, f, arg),
        Opcode::CallIntrinsic1 => super::intrinsics::call_intrinsic1(vm, f, arg)?,
        Opcode::CallIntrinsic2 => super::intrinsics::call_intrinsic2(vm, f, arg)?,
        Opcode::MakeFunction => super::intrinsics::make_function(vm, f)?,
        Opcode::SetFunctionAttribute => super::intrinsics::set_function_attribute(vm, f, arg)?,
        Opcode::MatchClass => super::matching::match_class(vm, f, arg)?,
        Opcode::MatchMapping => {
            let r = super::matching::is_mapping(vm, f.top())?;
            f.push(Value::bool(r));
        }
        Opcode::MatchSequence => {
            let r = super::matching::is_sequence(vm, f.top())?;
            f.push(Value::bool(r));
        }
        Opcode::MatchKeys => super::matching::match_keys(vm, f)?,
        Opcode::GetLen => {
            let v = f.top().clone();
            let n = vm.len(&v)?;
            f.push(Value::Int(n as i64));
        }
        Opcode::CopyDictWithoutKeys => super::matching::copy_dict_without_keys(vm, f)?,
        // Hot opcodes are handled by the loop; reaching here means a loop bug.
        other => {
            return Err(vm.new_error(&vm.e.system_error.clone(), format!("opcode {} reached the cold path", other.name())));
        }
    }
    let _ = (is_null, tf::HEAPTYPE);
    Ok(Control::Next)
}

/// CPython's sequence fallbacks after `+`/`*` found no number method:
/// `str`/`list`/`tuple` concatenation and sequence repetition messages.
pub fn sequence_op_message(vm: &Vm, a: &Value, b: &Value, op: BinaryOperator) -> Option<String> {
    let seq_name = |v: &Value| -> Option<&'static str> {
        let t = vm.type_of(v);
        if is_subtype(&t, &vm.t.str) {
            Some("str")
        } else if is_subtype(&t, &vm.t.list) {
            Some("list")
        } else if is_subtype(&t, &vm.t.tuple) {
            Some("tuple")
        } else {
            None
        }
    };
    match op {
        BinaryOperator::Add => {
            let n = seq_name(a)?;
            Some(format!("can only concatenate {n} (not \"{}\") to {n}", vm.type_name(b)))
        }
        BinaryOperator::Multiply => {
            let other = if seq_name(a).is_some() {
                b
            } else if seq_name(b).is_some() {
                a
            } else {
                return None;
            };
            Some(format!("can't multiply sequence by non-int of type '{}'", vm.type_name(other)))
        }
        _ => None,
    }
}
