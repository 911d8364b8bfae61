//! `_asyncio.Task`: a coroutine driven step by step by the event loop, as
//! CPython 3.12's C Task. A step sends into (or throws into) the
//! coroutine, then either finishes the task's future, schedules the next
//! step (a bare `yield`), or waits on the future the coroutine yielded by
//! adding the task's wake-up callback to it. None of this runs Python
//! frames unless the objects involved are Python subclasses.

use super::future::{self, FutObj, TaskFields};
use super::{enter_task, helper, invalid_state, leave_task, register_eager, register_task, state, swap_current_task, unregister_eager};
use crate::contextvars_native::{copy_current, enter_context, exit_context};
use egret_vm::builtins::container_helpers::add_methods;
use egret_vm::builtins::object::add_getset;
use egret_vm::function::Args;
use egret_vm::interp::generator::{gen_throw, resume, stop_iteration_value, GenKind, Generator, Resumed};
use egret_vm::types::{type_flags as tf, Layout};
use egret_vm::value::{Data, NativeData, PyRef, Value};
use egret_vm::vm::Vm;
use egret_vm::{PyErr, PyResult};
use std::cell::RefCell;
use std::rc::Rc;

fn task_of<'a>(vm: &Vm, v: &'a Value, method: &str) -> PyResult<(&'a FutObj, &'a TaskFields)> {
    match v.native::<FutObj>() {
        Some(f) if f.task.is_some() => Ok((f, f.task.as_ref().expect("checked"))),
        _ => Err(vm.type_error(format!("descriptor '{method}' for '_asyncio.Task' objects doesn't apply to a '{}' object", vm.type_name(v)))),
    }
}

fn this<'a>(vm: &Vm, a: &Args<'a>, method: &str) -> PyResult<&'a Value> {
    a.pos().first().ok_or_else(|| vm.type_error(format!("unbound method {method}() needs an argument")))
}

fn is_coroutine(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    if v.native::<Generator>().map_or(false, |g| g.kind == GenKind::Coroutine) {
        return Ok(true);
    }
    let h = helper(vm, |h| h.iscoroutine.clone(), "iscoroutine")?;
    let r = vm.call(&h, &[v.clone()])?;
    vm.truthy(&r)
}

/// What the loop calls to run a task's next step: CPython's
/// `TaskStepMethWrapper` (the task and the exception to throw in, if any).
pub struct StepWrapper {
    task: RefCell<Value>,
    exc: RefCell<Value>,
}

impl NativeData for StepWrapper {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        for c in [&self.task, &self.exc] {
            if let Ok(v) = c.try_borrow() {
                visit(&v);
            }
        }
    }
    fn clear(&self) {
        for c in [&self.task, &self.exc] {
            if let Ok(mut v) = c.try_borrow_mut() {
                *v = Value::None;
            }
        }
    }
}

/// Schedules `task.__step(exc)` on the task's loop in its context.
fn schedule_step(vm: &mut Vm, tv: &Value, f: &FutObj, t: &TaskFields, exc: Option<Value>) -> PyResult<()> {
    let ty = state(vm).step_wrapper_type.clone();
    let w = StepWrapper { task: RefCell::new(tv.clone()), exc: RefCell::new(exc.unwrap_or(Value::None)) };
    let wrapper = vm.alloc(ty, Data::Native(Box::new(w)));
    let loop_ = f.loop_.borrow().clone();
    let ctx = t.context.borrow().clone();
    future::call_soon(vm, &loop_, wrapper, None, ctx)
}

fn step_wrapper_call(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(w) = a.pos().first().and_then(|v| v.native::<StepWrapper>()) else {
        return Err(vm.type_error("expected a TaskStepMethWrapper"));
    };
    if a.has_kwargs() {
        return Err(vm.type_error("function takes no keyword arguments"));
    }
    if a.pos().len() > 1 {
        return Err(vm.type_error("function takes no positional arguments"));
    }
    let tv = w.task.borrow().clone();
    let exc = w.exc.borrow().clone();
    step(vm, &tv, if exc.is_none() { None } else { Some(exc) })?;
    Ok(Value::None)
}

fn step_wrapper_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let id = a.pos().first().map_or(0, |v| v.id());
    Ok(vm.new_str(format!("<_asyncio.TaskStepMethWrapper object at {id:#x}>")))
}

pub fn make_step_wrapper_type(vm: &mut Vm) -> PyRef {
    let t = vm.new_builtin_type("TaskStepMethWrapper", None, Layout::Native, 0);
    let m = vm.new_str("_asyncio");
    vm.set_type_attr(&t, "__module__", m);
    add_methods(vm, &t, &[("__call__", step_wrapper_call), ("__repr__", step_wrapper_repr)]);
    t
}

fn runtime_error_value(vm: &mut Vm, msg: String) -> Value {
    let m = vm.new_str(msg);
    vm.new_exception(vm.e.runtime_error.clone(), vec![m])
}

/// `Task.__step`: the checks around one step, with the task entered as
/// its loop's current task.
pub fn step(vm: &mut Vm, tv: &Value, exc: Option<Value>) -> PyResult<()> {
    let (f, t) = task_of(vm, tv, "__step")?;
    if f.done() {
        let r = vm.repr_string(tv)?;
        let e = vm.repr_string(exc.as_ref().unwrap_or(&Value::None))?;
        return Err(invalid_state(vm, &format!("_step(): already done: {r}, {e}")));
    }
    let mut exc = exc;
    if t.must_cancel.get() {
        let is_cancel = match &exc {
            Some(e) => future::cancelled_error_check(vm, e),
            None => false,
        };
        if !is_cancel {
            exc = Some(future::make_cancelled_error(vm, f)?);
        }
        t.must_cancel.set(false);
    }
    *t.fut_waiter.borrow_mut() = Value::None;
    let loop_ = f.loop_.borrow().clone();
    enter_task(vm, &loop_, tv)?;
    let r = run_and_handle_result(vm, tv, f, t, exc);
    let left = leave_task(vm, &loop_, tv);
    r?;
    left
}

/// Sends into (or throws into) the coroutine and acts on the outcome.
fn run_and_handle_result(vm: &mut Vm, tv: &Value, f: &FutObj, t: &TaskFields, exc: Option<Value>) -> PyResult<()> {
    let coro = t.coro.borrow().clone();
    let outcome = if coro.native::<Generator>().map_or(false, |g| g.kind != GenKind::AsyncGenerator) {
        match exc {
            None => resume(vm, &coro, Value::None, None),
            Some(e) => gen_throw(vm, &coro, PyErr(e), true),
        }
    } else {
        let r = match exc {
            None => vm.call_method(&coro, "send", &[Value::None]),
            Some(e) => vm.call_method(&coro, "throw", &[e]),
        };
        match r {
            Ok(v) => Ok(Resumed::Yielded(v)),
            Err(e) if vm.is_instance(&e.0, &vm.e.stop_iteration.clone()) => Ok(Resumed::Returned(stop_iteration_value(vm, &e.0))),
            Err(e) => Err(e),
        }
    };
    match outcome {
        Ok(Resumed::Returned(value)) => {
            if t.must_cancel.get() {
                t.must_cancel.set(false);
                let msg = f.cancel_message.borrow().clone();
                future::cancel(vm, tv, msg)?;
            } else {
                future::set_result(vm, tv, value)?;
            }
            Ok(())
        }
        Err(e) => {
            if future::cancelled_error_check(vm, &e.0) {
                *f.cancelled_exc.borrow_mut() = e.0;
                future::cancel(vm, tv, Value::None)?;
                return Ok(());
            }
            let fatal = vm.is_instance(&e.0, &vm.e.keyboard_interrupt.clone()) || vm.is_instance(&e.0, &vm.e.system_exit.clone());
            future::set_exception(vm, tv, e.0.clone())?;
            if fatal {
                return Err(e);
            }
            Ok(())
        }
        Ok(Resumed::Yielded(result)) => handle_yield(vm, tv, f, t, result),
    }
}

/// Acts on what the coroutine yielded: None reschedules the task, a future
/// in blocking mode is waited on, anything else is an error thrown back in.
fn handle_yield(vm: &mut Vm, tv: &Value, f: &FutObj, t: &TaskFields, result: Value) -> PyResult<()> {
    if result.is_none() {
        return schedule_step(vm, tv, f, t, None);
    }
    let st = state(vm);
    let native = result.native::<FutObj>();
    let blocking = match native {
        Some(rf) if !has_class_override(vm, &result, &st, "_asyncio_future_blocking") => Some(rf.blocking.get()),
        _ => match vm.getattr_opt(&result, "_asyncio_future_blocking")? {
            None | Some(Value::None) => None,
            Some(b) => Some(vm.truthy(&b)?),
        },
    };
    let Some(blocking) = blocking else {
        let is_gen = result.native::<Generator>().map_or(false, |g| g.kind == GenKind::Generator);
        let msg = if is_gen {
            format!("yield was used instead of yield from for generator in task {} with {}", vm.repr_string(tv)?, vm.repr_string(&result)?)
        } else {
            format!("Task got bad yield: {}", vm.repr_string(&result)?)
        };
        let e = runtime_error_value(vm, msg);
        return schedule_step(vm, tv, f, t, Some(e));
    };
    let loop_ = f.loop_.borrow().clone();
    let result_loop = future::get_loop_of(vm, &result)?;
    if !result_loop.is(&loop_) {
        let msg = format!("Task {} got Future {} attached to a different loop", vm.repr_string(tv)?, vm.repr_string(&result)?);
        let e = runtime_error_value(vm, msg);
        return schedule_step(vm, tv, f, t, Some(e));
    }
    if !blocking {
        let msg = format!("yield was used instead of yield from in task {} with {}", vm.repr_string(tv)?, vm.repr_string(&result)?);
        let e = runtime_error_value(vm, msg);
        return schedule_step(vm, tv, f, t, Some(e));
    }
    if result.is(tv) {
        let msg = format!("Task cannot await on itself: {}", vm.repr_string(tv)?);
        let e = runtime_error_value(vm, msg);
        return schedule_step(vm, tv, f, t, Some(e));
    }
    let wakeup = vm.bind_builtin(&st.wakeup_fn, tv.clone());
    let ctx = t.context.borrow().clone();
    match native {
        Some(rf) if !has_class_override(vm, &result, &st, "_asyncio_future_blocking") => rf.blocking.set(false),
        _ => {
            let name = vm.intern("_asyncio_future_blocking");
            vm.setattr(&result, &name, Value::bool(false))?;
        }
    }
    if native.is_some() && !has_class_override(vm, &result, &st, "add_done_callback") {
        future::add_done_callback(vm, &result, wakeup, ctx)?;
    } else {
        let meth = vm.getattr_str(&result, "add_done_callback")?;
        let kw = [vm.intern("context")];
        vm.call_kw(&meth, &[wakeup, ctx], &kw)?;
    }
    *t.fut_waiter.borrow_mut() = result.clone();
    if t.must_cancel.get() {
        let msg = f.cancel_message.borrow().clone();
        let r = vm.call_method(&result, "cancel", &[msg])?;
        if vm.truthy(&r)? {
            t.must_cancel.set(false);
        }
    }
    Ok(())
}

/// Whether `v`'s class (a Python subclass) redefines `name` instead of
/// inheriting the native Future's.
fn has_class_override(vm: &mut Vm, v: &Value, st: &super::State, name: &str) -> bool {
    let ty = vm.type_of(v);
    if Rc::ptr_eq(&ty, &st.future_type) || Rc::ptr_eq(&ty, &st.task_type) {
        return false;
    }
    let mine = egret_vm::types::lookup(&ty, name);
    let base = egret_vm::types::lookup(&st.future_type, name);
    match (mine, base) {
        (Some(m), Some(b)) => !m.is(&b),
        _ => true,
    }
}

// ----- methods ---------------------------------------------------------------

/// `task_wakeup(future)`: the done-callback a waiting task adds.
fn m_wakeup(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let tv = this(vm, &a, "task_wakeup")?;
    let Some(fut) = a.pos().get(1) else { return Err(vm.type_error("task_wakeup() takes exactly one argument (0 given)")) };
    let st = state(vm);
    let ty = vm.type_of(fut);
    let outcome = if fut.native::<FutObj>().is_some() && (Rc::ptr_eq(&ty, &st.future_type) || Rc::ptr_eq(&ty, &st.task_type)) {
        future::result(vm, fut)
    } else {
        vm.call_method(fut, "result", &[])
    };
    let exc = match outcome {
        Ok(_) => None,
        Err(e) => Some(e.0),
    };
    step(vm, tv, exc)?;
    Ok(Value::None)
}

fn task_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let tv = this(vm, &a, "__init__")?;
    let (f, t) = task_of(vm, tv, "__init__")?;
    let p = a.pos();
    if p.len() < 2 {
        return Err(vm.type_error("Task() missing required argument 'coro' (pos 1)"));
    }
    if p.len() > 2 {
        return Err(vm.type_error(format!("Task() takes exactly 1 positional argument ({} given)", p.len() - 1)));
    }
    let coro = p[1].clone();
    let (mut loop_, mut name, mut context, mut eager) = (None, Value::None, Value::None, false);
    for (k, v) in a.kwargs() {
        match k {
            "loop" => loop_ = Some(v.clone()),
            "name" => name = v.clone(),
            "context" => context = v.clone(),
            "eager_start" => eager = vm.truthy(v)?,
            _ => return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for Task()"))),
        }
    }
    future::init_loop(vm, f, loop_)?;
    if !is_coroutine(vm, &coro)? {
        t.log_destroy_pending.set(false);
        let r = vm.repr_string(&coro)?;
        return Err(vm.type_error(format!("a coroutine was expected, got {r}")));
    }
    let name = if name.is_none() {
        vm.new_str(format!("Task-{}", super::next_task_number()))
    } else if name.as_pystr().is_some() {
        name
    } else {
        vm.str(&name)?
    };
    *t.name.borrow_mut() = name;
    t.num_cancels.set(0);
    t.must_cancel.set(false);
    *t.fut_waiter.borrow_mut() = Value::None;
    *t.coro.borrow_mut() = coro;
    let ctx = if context.is_none() { copy_current(vm) } else { context };
    *t.context.borrow_mut() = ctx;
    let loop_ = f.loop_.borrow().clone();
    if eager {
        let running = vm.call_method(&loop_, "is_running", &[])?;
        if vm.truthy(&running)? {
            eager_start(vm, tv, f, t)?;
            return Ok(Value::None);
        }
    }
    schedule_step(vm, tv, f, t, None)?;
    register_task(tv);
    Ok(Value::None)
}

/// The first step run at once, inside the task's context (eager tasks).
fn eager_start(vm: &mut Vm, tv: &Value, f: &FutObj, t: &TaskFields) -> PyResult<()> {
    let loop_ = f.loop_.borrow().clone();
    let prev = swap_current_task(&loop_, tv);
    register_eager(tv);
    let ctx = t.context.borrow().clone();
    let r = match enter_context(vm, &ctx) {
        Ok(()) => {
            let r = run_and_handle_result(vm, tv, f, t, None);
            exit_context(&ctx);
            r
        }
        Err(e) => Err(e),
    };
    unregister_eager(tv);
    swap_current_task(&loop_, &prev);
    if f.done() {
        *t.coro.borrow_mut() = Value::None;
    } else {
        register_task(tv);
    }
    r
}

fn m_get_coro(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, t) = task_of(vm, this(vm, &a, "get_coro")?, "get_coro")?;
    Ok(t.coro.borrow().clone())
}

fn m_get_context(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, t) = task_of(vm, this(vm, &a, "get_context")?, "get_context")?;
    Ok(t.context.borrow().clone())
}

fn m_get_name(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, t) = task_of(vm, this(vm, &a, "get_name")?, "get_name")?;
    Ok(t.name.borrow().clone())
}

fn m_set_name(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, t) = task_of(vm, this(vm, &a, "set_name")?, "set_name")?;
    let Some(v) = a.pos().get(1) else { return Err(vm.type_error("set_name() takes exactly one argument (0 given)")) };
    let name = if v.as_pystr().is_some() { v.clone() } else { vm.str(v)? };
    *t.name.borrow_mut() = name;
    Ok(Value::None)
}

fn m_set_result(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Err(vm.runtime_error("Task does not support set_result operation"))
}

fn m_set_exception(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Err(vm.runtime_error("Task does not support set_exception operation"))
}

fn m_cancel(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let tv = this(vm, &a, "cancel")?;
    let (f, t) = task_of(vm, tv, "cancel")?;
    let msg = future::cancel_msg_arg(vm, &a)?;
    f.log_tb.set(false);
    if f.done() {
        return Ok(Value::bool(false));
    }
    t.num_cancels.set(t.num_cancels.get() + 1);
    let waiter = t.fut_waiter.borrow().clone();
    if !waiter.is_none() {
        let r = vm.call_method(&waiter, "cancel", &[msg.clone()])?;
        if vm.truthy(&r)? {
            return Ok(Value::bool(true));
        }
    }
    t.must_cancel.set(true);
    *f.cancel_message.borrow_mut() = msg;
    Ok(Value::bool(true))
}

fn m_cancelling(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, t) = task_of(vm, this(vm, &a, "cancelling")?, "cancelling")?;
    Ok(Value::Int(t.num_cancels.get()))
}

fn m_uncancel(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, t) = task_of(vm, this(vm, &a, "uncancel")?, "uncancel")?;
    if t.num_cancels.get() > 0 {
        t.num_cancels.set(t.num_cancels.get() - 1);
        if t.num_cancels.get() == 0 {
            t.must_cancel.set(false);
        }
    }
    Ok(Value::Int(t.num_cancels.get()))
}

fn kw_only(vm: &Vm, a: &Args, method: &str, names: &[&str]) -> PyResult<Vec<Value>> {
    if a.pos().len() > 1 {
        return Err(vm.type_error(format!("{method}() takes no positional arguments")));
    }
    let mut out = vec![Value::None; names.len()];
    for (k, v) in a.kwargs() {
        match names.iter().position(|n| *n == k) {
            Some(i) => out[i] = v.clone(),
            None => return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {method}()"))),
        }
    }
    Ok(out)
}

fn m_get_stack(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let tv = this(vm, &a, "get_stack")?.clone();
    task_of(vm, &tv, "get_stack")?;
    let mut args = vec![tv];
    args.extend(kw_only(vm, &a, "get_stack", &["limit"])?);
    let h = helper(vm, |h| h.task_get_stack.clone(), "task_get_stack")?;
    vm.call(&h, &args)
}

fn m_print_stack(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let tv = this(vm, &a, "print_stack")?.clone();
    task_of(vm, &tv, "print_stack")?;
    let mut args = vec![tv];
    args.extend(kw_only(vm, &a, "print_stack", &["limit", "file"])?);
    let h = helper(vm, |h| h.task_print_stack.clone(), "task_print_stack")?;
    vm.call(&h, &args)
}

fn m_repr_info(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let tv = this(vm, &a, "_repr_info")?.clone();
    let h = helper(vm, |h| h.task_repr_info.clone(), "task_repr_info")?;
    vm.call(&h, &[tv])
}

fn g_coro(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(task_of(vm, v, "_coro")?.1.coro.borrow().clone())
}

fn g_fut_waiter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(task_of(vm, v, "_fut_waiter")?.1.fut_waiter.borrow().clone())
}

fn g_must_cancel(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::bool(task_of(vm, v, "_must_cancel")?.1.must_cancel.get()))
}

fn g_log_destroy_pending(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::bool(task_of(vm, v, "_log_destroy_pending")?.1.log_destroy_pending.get()))
}

fn s_log_destroy_pending(vm: &mut Vm, v: &Value, new: Option<Value>) -> PyResult<()> {
    let (_, t) = task_of(vm, v, "_log_destroy_pending")?;
    let Some(n) = new else { return Err(vm.new_error(&vm.e.attribute_error.clone(), "cannot delete attribute")) };
    let b = vm.truthy(&n)?;
    t.log_destroy_pending.set(b);
    Ok(())
}

/// The Task type, plus the unbound `task_wakeup` builtin.
pub fn make_task_type(vm: &mut Vm, future_type: &PyRef) -> (PyRef, Value) {
    let t = vm.new_builtin_type("Task", Some(future_type), Layout::Native, tf::BASETYPE | tf::WEAKREFABLE);
    let m = vm.new_str("_asyncio");
    vm.set_type_attr(&t, "__module__", m);
    add_methods(
        vm,
        &t,
        &[
            ("__init__", task_init),
            ("get_coro", m_get_coro),
            ("get_context", m_get_context),
            ("get_name", m_get_name),
            ("set_name", m_set_name),
            ("set_result", m_set_result),
            ("set_exception", m_set_exception),
            ("cancel", m_cancel),
            ("cancelling", m_cancelling),
            ("uncancel", m_uncancel),
            ("get_stack", m_get_stack),
            ("print_stack", m_print_stack),
            ("_repr_info", m_repr_info),
            ("task_wakeup", m_wakeup),
        ],
    );
    add_getset(vm, &t, "_coro", g_coro, None);
    add_getset(vm, &t, "_fut_waiter", g_fut_waiter, None);
    add_getset(vm, &t, "_must_cancel", g_must_cancel, None);
    add_getset(vm, &t, "_log_destroy_pending", g_log_destroy_pending, Some(s_log_destroy_pending));
    let wakeup_fn = egret_vm::types::lookup(&t, "task_wakeup").unwrap_or(Value::None);
    (t, wakeup_fn)
}
