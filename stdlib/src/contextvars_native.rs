//! The `_contextvars` native module (PEP 567): `Context`, `ContextVar`,
//! `Token` and `copy_context`, which `lib/contextvars.py` re-exports.
//!
//! A context's mapping is a Python dict that is never mutated once shared:
//! `ContextVar.set`/`reset` give the current context a new dict (copy on
//! write), so `copy_context()` only shares the dict and is O(1). The
//! current context lives in a thread-local (created empty on first use).
//! `Context.run` calls the callable directly, with no Python frame of its
//! own, and [`run_in_context`] is the same entry for native callers
//! (`_asyncio` runs every callback and task step through it).

use egret_vm::builtins::container_helpers::add_methods;
use egret_vm::builtins::object::add_getset;
use egret_vm::function::Args;
use egret_vm::types::Layout;
use egret_vm::value::{Data, NativeData, PyRef, Value};
use egret_vm::vm::Vm;
use egret_vm::{PyErr, PyResult};
use std::cell::{Cell, RefCell};

/// A `Context` object's payload.
pub struct ContextData {
    /// The mapping (a dict shared with copies; replaced, never mutated).
    vars: RefCell<Value>,
    /// The context that was current before this one was entered.
    prev: RefCell<Option<Value>>,
    entered: Cell<bool>,
}

impl NativeData for ContextData {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(v) = self.vars.try_borrow() {
            visit(&v);
        }
        if let Ok(p) = self.prev.try_borrow() {
            if let Some(p) = p.as_ref() {
                visit(p);
            }
        }
    }
    fn clear(&self) {
        if let Ok(mut v) = self.vars.try_borrow_mut() {
            *v = Value::None;
        }
        if let Ok(mut p) = self.prev.try_borrow_mut() {
            *p = None;
        }
    }
}

/// A `ContextVar` object's payload.
pub struct VarData {
    name: Value,
    default: Option<Value>,
}

impl NativeData for VarData {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A `Token` object's payload.
pub struct TokenData {
    ctx: Value,
    var: Value,
    /// The value before the `set()`; None when the variable had none.
    old: Option<Value>,
    used: Cell<bool>,
}

impl NativeData for TokenData {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.ctx);
        visit(&self.var);
        if let Some(o) = &self.old {
            visit(o);
        }
    }
}

struct Types {
    /// The VM these types belong to (its `type` object's address).
    owner: *const egret_vm::value::Object,
    context: PyRef,
    var: PyRef,
    token: PyRef,
    missing: Value,
}

thread_local! {
    static TYPES: RefCell<Option<std::rc::Rc<Types>>> = const { RefCell::new(None) };
    /// The current context (None until first needed).
    static CURRENT: RefCell<Option<Value>> = const { RefCell::new(None) };
}

fn types(vm: &mut Vm) -> std::rc::Rc<Types> {
    let owner = std::rc::Rc::as_ptr(&vm.type_type);
    if let Some(t) = TYPES.with(|t| t.borrow().clone()) {
        if t.owner == owner {
            return t;
        }
        CURRENT.with(|c| *c.borrow_mut() = None);
    }
    init_types(vm);
    TYPES.with(|t| t.borrow().clone()).expect("contextvars types are initialised")
}

fn new_context(vm: &mut Vm, vars: Value) -> Value {
    let ty = types(vm).context.clone();
    vm.alloc(ty, Data::Native(Box::new(ContextData { vars: RefCell::new(vars), prev: RefCell::new(None), entered: Cell::new(false) })))
}

/// The current context (made, empty, the first time it is needed).
pub fn current_context(vm: &mut Vm) -> Value {
    if let Some(c) = CURRENT.with(|c| c.borrow().clone()) {
        return c;
    }
    let d = vm.new_dict();
    let c = new_context(vm, d);
    CURRENT.with(|cur| *cur.borrow_mut() = Some(c.clone()));
    c
}

/// `copy_context()`: a new context sharing the current one's mapping.
pub fn copy_current(vm: &mut Vm) -> Value {
    let cur = current_context(vm);
    let vars = cur.native::<ContextData>().map(|d| d.vars.borrow().clone()).unwrap_or(Value::None);
    new_context(vm, vars)
}

/// Whether `v` is a `Context`.
pub fn is_context(v: &Value) -> bool {
    v.native::<ContextData>().is_some()
}

/// Makes `ctx` the current context (the first half of `Context.run`).
pub fn enter_context(vm: &mut Vm, ctx: &Value) -> PyResult<()> {
    let Some(data) = ctx.native::<ContextData>() else {
        return Err(vm.type_error(format!("a Context was expected, got {}", vm.type_name(ctx))));
    };
    if data.entered.get() {
        let r = vm.repr_string(ctx)?;
        return Err(vm.runtime_error(format!("cannot enter context: {r} is already entered")));
    }
    data.entered.set(true);
    let prev = CURRENT.with(|c| c.replace(Some(ctx.clone())));
    *data.prev.borrow_mut() = prev;
    Ok(())
}

/// Restores the context that was current before [`enter_context`].
pub fn exit_context(ctx: &Value) {
    if let Some(data) = ctx.native::<ContextData>() {
        let prev = data.prev.borrow_mut().take();
        CURRENT.with(|c| *c.borrow_mut() = prev);
        data.entered.set(false);
    }
}

/// Calls `f(*args, **kw)` (the last `kwnames.len()` of `args` are keyword
/// values) with `ctx` as the current context, as `Context.run` does.
pub fn run_in_context(vm: &mut Vm, ctx: &Value, f: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    enter_context(vm, ctx)?;
    let result = vm.call_kw(f, args, kwnames);
    exit_context(ctx);
    result
}

fn ctx_of<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a ContextData> {
    v.native::<ContextData>().ok_or_else(|| {
        vm.type_error(format!("descriptor '{method}' for '_contextvars.Context' objects doesn't apply to a '{}' object", vm.type_name(v)))
    })
}

fn var_of<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a VarData> {
    v.native::<VarData>().ok_or_else(|| {
        vm.type_error(format!("descriptor '{method}' for '_contextvars.ContextVar' objects doesn't apply to a '{}' object", vm.type_name(v)))
    })
}

/// The receiver of a method call (an error when there is none).
fn this<'a>(vm: &Vm, a: &Args<'a>, method: &str) -> PyResult<&'a Value> {
    a.pos().first().ok_or_else(|| vm.type_error(format!("unbound method {method}() needs an argument")))
}

fn no_args(vm: &Vm, a: &Args, name: &str) -> PyResult<()> {
    let n = a.args.len().saturating_sub(1);
    if n != 0 {
        return Err(vm.type_error(format!("{name}() takes no arguments ({n} given)")));
    }
    Ok(())
}

// ----- Context ---------------------------------------------------------------

fn context_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if a.args.len() > 1 {
        return Err(vm.type_error("Context() does not accept any arguments"));
    }
    let d = vm.new_dict();
    Ok(new_context(vm, d))
}

fn context_run(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let ctx = this(vm, &a, "run")?;
    ctx_of(vm, ctx, "run")?;
    if pos.len() < 2 {
        return Err(vm.type_error("run() missing 1 required positional argument"));
    }
    run_in_context(vm, ctx, &pos[1], &a.args[2..], a.kwnames)
}

fn context_copy(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = ctx_of(vm, this(vm, &a, "copy")?, "copy")?;
    no_args(vm, &a, "Context.copy")?;
    let vars = d.vars.borrow().clone();
    Ok(new_context(vm, vars))
}

fn key_check(vm: &mut Vm, key: &Value) -> PyResult<()> {
    if key.native::<VarData>().is_none() {
        let r = vm.repr_string(key)?;
        return Err(vm.type_error(format!("a ContextVar key was expected, got {r}")));
    }
    Ok(())
}

fn context_getitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = a.pos();
    let vars = ctx_of(vm, this(vm, &a, "__getitem__")?, "__getitem__")?.vars.borrow().clone();
    let key = p.get(1).cloned().unwrap_or(Value::None);
    key_check(vm, &key)?;
    match vm.dict_get(&vars, &key)? {
        Some(v) => Ok(v),
        None => Err(vm.key_error(key)),
    }
}

fn context_contains(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = a.pos();
    let vars = ctx_of(vm, this(vm, &a, "__contains__")?, "__contains__")?.vars.borrow().clone();
    let key = p.get(1).cloned().unwrap_or(Value::None);
    key_check(vm, &key)?;
    Ok(Value::bool(vm.dict_get(&vars, &key)?.is_some()))
}

fn context_get(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = a.pos();
    let vars = ctx_of(vm, this(vm, &a, "get")?, "get")?.vars.borrow().clone();
    if p.len() < 2 || p.len() > 3 {
        return Err(vm.type_error(format!("get expected at least 1 argument, got {}", p.len() - 1)));
    }
    key_check(vm, &p[1])?;
    Ok(vm.dict_get(&vars, &p[1])?.unwrap_or_else(|| p.get(2).cloned().unwrap_or(Value::None)))
}

fn context_len(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let vars = ctx_of(vm, this(vm, &a, "__len__")?, "__len__")?.vars.borrow().clone();
    Ok(Value::Int(vm.len(&vars)? as i64))
}

fn context_iter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let vars = ctx_of(vm, this(vm, &a, "__iter__")?, "__iter__")?.vars.borrow().clone();
    vm.iter(&vars)
}

fn context_view(vm: &mut Vm, a: &Args, which: &'static str) -> PyResult<Value> {
    let vars = ctx_of(vm, this(vm, a, which)?, which)?.vars.borrow().clone();
    no_args(vm, a, &format!("Context.{which}"))?;
    vm.call_method(&vars, which, &[])
}

fn context_keys(vm: &mut Vm, a: Args) -> PyResult<Value> {
    context_view(vm, &a, "keys")
}

fn context_values(vm: &mut Vm, a: Args) -> PyResult<Value> {
    context_view(vm, &a, "values")
}

fn context_items(vm: &mut Vm, a: Args) -> PyResult<Value> {
    context_view(vm, &a, "items")
}

fn context_eq(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = a.pos();
    let mine = ctx_of(vm, this(vm, &a, "__eq__")?, "__eq__")?.vars.borrow().clone();
    let Some(other) = p.get(1).and_then(|o| o.native::<ContextData>()) else { return Ok(vm.not_implemented.clone()) };
    let theirs = other.vars.borrow().clone();
    Ok(Value::bool(vm.eq(&mine, &theirs)?))
}

fn context_ne(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let r = context_eq(vm, a)?;
    Ok(match r {
        Value::Bool(b) => Value::bool(!b.get()),
        other => other,
    })
}

fn context_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let id = this(vm, &a, "__repr__")?.id();
    Ok(vm.new_str(format!("<_contextvars.Context object at {id:#x}>")))
}

// ----- ContextVar ------------------------------------------------------------

fn var_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos().get(1..).unwrap_or(&[]);
    let total = a.args.len().saturating_sub(1);
    if total > 2 {
        return Err(vm.type_error(format!("ContextVar() takes at most 2 arguments ({total} given)")));
    }
    if pos.len() != 1 {
        if pos.is_empty() {
            return Err(vm.type_error("ContextVar() takes exactly 1 positional argument (0 given)"));
        }
        return Err(vm.type_error(format!("ContextVar() takes at most 1 positional argument ({} given)", pos.len())));
    }
    let mut default = None;
    for (k, v) in a.kwargs() {
        if k != "default" {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for ContextVar()")));
        }
        default = Some(v.clone());
    }
    let name = pos[0].clone();
    if name.as_pystr().is_none() {
        return Err(vm.type_error("context variable name must be a str"));
    }
    let ty = types(vm).var.clone();
    Ok(vm.alloc(ty, Data::Native(Box::new(VarData { name, default }))))
}

fn current_vars(vm: &mut Vm) -> Value {
    let cur = current_context(vm);
    let v = cur.native::<ContextData>().map(|d| d.vars.borrow().clone()).unwrap_or(Value::None);
    v
}

fn var_get(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = a.pos();
    let var = this(vm, &a, "get")?;
    let data = var_of(vm, var, "get")?;
    if p.len() > 2 || a.has_kwargs() {
        return Err(vm.type_error(format!("get expected at most 1 argument, got {}", a.args.len() - 1)));
    }
    let vars = current_vars(vm);
    if let Some(v) = vm.dict_get(&vars, var)? {
        return Ok(v);
    }
    if let Some(d) = p.get(1) {
        return Ok(d.clone());
    }
    if let Some(d) = &data.default {
        return Ok(d.clone());
    }
    Err(egret_vm::PyErr(vm.new_exception(vm.e.lookup_error.clone(), vec![var.clone()])))
}

/// Replaces the current context's mapping with a copy changed by `edit`.
fn rewrite_current(vm: &mut Vm, edit: impl FnOnce(&mut Vm, &Value) -> PyResult<()>) -> PyResult<Value> {
    let cur = current_context(vm);
    let old = current_vars(vm);
    let dict_type = Value::Obj(vm.t.dict.clone());
    let new = vm.call(&dict_type, &[old])?;
    edit(vm, &new)?;
    if let Some(d) = cur.native::<ContextData>() {
        *d.vars.borrow_mut() = new;
    }
    Ok(cur)
}

fn var_set(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = a.pos();
    let var = this(vm, &a, "set")?.clone();
    var_of(vm, &var, "set")?;
    if p.len() != 2 || a.has_kwargs() {
        return Err(vm.type_error(format!("ContextVar.set() takes exactly one argument ({} given)", a.args.len() - 1)));
    }
    let vars = current_vars(vm);
    let old = vm.dict_get(&vars, &var)?;
    let value = p[1].clone();
    let key = var.clone();
    let ctx = rewrite_current(vm, move |vm, d| vm.dict_set(d, key, value))?;
    let ty = types(vm).token.clone();
    Ok(vm.alloc(ty, Data::Native(Box::new(TokenData { ctx, var, old, used: Cell::new(false) }))))
}

fn var_reset(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = a.pos();
    let var = this(vm, &a, "reset")?.clone();
    var_of(vm, &var, "reset")?;
    if p.len() != 2 || a.has_kwargs() {
        return Err(vm.type_error(format!("ContextVar.reset() takes exactly one argument ({} given)", a.args.len() - 1)));
    }
    let token = &p[1];
    let Some(t) = token.native::<TokenData>() else {
        let r = vm.repr_string(token)?;
        return Err(vm.type_error(format!("expected an instance of Token, got {r}")));
    };
    if t.used.get() {
        let r = vm.repr_string(token)?;
        return Err(vm.runtime_error(format!("{r} has already been used once")));
    }
    if !t.var.is(&var) {
        let r = vm.repr_string(token)?;
        return Err(vm.value_error(format!("{r} was created by a different ContextVar")));
    }
    let cur = current_context(vm);
    if !t.ctx.is(&cur) {
        let r = vm.repr_string(token)?;
        return Err(vm.value_error(format!("{r} was created in a different Context")));
    }
    let old = t.old.clone();
    rewrite_current(vm, move |vm, d| {
        match old {
            Some(o) => vm.dict_set(d, var, o)?,
            None => {
                vm.dict_del(d, &var)?;
            }
        }
        Ok(())
    })?;
    t.used.set(true);
    Ok(Value::None)
}

fn var_name(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(var_of(vm, v, "name")?.name.clone())
}

fn readonly(vm: &mut Vm, _v: &Value, _new: Option<Value>) -> PyResult<()> {
    Err(PyErr(vm.new_exception(vm.e.attribute_error.clone(), vec![vm.new_str("readonly attribute")])))
}

fn token_var_readonly(vm: &mut Vm, _v: &Value, _new: Option<Value>) -> PyResult<()> {
    Err(PyErr(vm.new_exception(vm.e.attribute_error.clone(), vec![vm.new_str("attribute 'var' of '_contextvars.Token' objects is not writable")])))
}

fn token_old_readonly(vm: &mut Vm, _v: &Value, _new: Option<Value>) -> PyResult<()> {
    Err(PyErr(vm.new_exception(vm.e.attribute_error.clone(), vec![vm.new_str("attribute 'old_value' of '_contextvars.Token' objects is not writable")])))
}

fn var_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = this(vm, &a, "__repr__")?;
    let d = var_of(vm, v, "__repr__")?;
    let (name, default) = (d.name.clone(), d.default.clone());
    let mut s = format!("<ContextVar name={}", vm.repr_string(&name)?);
    if let Some(def) = default {
        s.push_str(&format!(" default={}", vm.repr_string(&def)?));
    }
    s.push_str(&format!(" at {:#x}>", v.id()));
    Ok(vm.new_str(s))
}

// ----- Token -----------------------------------------------------------------

fn token_new(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Err(vm.runtime_error("Tokens can only be created by ContextVars"))
}

fn token_of<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a TokenData> {
    v.native::<TokenData>().ok_or_else(|| vm.type_error(format!("expected a Token, got '{}'", vm.type_name(v))))
}

fn token_var(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(token_of(vm, v)?.var.clone())
}

fn token_old_value(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let old = token_of(vm, v)?.old.clone();
    Ok(match old {
        Some(o) => o,
        None => types(vm).missing.clone(),
    })
}

fn token_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = this(vm, &a, "__repr__")?;
    let t = token_of(vm, v)?;
    let used = if t.used.get() { " used" } else { "" };
    let var = t.var.clone();
    let r = vm.repr_string(&var)?;
    Ok(vm.new_str(format!("<Token{used} var={r} at {:#x}>", v.id())))
}

fn missing_repr(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(vm.new_str("<Token.MISSING>"))
}

// ----- module ----------------------------------------------------------------

fn copy_context(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.args.is_empty() {
        return Err(vm.type_error(format!("copy_context() takes no arguments ({} given)", a.args.len())));
    }
    Ok(copy_current(vm))
}

fn set_module(vm: &mut Vm, ty: &PyRef) {
    let m = vm.new_str("_contextvars");
    vm.set_type_attr(ty, "__module__", m);
}

fn init_types(vm: &mut Vm) {
    use egret_vm::builtins::container_helpers::class_getitem;
    let context = vm.new_builtin_type("Context", None, Layout::Native, 0);
    set_module(vm, &context);
    vm.add_staticmethod(&context, "__new__", context_new);
    add_methods(
        vm,
        &context,
        &[
            ("run", context_run),
            ("copy", context_copy),
            ("__getitem__", context_getitem),
            ("__contains__", context_contains),
            ("__len__", context_len),
            ("__iter__", context_iter),
            ("get", context_get),
            ("keys", context_keys),
            ("values", context_values),
            ("items", context_items),
            ("__eq__", context_eq),
            ("__ne__", context_ne),
            ("__repr__", context_repr),
        ],
    );
    vm.set_type_attr(&context, "__hash__", Value::None);

    let var = vm.new_builtin_type("ContextVar", None, Layout::Native, 0);
    set_module(vm, &var);
    vm.add_staticmethod(&var, "__new__", var_new);
    add_methods(vm, &var, &[("get", var_get), ("set", var_set), ("reset", var_reset), ("__repr__", var_repr)]);
    vm.add_classmethod(&var, "__class_getitem__", class_getitem);
    add_getset(vm, &var, "name", var_name, Some(readonly));

    let token = vm.new_builtin_type("Token", None, Layout::Native, 0);
    set_module(vm, &token);
    vm.add_staticmethod(&token, "__new__", token_new);
    add_methods(vm, &token, &[("__repr__", token_repr)]);
    vm.add_classmethod(&token, "__class_getitem__", class_getitem);
    add_getset(vm, &token, "var", token_var, Some(token_var_readonly));
    add_getset(vm, &token, "old_value", token_old_value, Some(token_old_readonly));

    let missing_ty = vm.new_builtin_type("MISSING", None, Layout::Object, 0);
    let m = vm.new_str("Token");
    vm.set_type_attr(&missing_ty, "__module__", m);
    add_methods(vm, &missing_ty, &[("__repr__", missing_repr)]);
    let missing = vm.alloc(missing_ty, Data::Empty);
    vm.set_type_attr(&token, "MISSING", missing.clone());

    vm.extra_types.insert("_contextvars.Context", context.clone());
    vm.extra_types.insert("_contextvars.ContextVar", var.clone());
    vm.extra_types.insert("_contextvars.Token", token.clone());
    TYPES.with(|t| *t.borrow_mut() = Some(std::rc::Rc::new(Types { owner: std::rc::Rc::as_ptr(&vm.type_type), context, var, token, missing })));
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let t = types(vm);
    let m = vm.new_module("_contextvars");
    vm.add_module_function(&m, "copy_context", copy_context);
    let d = vm.module_dict(&m).expect("module dict");
    vm.dict_set_str(&d, "Context", Value::Obj(t.context.clone()));
    vm.dict_set_str(&d, "ContextVar", Value::Obj(t.var.clone()));
    vm.dict_set_str(&d, "Token", Value::Obj(t.token.clone()));
    Ok(m)
}
