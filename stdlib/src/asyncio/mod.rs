//! The `_asyncio` native module: the accelerator CPython keeps in C.
//!
//! `Future` and `Task` are native types (`future.rs`, `task.rs`) whose
//! state lives in Rust fields, so the loop's hot path (a task step:
//! `coro.send()`, classifying the result, scheduling the next step or a
//! wake-up callback, finishing the future) runs without Python frames.
//! Both may be subclassed from Python. This file holds the module: the
//! running-loop slot, the task registries (`_register_task`,
//! `_enter_task`, `current_task`, ...), and `_init`, through which
//! `lib/asyncio/futures.py` hands over what lives in Python (the exception
//! classes, `get_event_loop`, the repr helpers).

mod future;
mod handle;
mod task;

use egret_vm::function::Args;
use egret_vm::value::{Object, PyRef, Value};
use egret_vm::vm::Vm;
use egret_vm::{PyErr, PyResult};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::{Rc, Weak};

/// Hashes object addresses (keys of the task registry).
#[derive(Default)]
pub(crate) struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ *b as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = ((n as u64) >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub use future::FutObj;

/// Python-side objects `_init` provides, and the native types.
pub(crate) struct State {
    /// The VM these types belong to (its `type` object's address): a new
    /// VM on the same thread gets fresh state.
    owner: *const Object,
    pub future_type: PyRef,
    pub task_type: PyRef,
    pub iter_type: PyRef,
    pub handle_type: PyRef,
    /// CPython's `TaskStepMethWrapper`: what a scheduled step calls.
    pub step_wrapper_type: PyRef,
    /// `Task.task_wakeup` (unbound), bound to a task for each wait.
    pub wakeup_fn: Value,
    pub helpers: RefCell<Helpers>,
    /// Interned attribute names read on the hot path.
    pub name_closed: Value,
    pub name_ready: Value,
}

#[derive(Default)]
pub(crate) struct Helpers {
    pub cancelled_error: Option<Value>,
    pub invalid_state_error: Option<Value>,
    pub get_event_loop: Option<Value>,
    pub future_repr_info: Option<Value>,
    pub task_repr_info: Option<Value>,
    pub task_get_stack: Option<Value>,
    pub task_print_stack: Option<Value>,
    pub iscoroutine: Option<Value>,
    /// `BaseEventLoop.call_soon`: loops whose `call_soon` is this one get
    /// their handles appended natively.
    pub loop_call_soon: Option<Value>,
    pub format_callback_source: Option<Value>,
}

thread_local! {
    static STATE: RefCell<Option<Rc<State>>> = const { RefCell::new(None) };
    static RUNNING_LOOP: RefCell<Value> = const { RefCell::new(Value::None) };
    /// (loop, task) pairs of the task each loop is running.
    static CURRENT_TASKS: RefCell<Vec<(Value, Value)>> = const { RefCell::new(Vec::new()) };
    /// Scheduled tasks by address, weakly (CPython's `_scheduled_tasks`
    /// WeakSet). A native task leaves it when it finishes.
    static SCHEDULED: RefCell<HashMap<usize, Weak<Object>, BuildHasherDefault<AddrHasher>>> = RefCell::new(HashMap::default());
    /// The length at which `SCHEDULED` is next pruned of dead entries.
    static SCHEDULED_PRUNE_AT: Cell<usize> = const { Cell::new(64) };
    /// Tasks running their eager first step.
    static EAGER: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
    static TASK_COUNTER: Cell<u64> = const { Cell::new(0) };
}

pub(crate) fn state(vm: &mut Vm) -> Rc<State> {
    let owner = Rc::as_ptr(&vm.type_type);
    if let Some(s) = STATE.with(|s| s.borrow().clone()) {
        if s.owner == owner {
            return s;
        }
        RUNNING_LOOP.with(|l| *l.borrow_mut() = Value::None);
        CURRENT_TASKS.with(|c| c.borrow_mut().clear());
        SCHEDULED.with(|c| c.borrow_mut().clear());
        EAGER.with(|c| c.borrow_mut().clear());
    }
    let future_type = future::make_future_type(vm);
    let iter_type = future::make_iter_type(vm);
    let handle_type = handle::make_handle_type(vm);
    let (task_type, wakeup_fn) = task::make_task_type(vm, &future_type);
    let step_wrapper_type = task::make_step_wrapper_type(vm);
    let (name_closed, name_ready) = (vm.intern("_closed"), vm.intern("_ready"));
    let s = Rc::new(State { owner, future_type, task_type, iter_type, handle_type, step_wrapper_type, wakeup_fn, helpers: RefCell::new(Helpers::default()), name_closed, name_ready });
    STATE.with(|st| *st.borrow_mut() = Some(s.clone()));
    s
}

pub(crate) fn next_task_number() -> u64 {
    TASK_COUNTER.with(|c| {
        let n = c.get() + 1;
        c.set(n);
        n
    })
}

/// An exception made by calling one of the Python-side exception classes.
pub(crate) fn py_exception(vm: &mut Vm, class: Option<Value>, args: &[Value]) -> PyErr {
    match class {
        Some(c) => match vm.call(&c, args) {
            Ok(e) => PyErr(e),
            Err(e) => e,
        },
        None => vm.runtime_error("_asyncio is not initialised (asyncio.futures was not imported)"),
    }
}

pub(crate) fn invalid_state(vm: &mut Vm, msg: &str) -> PyErr {
    let cls = state(vm).helpers.borrow().invalid_state_error.clone();
    let m = vm.new_str(msg);
    py_exception(vm, cls, &[m])
}

pub(crate) fn is_cancelled_error(vm: &mut Vm, exc: &Value) -> bool {
    let cls = state(vm).helpers.borrow().cancelled_error.clone();
    match cls {
        Some(Value::Obj(c)) => vm.is_instance(exc, &c),
        _ => false,
    }
}

pub(crate) fn helper(vm: &mut Vm, pick: fn(&Helpers) -> Option<Value>, what: &str) -> PyResult<Value> {
    let h = pick(&state(vm).helpers.borrow());
    h.ok_or_else(|| vm.runtime_error(format!("_asyncio is not initialised ({what})")))
}

// ----- the running loop ------------------------------------------------------

pub(crate) fn running_loop() -> Value {
    RUNNING_LOOP.with(|l| l.borrow().clone())
}

fn get_running_loop(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    let l = running_loop();
    if l.is_none() {
        return Err(vm.runtime_error("no running event loop"));
    }
    Ok(l)
}

fn get_running_loop_or_none(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(running_loop())
}

fn set_running_loop(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(l) = a.pos().first() else { return Err(vm.type_error("_set_running_loop() takes exactly one argument (0 given)")) };
    RUNNING_LOOP.with(|r| *r.borrow_mut() = l.clone());
    Ok(Value::None)
}

// ----- task registries -------------------------------------------------------

pub(crate) fn register_task(task: &Value) {
    let Value::Obj(o) = task else { return };
    SCHEDULED.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() >= SCHEDULED_PRUNE_AT.with(|p| p.get()) {
            s.retain(|_, w| w.strong_count() > 0);
            let next = (s.len() * 2).max(64);
            SCHEDULED_PRUNE_AT.with(|p| p.set(next));
        }
        s.insert(Rc::as_ptr(o) as usize, Rc::downgrade(o));
    });
}

/// Takes a task out of the registry (`_unregister_task`, or a native task
/// that finished: `all_tasks()` only reports pending ones).
pub(crate) fn unregister_task_value(task: &Value) {
    let Value::Obj(o) = task else { return };
    let key = Rc::as_ptr(o) as usize;
    SCHEDULED.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            s.remove(&key);
        }
    });
}

pub(crate) fn register_eager(task: &Value) {
    EAGER.with(|e| e.borrow_mut().push(task.clone()));
}

pub(crate) fn unregister_eager(task: &Value) {
    EAGER.with(|e| e.borrow_mut().retain(|t| !t.is(task)));
}

pub(crate) fn current_task_of(loop_: &Value) -> Option<Value> {
    CURRENT_TASKS.with(|c| c.borrow().iter().find(|(l, _)| l.is(loop_)).map(|(_, t)| t.clone()))
}

pub(crate) fn enter_task(vm: &mut Vm, loop_: &Value, task: &Value) -> PyResult<()> {
    if let Some(cur) = current_task_of(loop_) {
        let (t, c) = (vm.repr_string(task)?, vm.repr_string(&cur)?);
        return Err(vm.runtime_error(format!("Cannot enter into task {t} while another task {c} is being executed.")));
    }
    CURRENT_TASKS.with(|c| c.borrow_mut().push((loop_.clone(), task.clone())));
    Ok(())
}

pub(crate) fn leave_task(vm: &mut Vm, loop_: &Value, task: &Value) -> PyResult<()> {
    let cur = current_task_of(loop_);
    if !cur.as_ref().map_or(false, |c| c.is(task)) {
        let t = vm.repr_string(task)?;
        let c = vm.repr_string(&cur.unwrap_or(Value::None))?;
        return Err(vm.runtime_error(format!("Leaving task {t} does not match the current task {c}.")));
    }
    CURRENT_TASKS.with(|c| c.borrow_mut().retain(|(l, _)| !l.is(loop_)));
    Ok(())
}

/// Makes `task` (or nobody, for None) the loop's current task; returns the previous one.
pub(crate) fn swap_current_task(loop_: &Value, task: &Value) -> Value {
    let prev = current_task_of(loop_).unwrap_or(Value::None);
    CURRENT_TASKS.with(|c| {
        let mut c = c.borrow_mut();
        c.retain(|(l, _)| !l.is(loop_));
        if !task.is_none() {
            c.push((loop_.clone(), task.clone()));
        }
    });
    prev
}

fn two_args<'a>(vm: &Vm, a: &Args<'a>, name: &str) -> PyResult<(&'a Value, &'a Value)> {
    match a.pos() {
        [l, t] => Ok((l, t)),
        p => Err(vm.type_error(format!("{name}() takes exactly 2 arguments ({} given)", p.len()))),
    }
}

fn py_enter_task(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (l, t) = two_args(vm, &a, "_enter_task")?;
    enter_task(vm, l, t)?;
    Ok(Value::None)
}

fn py_leave_task(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (l, t) = two_args(vm, &a, "_leave_task")?;
    leave_task(vm, l, t)?;
    Ok(Value::None)
}

fn py_swap_current_task(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (l, t) = two_args(vm, &a, "_swap_current_task")?;
    Ok(swap_current_task(l, t))
}

fn one_arg<'a>(vm: &Vm, a: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    match a.pos() {
        [t] => Ok(t),
        p => Err(vm.type_error(format!("{name}() takes exactly one argument ({} given)", p.len()))),
    }
}

fn py_register_task(vm: &mut Vm, a: Args) -> PyResult<Value> {
    register_task(one_arg(vm, &a, "_register_task")?);
    Ok(Value::None)
}

fn py_unregister_task(vm: &mut Vm, a: Args) -> PyResult<Value> {
    unregister_task_value(one_arg(vm, &a, "_unregister_task")?);
    Ok(Value::None)
}

fn py_register_eager_task(vm: &mut Vm, a: Args) -> PyResult<Value> {
    register_eager(one_arg(vm, &a, "_register_eager_task")?);
    Ok(Value::None)
}

fn py_unregister_eager_task(vm: &mut Vm, a: Args) -> PyResult<Value> {
    unregister_eager(one_arg(vm, &a, "_unregister_eager_task")?);
    Ok(Value::None)
}

fn py_current_task(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let loop_ = match a.pos().first().cloned().or_else(|| a.kwarg("loop").cloned()) {
        Some(l) if !l.is_none() => l,
        _ => get_running_loop(vm, Args::positional(&[]))?,
    };
    Ok(current_task_of(&loop_).unwrap_or(Value::None))
}

/// `_all_task_candidates()`: the scheduled tasks still alive plus the eager ones.
fn py_all_task_candidates(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    let mut out: Vec<Value> = SCHEDULED.with(|s| s.borrow().values().filter_map(|w| w.upgrade()).map(Value::Obj).collect());
    EAGER.with(|e| out.extend(e.borrow().iter().cloned()));
    Ok(vm.new_list(out))
}

/// `_init(**helpers)`: the Python-side classes and functions the native code calls.
fn py_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = state(vm);
    let mut h = s.helpers.borrow_mut();
    for (k, v) in a.kwargs() {
        let v = Some(v.clone());
        match k {
            "CancelledError" => h.cancelled_error = v,
            "InvalidStateError" => h.invalid_state_error = v,
            "get_event_loop" => h.get_event_loop = v,
            "future_repr_info" => h.future_repr_info = v,
            "task_repr_info" => h.task_repr_info = v,
            "task_get_stack" => h.task_get_stack = v,
            "task_print_stack" => h.task_print_stack = v,
            "iscoroutine" => h.iscoroutine = v,
            "loop_call_soon" => h.loop_call_soon = v,
            "format_callback_source" => h.format_callback_source = v,
            other => {
                drop(h);
                return Err(vm.type_error(format!("_init() got an unexpected keyword argument '{other}'")));
            }
        }
    }
    Ok(Value::None)
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let s = state(vm);
    let m = vm.new_module("_asyncio");
    for (name, f) in [
        ("get_running_loop", get_running_loop as egret_vm::function::NativeFn),
        ("_get_running_loop", get_running_loop_or_none),
        ("_set_running_loop", set_running_loop),
        ("_enter_task", py_enter_task),
        ("_leave_task", py_leave_task),
        ("_swap_current_task", py_swap_current_task),
        ("_register_task", py_register_task),
        ("_unregister_task", py_unregister_task),
        ("_register_eager_task", py_register_eager_task),
        ("_unregister_eager_task", py_unregister_eager_task),
        ("current_task", py_current_task),
        ("_all_task_candidates", py_all_task_candidates),
        ("_init", py_init),
    ] {
        vm.add_module_function(&m, name, f);
    }
    let d = vm.module_dict(&m).expect("module dict");
    vm.dict_set_str(&d, "Future", Value::Obj(s.future_type.clone()));
    vm.dict_set_str(&d, "Task", Value::Obj(s.task_type.clone()));
    vm.dict_set_str(&d, "_Handle", Value::Obj(s.handle_type.clone()));
    Ok(m)
}
