//! The object protocol (CPython's `abstract.c` and `object.c`): calls,
//! attribute access, hashing, equality and ordering, truth, `repr`/`str`,
//! iteration, subscripting and the numeric operators.
//!
//! Each operation tries a fast path for inline values and exact builtin
//! payloads first, then dispatches to the special method found on the type
//! (through the per-type cache in `slots.rs`). Builtin types register their
//! special methods as native functions in their namespaces, so the generic
//! path treats builtins and Python classes alike.

use crate::descriptor::{ClassMethod, GetSet, Property, StaticMethod};
use crate::function::{Args, BuiltinKind};
use crate::slots::special;
use crate::types::{is_subtype, lookup, tdata, type_flags as tf};
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use egret_frontend::bytecode::{BinaryOperator, CompareOperator};
use std::rc::Rc;

impl Vm {
    // ----- calls -----------------------------------------------------------

    /// Calls `f` with positional `args`.
    #[inline]
    pub fn call(&mut self, f: &Value, args: &[Value]) -> PyResult<Value> {
        self.call_kw(f, args, &[])
    }

    /// Calls `f` with `args` whose last `kwnames.len()` values are keyword arguments.
    pub fn call_kw(&mut self, f: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
        let Value::Obj(o) = f else { return Err(self.not_callable(f)) };
        match &o.data {
            Data::Function(_) => crate::interp::call_function(self, o, args, kwnames),
            Data::Builtin(b) => {
                let func = b.func;
                match &b.bound {
                    Some(recv) if b.kind != BuiltinKind::Function || true => {
                        if matches!(b.kind, BuiltinKind::Function) && recv.as_obj().map_or(false, |r| matches!(r.data, Data::Module(_))) {
                            return func(self, Args::new(args, kwnames));
                        }
                        let mut v = Vec::with_capacity(args.len() + 1);
                        v.push(recv.clone());
                        v.extend_from_slice(args);
                        func(self, Args::new(&v, kwnames))
                    }
                    _ => func(self, Args::new(args, kwnames)),
                }
            }
            Data::BoundMethod(m) => {
                let (func, recv) = (&m.0, &m.1);
                let mut v = Vec::with_capacity(args.len() + 1);
                v.push(recv.clone());
                v.extend_from_slice(args);
                self.call_kw(func, &v, kwnames)
            }
            Data::Type(_) => self.call_type(o, args, kwnames),
            _ => {
                let ty = o.ty.clone();
                match special(&ty, "__call__") {
                    Some(call) => {
                        let mut v = Vec::with_capacity(args.len() + 1);
                        v.push(f.clone());
                        v.extend_from_slice(args);
                        self.call_kw(&call, &v, kwnames)
                    }
                    None => Err(self.not_callable(f)),
                }
            }
        }
    }

    fn not_callable(&self, f: &Value) -> PyErr {
        self.type_error(format!("'{}' object is not callable", self.type_name(f)))
    }

    /// Calls a method found on `type(recv)` with `recv` as first argument.
    pub fn call_method(&mut self, recv: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
        let f = self.getattr_str(recv, name)?;
        self.call(&f, args)
    }

    /// `cls(*args, **kw)`: `type.__call__`: `__new__`, then `__init__` when
    /// the result is an instance of `cls`.
    pub fn call_type(&mut self, cls: &PyRef, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
        // A metaclass with its own __call__ takes over.
        if !Rc::ptr_eq(&cls.ty, &self.type_type) {
            if let Some(call) = special(&cls.ty, "__call__") {
                let is_type_call = call.as_obj().map_or(false, |c| matches!(&c.data, Data::Builtin(b) if b.name == "__call__" && b.owner.as_ref().map_or(false, |t| Rc::ptr_eq(t, &self.type_type))));
                if !is_type_call {
                    let mut v = Vec::with_capacity(args.len() + 1);
                    v.push(Value::Obj(cls.clone()));
                    v.extend_from_slice(args);
                    return self.call_kw(&call, &v, kwnames);
                }
            }
        }
        self.type_call_default(cls, args, kwnames)
    }

    /// The body of `type.__call__`.
    pub fn type_call_default(&mut self, cls: &PyRef, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
        if Rc::ptr_eq(cls, &self.type_type) && args.len() == 1 && kwnames.is_empty() {
            return Ok(Value::Obj(self.type_of(&args[0])));
        }
        // Classes with native `__new__`/`__init__` (`tuple(x)`, `zip(a, b)`).
        if let Some(r) = crate::builtins::type_call::call_native_constructor(self, cls, args, kwnames) {
            return r;
        }
        let new = lookup(cls, "__new__").ok_or_else(|| self.type_error(format!("cannot create '{}' instances", tdata(cls).name())))?;
        let new = match &new {
            Value::Obj(o) => match o.native::<StaticMethod>() {
                Some(sm) => sm.0.borrow().clone(),
                None => new.clone(),
            },
            _ => new.clone(),
        };
        let mut v = Vec::with_capacity(args.len() + 1);
        v.push(Value::Obj(cls.clone()));
        v.extend_from_slice(args);
        let obj = self.call_kw(&new, &v, kwnames)?;
        if !self.is_instance(&obj, cls) {
            return Ok(obj);
        }
        let oty = self.type_of(&obj);
        if let Some(init) = special(&oty, "__init__") {
            // `object.__init__` does nothing when `__new__` is overridden
            // (its excess-argument errors only concern object's own __new__):
            // skip the call (`zip(a, b)`, `tuple(x)`, ...).
            if let (Some(obj_init), Some(obj_new)) = (lookup(&self.t.object, "__init__"), lookup(&self.t.object, "__new__")) {
                let new_overridden = lookup(cls, "__new__").map_or(false, |n| !n.is(&obj_new));
                if init.is(&obj_init) && new_overridden && Rc::ptr_eq(&oty, cls) {
                    return Ok(obj);
                }
            }
            v[0] = obj.clone();
            let r = self.call_kw(&init, &v, kwnames)?;
            if !r.is_none() {
                return Err(self.type_error(format!("__init__() should return None, not '{}'", self.type_name(&r))));
            }
        }
        Ok(obj)
    }

    // ----- attributes ------------------------------------------------------

    /// `getattr(obj, name)` for a str `name`.
    pub fn getattr_str(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        let n = self.intern(name);
        self.getattr(obj, &n)
    }

    /// `getattr(obj, name)`; `name` must be a str value.
    pub fn getattr(&mut self, obj: &Value, name: &Value) -> PyResult<Value> {
        let ty = self.type_of(obj);
        if let Some(ga) = special(&ty, "__getattribute__") {
            if !self.is_native_getattribute(&ga) {
                let r = self.call(&ga, &[obj.clone(), name.clone()]);
                return self.getattr_fallback(obj, &ty, name, r);
            }
        }
        let r = self.generic_getattr(obj, name);
        self.getattr_fallback(obj, &ty, name, r)
    }

    /// Whether `f` is the generic `object.__getattribute__`/`type.__getattribute__`
    /// (natives of other types, e.g. `super`, are called like Python code).
    fn is_native_getattribute(&self, f: &Value) -> bool {
        matches!(f, Value::Obj(o) if matches!(&o.data, Data::Builtin(b)
            if b.owner.as_ref().map_or(true, |t| Rc::ptr_eq(t, &self.t.object) || Rc::ptr_eq(t, &self.type_type))))
    }

    /// On AttributeError, tries `type(obj).__getattr__`.
    fn getattr_fallback(&mut self, obj: &Value, ty: &PyRef, name: &Value, r: PyResult<Value>) -> PyResult<Value> {
        match r {
            Err(e) if self.is_instance(&e.0, &self.e.attribute_error.clone()) => match special(ty, "__getattr__") {
                Some(f) => self.call(&f, &[obj.clone(), name.clone()]),
                None => Err(e),
            },
            r => r,
        }
    }

    /// `getattr(obj, name, None)`-like: `Ok(None)` when the attribute is missing.
    pub fn getattr_opt(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        match self.getattr_str(obj, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.is_instance(&e.0, &self.e.attribute_error.clone()) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `object.__getattribute__` (and `type.__getattribute__` for types).
    pub fn generic_getattr(&mut self, obj: &Value, name: &Value) -> PyResult<Value> {
        let name_s: &str = name.as_str().unwrap_or("");
        // The name's cached hash (names are interned strs, hashed once).
        let hash = match name.as_pystr() {
            Some(s) => str_key_hash(s),
            None => crate::hash::str_hash(name_s),
        };
        if let Value::Obj(o) = obj {
            if let Data::Type(_) = &o.data {
                return self.type_getattr(o, name, name_s, hash);
            }
        }
        let ty = self.type_of(obj);
        let descr = crate::types::lookup_hashed(&ty, name_s, hash);
        if let Some(d) = &descr {
            if self.is_data_descriptor(d) && crate::interp::class::descr_has_get(d) {
                return self.descr_get(d, obj, &Value::Obj(ty.clone()));
            }
        }
        if let Value::Obj(o) = obj {
            if o.attrs.is_some() {
                if let Some(v) = self.get_attr_raw(obj, name_s) {
                    return Ok(v);
                }
            }
            if let Data::Module(m) = &o.data {
                if let Data::Dict(d) = &m.dict.data {
                    if let Some(v) = d.borrow().get_str(name_s, hash) {
                        return Ok(v.clone());
                    }
                }
                if descr.is_none() {
                    // PEP 562: module-level __getattr__
                    let ga = if let Data::Dict(d) = &m.dict.data { d.borrow().get_str("__getattr__", crate::hash::str_hash("__getattr__")).cloned() } else { None };
                    if let Some(ga) = ga {
                        return self.call(&ga, &[name.clone()]);
                    }
                }
            }
        }
        match descr {
            Some(d) => self.descr_get(&d, obj, &Value::Obj(ty)),
            None => Err(self.no_attribute(obj, name_s)),
        }
    }

    /// Attribute lookup on a type object: metatype data descriptors, then the
    /// type's MRO (binding descriptors to the class), then the metatype.
    fn type_getattr(&mut self, cls: &PyRef, name: &Value, name_s: &str, hash: i64) -> PyResult<Value> {
        let meta = cls.ty.clone();
        let meta_attr = crate::types::lookup_hashed(&meta, name_s, hash);
        if let Some(d) = &meta_attr {
            if self.is_data_descriptor(d) {
                return self.descr_get(d, &Value::Obj(cls.clone()), &Value::Obj(meta.clone()));
            }
        }
        if let Some(attr) = crate::types::lookup_hashed(cls, name_s, hash) {
            return self.descr_get(&attr, &Value::None, &Value::Obj(cls.clone()));
        }
        if let Some(d) = meta_attr {
            return self.descr_get(&d, &Value::Obj(cls.clone()), &Value::Obj(meta));
        }
        let _ = name;
        Err(self.no_attribute(&Value::Obj(cls.clone()), name_s))
    }

    /// Whether `d` defines `__set__` or `__delete__`.
    pub fn is_data_descriptor(&self, d: &Value) -> bool {
        let Value::Obj(o) = d else { return false };
        match &o.data {
            Data::Function(_) | Data::Builtin(_) | Data::Str(_) | Data::Int(_) | Data::Tuple(_) | Data::Dict(_) | Data::List(_) => false,
            Data::Native(n) => {
                let any = n.as_any();
                if any.is::<Property>() {
                    return true;
                }
                if let Some(gs) = any.downcast_ref::<GetSet>() {
                    return gs.set.is_some() || true;
                }
                if any.is::<ClassMethod>() || any.is::<StaticMethod>() {
                    return false;
                }
                tdata(&o.ty).has_flag(tf::HEAPTYPE) && (special(&o.ty, "__set__").is_some() || special(&o.ty, "__delete__").is_some())
            }
            _ => {
                tdata(&o.ty).has_flag(tf::HEAPTYPE) && (special(&o.ty, "__set__").is_some() || special(&o.ty, "__delete__").is_some())
            }
        }
    }

    /// `d.__get__(obj, owner)` for any descriptor (`obj` None: class access).
    pub fn descr_get(&mut self, d: &Value, obj: &Value, owner: &Value) -> PyResult<Value> {
        let Value::Obj(o) = d else { return Ok(d.clone()) };
        match &o.data {
            Data::Function(_) => {
                if obj.is_none() {
                    Ok(d.clone())
                } else {
                    Ok(self.alloc(self.t.method.clone(), Data::BoundMethod(Box::new((d.clone(), obj.clone())))))
                }
            }
            Data::Builtin(b) => match b.kind {
                BuiltinKind::Method if !obj.is_none() => Ok(self.bind_builtin(d, obj.clone())),
                BuiltinKind::ClassMethod => Ok(self.bind_builtin(d, owner.clone())),
                _ => Ok(d.clone()),
            },
            Data::Native(n) => {
                let any = n.as_any();
                if let Some(p) = any.downcast_ref::<Property>() {
                    if obj.is_none() {
                        return Ok(d.clone());
                    }
                    let fget = p.fget.borrow().clone();
                    if fget.is_none() {
                        let pname = p.name.borrow().clone();
                        let msg = match pname.as_str() {
                            Some(n) => format!("property '{}' of '{}' object has no getter", n, self.type_name(obj)),
                            None => "unreadable attribute".to_string(),
                        };
                        return Err(self.new_error(&self.e.attribute_error.clone(), msg));
                    }
                    return self.call(&fget, &[obj.clone()]);
                }
                if let Some(cm) = any.downcast_ref::<ClassMethod>() {
                    let f = cm.0.borrow().clone();
                    let cls = if owner.is_none() { Value::Obj(self.type_of(obj)) } else { owner.clone() };
                    // Wrapping another descriptor (e.g. property) is not supported in 3.12 semantics beyond functions.
                    return Ok(self.alloc(self.t.method.clone(), Data::BoundMethod(Box::new((f, cls)))));
                }
                if let Some(sm) = any.downcast_ref::<StaticMethod>() {
                    return Ok(sm.0.borrow().clone());
                }
                if let Some(gs) = any.downcast_ref::<GetSet>() {
                    if obj.is_none() {
                        return Ok(d.clone());
                    }
                    return (gs.get)(self, obj);
                }
                self.user_descr_get(d, obj, owner)
            }
            _ => self.user_descr_get(d, obj, owner),
        }
    }

    fn user_descr_get(&mut self, d: &Value, obj: &Value, owner: &Value) -> PyResult<Value> {
        let Value::Obj(o) = d else { return Ok(d.clone()) };
        if !tdata(&o.ty).has_flag(tf::HEAPTYPE) {
            return Ok(d.clone());
        }
        match special(&o.ty.clone(), "__get__") {
            Some(get) => self.call(&get, &[d.clone(), obj.clone(), owner.clone()]),
            None => Ok(d.clone()),
        }
    }

    /// A builtin method bound to `recv`.
    pub fn bind_builtin(&mut self, f: &Value, recv: Value) -> Value {
        let Value::Obj(o) = f else { return f.clone() };
        let Data::Builtin(b) = &o.data else { return f.clone() };
        let nb = crate::function::Builtin { name: b.name, func: b.func, kind: b.kind, bound: Some(recv), owner: b.owner.clone(), doc: b.doc };
        self.alloc(self.t.builtin_function.clone(), Data::Builtin(Box::new(nb)))
    }

    /// `setattr(obj, name, value)`.
    pub fn setattr(&mut self, obj: &Value, name: &Value, value: Value) -> PyResult<()> {
        let ty = self.type_of(obj);
        if let Some(sa) = special(&ty, "__setattr__") {
            if !matches!(&sa, Value::Obj(o) if matches!(&o.data, Data::Builtin(_))) {
                self.call(&sa, &[obj.clone(), name.clone(), value])?;
                return Ok(());
            }
        }
        self.generic_setattr(obj, name, Some(value))
    }

    /// `delattr(obj, name)`.
    pub fn delattr(&mut self, obj: &Value, name: &Value) -> PyResult<()> {
        let ty = self.type_of(obj);
        if let Some(da) = special(&ty, "__delattr__") {
            if !matches!(&da, Value::Obj(o) if matches!(&o.data, Data::Builtin(_))) {
                self.call(&da, &[obj.clone(), name.clone()])?;
                return Ok(());
            }
        }
        self.generic_setattr(obj, name, None)
    }

    /// `object.__setattr__` / `object.__delattr__` (value None).
    pub fn generic_setattr(&mut self, obj: &Value, name: &Value, value: Option<Value>) -> PyResult<()> {
        let name_s = name.as_str().unwrap_or("").to_string();
        if let Value::Obj(o) = obj {
            if let Data::Type(td) = &o.data {
                return self.type_setattr(o, td.has_flag(tf::HEAPTYPE), &name_s, name, value);
            }
        }
        let ty = self.type_of(obj);
        if let Some(d) = lookup(&ty, &name_s) {
            if let Value::Obj(dobj) = &d {
                if let Some(p) = dobj.native::<Property>() {
                    let f = if value.is_some() { p.fset.borrow().clone() } else { p.fdel.borrow().clone() };
                    if f.is_none() {
                        let pname = p.name.borrow().clone();
                        let what = if value.is_some() { "setter" } else { "deleter" };
                        let msg = match pname.as_str() {
                            Some(n) => format!("property '{}' of '{}' object has no {}", n, self.type_name(obj), what),
                            None => format!("can't {} attribute", if value.is_some() { "set" } else { "delete" }),
                        };
                        return Err(self.new_error(&self.e.attribute_error.clone(), msg));
                    }
                    match value {
                        Some(v) => self.call(&f, &[obj.clone(), v])?,
                        None => self.call(&f, &[obj.clone()])?,
                    };
                    return Ok(());
                }
                if let Some(gs) = dobj.native::<GetSet>() {
                    return match gs.set {
                        Some(set) => set(self, obj, value),
                        None => Err(self.attribute_error(
                            obj,
                            &name_s,
                            format!("attribute '{}' of '{}' objects is not writable", name_s, gs.owner),
                        )),
                    };
                }
                if tdata(&dobj.ty).has_flag(tf::HEAPTYPE) {
                    let dty = dobj.ty.clone();
                    let hook = if value.is_some() { special(&dty, "__set__") } else { special(&dty, "__delete__") };
                    if let Some(h) = hook {
                        match value {
                            Some(v) => self.call(&h, &[d.clone(), obj.clone(), v])?,
                            None => self.call(&h, &[d.clone(), obj.clone()])?,
                        };
                        return Ok(());
                    }
                }
            }
        }
        match obj {
            Value::Obj(o) if o.attrs.is_some() => match value {
                Some(v) => {
                    self.set_attr_raw(obj, &name_s, v).ok();
                    Ok(())
                }
                None => {
                    if self.del_attr_raw(obj, &name_s)? {
                        Ok(())
                    } else {
                        Err(self.no_attribute(obj, &name_s))
                    }
                }
            },
            Value::Obj(o) if matches!(o.data, Data::Module(_)) => {
                let Data::Module(m) = &o.data else { unreachable!() };
                let dict = Value::Obj(m.dict.clone());
                match value {
                    Some(v) => self.dict_set(&dict, name.clone(), v),
                    None => match self.dict_del(&dict, name)? {
                        Some(_) => Ok(()),
                        None => Err(self.no_attribute(obj, &name_s)),
                    },
                }
            }
            _ => {
                if lookup(&ty, &name_s).is_some() {
                    Err(self.attribute_error(obj, &name_s, format!("'{}' object attribute '{}' is read-only", self.type_name(obj), name_s)))
                } else {
                    Err(self.attribute_error(obj, &name_s, format!("'{}' object has no attribute '{}'", self.type_name(obj), name_s)))
                }
            }
        }
    }

    fn type_setattr(&mut self, cls: &PyRef, heap: bool, name_s: &str, name: &Value, value: Option<Value>) -> PyResult<()> {
        // Data descriptors on the metatype (e.g. __name__, __doc__) win.
        let meta = cls.ty.clone();
        if let Some(d) = lookup(&meta, name_s) {
            if let Value::Obj(dobj) = &d {
                if let Some(gs) = dobj.native::<GetSet>() {
                    if let Some(set) = gs.set {
                        return set(self, &Value::Obj(cls.clone()), value);
                    }
                }
                if tdata(&dobj.ty).has_flag(tf::HEAPTYPE) {
                    if let Some(h) = special(&dobj.ty.clone(), if value.is_some() { "__set__" } else { "__delete__" }) {
                        match value {
                            Some(v) => self.call(&h, &[d.clone(), Value::Obj(cls.clone()), v])?,
                            None => self.call(&h, &[d.clone(), Value::Obj(cls.clone())])?,
                        };
                        return Ok(());
                    }
                }
            }
        }
        if !heap {
            let tn = tdata(cls).name();
            return Err(self.type_error(format!(
                "cannot set '{}' attribute of immutable type '{}'",
                name_s, tn
            )));
        }
        let td = tdata(cls);
        let h = crate::hash::str_hash(name_s);
        match value {
            Some(v) => {
                let mut d = td.dict.borrow_mut();
                match d.probe(name, h, 0) {
                    crate::dict::Probe::Found(i) => {
                        d.replace_value(i, v);
                    }
                    _ => d.insert_new(h, name.clone(), v),
                }
            }
            None => {
                let mut d = td.dict.borrow_mut();
                match d.probe(name, h, 0) {
                    crate::dict::Probe::Found(i) => {
                        d.remove_at(i);
                    }
                    _ => {
                        drop(d);
                        return Err(self.attribute_error(&Value::Obj(cls.clone()), name_s, format!("type object '{}' has no attribute '{}'", td.name(), name_s)));
                    }
                }
            }
        }
        crate::types::invalidate(cls);
        Ok(())
    }

    /// Removes an attribute from an object's store; false if absent.
    pub fn del_attr_raw(&mut self, obj: &Value, name: &str) -> PyResult<bool> {
        let Value::Obj(o) = obj else { return Ok(false) };
        let Some(attrs) = &o.attrs else { return Ok(false) };
        let dict = self.instance_dict(obj);
        let _ = attrs;
        let Some(dict) = dict else { return Ok(false) };
        let key = self.intern(name);
        Ok(self.dict_del(&dict, &key)?.is_some())
    }

    /// The instance's `__dict__`, switching it to dict mode (see `shape.rs`).
    pub fn instance_dict(&mut self, obj: &Value) -> Option<Value> {
        let Value::Obj(o) = obj else { return None };
        let attrs = o.attrs.as_ref()?;
        if let Some(d) = &attrs.borrow().dict {
            return Some(d.clone());
        }
        let mut a = attrs.borrow_mut();
        let dict = self.new_dict();
        {
            let dd = dict.as_dict().unwrap();
            let mut dd = dd.borrow_mut();
            let names = a.shape.names.clone();
            let values = std::mem::take(&mut a.values);
            for (n, v) in names.iter().zip(values) {
                let k = self.intern(n);
                dd.insert_new(crate::hash::str_hash(n), k, v);
            }
        }
        a.dict = Some(dict.clone());
        Some(dict)
    }

    // ----- hashing and comparison -------------------------------------------

    /// `hash(v)`.
    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::None => Ok(0xFCA86420),
            Value::Bool(b) => Ok(b.get() as i64),
            Value::Int(i) => Ok(crate::hash::int_hash(*i)),
            Value::Float(f) => Ok(crate::hash::float_hash(f.get(), v.id() >> 4)),
            Value::Obj(o) => {
                if o.attrs.is_none() {
                    match &o.data {
                        Data::Str(s) => {
                            let h = s.hash.get();
                            if h != -1 {
                                return Ok(h);
                            }
                            let h = crate::hash::str_hash(&s.s);
                            s.hash.set(h);
                            return Ok(h);
                        }
                        Data::Int(i) => return Ok(crate::hash::bigint_hash(i)),
                        Data::Tuple(items) => {
                            let mut h = crate::hash::TupleHasher::new();
                            for it in items.iter() {
                                h.add(self.hash(it)?);
                            }
                            return Ok(h.finish(items.len()));
                        }
                        _ => {}
                    }
                }
                let ty = o.ty.clone();
                match special(&ty, "__hash__") {
                    Some(Value::None) | None => Err(self.type_error(format!("unhashable type: '{}'", tdata(&ty).name()))),
                    Some(h) => {
                        let r = self.call(&h, &[v.clone()])?;
                        match r {
                            Value::Int(i) => Ok(if i == -1 { -2 } else { i }),
                            Value::Bool(b) => Ok(b.get() as i64),
                            Value::Obj(ref ro) if matches!(ro.data, Data::Int(_)) => {
                                let Data::Int(bi) = &ro.data else { unreachable!() };
                                Ok(crate::hash::bigint_hash(bi))
                            }
                            _ => Err(self.type_error("__hash__ method should return an integer")),
                        }
                    }
                }
            }
        }
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(r) = crate::dict::fast_key_eq(a, b) {
            return Ok(r);
        }
        let r = self.compare(a, b, CompareOperator::Eq)?;
        self.truthy(&r)
    }

    /// Rich comparison `a op b` with CPython's reflection rules.
    pub fn compare(&mut self, a: &Value, b: &Value, op: CompareOperator) -> PyResult<Value> {
        // Inline fast paths.
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => return Ok(Value::bool(cmp_ord(x.cmp(y), op))),
            (Value::Float(x), Value::Float(y)) => return Ok(Value::bool(cmp_f64(x.get(), y.get(), op))),
            (Value::Int(x), Value::Float(y)) if x.unsigned_abs() <= 1 << 53 => return Ok(Value::bool(cmp_f64(*x as f64, y.get(), op))),
            (Value::Float(x), Value::Int(y)) if y.unsigned_abs() <= 1 << 53 => return Ok(Value::bool(cmp_f64(x.get(), *y as f64, op))),
            _ => {}
        }
        if let (Some(x), Some(y)) = (a.as_pystr(), b.as_pystr()) {
            if a.as_obj().map_or(false, |o| o.attrs.is_none()) && b.as_obj().map_or(false, |o| o.attrs.is_none()) {
                return Ok(Value::bool(cmp_ord(x.s.cmp(&y.s), op)));
            }
        }
        // Exact ints of which at least one is big: no dunder lookup and call.
        if let (Some(x), Some(y)) = (exact_int_operand(self, a), exact_int_operand(self, b)) {
            return Ok(Value::bool(cmp_ord(crate::builtins::int::cmp_int_refs(x, y), op)));
        }
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let name = op.dunder();
        let swapped = op.swapped().dunder();
        let mut checked_reflected = false;
        if !Rc::ptr_eq(&ta, &tb) && is_subtype(&tb, &ta) {
            if let Some(f) = special_dyn(&tb, swapped) {
                checked_reflected = true;
                let r = self.call(&f, &[b.clone(), a.clone()])?;
                if !r.is(&self.not_implemented) {
                    return Ok(r);
                }
            }
        }
        if let Some(f) = special_dyn(&ta, name) {
            let r = self.call(&f, &[a.clone(), b.clone()])?;
            if !r.is(&self.not_implemented) {
                return Ok(r);
            }
        }
        if !checked_reflected {
            if let Some(f) = special_dyn(&tb, swapped) {
                let r = self.call(&f, &[b.clone(), a.clone()])?;
                if !r.is(&self.not_implemented) {
                    return Ok(r);
                }
            }
        }
        match op {
            CompareOperator::Eq => Ok(Value::bool(a.is(b))),
            CompareOperator::Ne => Ok(Value::bool(!a.is(b))),
            _ => Err(self.type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                tdata(&ta).name(),
                tdata(&tb).name()
            ))),
        }
    }

    /// `bool(v)`.
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        match v {
            Value::None => Ok(false),
            Value::Bool(b) => Ok(b.get()),
            Value::Int(i) => Ok(*i != 0),
            Value::Float(f) => Ok(f.get() != 0.0),
            Value::Obj(o) => {
                if o.attrs.is_none() {
                    match &o.data {
                        Data::Str(s) => return Ok(!s.s.is_empty()),
                        Data::List(l) => return Ok(!l.borrow().is_empty()),
                        Data::Tuple(t) => return Ok(!t.is_empty()),
                        Data::Dict(d) => return Ok(!d.borrow().is_empty()),
                        Data::Int(i) => return Ok(i.sign() != num_bigint::Sign::NoSign),
                        _ => {}
                    }
                }
                let ty = o.ty.clone();
                if let Some(f) = special(&ty, "__bool__") {
                    let r = self.call(&f, &[v.clone()])?;
                    return match r {
                        Value::Bool(b) => Ok(b.get()),
                        _ => Err(self.type_error(format!("__bool__ should return bool, returned {}", self.type_name(&r)))),
                    };
                }
                if let Some(f) = special(&ty, "__len__") {
                    let r = self.call(&f, &[v.clone()])?;
                    let n = self.index_to_i64(&r)?;
                    if n < 0 {
                        return Err(self.value_error("__len__() should return >= 0"));
                    }
                    return Ok(n != 0);
                }
                Ok(true)
            }
        }
    }

    /// An int value (or `__index__`) as i64; OverflowError if too big.
    pub fn index_to_i64(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(b.get() as i64),
            Value::Obj(o) => match &o.data {
                Data::Int(i) => num_traits::ToPrimitive::to_i64(i)
                    .ok_or_else(|| self.overflow_error("Python int too large to convert to C ssize_t")),
                _ => {
                    let ty = o.ty.clone();
                    match special(&ty, "__index__") {
                        Some(f) => {
                            let r = self.call(&f, &[v.clone()])?;
                            match r {
                                Value::Int(_) | Value::Bool(_) => self.index_to_i64(&r),
                                Value::Obj(ref ro) if matches!(ro.data, Data::Int(_)) => self.index_to_i64(&r),
                                _ => Err(self.type_error(format!("__index__ returned non-int (type {})", self.type_name(&r)))),
                            }
                        }
                        None => Err(self.type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            tdata(&ty).name()
                        ))),
                    }
                }
            },
            _ => Err(self.type_error(format!("'{}' object cannot be interpreted as an integer", self.type_name(v)))),
        }
    }

    // ----- repr / str ---------------------------------------------------------

    /// `repr(v)` as a str value.
    pub fn repr(&mut self, v: &Value) -> PyResult<Value> {
        let ty = self.type_of(v);
        match special(&ty, "__repr__") {
            Some(f) => {
                let r = self.call(&f, &[v.clone()])?;
                if r.as_str().is_none() {
                    return Err(self.type_error(format!("__repr__ returned non-string (type {})", self.type_name(&r))));
                }
                Ok(r)
            }
            None => Ok(self.new_str(format!("<{} object>", tdata(&ty).name()))),
        }
    }

    /// `repr(v)` as a Rust string.
    pub fn repr_string(&mut self, v: &Value) -> PyResult<String> {
        let r = self.repr(v)?;
        Ok(r.as_str().unwrap_or("").to_string())
    }

    /// `str(v)` as a str value.
    pub fn str(&mut self, v: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = v {
            if let Data::Str(_) = &o.data {
                if Rc::ptr_eq(&o.ty, &self.t.str) {
                    return Ok(v.clone());
                }
            }
        }
        let ty = self.type_of(v);
        match special(&ty, "__str__") {
            Some(f) => {
                let r = self.call(&f, &[v.clone()])?;
                if r.as_str().is_none() {
                    return Err(self.type_error(format!("__str__ returned non-string (type {})", self.type_name(&r))));
                }
                Ok(r)
            }
            None => self.repr(v),
        }
    }

    pub fn str_string(&mut self, v: &Value) -> PyResult<String> {
        let r = self.str(v)?;
        Ok(r.as_str().unwrap_or("").to_string())
    }

    // ----- iteration --------------------------------------------------------

    /// `iter(v)`.
    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        // Exact list, tuple, range: their iterator without an `__iter__` lookup.
        if let Value::Obj(o) = v {
            use crate::builtins::iterators as bi;
            match &o.data {
                Data::List(_) if Rc::ptr_eq(&o.ty, &self.t.list) => return Ok(bi::new_list_iter(self, v.clone(), false)),
                Data::Tuple(_) if Rc::ptr_eq(&o.ty, &self.t.tuple) => return Ok(bi::new_tuple_iter(self, v.clone())),
                Data::Dict(_) if Rc::ptr_eq(&o.ty, &self.t.dict) => return Ok(bi::new_dict_iter(self, v.clone(), bi::DictIterKind::Keys)),
                Data::Set(_) | Data::FrozenSet(_) if o.attrs.is_none() => return Ok(bi::new_set_iter(self, v.clone())),
                Data::Str(_) if Rc::ptr_eq(&o.ty, &self.t.str) => return Ok(crate::builtins::str::new_str_iter(self, v)),
                Data::Native(n) => {
                    // One virtual call for the payload's type id serves every test below.
                    let any: &dyn std::any::Any = &**n;
                    let tid = any.type_id();
                    if tid == std::any::TypeId::of::<crate::builtins::range::RangeData>() {
                        if let Some(r) = any.downcast_ref::<crate::builtins::range::RangeData>() {
                            return Ok(crate::builtins::range::new_iter(self, r));
                        }
                    }
                    // Builtin iterators and generators are their own iterators.
                    if o.attrs.is_none() && bi::is_self_iterator_payload(any, tid) {
                        return Ok(v.clone());
                    }
                    // dict.keys()/values()/items() views.
                    if let (Some(view), None) = (any.downcast_ref::<crate::builtins::dict_views::DictView>(), &o.attrs) {
                        let (d, k) = (view.dict.clone(), view.kind);
                        return Ok(bi::new_dict_iter(self, d, k));
                    }
                }
                _ => {}
            }
        }
        let ty = self.type_of(v);
        match special(&ty, "__iter__") {
            Some(Value::None) => Err(self.type_error(format!("'{}' object is not iterable", tdata(&ty).name()))),
            Some(f) => {
                let it = self.call(&f, &[v.clone()])?;
                let ity = self.type_of(&it);
                if special(&ity, "__next__").is_none() {
                    return Err(self.type_error(format!("iter() returned non-iterator of type '{}'", tdata(&ity).name())));
                }
                Ok(it)
            }
            None => {
                if special(&ty, "__getitem__").is_some() {
                    return crate::builtins::iterators::seq_iter(self, v.clone());
                }
                Err(self.type_error(format!("'{}' object is not iterable", tdata(&ty).name())))
            }
        }
    }

    /// `next(it)`: `Ok(None)` when exhausted (StopIteration is swallowed).
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        // Builtin iterators and plain generators (resumed directly: their
        // return is no exception) go straight to their Rust code.
        crate::builtins::iterators::next_for_loop(self, it, Vm::next_generic)
    }

    /// `next()` through `__next__` (any other iterator).
    #[inline(never)]
    fn next_generic(&mut self, it: &Value) -> PyResult<Option<Value>> {
        let ty = self.type_of(it);
        let f = special(&ty, "__next__").ok_or_else(|| self.type_error(format!("'{}' object is not an iterator", tdata(&ty).name())))?;
        match self.call(&f, &[it.clone()]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.is_instance(&e.0, &self.e.stop_iteration.clone()) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Collects an iterable into a Vec (fast for lists and tuples).
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        if let Value::Obj(o) = v {
            match &o.data {
                Data::List(l) if o.attrs.is_none() => return Ok(l.borrow().clone()),
                Data::Tuple(t) if o.attrs.is_none() => return Ok(t.to_vec()),
                _ => {}
            }
        }
        let it = self.iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
        }
        Ok(out)
    }

    // ----- containers -------------------------------------------------------

    /// `len(v)`.
    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        if let Value::Obj(o) = v {
            if o.attrs.is_none() {
                match &o.data {
                    Data::Str(s) => return Ok(s.char_len),
                    Data::List(l) => return Ok(l.borrow().len()),
                    Data::Tuple(t) => return Ok(t.len()),
                    Data::Dict(d) => return Ok(d.borrow().len()),
                    Data::Bytes(b) => return Ok(b.len()),
                    Data::Set(s) => return Ok(s.borrow().len()),
                    Data::FrozenSet(s) => return Ok(s.len()),
                    _ => {}
                }
            }
        }
        let ty = self.type_of(v);
        match special(&ty, "__len__") {
            Some(f) => {
                let r = self.call(&f, &[v.clone()])?;
                if !matches!(r, Value::Int(_) | Value::Bool(_)) && !matches!(&r, Value::Obj(o) if matches!(o.data, Data::Int(_))) {
                    return Err(self.type_error(format!("'{}' object cannot be interpreted as an integer", self.type_name(&r))));
                }
                let n = match self.index_to_i64(&r) {
                    Ok(n) => n,
                    Err(e) if self.is_instance(&e.0, &self.e.overflow_error.clone()) => {
                        return Err(self.new_error(&self.e.overflow_error.clone(), "cannot fit 'int' into an index-sized integer"));
                    }
                    Err(e) => return Err(e),
                };
                if n < 0 {
                    return Err(self.value_error("__len__() should return >= 0"));
                }
                Ok(n as usize)
            }
            None => Err(self.type_error(format!("object of type '{}' has no len()", tdata(&ty).name()))),
        }
    }

    /// `container[key]`.
    pub fn getitem(&mut self, container: &Value, key: &Value) -> PyResult<Value> {
        if let (Value::Obj(o), Value::Int(i)) = (container, key) {
            if o.attrs.is_none() {
                match &o.data {
                    Data::List(l) => {
                        let l = l.borrow();
                        let n = l.len() as i64;
                        let j = if *i < 0 { i + n } else { *i };
                        if j >= 0 && j < n {
                            return Ok(l[j as usize].clone());
                        }
                        return Err(self.index_error("list index out of range"));
                    }
                    Data::Tuple(t) => {
                        let n = t.len() as i64;
                        let j = if *i < 0 { i + n } else { *i };
                        if j >= 0 && j < n {
                            return Ok(t[j as usize].clone());
                        }
                        return Err(self.index_error("tuple index out of range"));
                    }
                    _ => {}
                }
            }
        }
        if let Value::Obj(o) = container {
            match &o.data {
                Data::Dict(_) if o.attrs.is_none() => {
                    return match self.dict_get(container, key)? {
                        Some(v) => Ok(v),
                        None => Err(self.key_error(key.clone())),
                    };
                }
                // Exact sequences (slices, str indexing): their `__getitem__`
                // without the lookup and the generic call.
                Data::Tuple(_) if Rc::ptr_eq(&o.ty, &self.t.tuple) => return crate::builtins::tuple::tuple_getitem_of(self, container, key),
                Data::List(_) if Rc::ptr_eq(&o.ty, &self.t.list) => return crate::builtins::list::list_getitem_of(self, container, key),
                Data::Str(_) if Rc::ptr_eq(&o.ty, &self.t.str) => {
                    let args = [container.clone(), key.clone()];
                    return crate::builtins::str::str_getitem(self, crate::function::Args::new(&args, &[]));
                }
                _ => {}
            }
        }
        let ty = self.type_of(container);
        if let Some(f) = special(&ty, "__getitem__") {
            return self.call(&f, &[container.clone(), key.clone()]);
        }
        if let Value::Obj(o) = container {
            if let Data::Type(_) = &o.data {
                if let Some(cg) = lookup(o, "__class_getitem__") {
                    let f = self.descr_get(&cg, &Value::None, container)?;
                    return self.call(&f, &[key.clone()]);
                }
                if Rc::ptr_eq(o, &self.type_type) {
                    return crate::builtins::typeobj::generic_alias(self, container.clone(), key.clone());
                }
                return Err(self.type_error(format!("type '{}' is not subscriptable", tdata(o).name())));
            }
        }
        Err(self.type_error(format!("'{}' object is not subscriptable", tdata(&ty).name())))
    }

    /// `container[key] = value`.
    pub fn setitem(&mut self, container: &Value, key: &Value, value: Value) -> PyResult<()> {
        if let (Value::Obj(o), Value::Int(i)) = (container, key) {
            if let (Data::List(l), None) = (&o.data, &o.attrs) {
                let mut l = l.borrow_mut();
                let n = l.len() as i64;
                let j = if *i < 0 { i + n } else { *i };
                if j >= 0 && j < n {
                    l[j as usize] = value;
                    return Ok(());
                }
                drop(l);
                return Err(self.index_error("list assignment index out of range"));
            }
        }
        if let Value::Obj(o) = container {
            if let (Data::Dict(_), None) = (&o.data, &o.attrs) {
                return self.dict_set(container, key.clone(), value);
            }
        }
        let ty = self.type_of(container);
        match special(&ty, "__setitem__") {
            Some(f) => {
                self.call(&f, &[container.clone(), key.clone(), value])?;
                Ok(())
            }
            None => Err(self.type_error(format!("'{}' object does not support item assignment", tdata(&ty).name()))),
        }
    }

    /// `del container[key]`.
    pub fn delitem(&mut self, container: &Value, key: &Value) -> PyResult<()> {
        let ty = self.type_of(container);
        match special(&ty, "__delitem__") {
            Some(f) => {
                self.call(&f, &[container.clone(), key.clone()])?;
                Ok(())
            }
            None => Err(self.type_error(format!("'{}' object doesn't support item deletion", tdata(&ty).name()))),
        }
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        if let Value::Obj(o) = container {
            if o.attrs.is_none() {
                match &o.data {
                    Data::Dict(_) => return Ok(self.dict_get(container, item)?.is_some()),
                    Data::List(_) | Data::Tuple(_) => {
                        let items = self.collect(container)?;
                        for x in items.iter() {
                            if x.is(item) || self.eq(x, item)? {
                                return Ok(true);
                            }
                        }
                        return Ok(false);
                    }
                    _ => {}
                }
            }
        }
        let ty = self.type_of(container);
        if let Some(f) = special(&ty, "__contains__") {
            let r = self.call(&f, &[container.clone(), item.clone()])?;
            return self.truthy(&r);
        }
        if special(&ty, "__iter__").is_some() || special(&ty, "__getitem__").is_some() {
            // As CPython's `_PySequence_IterSearch`: a TypeError from iter() becomes this message.
            let it = match self.iter(container) {
                Ok(it) => it,
                Err(e) if self.is_instance(&e.0, &self.e.type_error.clone()) => {
                    return Err(self.type_error(format!("argument of type '{}' is not iterable", tdata(&ty).name())));
                }
                Err(e) => return Err(e),
            };
            while let Some(x) = self.next(&it)? {
                if x.is(item) || self.eq(&x, item)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        Err(self.type_error(format!("argument of type '{}' is not iterable", tdata(&ty).name())))
    }

    // ----- dicts --------------------------------------------------------------

    /// Looks `key` up in a dict object (no `__missing__`).
    pub fn dict_get(&mut self, dict: &Value, key: &Value) -> PyResult<Option<Value>> {
        let Some(d) = dict.as_dict() else { return Err(self.type_error("expected a dict")) };
        if let Some((ko, text)) = exact_str_key(key) {
            let hash = str_key_hash(text);
            let dd = d.borrow();
            if let Some(found) = dd.find_exact_str(ko, text, hash) {
                return Ok(found.and_then(|i| dd.entry(i).map(|e| e.value.clone())));
            }
        }
        let hash = self.hash(key)?;
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
                    let equal = self.eq(&other, key)?;
                    if d.borrow().mutations != mutations {
                        skip = 0;
                        continue;
                    }
                    if equal {
                        // Re-probe to find the index (the candidate is the `skip`-th).
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

    /// Finds the entry index of `key` (see [`Vm::dict_get`]).
    fn dict_find(&mut self, d: &std::cell::RefCell<crate::dict::DictData>, key: &Value, hash: i64) -> PyResult<Option<usize>> {
        let mut skip = 0;
        loop {
            let (probe, mutations) = {
                let dd = d.borrow();
                (dd.probe(key, hash, skip), dd.mutations)
            };
            match probe {
                crate::dict::Probe::Found(i) => return Ok(Some(i)),
                crate::dict::Probe::Missing => return Ok(None),
                crate::dict::Probe::Compare(i, other) => {
                    let equal = self.eq(&other, key)?;
                    if d.borrow().mutations != mutations {
                        skip = 0;
                        continue;
                    }
                    if equal {
                        return Ok(Some(i));
                    }
                    skip += 1;
                }
            }
        }
    }

    /// `dict[key] = value` on a dict object.
    pub fn dict_set(&mut self, dict: &Value, key: Value, value: Value) -> PyResult<()> {
        let Some(d) = dict.as_dict() else { return Err(self.type_error("expected a dict")) };
        if let Some((ko, text)) = exact_str_key(&key) {
            let hash = str_key_hash(text);
            let found = d.borrow().find_exact_str(ko, text, hash);
            match found {
                Some(Some(i)) => {
                    let old = d.borrow_mut().replace_value(i, value);
                    drop(old);
                    return Ok(());
                }
                Some(None) => {
                    d.borrow_mut().insert_new(hash, key, value);
                    return Ok(());
                }
                None => {}
            }
        }
        let hash = self.hash(&key)?;
        self.dict_set_in(d, hash, key, value)
    }

    /// `dict[key] = value` with the key's hash already known (taken from
    /// another dict's entry: CPython's merge calls no `__hash__`).
    pub fn dict_set_hashed(&mut self, dict: &Value, hash: i64, key: Value, value: Value) -> PyResult<()> {
        let Some(d) = dict.as_dict() else { return Err(self.type_error("expected a dict")) };
        self.dict_set_in(d, hash, key, value)
    }

    /// `dict.setdefault(key, default)`: one hash and one search.
    pub fn dict_setdefault(&mut self, dict: &Value, key: &Value, default: Value) -> PyResult<Value> {
        let Some(d) = dict.as_dict() else { return Err(self.type_error("expected a dict")) };
        let hash = match exact_str_key(key) {
            Some((_, text)) => str_key_hash(text),
            None => self.hash(key)?,
        };
        // No Python code runs between the search's answer and the insert.
        match self.dict_find(d, key, hash)? {
            Some(i) => Ok(d.borrow().entry(i).map_or(Value::None, |e| e.value.clone())),
            None => {
                d.borrow_mut().insert_new(hash, key.clone(), default.clone());
                Ok(default)
            }
        }
    }

    fn dict_set_in(&mut self, d: &std::cell::RefCell<crate::dict::DictData>, hash: i64, key: Value, value: Value) -> PyResult<()> {
        // Keys compared without Python code (numbers, None, exact strs): one probe.
        let stored = d.borrow_mut().set_fast(hash, key, value);
        let (key, value) = match stored {
            Ok(old) => {
                drop(old);
                return Ok(());
            }
            Err(kv) => kv,
        };
        match self.dict_find(d, &key, hash)? {
            Some(i) => {
                let old = d.borrow_mut().replace_value(i, value);
                drop(old);
            }
            None => d.borrow_mut().insert_new(hash, key, value),
        }
        Ok(())
    }

    /// Removes `key` from a dict object, returning its value if present.
    pub fn dict_del(&mut self, dict: &Value, key: &Value) -> PyResult<Option<Value>> {
        let Some(d) = dict.as_dict() else { return Err(self.type_error("expected a dict")) };
        let hash = self.hash(key)?;
        match self.dict_find(d, key, hash)? {
            Some(i) => {
                let e = d.borrow_mut().remove_at(i);
                Ok(Some(e.value))
            }
            None => Ok(None),
        }
    }

    /// Looks up a str key in a dict object without running Python code.
    pub fn dict_get_str(&self, dict: &Value, key: &str) -> Option<Value> {
        dict.as_dict().and_then(|d| d.borrow().get_str(key, crate::hash::str_hash(key)).cloned())
    }

    /// Stores under a str key in a dict object.
    pub fn dict_set_str(&mut self, dict: &Value, key: &str, value: Value) {
        let k = self.intern(key);
        let _ = self.dict_set(dict, k, value);
    }

    // ----- operators ----------------------------------------------------------

    /// `a op b` for a binary operator (in-place forms try `__iop__` first).
    pub fn binary_op(&mut self, a: &Value, b: &Value, op: BinaryOperator) -> PyResult<Value> {
        if let Some(r) = crate::builtins::numeric::fast_binary_op(self, a, b, op) {
            return r;
        }
        if op.is_inplace() {
            let ta = self.type_of(a);
            if let Some(f) = special_dyn(&ta, INPLACE_DUNDERS[op.base() as usize]) {
                let r = self.call(&f, &[a.clone(), b.clone()])?;
                if !r.is(&self.not_implemented) {
                    return Ok(r);
                }
            }
        }
        let base = op.base();
        match self.binary_op_plain(a, b, base)? {
            Some(r) => Ok(r),
            None => {
                if base == BinaryOperator::Rshift {
                    if let Value::Obj(o) = a {
                        if matches!(&o.data, Data::Builtin(bf) if bf.name == "print") {
                            return Err(self.type_error(format!(
                                "unsupported operand type(s) for {}: '{}' and '{}'. Did you mean \"print(<message>, file=<output_stream>)\"?",
                                op.symbol(), self.type_name(a), self.type_name(b)
                            )));
                        }
                    }
                }
                if let Some(msg) = crate::interp::opcodes::sequence_op_message(self, a, b, base) {
                    return Err(self.type_error(msg));
                }
                // `a ** b` is reported as CPython's `pow()` slot does; `**=` keeps its symbol.
                let symbol = if op == BinaryOperator::Power { "** or pow()" } else { op.symbol() };
                let msg = format!("unsupported operand type(s) for {}: '{}' and '{}'", symbol, self.type_name(a), self.type_name(b));
                Err(self.type_error(msg))
            }
        }
    }

    /// `a op b` via `__op__`/`__rop__`; `Ok(None)` if both return NotImplemented.
    pub fn binary_op_plain(&mut self, a: &Value, b: &Value, op: BinaryOperator) -> PyResult<Option<Value>> {
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let name = DUNDERS[op as usize];
        let rname = REFLECTED_DUNDERS[op as usize];
        let fa = special_dyn(&ta, name);
        let fb = if Rc::ptr_eq(&ta, &tb) { None } else { special_dyn(&tb, rname) };
        if let Some(fb) = &fb {
            if is_subtype(&tb, &ta) && !Rc::ptr_eq(&ta, &tb) {
                // A subclass's reflected method wins if it overrides.
                let overrides = match (&fa, lookup(&ta, rname)) {
                    (_, Some(base_r)) => !base_r.is(fb),
                    _ => true,
                };
                if overrides {
                    let r = self.call(fb, &[b.clone(), a.clone()])?;
                    if !r.is(&self.not_implemented) {
                        return Ok(Some(r));
                    }
                    if let Some(fa) = &fa {
                        let r = self.call(fa, &[a.clone(), b.clone()])?;
                        if !r.is(&self.not_implemented) {
                            return Ok(Some(r));
                        }
                    }
                    return Ok(None);
                }
            }
        }
        if let Some(fa) = &fa {
            let r = self.call(fa, &[a.clone(), b.clone()])?;
            if !r.is(&self.not_implemented) {
                return Ok(Some(r));
            }
        }
        if let Some(fb) = &fb {
            let r = self.call(fb, &[b.clone(), a.clone()])?;
            if !r.is(&self.not_implemented) {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }

    /// `-v`, `+v`, `~v`.
    pub fn unary_op(&mut self, v: &Value, dunder: &'static str, symbol: &str) -> PyResult<Value> {
        match (v, dunder) {
            (Value::Int(i), "__neg__") => {
                if let Some(r) = i.checked_neg() {
                    return Ok(Value::Int(r));
                }
            }
            (Value::Float(f), "__neg__") => return Ok(Value::float(-f.get())),
            (Value::Int(i), "__pos__") => return Ok(Value::Int(*i)),
            (Value::Float(f), "__pos__") => return Ok(Value::float(f.get())),
            (Value::Int(i), "__invert__") => return Ok(Value::Int(!i)),
            _ => {}
        }
        let ty = self.type_of(v);
        match special(&ty, dunder) {
            Some(f) => self.call(&f, &[v.clone()]),
            None => Err(self.type_error(format!("bad operand type for unary {}: '{}'", symbol, tdata(&ty).name()))),
        }
    }
}

/// Looks a dunder up by a non-static name through the static table of names.
/// An exact `int` operand (inline or big; not bool, not a subclass instance).
#[inline]
fn exact_int_operand<'a>(vm: &Vm, v: &'a Value) -> Option<crate::builtins::numeric::IntRef<'a>> {
    match v {
        Value::Int(i) => Some(crate::builtins::numeric::IntRef::Small(*i)),
        Value::Obj(o) => match &o.data {
            Data::Int(b) if Rc::ptr_eq(&o.ty, &vm.t.int) => Some(crate::builtins::numeric::IntRef::Big(b)),
            _ => None,
        },
        _ => None,
    }
}

/// The object and text of an exact `str` (not a subclass instance).
#[inline(always)]
fn exact_str_key(v: &Value) -> Option<(&PyRef, &crate::value::PyStr)> {
    match v {
        Value::Obj(o) => match (&o.data, &o.attrs) {
            (Data::Str(s), None) => Some((o, s)),
            _ => None,
        },
        _ => None,
    }
}

/// The (cached) hash of a str's text.
#[inline(always)]
fn str_key_hash(s: &crate::value::PyStr) -> i64 {
    let h = s.hash.get();
    if h != -1 {
        return h;
    }
    let h = crate::hash::str_hash(&s.s);
    s.hash.set(h);
    h
}

fn special_dyn(ty: &PyRef, name: &'static str) -> Option<Value> {
    special(ty, name)
}

#[inline]
fn cmp_ord(o: std::cmp::Ordering, op: CompareOperator) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CompareOperator::Lt => o == Less,
        CompareOperator::Le => o != Greater,
        CompareOperator::Eq => o == Equal,
        CompareOperator::Ne => o != Equal,
        CompareOperator::Gt => o == Greater,
        CompareOperator::Ge => o != Less,
    }
}

#[inline]
pub fn cmp_f64(x: f64, y: f64, op: CompareOperator) -> bool {
    match op {
        CompareOperator::Lt => x < y,
        CompareOperator::Le => x <= y,
        CompareOperator::Eq => x == y,
        CompareOperator::Ne => x != y,
        CompareOperator::Gt => x > y,
        CompareOperator::Ge => x >= y,
    }
}

/// `__op__` names indexed by `BinaryOperator` (non-in-place part).
pub const DUNDERS: [&str; 13] = [
    "__add__", "__and__", "__floordiv__", "__lshift__", "__matmul__", "__mul__", "__mod__", "__or__", "__pow__", "__rshift__",
    "__sub__", "__truediv__", "__xor__",
];
pub const REFLECTED_DUNDERS: [&str; 13] = [
    "__radd__", "__rand__", "__rfloordiv__", "__rlshift__", "__rmatmul__", "__rmul__", "__rmod__", "__ror__", "__rpow__",
    "__rrshift__", "__rsub__", "__rtruediv__", "__rxor__",
];
pub const INPLACE_DUNDERS: [&str; 13] = [
    "__iadd__", "__iand__", "__ifloordiv__", "__ilshift__", "__imatmul__", "__imul__", "__imod__", "__ior__", "__ipow__",
    "__irshift__", "__isub__", "__itruediv__", "__ixor__",
];
