//! `asyncio.events.Handle` as a native type: what `call_soon` returns and
//! the loop runs. `_run` calls the callback inside the handle's context
//! with no Python frame, and [`call_soon`] (used by the native Future and
//! Task) appends a new handle to the loop's ready list directly when the
//! loop's `call_soon` is `BaseEventLoop.call_soon` itself. `TimerHandle`
//! stays a Python subclass.

use super::{helper, state};
use crate::contextvars_native::{copy_current, run_in_context};
use egret_vm::builtins::container_helpers::add_methods;
use egret_vm::builtins::object::add_getset;
use egret_vm::function::Args;
use egret_vm::types::{type_flags as tf, Layout};
use egret_vm::value::{Data, NativeData, PyRef, Value};
use egret_vm::vm::Vm;
use egret_vm::PyResult;
use std::cell::{Cell, RefCell};

/// A handle's payload.
pub struct HandleObj {
    callback: RefCell<Value>,
    args: RefCell<Value>,
    loop_: RefCell<Value>,
    context: RefCell<Value>,
    cancelled: Cell<bool>,
    repr: RefCell<Value>,
}

impl NativeData for HandleObj {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        for c in [&self.callback, &self.args, &self.loop_, &self.context, &self.repr] {
            if let Ok(v) = c.try_borrow() {
                visit(&v);
            }
        }
    }
    fn clear(&self) {
        for c in [&self.callback, &self.args, &self.loop_, &self.context, &self.repr] {
            if let Ok(mut v) = c.try_borrow_mut() {
                *v = Value::None;
            }
        }
    }
}

impl HandleObj {
    fn new() -> HandleObj {
        HandleObj {
            callback: RefCell::new(Value::None),
            args: RefCell::new(Value::None),
            loop_: RefCell::new(Value::None),
            context: RefCell::new(Value::None),
            cancelled: Cell::new(false),
            repr: RefCell::new(Value::None),
        }
    }
}

fn handle_of<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a HandleObj> {
    v.native::<HandleObj>().ok_or_else(|| {
        vm.type_error(format!("descriptor '{method}' for 'Handle' objects doesn't apply to a '{}' object", vm.type_name(v)))
    })
}

fn this<'a>(vm: &Vm, a: &Args<'a>, method: &str) -> PyResult<&'a Value> {
    a.pos().first().ok_or_else(|| vm.type_error(format!("unbound method {method}() needs an argument")))
}

/// `loop.call_soon(callback, [arg,] context=ctx)`; with the base loop's
/// `call_soon`, done here without calling into Python.
pub fn call_soon(vm: &mut Vm, loop_: &Value, callback: Value, arg: Option<Value>, ctx: Value) -> PyResult<()> {
    let st = state(vm);
    let base = st.helpers.borrow().loop_call_soon.clone();
    if let Some(base) = base {
        let ty = vm.type_of(loop_);
        if egret_vm::types::lookup(&ty, "call_soon").map_or(false, |m| m.is(&base)) {
            let closed = vm.getattr(loop_, &st.name_closed)?;
            if vm.truthy(&closed)? {
                return Err(vm.runtime_error("Event loop is closed"));
            }
            let args = vm.new_tuple(arg.into_iter().collect());
            let h = HandleObj::new();
            *h.callback.borrow_mut() = callback;
            *h.args.borrow_mut() = args;
            *h.loop_.borrow_mut() = loop_.clone();
            *h.context.borrow_mut() = ctx;
            let handle = vm.alloc(st.handle_type.clone(), Data::Native(Box::new(h)));
            let ready = vm.getattr(loop_, &st.name_ready)?;
            if let Some(list) = ready.as_list() {
                list.borrow_mut().push(handle);
            } else {
                vm.call_method(&ready, "append", &[handle])?;
            }
            return Ok(());
        }
    }
    let meth = vm.getattr_str(loop_, "call_soon")?;
    let kw = [vm.intern("context")];
    let mut args = Vec::with_capacity(3);
    args.push(callback);
    if let Some(a) = arg {
        args.push(a);
    }
    args.push(ctx);
    vm.call_kw(&meth, &args, &kw)?;
    Ok(())
}

fn handle_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos().first() else { return Err(vm.type_error("Handle.__new__(X): X is not a type object")) };
    if !matches!(cls.data, Data::Type(_)) {
        return Err(vm.type_error("Handle.__new__(X): X is not a type object"));
    }
    Ok(vm.alloc(cls.clone(), Data::Native(Box::new(HandleObj::new()))))
}

/// `Handle(callback, args, loop, context=None)`.
fn handle_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let hv = this(vm, &a, "__init__")?;
    let h = handle_of(vm, hv, "__init__")?;
    const NAMES: [&str; 4] = ["callback", "args", "loop", "context"];
    let mut vals: [Option<Value>; 4] = [None, None, None, None];
    let pos = &a.pos()[1..];
    if pos.len() > 4 {
        return Err(vm.type_error(format!("Handle.__init__() takes from 4 to 5 positional arguments but {} were given", pos.len() + 1)));
    }
    for (i, v) in pos.iter().enumerate() {
        vals[i] = Some(v.clone());
    }
    for (k, v) in a.kwargs() {
        match NAMES.iter().position(|n| *n == k) {
            Some(i) if vals[i].is_none() => vals[i] = Some(v.clone()),
            Some(_) => return Err(vm.type_error(format!("Handle.__init__() got multiple values for argument '{k}'"))),
            None => return Err(vm.type_error(format!("Handle.__init__() got an unexpected keyword argument '{k}'"))),
        }
    }
    let missing: Vec<&str> = NAMES[..3].iter().zip(vals.iter()).filter(|(_, v)| v.is_none()).map(|(n, _)| *n).collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|n| format!("'{n}'")).collect();
        let list = match names.len() {
            1 => names[0].clone(),
            2 => format!("{} and {}", names[0], names[1]),
            _ => format!("{}, {}, and {}", names[0], names[1], names[2]),
        };
        let s = if missing.len() == 1 { "" } else { "s" };
        return Err(vm.type_error(format!("Handle.__init__() missing {} required positional argument{s}: {list}", missing.len())));
    }
    let [cb, args, loop_, ctx] = vals;
    let ctx = match ctx {
        Some(c) if !c.is_none() => c,
        _ => copy_current(vm),
    };
    *h.context.borrow_mut() = ctx;
    *h.loop_.borrow_mut() = loop_.unwrap_or(Value::None);
    *h.callback.borrow_mut() = cb.unwrap_or(Value::None);
    *h.args.borrow_mut() = args.unwrap_or(Value::None);
    h.cancelled.set(false);
    *h.repr.borrow_mut() = Value::None;
    Ok(Value::None)
}

fn callback_source(vm: &mut Vm, h: &HandleObj) -> PyResult<Value> {
    let f = helper(vm, |h| h.format_callback_source.clone(), "format_callback_source")?;
    let (cb, args) = (h.callback.borrow().clone(), h.args.borrow().clone());
    vm.call(&f, &[cb, args])
}

fn m_run(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let hv = this(vm, &a, "_run")?;
    let h = handle_of(vm, hv, "_run")?;
    let (ctx, cb, args) = (h.context.borrow().clone(), h.callback.borrow().clone(), h.args.borrow().clone());
    let r = match args.as_tuple() {
        Some(items) => run_in_context(vm, &ctx, &cb, items, &[]),
        None => match vm.collect(&args) {
            Ok(items) => run_in_context(vm, &ctx, &cb, &items, &[]),
            Err(_) => {
                let msg = format!("Value after * must be an iterable, not {}", vm.type_name(&args));
                Err(vm.type_error(msg))
            }
        },
    };
    let Err(e) = r else { return Ok(Value::None) };
    if vm.is_instance(&e.0, &vm.e.keyboard_interrupt.clone()) || vm.is_instance(&e.0, &vm.e.system_exit.clone()) {
        return Err(e);
    }
    let src = callback_source(vm, h)?;
    let src = vm.str_string(&src)?;
    let msg = vm.new_str(format!("Exception in callback {src}"));
    let d = vm.new_dict();
    vm.dict_set_str(&d, "message", msg);
    vm.dict_set_str(&d, "exception", e.0);
    vm.dict_set_str(&d, "handle", hv.clone());
    let loop_ = h.loop_.borrow().clone();
    vm.call_method(&loop_, "call_exception_handler", &[d])?;
    Ok(Value::None)
}

fn m_cancel(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let h = handle_of(vm, this(vm, &a, "cancel")?, "cancel")?;
    if !h.cancelled.get() {
        h.cancelled.set(true);
        *h.callback.borrow_mut() = Value::None;
        *h.args.borrow_mut() = Value::None;
    }
    Ok(Value::None)
}

fn m_cancelled(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let h = handle_of(vm, this(vm, &a, "cancelled")?, "cancelled")?;
    Ok(Value::bool(h.cancelled.get()))
}

fn m_get_context(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let h = handle_of(vm, this(vm, &a, "get_context")?, "get_context")?;
    Ok(h.context.borrow().clone())
}

fn m_repr_info(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let hv = this(vm, &a, "_repr_info")?;
    let h = handle_of(vm, hv, "_repr_info")?;
    let mut info = vec![vm.new_str(vm.type_name(hv).to_string())];
    if h.cancelled.get() {
        info.push(vm.new_str("cancelled"));
    }
    if !h.callback.borrow().is_none() {
        info.push(callback_source(vm, h)?);
    }
    Ok(vm.new_list(info))
}

fn m_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let hv = this(vm, &a, "__repr__")?;
    let h = handle_of(vm, hv, "__repr__")?;
    let cached = h.repr.borrow().clone();
    if !cached.is_none() {
        return Ok(cached);
    }
    let info = vm.call_method(hv, "_repr_info", &[])?;
    let items = vm.collect(&info)?;
    let mut parts = Vec::with_capacity(items.len());
    for i in &items {
        parts.push(vm.str_string(i)?);
    }
    Ok(vm.new_str(format!("<{}>", parts.join(" "))))
}

fn getter(vm: &mut Vm, v: &Value, name: &str, pick: fn(&HandleObj) -> &RefCell<Value>) -> PyResult<Value> {
    Ok(pick(handle_of(vm, v, name)?).borrow().clone())
}

fn setter(vm: &mut Vm, v: &Value, new: Option<Value>, name: &str, pick: fn(&HandleObj) -> &RefCell<Value>) -> PyResult<()> {
    let h = handle_of(vm, v, name)?;
    *pick(h).borrow_mut() = new.unwrap_or(Value::None);
    Ok(())
}

fn g_cancelled(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::bool(handle_of(vm, v, "_cancelled")?.cancelled.get()))
}

fn s_cancelled(vm: &mut Vm, v: &Value, new: Option<Value>) -> PyResult<()> {
    let h = handle_of(vm, v, "_cancelled")?;
    let b = match new {
        Some(n) => vm.truthy(&n)?,
        None => false,
    };
    h.cancelled.set(b);
    Ok(())
}

fn g_source_traceback(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    handle_of(vm, v, "_source_traceback")?;
    Ok(Value::None)
}

pub fn make_handle_type(vm: &mut Vm) -> PyRef {
    let t = vm.new_builtin_type("Handle", None, Layout::Native, tf::BASETYPE | tf::WEAKREFABLE);
    let m = vm.new_str("asyncio.events");
    vm.set_type_attr(&t, "__module__", m);
    let doc = vm.new_str("Object returned by callback registration methods.");
    vm.set_type_attr(&t, "__doc__", doc);
    vm.add_staticmethod(&t, "__new__", handle_new);
    add_methods(
        vm,
        &t,
        &[
            ("__init__", handle_init),
            ("_run", m_run),
            ("cancel", m_cancel),
            ("cancelled", m_cancelled),
            ("get_context", m_get_context),
            ("_repr_info", m_repr_info),
            ("__repr__", m_repr),
        ],
    );
    add_getset(vm, &t, "_callback", |vm, v| getter(vm, v, "_callback", |h| &h.callback), Some(|vm, v, n| setter(vm, v, n, "_callback", |h| &h.callback)));
    add_getset(vm, &t, "_args", |vm, v| getter(vm, v, "_args", |h| &h.args), Some(|vm, v, n| setter(vm, v, n, "_args", |h| &h.args)));
    add_getset(vm, &t, "_loop", |vm, v| getter(vm, v, "_loop", |h| &h.loop_), Some(|vm, v, n| setter(vm, v, n, "_loop", |h| &h.loop_)));
    add_getset(vm, &t, "_context", |vm, v| getter(vm, v, "_context", |h| &h.context), Some(|vm, v, n| setter(vm, v, n, "_context", |h| &h.context)));
    add_getset(vm, &t, "_repr", |vm, v| getter(vm, v, "_repr", |h| &h.repr), Some(|vm, v, n| setter(vm, v, n, "_repr", |h| &h.repr)));
    add_getset(vm, &t, "_cancelled", g_cancelled, Some(s_cancelled));
    add_getset(vm, &t, "_source_traceback", g_source_traceback, None);
    t
}
