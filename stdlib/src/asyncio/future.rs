//! `_asyncio.Future` (CPython 3.12's semantics) and its `__await__`
//! iterator. A future's state, result, exception and callbacks are Rust
//! fields; the attributes Python code reads (`_state`, `_callbacks`,
//! `_asyncio_future_blocking`, ...) are getsets over them. A `Task` is a
//! future whose payload also carries [`TaskFields`].

use super::{helper, invalid_state, is_cancelled_error, py_exception, state};
use egret_vm::builtins::container_helpers::{add_methods, class_getitem};
use egret_vm::builtins::object::add_getset;
use egret_vm::function::Args;
use egret_vm::types::{type_flags as tf, Layout};
use egret_vm::value::{Data, NativeData, PyRef, Value};
use egret_vm::vm::Vm;
use egret_vm::{PyErr, PyResult};
use std::cell::{Cell, RefCell};

pub const PENDING: u8 = 0;
pub const CANCELLED: u8 = 1;
pub const FINISHED: u8 = 2;

/// The task-only part of a future's payload.
pub struct TaskFields {
    pub coro: RefCell<Value>,
    pub context: RefCell<Value>,
    pub name: RefCell<Value>,
    pub must_cancel: Cell<bool>,
    pub fut_waiter: RefCell<Value>,
    pub num_cancels: Cell<i64>,
    pub log_destroy_pending: Cell<bool>,
}

/// The payload of `Future` and `Task` objects (and of their subclasses).
pub struct FutObj {
    pub loop_: RefCell<Value>,
    pub state: Cell<u8>,
    pub result: RefCell<Value>,
    /// The exception set by `set_exception` (None: no exception).
    pub exception: RefCell<Value>,
    pub exception_tb: RefCell<Value>,
    pub callbacks: RefCell<Vec<(Value, Value)>>,
    pub cancel_message: RefCell<Value>,
    pub cancelled_exc: RefCell<Value>,
    pub blocking: Cell<bool>,
    pub log_tb: Cell<bool>,
    pub task: Option<TaskFields>,
}

impl NativeData for FutObj {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        let cells = [&self.loop_, &self.result, &self.exception, &self.exception_tb, &self.cancel_message, &self.cancelled_exc];
        for c in cells {
            if let Ok(v) = c.try_borrow() {
                visit(&v);
            }
        }
        if let Ok(cbs) = self.callbacks.try_borrow() {
            for (f, c) in cbs.iter() {
                visit(f);
                visit(c);
            }
        }
        if let Some(t) = &self.task {
            for c in [&t.coro, &t.context, &t.name, &t.fut_waiter] {
                if let Ok(v) = c.try_borrow() {
                    visit(&v);
                }
            }
        }
    }
    fn clear(&self) {
        let cells = [&self.loop_, &self.result, &self.exception, &self.exception_tb, &self.cancel_message, &self.cancelled_exc];
        for c in cells {
            if let Ok(mut v) = c.try_borrow_mut() {
                *v = Value::None;
            }
        }
        if let Ok(mut cbs) = self.callbacks.try_borrow_mut() {
            cbs.clear();
        }
        if let Some(t) = &self.task {
            for c in [&t.coro, &t.context, &t.name, &t.fut_waiter] {
                if let Ok(mut v) = c.try_borrow_mut() {
                    *v = Value::None;
                }
            }
        }
    }
}

impl FutObj {
    pub fn new(is_task: bool) -> FutObj {
        FutObj {
            loop_: RefCell::new(Value::None),
            state: Cell::new(PENDING),
            result: RefCell::new(Value::None),
            exception: RefCell::new(Value::None),
            exception_tb: RefCell::new(Value::None),
            callbacks: RefCell::new(Vec::new()),
            cancel_message: RefCell::new(Value::None),
            cancelled_exc: RefCell::new(Value::None),
            blocking: Cell::new(false),
            log_tb: Cell::new(false),
            task: is_task.then(|| TaskFields {
                coro: RefCell::new(Value::None),
                context: RefCell::new(Value::None),
                name: RefCell::new(Value::None),
                must_cancel: Cell::new(false),
                fut_waiter: RefCell::new(Value::None),
                num_cancels: Cell::new(0),
                log_destroy_pending: Cell::new(true),
            }),
        }
    }
    pub fn done(&self) -> bool {
        self.state.get() != PENDING
    }
}

/// The future payload of `v`, or a TypeError naming `method`.
pub fn fut_of<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<&'a FutObj> {
    v.native::<FutObj>().ok_or_else(|| {
        vm.type_error(format!("descriptor '{method}' for '_asyncio.Future' objects doesn't apply to a '{}' object", vm.type_name(v)))
    })
}

/// CPython's ENSURE_FUTURE_ALIVE: a future whose `__init__` never ran
/// (no loop) refuses most operations.
fn ensure_alive(vm: &Vm, f: &FutObj) -> PyResult<()> {
    if f.loop_.borrow().is_none() {
        return Err(vm.runtime_error("Future object is not initialized."));
    }
    Ok(())
}

fn this<'a>(vm: &Vm, a: &Args<'a>, method: &str) -> PyResult<&'a Value> {
    a.pos().first().ok_or_else(|| vm.type_error(format!("unbound method {method}() needs an argument")))
}

pub use super::handle::call_soon;

/// Hands every registered callback to the loop (`__schedule_callbacks`);
/// called once, when the future becomes done.
pub fn schedule_callbacks(vm: &mut Vm, fv: &Value, f: &FutObj) -> PyResult<()> {
    if f.task.is_some() {
        super::unregister_task_value(fv);
    }
    let callbacks = std::mem::take(&mut *f.callbacks.borrow_mut());
    if callbacks.is_empty() {
        return Ok(());
    }
    let loop_ = f.loop_.borrow().clone();
    for (cb, ctx) in callbacks {
        call_soon(vm, &loop_, cb, Some(fv.clone()), ctx)?;
    }
    Ok(())
}

pub fn set_result(vm: &mut Vm, fv: &Value, result: Value) -> PyResult<()> {
    let f = fut_of(vm, fv, "set_result")?;
    ensure_alive(vm, f)?;
    if f.state.get() != PENDING {
        return Err(invalid_state(vm, "invalid state"));
    }
    *f.result.borrow_mut() = result;
    f.state.set(FINISHED);
    schedule_callbacks(vm, fv, f)
}

pub fn set_exception(vm: &mut Vm, fv: &Value, exception: Value) -> PyResult<()> {
    let f = fut_of(vm, fv, "set_exception")?;
    ensure_alive(vm, f)?;
    if f.state.get() != PENDING {
        return Err(invalid_state(vm, "invalid state"));
    }
    let mut exc = exception;
    if matches!(&exc, Value::Obj(o) if matches!(o.data, Data::Type(_))) {
        exc = vm.call(&exc, &[])?;
    }
    let base = vm.e.base_exception.clone();
    if !vm.is_instance(&exc, &base) {
        return Err(vm.type_error("invalid exception object"));
    }
    let stop = vm.e.stop_iteration.clone();
    if vm.is_instance(&exc, &stop) {
        return Err(vm.type_error("StopIteration interacts badly with generators and cannot be raised into a Future"));
    }
    let tb = vm.exception_data(&exc).map(|d| d.borrow().traceback.clone()).unwrap_or(Value::None);
    *f.exception.borrow_mut() = exc;
    *f.exception_tb.borrow_mut() = tb;
    f.state.set(FINISHED);
    schedule_callbacks(vm, fv, f)?;
    f.log_tb.set(true);
    Ok(())
}

/// `Future.cancel(msg)` itself (not a subclass's override).
pub fn cancel(vm: &mut Vm, fv: &Value, msg: Value) -> PyResult<bool> {
    let f = fut_of(vm, fv, "cancel")?;
    ensure_alive(vm, f)?;
    f.log_tb.set(false);
    if f.state.get() != PENDING {
        return Ok(false);
    }
    f.state.set(CANCELLED);
    *f.cancel_message.borrow_mut() = msg;
    schedule_callbacks(vm, fv, f)?;
    Ok(true)
}

pub fn make_cancelled_error(vm: &mut Vm, f: &FutObj) -> PyResult<Value> {
    let stored = std::mem::replace(&mut *f.cancelled_exc.borrow_mut(), Value::None);
    if !stored.is_none() {
        return Ok(stored);
    }
    let msg = f.cancel_message.borrow().clone();
    let cls = state(vm).helpers.borrow().cancelled_error.clone();
    let args: Vec<Value> = if msg.is_none() { vec![] } else { vec![msg] };
    Ok(py_exception(vm, cls, &args).0)
}

/// `Future.result()`.
pub fn result(vm: &mut Vm, fv: &Value) -> PyResult<Value> {
    let f = fut_of(vm, fv, "result")?;
    if f.loop_.borrow().is_none() {
        return Err(invalid_state(vm, "Future object is not initialized."));
    }
    match f.state.get() {
        CANCELLED => Err(PyErr(make_cancelled_error(vm, f)?)),
        PENDING => Err(invalid_state(vm, "Result is not set.")),
        _ => {
            f.log_tb.set(false);
            let exc = f.exception.borrow().clone();
            if !exc.is_none() {
                // As CPython: the saved traceback is restored once, then dropped.
                let tb = std::mem::replace(&mut *f.exception_tb.borrow_mut(), Value::None);
                if let Some(d) = vm.exception_data(&exc) {
                    d.borrow_mut().traceback = tb;
                }
                return Err(PyErr(exc));
            }
            Ok(f.result.borrow().clone())
        }
    }
}

/// Registers `(callback, ctx)` (or schedules it at once when done).
pub fn add_done_callback(vm: &mut Vm, fv: &Value, callback: Value, ctx: Value) -> PyResult<()> {
    let f = fut_of(vm, fv, "add_done_callback")?;
    if f.state.get() != PENDING {
        let loop_ = f.loop_.borrow().clone();
        call_soon(vm, &loop_, callback, Some(fv.clone()), ctx)
    } else {
        f.callbacks.borrow_mut().push((callback, ctx));
        Ok(())
    }
}

/// The loop of a future object of any kind (`futures._get_loop`).
pub fn get_loop_of(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Some(f) = v.native::<FutObj>() {
        let st = state(vm);
        let ty = vm.type_of(v);
        if std::rc::Rc::ptr_eq(&ty, &st.future_type) || std::rc::Rc::ptr_eq(&ty, &st.task_type) {
            return Ok(f.loop_.borrow().clone());
        }
    }
    match vm.getattr_opt(v, "get_loop")? {
        Some(m) => vm.call(&m, &[]),
        None => vm.getattr_str(v, "_loop"),
    }
}

// ----- methods ---------------------------------------------------------------

fn future_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = a.pos().first() else { return Err(vm.type_error("Future.__new__(X): X is not a type object")) };
    if !matches!(cls.data, Data::Type(_)) {
        return Err(vm.type_error("Future.__new__(X): X is not a type object"));
    }
    let st = state(vm);
    let is_task = egret_vm::types::is_subtype(cls, &st.task_type);
    Ok(vm.alloc(cls.clone(), Data::Native(Box::new(FutObj::new(is_task)))))
}

/// Sets the loop of a new future (`Future.__init__`'s work).
pub fn init_loop(vm: &mut Vm, f: &FutObj, loop_: Option<Value>) -> PyResult<()> {
    let l = match loop_ {
        Some(l) if !l.is_none() => l,
        _ => {
            let g = helper(vm, |h| h.get_event_loop.clone(), "get_event_loop")?;
            vm.call(&g, &[])?
        }
    };
    *f.loop_.borrow_mut() = l;
    Ok(())
}

fn future_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fv = this(vm, &a, "__init__")?;
    let f = fut_of(vm, fv, "__init__")?;
    if a.pos().len() > 1 {
        return Err(vm.type_error("Future() takes no positional arguments"));
    }
    let mut loop_ = None;
    for (k, v) in a.kwargs() {
        if k != "loop" {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for Future()")));
        }
        loop_ = Some(v.clone());
    }
    init_loop(vm, f, loop_)?;
    Ok(Value::None)
}

fn m_result(vm: &mut Vm, a: Args) -> PyResult<Value> {
    result(vm, this(vm, &a, "result")?)
}

fn m_exception(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fv = this(vm, &a, "exception")?;
    let f = fut_of(vm, fv, "exception")?;
    if f.loop_.borrow().is_none() {
        return Err(invalid_state(vm, "Future object is not initialized."));
    }
    match f.state.get() {
        CANCELLED => Err(PyErr(make_cancelled_error(vm, f)?)),
        PENDING => Err(invalid_state(vm, "Exception is not set.")),
        _ => {
            f.log_tb.set(false);
            Ok(f.exception.borrow().clone())
        }
    }
}

fn arg1<'a>(vm: &Vm, a: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    match a.pos() {
        [_, x] if !a.has_kwargs() => Ok(x),
        p => Err(vm.type_error(format!("{name}() takes exactly 1 positional argument ({} given)", p.len().saturating_sub(1)))),
    }
}

fn m_set_result(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fv = this(vm, &a, "set_result")?;
    let r = arg1(vm, &a, "set_result")?.clone();
    set_result(vm, fv, r)?;
    Ok(Value::None)
}

fn m_set_exception(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fv = this(vm, &a, "set_exception")?;
    let e = arg1(vm, &a, "set_exception")?.clone();
    set_exception(vm, fv, e)?;
    Ok(Value::None)
}

fn m_add_done_callback(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fv = this(vm, &a, "add_done_callback")?;
    if fut_of(vm, fv, "add_done_callback")?.loop_.borrow().is_none() {
        return Err(vm.runtime_error("uninitialized Future object"));
    }
    let p = a.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("add_done_callback() takes exactly 1 positional argument ({} given)", p.len() - 1)));
    }
    let mut ctx = Value::None;
    for (k, v) in a.kwargs() {
        if k != "context" {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for add_done_callback()")));
        }
        ctx = v.clone();
    }
    if ctx.is_none() {
        ctx = crate::contextvars_native::copy_current(vm);
    }
    add_done_callback(vm, fv, p[1].clone(), ctx)?;
    Ok(Value::None)
}

fn m_remove_done_callback(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fv = this(vm, &a, "remove_done_callback")?;
    let f = fut_of(vm, fv, "remove_done_callback")?;
    ensure_alive(vm, f)?;
    let target = arg1(vm, &a, "remove_done_callback")?.clone();
    let callbacks = f.callbacks.borrow().clone();
    let mut kept = Vec::with_capacity(callbacks.len());
    let mut removed = 0;
    for (cb, ctx) in callbacks {
        if vm.eq(&cb, &target)? {
            removed += 1;
        } else {
            kept.push((cb, ctx));
        }
    }
    if removed > 0 {
        *f.callbacks.borrow_mut() = kept;
    }
    Ok(Value::Int(removed))
}

/// The optional `msg` argument of `cancel()`.
pub fn cancel_msg_arg(vm: &Vm, a: &Args) -> PyResult<Value> {
    let p = a.pos();
    if p.len() > 2 {
        return Err(vm.type_error(format!("cancel() takes at most 1 argument ({} given)", p.len() - 1)));
    }
    let mut msg = p.get(1).cloned().unwrap_or(Value::None);
    for (k, v) in a.kwargs() {
        if k != "msg" {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for cancel()")));
        }
        msg = v.clone();
    }
    Ok(msg)
}

fn m_cancel(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fv = this(vm, &a, "cancel")?;
    fut_of(vm, fv, "cancel")?;
    let msg = cancel_msg_arg(vm, &a)?;
    Ok(Value::bool(cancel(vm, fv, msg)?))
}

fn m_cancelled(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = fut_of(vm, this(vm, &a, "cancelled")?, "cancelled")?;
    Ok(Value::bool(f.state.get() == CANCELLED))
}

fn m_done(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = fut_of(vm, this(vm, &a, "done")?, "done")?;
    Ok(Value::bool(f.done()))
}

fn m_get_loop(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = fut_of(vm, this(vm, &a, "get_loop")?, "get_loop")?;
    let l = f.loop_.borrow().clone();
    if l.is_none() {
        return Err(vm.runtime_error("Future object is not initialized."));
    }
    Ok(l)
}

fn m_make_cancelled_error(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = fut_of(vm, this(vm, &a, "_make_cancelled_error")?, "_make_cancelled_error")?;
    make_cancelled_error(vm, f)
}

fn m_await(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fv = this(vm, &a, "__await__")?;
    ensure_alive(vm, fut_of(vm, fv, "__await__")?)?;
    let ty = state(vm).iter_type.clone();
    Ok(vm.alloc(ty, Data::Native(Box::new(FutIter { fut: RefCell::new(fv.clone()), yielded: Cell::new(false) }))))
}

/// `<ClassName info...>` from `self._repr_info()`.
pub fn repr_from_info(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let info = vm.call_method(v, "_repr_info", &[])?;
    let items = vm.collect(&info)?;
    let mut parts = Vec::with_capacity(items.len());
    for i in &items {
        parts.push(vm.str_string(i)?);
    }
    let name = vm.type_name(v);
    Ok(vm.new_str(format!("<{} {}>", name, parts.join(" "))))
}

fn m_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = this(vm, &a, "__repr__")?;
    repr_from_info(vm, v)
}

fn m_repr_info(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = this(vm, &a, "_repr_info")?.clone();
    let h = helper(vm, |h| h.future_repr_info.clone(), "future_repr_info")?;
    vm.call(&h, &[v])
}

// ----- getsets ---------------------------------------------------------------

fn g_state(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let f = fut_of(vm, v, "_state")?;
    ensure_alive(vm, f)?;
    let s = match f.state.get() {
        PENDING => "PENDING",
        CANCELLED => "CANCELLED",
        _ => "FINISHED",
    };
    Ok(vm.intern(s))
}

fn g_result(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let f = fut_of(vm, v, "_result")?;
    ensure_alive(vm, f)?;
    Ok(f.result.borrow().clone())
}

fn g_exception(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let f = fut_of(vm, v, "_exception")?;
    ensure_alive(vm, f)?;
    Ok(f.exception.borrow().clone())
}

fn g_loop(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(fut_of(vm, v, "_loop")?.loop_.borrow().clone())
}

fn g_callbacks(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let f = fut_of(vm, v, "_callbacks")?;
    ensure_alive(vm, f)?;
    let cbs = f.callbacks.borrow().clone();
    if cbs.is_empty() {
        return Ok(Value::None);
    }
    let items: Vec<Value> = cbs.into_iter().map(|(f, c)| vm.new_pair(f, c)).collect();
    Ok(vm.new_list(items))
}

fn g_blocking(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::bool(fut_of(vm, v, "_asyncio_future_blocking")?.blocking.get()))
}

fn s_blocking(vm: &mut Vm, v: &Value, new: Option<Value>) -> PyResult<()> {
    let f = fut_of(vm, v, "_asyncio_future_blocking")?;
    let Some(n) = new else { return Err(vm.new_error(&vm.e.attribute_error.clone(), "cannot delete attribute")) };
    let b = vm.truthy(&n)?;
    f.blocking.set(b);
    Ok(())
}

fn g_log_traceback(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let f = fut_of(vm, v, "_log_traceback")?;
    ensure_alive(vm, f)?;
    Ok(Value::bool(f.log_tb.get()))
}

fn s_log_traceback(vm: &mut Vm, v: &Value, new: Option<Value>) -> PyResult<()> {
    let f = fut_of(vm, v, "_log_traceback")?;
    let Some(n) = new else { return Err(vm.new_error(&vm.e.attribute_error.clone(), "cannot delete attribute")) };
    if vm.truthy(&n)? {
        return Err(vm.value_error("_log_traceback can only be set to False"));
    }
    f.log_tb.set(false);
    Ok(())
}

fn g_source_traceback(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    fut_of(vm, v, "_source_traceback")?;
    Ok(Value::None)
}

fn g_cancel_message(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(fut_of(vm, v, "_cancel_message")?.cancel_message.borrow().clone())
}

fn s_cancel_message(vm: &mut Vm, v: &Value, new: Option<Value>) -> PyResult<()> {
    let f = fut_of(vm, v, "_cancel_message")?;
    let Some(n) = new else { return Err(vm.new_error(&vm.e.attribute_error.clone(), "cannot delete attribute")) };
    *f.cancel_message.borrow_mut() = n;
    Ok(())
}

pub fn make_future_type(vm: &mut Vm) -> PyRef {
    let t = vm.new_builtin_type("Future", None, Layout::Native, tf::BASETYPE | tf::WEAKREFABLE);
    let m = vm.new_str("_asyncio");
    vm.set_type_attr(&t, "__module__", m);
    vm.add_staticmethod(&t, "__new__", future_new);
    add_methods(
        vm,
        &t,
        &[
            ("__init__", future_init),
            ("result", m_result),
            ("exception", m_exception),
            ("set_result", m_set_result),
            ("set_exception", m_set_exception),
            ("add_done_callback", m_add_done_callback),
            ("remove_done_callback", m_remove_done_callback),
            ("cancel", m_cancel),
            ("cancelled", m_cancelled),
            ("done", m_done),
            ("get_loop", m_get_loop),
            ("_make_cancelled_error", m_make_cancelled_error),
            ("__await__", m_await),
            ("__iter__", m_await),
            ("__repr__", m_repr),
            ("_repr_info", m_repr_info),
        ],
    );
    vm.add_classmethod(&t, "__class_getitem__", class_getitem);
    add_getset(vm, &t, "_state", g_state, None);
    add_getset(vm, &t, "_result", g_result, None);
    add_getset(vm, &t, "_exception", g_exception, None);
    add_getset(vm, &t, "_loop", g_loop, None);
    add_getset(vm, &t, "_callbacks", g_callbacks, None);
    add_getset(vm, &t, "_asyncio_future_blocking", g_blocking, Some(s_blocking));
    add_getset(vm, &t, "_log_traceback", g_log_traceback, Some(s_log_traceback));
    add_getset(vm, &t, "_source_traceback", g_source_traceback, None);
    add_getset(vm, &t, "_cancel_message", g_cancel_message, Some(s_cancel_message));
    t
}

// ----- the __await__ iterator ---------------------------------------------------

/// What `Future.__await__()` returns: yields the future once, then returns
/// its result (as the generator `yield self; return self.result()`).
pub struct FutIter {
    fut: RefCell<Value>,
    yielded: Cell<bool>,
}

impl NativeData for FutIter {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(f) = self.fut.try_borrow() {
            visit(&f);
        }
    }
    fn clear(&self) {
        if let Ok(mut f) = self.fut.try_borrow_mut() {
            *f = Value::None;
        }
    }
}

fn iter_of<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a FutIter> {
    a.pos().first().and_then(|v| v.native::<FutIter>()).ok_or_else(|| vm.type_error("expected a future iterator"))
}

fn iter_next(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let it = iter_of(vm, &a)?;
    let fv = it.fut.borrow().clone();
    if fv.is_none() {
        return Err(vm.stop_iteration(Value::None));
    }
    let f = fut_of(vm, &fv, "__next__")?;
    if !f.done() {
        if !it.yielded.get() {
            it.yielded.set(true);
            f.blocking.set(true);
            return Ok(fv);
        }
        *it.fut.borrow_mut() = Value::None;
        return Err(vm.runtime_error("await wasn't used with future"));
    }
    *it.fut.borrow_mut() = Value::None;
    let r = result(vm, &fv)?;
    Err(vm.stop_iteration(r))
}

fn iter_send(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let it = iter_of(vm, &a)?;
    if a.pos().len() != 2 {
        return Err(vm.type_error(format!("send() takes exactly one argument ({} given)", a.pos().len().saturating_sub(1))));
    }
    let _ = it;
    iter_next(vm, Args::positional(&a.pos()[..1]))
}

fn iter_throw(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let it = iter_of(vm, &a)?;
    let p = &a.pos()[1..];
    if p.is_empty() || p.len() > 3 {
        return Err(vm.type_error(format!("throw expected at least 1 argument, got {}", p.len())));
    }
    *it.fut.borrow_mut() = Value::None;
    let typ = &p[0];
    let val = p.get(1).cloned().unwrap_or(Value::None);
    let exc = if matches!(typ, Value::Obj(o) if matches!(o.data, Data::Type(_))) {
        let base = vm.e.base_exception.clone();
        if val.is_none() {
            vm.call(typ, &[])?
        } else if vm.is_instance(&val, &base) {
            val
        } else {
            vm.call(typ, &[val])?
        }
    } else {
        typ.clone()
    };
    let base = vm.e.base_exception.clone();
    if !vm.is_instance(&exc, &base) {
        return Err(vm.type_error("exceptions must derive from BaseException"));
    }
    if let Some(tb) = p.get(2) {
        if !tb.is_none() {
            if let Some(d) = vm.exception_data(&exc) {
                d.borrow_mut().traceback = tb.clone();
            }
        }
    }
    Err(PyErr(exc))
}

fn iter_close(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let it = iter_of(vm, &a)?;
    *it.fut.borrow_mut() = Value::None;
    Ok(Value::None)
}

pub fn make_iter_type(vm: &mut Vm) -> PyRef {
    let t = vm.new_builtin_type("FutureIter", None, Layout::Native, 0);
    let m = vm.new_str("_asyncio");
    vm.set_type_attr(&t, "__module__", m);
    add_methods(
        vm,
        &t,
        &[
            ("__iter__", egret_vm::builtins::container_helpers::iter_self),
            ("__next__", iter_next),
            ("send", iter_send),
            ("throw", iter_throw),
            ("close", iter_close),
        ],
    );
    t
}

/// Whether `exc` is a CancelledError (re-exported for task.rs).
pub fn cancelled_error_check(vm: &mut Vm, exc: &Value) -> bool {
    is_cancelled_error(vm, exc)
}
