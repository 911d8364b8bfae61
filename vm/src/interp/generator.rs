//! Generators, coroutines and async generators.
//!
//! A generator object owns its suspended [`Frame`]. Resuming moves the
//! frame onto `vm.interp.frames` and runs the loop with it as the entry
//! frame; `YieldValue` pops it again and hands it back. The generator's own
//! handled-exception state is pushed on `vm.interp.exc_stack` while it runs.
//!
//! `yield from`/`await` compile to a `Send` loop; while suspended inside it,
//! the instruction before the `YieldValue` is that `Send` and the receiver
//! is on top of the frame's stack: that is `gi_yieldfrom`, used by
//! `throw()`/`close()` to delegate.
//!
//! Async generators: `yield v` wraps the value (`CallIntrinsic1
//! AsyncGenWrap`) so that the `asend`/`athrow` awaitables can tell it from a
//! value passed through from an `await` to the event loop.

use super::eval::{run, Exit};
use super::frame::{recycle, Frame};
use crate::code::Code;
use crate::function::Args;
use crate::types::{tdata, Layout};
use crate::value::{Data, NativeData, PyRef, Value};
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use egret_frontend::bytecode::{code_flags, Opcode};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

/// The fields a `for` step touches (resume and suspend) come first and
/// stay in declaration order (`repr(C)`), so they share a cache line.
#[repr(C)]
pub struct Generator {
    pub frame: RefCell<Option<Box<Frame>>>,
    /// The generator's handled exception while suspended.
    pub exc_state: Cell<Value>,
    pub running: Cell<bool>,
    pub kind: GenKind,
    /// The last yield was a plain `yield` (async generators).
    pub last_was_plain_yield: Cell<bool>,
    /// Async generators: an `asend`/`athrow` is in progress.
    pub running_async: Cell<bool>,
    /// Async generators: the `sys.set_asyncgen_hooks` firstiter hook has run.
    pub hooks_inited: Cell<bool>,
    pub code: Rc<Code>,
    pub name: RefCell<Value>,
    pub qualname: RefCell<Value>,
}

impl NativeData for Generator {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn hot_kind(&self) -> crate::value::HotKind {
        crate::value::HotKind::Generator
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Some(f) = &*self.frame.borrow() {
            for v in f.locals.iter().flatten() {
                visit(v);
            }
            for v in f.stack.iter() {
                visit(v);
            }
        }
    }
    fn clear(&self) {
        self.frame.borrow_mut().take();
    }
}

pub enum Resumed {
    Yielded(Value),
    Returned(Value),
}

fn gen_type(vm: &mut Vm, kind: GenKind) -> PyRef {
    let key = match kind {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGenerator => "async_generator",
    };
    vm.extra_types.get(key).cloned().expect("generator types are created at start-up")
}

/// The generator object for a call to a generator/coroutine function.
pub fn make_generator(vm: &mut Vm, func: &PyRef, frame: Box<Frame>) -> Value {
    let code = frame.code.clone();
    let flags = code.code.flags;
    let kind = if flags & code_flags::COROUTINE != 0 {
        GenKind::Coroutine
    } else if flags & code_flags::ASYNC_GENERATOR != 0 {
        GenKind::AsyncGenerator
    } else {
        GenKind::Generator
    };
    let (name, qualname) = match &func.data {
        Data::Function(f) => (f.name.borrow().clone(), f.qualname.borrow().clone()),
        _ => (Value::None, Value::None),
    };
    let g = Generator {
        kind,
        frame: RefCell::new(Some(frame)),
        running: Cell::new(false),
        code,
        name: RefCell::new(name),
        qualname: RefCell::new(qualname),
        exc_state: Cell::new(Value::None),
        running_async: Cell::new(false),
        last_was_plain_yield: Cell::new(false),
        hooks_inited: Cell::new(false),
    };
    let ty = gen_type(vm, kind);
    vm.alloc(ty, Data::Native(Box::new(g)))
}

fn gen_of<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a Generator> {
    v.native::<Generator>().ok_or_else(|| vm.type_error("expected a generator"))
}

fn kind_word(kind: GenKind) -> &'static str {
    match kind {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGenerator => "async generator",
    }
}

/// Runs the generator until it yields or finishes. `throw` raises that
/// exception at the suspension point instead of sending `value`.
pub fn resume(vm: &mut Vm, gv: &Value, value: Value, throw: Option<PyErr>) -> PyResult<Resumed> {
    let g = gen_of(vm, gv)?;
    resume_payload(vm, gv, g, value, throw)
}

/// [`resume`] for a caller that already holds `gv`'s payload `g` (no
/// downcast: one virtual call less per step).
fn resume_payload(vm: &mut Vm, gv: &Value, g: &Generator, value: Value, throw: Option<PyErr>) -> PyResult<Resumed> {
    debug_assert!(gv.native::<Generator>().is_some_and(|p| std::ptr::eq(p, g)));
    if g.running.get() {
        let msg = match g.kind {
            GenKind::Generator => "generator already executing",
            GenKind::Coroutine => "coroutine already executing",
            GenKind::AsyncGenerator => "async generator already executing",
        };
        return Err(vm.value_error(msg));
    }
    let Some(mut frame) = g.frame.borrow_mut().take() else {
        if let Some(e) = throw {
            return Err(e);
        }
        return Err(match g.kind {
            GenKind::Coroutine => vm.runtime_error("cannot reuse already awaited coroutine"),
            GenKind::AsyncGenerator => PyErr(vm.new_exception(vm.e.stop_async_iteration.clone(), vec![])),
            GenKind::Generator => return Ok(Resumed::Returned(Value::None)),
        });
    };
    let started = frame.pc > 0;
    if !started && throw.is_none() && !value.is_none() {
        *g.frame.borrow_mut() = Some(frame);
        return Err(vm.type_error(format!("can't send non-None value to a just-started {}", kind_word(g.kind))));
    }
    if !started {
        if let Some(e) = throw {
            // Thrown into a generator that has not started: it raises at its
            // first line without running any handler, and is finished.
            let code = frame.code.clone();
            recycle(vm, frame);
            crate::traceback::add_traceback_entry(vm, &e.0, &code, 0);
            return Err(e);
        }
    }
    if started && throw.is_none() {
        frame.push(value);
    }
    frame.is_entry = true;
    g.running.set(true);
    let saved = g.exc_state.take();
    super::push_inline(&mut vm.interp.exc_stack, saved);
    let exit = match throw {
        None => run(vm, frame),
        Some(e) => run_throwing(vm, frame, e),
    };
    let exc_state = vm.interp.exc_stack.pop().unwrap_or(Value::None);
    // `gv` (borrowed for this whole call) keeps the object and its payload alive.
    g.running.set(false);
    match exit {
        Exit::Yield(v, frame) => {
            g.exc_state.set(exc_state);
            let (v, plain) = match v.native::<AsyncGenWrapped>() {
                Some(w) => (w.0.clone(), true),
                None => (v, false),
            };
            g.last_was_plain_yield.set(plain);
            *g.frame.borrow_mut() = Some(frame);
            Ok(Resumed::Yielded(v))
        }
        Exit::Return(v) => Ok(Resumed::Returned(v)),
        Exit::Error(e) => Err(convert_stop_iteration(vm, g.kind, e)),
    }
}

/// A value yielded by `yield` in an async generator (`CallIntrinsic1 AsyncGenWrap`),
/// as opposed to one passed through from an `await`.
pub struct AsyncGenWrapped(pub Value);

impl NativeData for AsyncGenWrapped {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.0);
    }
}

pub fn wrap_async_gen_value(vm: &mut Vm, v: Value) -> Value {
    let ty = vm.t.object.clone();
    vm.alloc(ty, Data::Native(Box::new(AsyncGenWrapped(v))))
}

/// Whether the frame is suspended at the `YieldValue` of a `Send` loop.
fn is_after_send(frame: &Frame) -> bool {
    let ins = &frame.code.code.instructions;
    let l = frame.lasti() as usize;
    l >= 1 && ins.get(l).map(|i| i.op()) == Some(Opcode::YieldValue) && ins.get(l - 1).map(|i| i.op()) == Some(Opcode::Send)
}

/// The object a suspended generator delegates to (`gi_yieldfrom`).
pub fn yield_from_target(g: &Generator) -> Option<Value> {
    let f = g.frame.borrow();
    let f = f.as_ref()?;
    if f.pc > 0 && is_after_send(f) {
        f.stack.last().cloned()
    } else {
        None
    }
}

/// StopIteration (or StopAsyncIteration) escaping a generator body becomes RuntimeError.
pub fn convert_stop_iteration(vm: &mut Vm, kind: GenKind, e: PyErr) -> PyErr {
    let si = vm.is_instance(&e.0, &vm.e.stop_iteration.clone());
    let sai = kind == GenKind::AsyncGenerator && vm.is_instance(&e.0, &vm.e.stop_async_iteration.clone());
    if !si && !sai {
        return e;
    }
    let msg = if sai {
        "async generator raised StopAsyncIteration".to_string()
    } else {
        format!("{} raised StopIteration", kind_word(kind))
    };
    let new = vm.runtime_error(msg);
    if let Some(d) = vm.exception_data(&new.0) {
        let mut d = d.borrow_mut();
        d.cause = e.0.clone();
        d.context = e.0.clone();
        d.suppress_context = true;
    }
    new
}

/// Runs `frame` after raising `e` at its current instruction.
fn run_throwing(vm: &mut Vm, frame: Box<Frame>, e: PyErr) -> Exit {
    // Re-enter through a one-shot frame state: push the frame, unwind with the error.
    if vm.recursion_depth >= vm.recursion_limit {
        recycle(vm, frame);
        return Exit::Error(vm.recursion_error("maximum recursion depth exceeded"));
    }
    super::eval::run_with_pending(vm, frame, e)
}

/// `StopIteration.value` of an exception (None if absent).
pub fn stop_iteration_value(vm: &mut Vm, exc: &Value) -> Value {
    if let Some(v) = vm.get_attr_raw(exc, "value") {
        return v;
    }
    vm.exception_data(exc)
        .and_then(|d| d.borrow().args.as_tuple().and_then(|t| t.first().cloned()))
        .unwrap_or(Value::None)
}

/// Starts or resumes the plain generator `gv` for a `for` loop *inline*:
/// its frame is returned to be pushed on the caller's frame stack and run by
/// the same dispatch loop (no nested loop, as CPython's `FOR_ITER_GEN`).
/// The frame carries `gen_owner`; [`suspend_inline`] and [`finish_inline`]
/// hand it back. None: the generator cannot be resumed inline (running,
/// finished, not a plain generator); take the generic path.
pub fn resume_inline(vm: &mut Vm, gv: &Value) -> Option<Box<Frame>> {
    let g = generator_payload(gv)?;
    // SAFETY: `g` is `gv`'s payload.
    unsafe { resume_inline_payload(vm, gv, g) }
}

/// [`resume_inline`] for a caller that already has the generator's payload
/// `g` (e.g. `ForIter`, which read the payload's hot kind): no second
/// virtual call to identify it.
///
/// # Safety
/// `g` must be the payload of `gv` (the frame's `gen_owner` is later cast
/// back to a `Generator` without a check).
#[inline]
pub unsafe fn resume_inline_payload(vm: &mut Vm, gv: &Value, g: &Generator) -> Option<Box<Frame>> {
    debug_assert!(generator_payload(gv).is_some_and(|p| std::ptr::eq(p, g)));
    if g.kind != GenKind::Generator || g.running.get() {
        return None;
    }
    let mut frame = g.frame.borrow_mut().take()?;
    if frame.pc > 0 {
        frame.push(Value::None);
    }
    frame.is_entry = false;
    // A suspended frame has no owner (`suspend_inline` took it): nothing to drop.
    let old_owner = frame.gen_owner.replace(gv.clone());
    debug_assert!(old_owner.is_none());
    std::mem::forget(old_owner);
    g.running.set(true);
    let saved = g.exc_state.take();
    super::push_inline(&mut vm.interp.exc_stack, saved);
    Some(frame)
}

/// The generator payload of `v` (by the payload's hot kind: one virtual call).
#[inline(always)]
fn generator_payload(v: &Value) -> Option<&Generator> {
    match v {
        Value::Obj(o) => match &o.data {
            Data::Native(n) if n.hot_kind() == crate::value::HotKind::Generator => {
                // SAFETY: only `Generator` reports this kind.
                Some(unsafe { &*(&**n as *const dyn NativeData as *const Generator) })
            }
            _ => None,
        },
        _ => None,
    }
}

/// The generator owning an inline-run frame, without a virtual call:
/// `gen_owner` is set only by [`resume_inline`], to a value whose payload
/// [`generator_payload`] accepted (an object's payload never changes kind).
#[inline(always)]
fn owner_payload(owner: &Value) -> Option<&Generator> {
    match owner {
        Value::Obj(o) => match &o.data {
            Data::Native(n) => {
                debug_assert!(n.hot_kind() == crate::value::HotKind::Generator);
                // SAFETY: see above: the payload is a `Generator`.
                Some(unsafe { &*(&**n as *const dyn NativeData as *const Generator) })
            }
            _ => None,
        },
        _ => None,
    }
}

/// An inline-run generator frame yielded: it goes back into its generator.
pub fn suspend_inline(vm: &mut Vm, mut frame: Box<Frame>) {
    let exc_state = vm.interp.exc_stack.pop().unwrap_or(Value::None);
    let Some(gv) = frame.gen_owner.take() else { return };
    if let Some(g) = owner_payload(&gv) {
        g.running.set(false);
        // While it ran, its saved state was None and its frame slot empty
        // (`resume_inline` moved both out): nothing to drop here.
        let old_state = g.exc_state.replace(exc_state);
        debug_assert!(old_state.is_none());
        std::mem::forget(old_state);
        g.last_was_plain_yield.set(false);
        let old_frame = g.frame.borrow_mut().replace(frame);
        debug_assert!(old_frame.is_none());
        drop(old_frame);
    }
}

/// An inline-run generator frame returned or raised (it is finished);
/// an escaping StopIteration becomes RuntimeError.
pub fn finish_inline(vm: &mut Vm, frame: &mut Frame, err: Option<PyErr>) -> Option<PyErr> {
    vm.interp.exc_stack.pop();
    if let Some(gv) = frame.gen_owner.take() {
        if let Some(g) = owner_payload(&gv) {
            g.running.set(false);
        }
    }
    err.map(|e| convert_stop_iteration(vm, GenKind::Generator, e))
}

/// `next()` for a `for` loop over a generator: `Ok(None)` when it returns.
/// `g` is `it`'s payload (the caller identified it).
pub fn gen_next_for_loop(vm: &mut Vm, it: &Value, g: &Generator) -> PyResult<Option<Value>> {
    match resume_payload(vm, it, g, Value::None, None)? {
        Resumed::Yielded(v) => Ok(Some(v)),
        Resumed::Returned(_) => Ok(None),
    }
}

fn returned_to_stop(vm: &mut Vm, r: Resumed) -> PyResult<Value> {
    match r {
        Resumed::Yielded(v) => Ok(v),
        Resumed::Returned(v) => Err(vm.stop_iteration(v)),
    }
}

/// Throws into a generator, delegating to the sub-iterator it is
/// suspended in (`yield from`/`await`), as CPython's `_gen_throw`.
pub fn gen_throw(vm: &mut Vm, gv: &Value, exc: PyErr, close_on_genexit: bool) -> PyResult<Resumed> {
    let g = gen_of(vm, gv)?;
    if let Some(yf) = yield_from_target(g) {
        let is_genexit = vm.is_instance(&exc.0, &vm.e.generator_exit.clone());
        if is_genexit && close_on_genexit {
            g.running.set(true);
            let r = close_iter(vm, &yf);
            gen_of(vm, gv)?.running.set(false);
            if let Err(e) = r {
                return resume(vm, gv, Value::None, Some(e));
            }
            return resume(vm, gv, Value::None, Some(exc));
        }
        g.running.set(true);
        let r = if yf.native::<Generator>().map_or(false, |y| y.kind != GenKind::AsyncGenerator) {
            gen_throw(vm, &yf, exc.clone(), close_on_genexit).and_then(|r| match r {
                Resumed::Yielded(v) => Ok(Some(v)),
                Resumed::Returned(v) => Err(vm.stop_iteration(v)),
            })
        } else {
            match vm.getattr_opt(&yf, "throw") {
                Ok(Some(meth)) => {
                    let ty = Value::Obj(vm.type_of(&exc.0));
                    let tb = vm.exception_data(&exc.0).map(|d| d.borrow().traceback.clone()).unwrap_or(Value::None);
                    vm.call(&meth, &[ty, exc.0.clone(), tb]).map(Some)
                }
                Ok(None) => {
                    gen_of(vm, gv)?.running.set(false);
                    return resume(vm, gv, Value::None, Some(exc));
                }
                Err(e) => Err(e),
            }
        };
        gen_of(vm, gv)?.running.set(false);
        return match r {
            Ok(Some(v)) => Ok(Resumed::Yielded(v)),
            Ok(None) => resume(vm, gv, Value::None, None),
            Err(e) => resume(vm, gv, Value::None, Some(e)),
        };
    }
    resume(vm, gv, Value::None, Some(exc))
}

fn close_iter(vm: &mut Vm, it: &Value) -> PyResult<()> {
    if it.native::<Generator>().is_some() {
        return gen_close(vm, it).map(|_| ());
    }
    match vm.getattr_opt(it, "close")? {
        Some(c) => vm.call(&c, &[]).map(|_| ()),
        None => Ok(()),
    }
}

/// `generator.close()`.
pub fn gen_close(vm: &mut Vm, gv: &Value) -> PyResult<Value> {
    let g = gen_of(vm, gv)?;
    let kind = g.kind;
    let not_started = g.frame.borrow().as_ref().map_or(false, |f| f.pc == 0);
    if g.frame.borrow().is_none() {
        return Ok(Value::None);
    }
    if not_started && !g.running.get() {
        if let Some(f) = g.frame.borrow_mut().take() {
            recycle(vm, f);
        }
        return Ok(Value::None);
    }
    let exc = PyErr(vm.new_exception(vm.e.generator_exit.clone(), vec![]));
    match gen_throw(vm, gv, exc, true) {
        Ok(Resumed::Yielded(_)) => Err(vm.runtime_error(format!("{} ignored GeneratorExit", kind_word(kind)))),
        Ok(Resumed::Returned(_)) => Ok(Value::None),
        Err(e) => {
            if vm.is_instance(&e.0, &vm.e.stop_iteration.clone()) || vm.is_instance(&e.0, &vm.e.generator_exit.clone()) {
                Ok(Value::None)
            } else {
                Err(e)
            }
        }
    }
}

/// The exception from `throw(typ[, val[, tb]])` arguments.
fn throw_args_to_exception(vm: &mut Vm, pos: &[Value]) -> PyResult<PyErr> {
    let typ = pos.first().cloned().unwrap_or(Value::None);
    let val = pos.get(1).cloned().unwrap_or(Value::None);
    let tb = pos.get(2).cloned().unwrap_or(Value::None);
    if !tb.is_none() && !matches!(&tb, Value::Obj(o) if &*tdata(&o.ty).name() == "traceback") {
        return Err(vm.type_error("throw() third argument must be a traceback object"));
    }
    let is_class = matches!(&typ, Value::Obj(o) if matches!(o.data, Data::Type(_)) && crate::types::is_subtype(o, &vm.e.base_exception));
    let exc = if is_class {
        if vm.is_instance(&val, typ.as_obj().expect("class")) {
            val
        } else if val.is_none() {
            vm.call(&typ, &[])?
        } else if let Some(t) = val.as_tuple() {
            let t = t.to_vec();
            vm.call(&typ, &t)?
        } else {
            vm.call(&typ, &[val])?
        }
    } else if vm.is_instance(&typ, &vm.e.base_exception.clone()) {
        if !val.is_none() {
            return Err(vm.type_error("instance exception may not have a separate value"));
        }
        typ
    } else {
        return Err(vm.type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            vm.type_name(&typ)
        )));
    };
    if !tb.is_none() {
        if let Some(d) = vm.exception_data(&exc) {
            d.borrow_mut().traceback = tb;
        }
    }
    Ok(PyErr(exc))
}

// ----- natives: generator and coroutine ------------------------------------------

fn self_arg(args: &Args) -> Value {
    args.pos().first().cloned().unwrap_or(Value::None)
}

fn gen_iter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(self_arg(&args))
}

fn gen_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = self_arg(&args);
    let r = resume(vm, &g, Value::None, None)?;
    returned_to_stop(vm, r)
}

fn gen_send(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = self_arg(&args);
    let v = args.pos().get(1).cloned().unwrap_or(Value::None);
    let r = resume(vm, &g, v, None)?;
    returned_to_stop(vm, r)
}

fn gen_throw_native(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = self_arg(&args);
    let pos = &args.pos()[1..];
    if pos.is_empty() || pos.len() > 3 {
        return Err(vm.type_error(format!("throw expected at least 1 argument, got {}", pos.len())));
    }
    let exc = throw_args_to_exception(vm, pos)?;
    let r = gen_throw(vm, &g, exc, true)?;
    returned_to_stop(vm, r)
}

fn gen_close_native(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = self_arg(&args);
    gen_close(vm, &g)
}

fn gen_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let gv = self_arg(&args);
    let g = gen_of(vm, &gv)?;
    let q = g.qualname.borrow().as_str().unwrap_or("?").to_string();
    let what = match g.kind {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGenerator => "async_generator",
    };
    Ok(vm.new_str(format!("<{} object {} at {:#x}>", what, q, gv.id())))
}

fn gen_get_frame(vm: &mut Vm, gv: &Value) -> PyResult<Value> {
    let g = gen_of(vm, gv)?;
    if g.frame.borrow().is_none() {
        return Ok(Value::None);
    }
    Ok(super::pyframe::generator_frame_object(vm, gv))
}

fn gen_get_running(vm: &mut Vm, gv: &Value) -> PyResult<Value> {
    Ok(Value::bool(gen_of(vm, gv)?.running.get()))
}

fn gen_get_suspended(vm: &mut Vm, gv: &Value) -> PyResult<Value> {
    let g = gen_of(vm, gv)?;
    let s = !g.running.get() && g.frame.borrow().as_ref().map_or(false, |f| f.pc > 0);
    Ok(Value::bool(s))
}

fn gen_get_code(vm: &mut Vm, gv: &Value) -> PyResult<Value> {
    let g = gen_of(vm, gv)?;
    let c = g.code.clone();
    Ok(vm.alloc(vm.t.code.clone(), Data::Code(c)))
}

fn gen_get_yieldfrom(vm: &mut Vm, gv: &Value) -> PyResult<Value> {
    let g = gen_of(vm, gv)?;
    Ok(yield_from_target(g).unwrap_or(Value::None))
}

fn gen_get_name(vm: &mut Vm, gv: &Value) -> PyResult<Value> {
    Ok(gen_of(vm, gv)?.name.borrow().clone())
}

fn gen_set_name(vm: &mut Vm, gv: &Value, v: Option<Value>) -> PyResult<()> {
    match v {
        Some(v) if v.as_str().is_some() => {
            *gen_of(vm, gv)?.name.borrow_mut() = v;
            Ok(())
        }
        _ => Err(vm.type_error("__name__ must be set to a string object")),
    }
}

fn gen_get_qualname(vm: &mut Vm, gv: &Value) -> PyResult<Value> {
    Ok(gen_of(vm, gv)?.qualname.borrow().clone())
}

fn gen_set_qualname(vm: &mut Vm, gv: &Value, v: Option<Value>) -> PyResult<()> {
    match v {
        Some(v) if v.as_str().is_some() => {
            *gen_of(vm, gv)?.qualname.borrow_mut() = v;
            Ok(())
        }
        _ => Err(vm.type_error("__qualname__ must be set to a string object")),
    }
}

fn none_getter(_vm: &mut Vm, _v: &Value) -> PyResult<Value> {
    Ok(Value::None)
}

fn ag_get_running(vm: &mut Vm, gv: &Value) -> PyResult<Value> {
    Ok(Value::bool(gen_of(vm, gv)?.running_async.get()))
}

/// Adds a native getter (and optional setter) to a type.
pub fn add_getset(vm: &mut Vm, ty: &PyRef, name: &'static str, get: crate::descriptor::Getter, set: Option<crate::descriptor::Setter>) {
    let owner: &'static str = Box::leak(tdata(ty).name().to_string().into_boxed_str());
    let gs = crate::descriptor::GetSet { name, get, set, owner };
    let ty_gs = getset_type(vm);
    let v = vm.alloc(ty_gs, Data::Native(Box::new(gs)));
    vm.set_type_attr(ty, name, v);
}

fn getset_type(vm: &mut Vm) -> PyRef {
    if let Some(t) = vm.extra_types.get("getset_descriptor") {
        return t.clone();
    }
    let t = vm.new_builtin_type("getset_descriptor", None, Layout::Native, 0);
    vm.extra_types.insert("getset_descriptor", t.clone());
    t
}

// ----- coroutine wrapper (`coro.__await__()`) --------------------------------------

pub struct CoroWrapper {
    pub coro: Value,
}

impl NativeData for CoroWrapper {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.coro);
    }
}

fn wrapped_coro(vm: &Vm, args: &Args) -> PyResult<Value> {
    let w = self_arg(args);
    w.native::<CoroWrapper>().map(|c| c.coro.clone()).ok_or_else(|| vm.type_error("expected a coroutine_wrapper"))
}

fn coro_await(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let coro = self_arg(&args);
    let ty = vm.extra_types.get("coroutine_wrapper").cloned().expect("created at start-up");
    Ok(vm.alloc(ty, Data::Native(Box::new(CoroWrapper { coro }))))
}

fn cw_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = wrapped_coro(vm, &args)?;
    let r = resume(vm, &c, Value::None, None)?;
    returned_to_stop(vm, r)
}

fn cw_send(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = wrapped_coro(vm, &args)?;
    let v = args.pos().get(1).cloned().unwrap_or(Value::None);
    let r = resume(vm, &c, v, None)?;
    returned_to_stop(vm, r)
}

fn cw_throw(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = wrapped_coro(vm, &args)?;
    let exc = throw_args_to_exception(vm, &args.pos()[1..])?;
    let r = gen_throw(vm, &c, exc, true)?;
    returned_to_stop(vm, r)
}

fn cw_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = wrapped_coro(vm, &args)?;
    gen_close(vm, &c)
}

// ----- async generators: asend / athrow awaitables -----------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum AwaitState {
    Init,
    Iter,
    Closed,
}

/// The awaitable of `agen.asend(v)` / `agen.__anext__()` / `agen.athrow(...)` / `agen.aclose()`.
pub struct AsyncGenOp {
    pub gen: Value,
    /// `asend`: the value to send first. `athrow`: the exception (None for `aclose`).
    pub value: RefCell<Value>,
    pub is_throw: bool,
    pub is_close: bool,
    state: Cell<AwaitState>,
}

impl NativeData for AsyncGenOp {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.gen);
        visit(&self.value.borrow());
    }
}

// ----- sys.set_asyncgen_hooks ------------------------------------------------------

thread_local! {
    /// (firstiter, finalizer) of `sys.set_asyncgen_hooks`.
    static ASYNCGEN_HOOKS: RefCell<(Value, Value)> = RefCell::new((Value::None, Value::None));
}

/// Calls the firstiter hook the first time an async generator is iterated
/// (its first `__anext__`/`asend`/`athrow`/`aclose`), as CPython does.
fn agen_init_hooks(vm: &mut Vm, gen: &Value) -> PyResult<()> {
    let Some(g) = gen.native::<Generator>() else { return Ok(()) };
    if g.kind != GenKind::AsyncGenerator || g.hooks_inited.get() {
        return Ok(());
    }
    g.hooks_inited.set(true);
    let firstiter = ASYNCGEN_HOOKS.with(|h| h.borrow().0.clone());
    if !firstiter.is_none() {
        vm.call(&firstiter, &[gen.clone()])?;
    }
    Ok(())
}

/// `sys.set_asyncgen_hooks(firstiter=..., finalizer=...)`: arguments left
/// out keep their current value. (The finalizer is stored and reported but
/// never called: Egret does not finalize generators when they are freed.)
pub fn sys_set_asyncgen_hooks(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() > 2 {
        return Err(vm.type_error(format!("set_asyncgen_hooks() takes at most 2 arguments ({} given)", pos.len())));
    }
    let mut firstiter = pos.first().cloned();
    let mut finalizer = pos.get(1).cloned();
    for (name, v) in args.kwargs() {
        match name {
            "firstiter" if firstiter.is_none() => firstiter = Some(v.clone()),
            "finalizer" if finalizer.is_none() => finalizer = Some(v.clone()),
            "firstiter" | "finalizer" => {
                return Err(vm.type_error(format!("argument for set_asyncgen_hooks() given by name ('{}') and position", name)));
            }
            n => return Err(vm.type_error(format!("set_asyncgen_hooks() got an unexpected keyword argument '{}'", n))),
        }
    }
    for (what, v) in [("finalizer", &finalizer), ("firstiter", &firstiter)] {
        if let Some(v) = v {
            if !v.is_none() && !crate::builtins::functions::is_callable(vm, v) {
                return Err(vm.type_error(format!("callable {} expected, got {}", what, vm.type_name(v))));
            }
        }
    }
    ASYNCGEN_HOOKS.with(|h| {
        let mut h = h.borrow_mut();
        if let Some(f) = firstiter {
            h.0 = f;
        }
        if let Some(f) = finalizer {
            h.1 = f;
        }
    });
    Ok(Value::None)
}

/// `sys.get_asyncgen_hooks()`: `asyncgen_hooks(firstiter, finalizer)`.
pub fn sys_get_asyncgen_hooks(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let (firstiter, finalizer) = ASYNCGEN_HOOKS.with(|h| h.borrow().clone());
    Ok(crate::sysmodule::named_tuple(vm, "asyncgen_hooks", &["firstiter", "finalizer"], vec![firstiter, finalizer]))
}

fn new_agen_op(vm: &mut Vm, gen: Value, value: Value, is_throw: bool, is_close: bool) -> Value {
    let key = if is_throw { "async_generator_athrow" } else { "async_generator_asend" };
    let ty = vm.extra_types.get(key).cloned().expect("created at start-up");
    vm.alloc(ty, Data::Native(Box::new(AsyncGenOp { gen, value: RefCell::new(value), is_throw, is_close, state: Cell::new(AwaitState::Init) })))
}

fn agen_anext(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = self_arg(&args);
    agen_init_hooks(vm, &g)?;
    Ok(new_agen_op(vm, g, Value::None, false, false))
}

fn agen_asend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = self_arg(&args);
    agen_init_hooks(vm, &g)?;
    let v = args.pos().get(1).cloned().unwrap_or(Value::None);
    Ok(new_agen_op(vm, g, v, false, false))
}

fn agen_athrow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = self_arg(&args);
    agen_init_hooks(vm, &g)?;
    let exc = throw_args_to_exception(vm, &args.pos()[1..])?;
    Ok(new_agen_op(vm, g, exc.0, true, false))
}

fn agen_aclose(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = self_arg(&args);
    agen_init_hooks(vm, &g)?;
    Ok(new_agen_op(vm, g, Value::None, true, true))
}

fn agen_aiter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(self_arg(&args))
}

/// Interprets the async generator's step for an awaitable: a plain yield
/// finishes the awaitable with StopIteration(value); a pass-through yield goes up.
fn agen_step_result(vm: &mut Vm, op: &AsyncGenOp, r: PyResult<Resumed>) -> PyResult<Value> {
    let g = gen_of(vm, &op.gen)?;
    match r {
        Ok(Resumed::Yielded(v)) => {
            if g.last_was_plain_yield.get() {
                op.state.set(AwaitState::Closed);
                g.running_async.set(false);
                if op.is_close {
                    return Err(vm.runtime_error("async generator ignored GeneratorExit"));
                }
                Err(vm.stop_iteration(v))
            } else {
                Ok(v)
            }
        }
        Ok(Resumed::Returned(_)) => {
            op.state.set(AwaitState::Closed);
            g.running_async.set(false);
            if op.is_close {
                return Err(vm.stop_iteration(Value::None));
            }
            Err(PyErr(vm.new_exception(vm.e.stop_async_iteration.clone(), vec![])))
        }
        Err(e) => {
            op.state.set(AwaitState::Closed);
            g.running_async.set(false);
            if op.is_close
                && (vm.is_instance(&e.0, &vm.e.stop_async_iteration.clone()) || vm.is_instance(&e.0, &vm.e.generator_exit.clone()))
            {
                return Err(vm.stop_iteration(Value::None));
            }
            Err(e)
        }
    }
}

fn agen_op_send_impl(vm: &mut Vm, opv: &Value, v: Value) -> PyResult<Value> {
    let op = opv.native::<AsyncGenOp>().ok_or_else(|| vm.type_error("expected an async generator awaitable"))?;
    match op.state.get() {
        AwaitState::Closed => {
            let what = if op.is_throw { "athrow" } else { "asend" };
            return Err(vm.runtime_error(format!("cannot reuse already awaited __anext__()/{}()", what)));
        }
        AwaitState::Init => {
            let g = gen_of(vm, &op.gen)?;
            if g.running_async.get() {
                op.state.set(AwaitState::Closed);
                let msg = if op.is_close {
                    "aclose(): asynchronous generator is already running"
                } else if op.is_throw {
                    "athrow(): asynchronous generator is already running"
                } else {
                    "anext(): asynchronous generator is already running"
                };
                return Err(vm.runtime_error(msg));
            }
            if g.frame.borrow().is_none() {
                op.state.set(AwaitState::Closed);
                if op.is_close {
                    return Err(vm.stop_iteration(Value::None));
                }
                return Err(PyErr(vm.new_exception(vm.e.stop_async_iteration.clone(), vec![])));
            }
            g.running_async.set(true);
            op.state.set(AwaitState::Iter);
            let gen = op.gen.clone();
            let r = if op.is_throw {
                let exc = if op.is_close {
                    PyErr(vm.new_exception(vm.e.generator_exit.clone(), vec![]))
                } else {
                    PyErr(op.value.borrow().clone())
                };
                let not_started = g.frame.borrow().as_ref().map_or(false, |f| f.pc == 0);
                if op.is_close && not_started {
                    if let Some(f) = g.frame.borrow_mut().take() {
                        recycle(vm, f);
                    }
                    Ok(Resumed::Returned(Value::None))
                } else {
                    gen_throw(vm, &gen, exc, true)
                }
            } else {
                let first = if v.is_none() { op.value.borrow().clone() } else { v };
                resume(vm, &gen, first, None)
            };
            agen_step_result(vm, op, r)
        }
        AwaitState::Iter => {
            let gen = op.gen.clone();
            let r = resume(vm, &gen, v, None);
            agen_step_result(vm, op, r)
        }
    }
}

fn agen_op_send(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let opv = self_arg(&args);
    let v = args.pos().get(1).cloned().unwrap_or(Value::None);
    agen_op_send_impl(vm, &opv, v)
}

fn agen_op_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let opv = self_arg(&args);
    agen_op_send_impl(vm, &opv, Value::None)
}

fn agen_op_throw(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let opv = self_arg(&args);
    let op = opv.native::<AsyncGenOp>().ok_or_else(|| vm.type_error("expected an async generator awaitable"))?;
    if op.state.get() == AwaitState::Closed {
        return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()"));
    }
    let exc = throw_args_to_exception(vm, &args.pos()[1..])?;
    let gen = op.gen.clone();
    op.state.set(AwaitState::Iter);
    gen_of(vm, &gen)?.running_async.set(true);
    let r = gen_throw(vm, &gen, exc, true);
    agen_step_result(vm, op, r)
}

fn agen_op_close(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let opv = self_arg(&args);
    if let Some(op) = opv.native::<AsyncGenOp>() {
        op.state.set(AwaitState::Closed);
        if let Some(g) = op.gen.native::<Generator>() {
            g.running_async.set(false);
        }
    }
    Ok(Value::None)
}

// ----- opcode helpers -------------------------------------------------------------

pub fn get_yield_from_iter(vm: &mut Vm, f: &Frame, v: Value) -> PyResult<Value> {
    if let Some(g) = v.native::<Generator>() {
        match g.kind {
            GenKind::Generator => return Ok(v),
            GenKind::Coroutine => {
                if f.code.code.flags & (code_flags::COROUTINE | code_flags::ITERABLE_COROUTINE) == 0 {
                    return Err(vm.type_error("cannot 'yield from' a coroutine object in a non-coroutine generator"));
                }
                return Ok(v);
            }
            GenKind::AsyncGenerator => {}
        }
    }
    vm.iter(&v)
}

pub fn get_aiter(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let ty = vm.type_of(&v);
    let Some(f) = crate::slots::special(&ty, "__aiter__") else {
        return Err(vm.type_error(format!("'async for' requires an object with __aiter__ method, got {}", tdata(&ty).name())));
    };
    let it = vm.call(&f, &[v])?;
    let ity = vm.type_of(&it);
    if crate::slots::special(&ity, "__anext__").is_none() {
        return Err(vm.type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            tdata(&ity).name()
        )));
    }
    Ok(it)
}

pub fn get_anext(vm: &mut Vm, aiter: Value) -> PyResult<Value> {
    if let Some(g) = aiter.native::<Generator>() {
        if g.kind == GenKind::AsyncGenerator {
            agen_init_hooks(vm, &aiter)?;
            return Ok(new_agen_op(vm, aiter.clone(), Value::None, false, false));
        }
    }
    let ty = vm.type_of(&aiter);
    let Some(f) = crate::slots::special(&ty, "__anext__") else {
        return Err(vm.type_error(format!("'async for' requires an iterator with __anext__ method, got {}", tdata(&ty).name())));
    };
    let r = vm.call(&f, &[aiter])?;
    match get_awaitable_inner(vm, r) {
        Ok(a) => Ok(a),
        Err(AwaitableError::NotAwaitable(name)) => {
            Err(vm.type_error(format!("'async for' received an invalid object from __anext__: {}", name)))
        }
        Err(AwaitableError::Raised(e)) => Err(e),
    }
}

enum AwaitableError {
    NotAwaitable(String),
    Raised(PyErr),
}

fn get_awaitable_inner(vm: &mut Vm, v: Value) -> Result<Value, AwaitableError> {
    if let Some(g) = v.native::<Generator>() {
        if g.kind == GenKind::Coroutine {
            return Ok(v);
        }
        if g.kind == GenKind::Generator && g.code.code.flags & code_flags::ITERABLE_COROUTINE != 0 {
            return Ok(v);
        }
    }
    if v.native::<AsyncGenOp>().is_some() {
        return Ok(v);
    }
    let ty = vm.type_of(&v);
    let Some(f) = crate::slots::special(&ty, "__await__") else {
        return Err(AwaitableError::NotAwaitable(tdata(&ty).name().to_string()));
    };
    let it = vm.call(&f, &[v]).map_err(AwaitableError::Raised)?;
    if it.native::<Generator>().map_or(false, |g| g.kind == GenKind::Coroutine) {
        return Err(AwaitableError::Raised(vm.type_error("__await__() returned a coroutine")));
    }
    let ity = vm.type_of(&it);
    if crate::slots::special(&ity, "__next__").is_none() {
        return Err(AwaitableError::Raised(
            vm.type_error(format!("__await__() returned non-iterator of type '{}'", tdata(&ity).name())),
        ));
    }
    Ok(it)
}

/// `GetAwaitable` (`where_`: 0 `await`, 1 after `__aenter__`, 2 after `__aexit__`).
pub fn get_awaitable(vm: &mut Vm, v: Value, where_: u32) -> PyResult<Value> {
    if let Some(g) = v.native::<Generator>() {
        if g.kind == GenKind::Coroutine && yield_from_target(g).is_some() {
            return Err(vm.runtime_error("coroutine is being awaited already"));
        }
    }
    match get_awaitable_inner(vm, v) {
        Ok(a) => Ok(a),
        Err(AwaitableError::Raised(e)) => Err(e),
        Err(AwaitableError::NotAwaitable(name)) => Err(vm.type_error(match where_ {
            1 => format!("'async with' received an object from __aenter__ that does not implement __await__: {}", name),
            2 => format!("'async with' received an object from __aexit__ that does not implement __await__: {}", name),
            _ => format!("object {} can't be used in 'await' expression", name),
        })),
    }
}

/// `Send`: `[receiver, value] -> [receiver, result]`, jumping to `target` when the receiver returns.
pub fn send_op(vm: &mut Vm, f: &mut Frame, target: u32) -> PyResult<super::eval::Control> {
    let v = f.pop();
    let recv = f.top().clone();
    let r = if let Some(g) = recv.native::<Generator>().filter(|g| g.kind != GenKind::AsyncGenerator) {
        resume_payload(vm, &recv, g, v, None)
    } else if let Some(step) = if v.is_none() { crate::builtins::iterators::fast_next(vm, &recv) } else { None } {
        // A builtin iterator (`yield from some_tuple`): its native step, no
        // `__next__` lookup, call or StopIteration object per item.
        match step? {
            Some(x) => Ok(Resumed::Yielded(x)),
            None => Ok(Resumed::Returned(Value::None)),
        }
    } else {
        let ty = vm.type_of(&recv);
        let res = if v.is_none() && crate::slots::special(&ty, "__next__").is_some() {
            let nf = crate::slots::special(&ty, "__next__").expect("checked");
            vm.call(&nf, &[recv.clone()])
        } else {
            let send = vm.getattr_str(&recv, "send")?;
            vm.call(&send, &[v])
        };
        match res {
            Ok(x) => Ok(Resumed::Yielded(x)),
            Err(e) if vm.is_instance(&e.0, &vm.e.stop_iteration.clone()) => {
                let val = stop_iteration_value(vm, &e.0);
                Ok(Resumed::Returned(val))
            }
            Err(e) => Err(e),
        }
    };
    match r? {
        Resumed::Yielded(x) => f.push(x),
        Resumed::Returned(x) => {
            f.push(x);
            f.pc = target;
        }
    }
    Ok(super::eval::Control::Next)
}

// ----- builtins aiter() / anext() ------------------------------------------------------

/// The awaitable `anext(it, default)` returns: awaits `it.__anext__()` and
/// turns its StopAsyncIteration into a return of `default`.
pub struct AnextAwaitable {
    wrapped: Value,
    default: Value,
    iter: RefCell<Option<Value>>,
}

impl NativeData for AnextAwaitable {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.wrapped);
        visit(&self.default);
        if let Some(it) = self.iter.borrow().as_ref() {
            visit(it);
        }
    }
}

fn builtin_aiter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("aiter() takes no keyword arguments"));
    }
    let p = args.pos();
    if p.len() != 1 {
        return Err(vm.type_error(format!("aiter expected 1 argument, got {}", p.len())));
    }
    let ty = vm.type_of(&p[0]);
    let Some(f) = crate::slots::special(&ty, "__aiter__") else {
        return Err(vm.type_error(format!("'{}' object is not an async iterable", tdata(&ty).name())));
    };
    let it = vm.call(&f, &[p[0].clone()])?;
    let ity = vm.type_of(&it);
    if crate::slots::special(&ity, "__anext__").is_none() {
        return Err(vm.type_error(format!("aiter() returned not an async iterator of type '{}'", tdata(&ity).name())));
    }
    Ok(it)
}

fn builtin_anext(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("anext() takes no keyword arguments"));
    }
    let p = args.pos();
    if p.is_empty() || p.len() > 2 {
        let msg = if p.is_empty() {
            "anext expected at least 1 argument, got 0".to_string()
        } else {
            format!("anext expected at most 2 arguments, got {}", p.len())
        };
        return Err(vm.type_error(msg));
    }
    let ty = vm.type_of(&p[0]);
    let Some(f) = crate::slots::special(&ty, "__anext__") else {
        return Err(vm.type_error(format!("'{}' object is not an async iterator", tdata(&ty).name())));
    };
    let awaitable = vm.call(&f, &[p[0].clone()])?;
    let Some(default) = p.get(1).cloned() else { return Ok(awaitable) };
    let aty = vm.extra_types.get("anext_awaitable").cloned().expect("created at start-up");
    Ok(vm.alloc(aty, Data::Native(Box::new(AnextAwaitable { wrapped: awaitable, default, iter: RefCell::new(None) }))))
}

fn anext_of<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a AnextAwaitable> {
    v.native::<AnextAwaitable>().ok_or_else(|| vm.type_error("expected an anext_awaitable"))
}

/// The iterator behind the wrapped awaitable (made on first use).
fn anext_iter(vm: &mut Vm, a: &AnextAwaitable) -> PyResult<Value> {
    if let Some(it) = a.iter.borrow().as_ref() {
        return Ok(it.clone());
    }
    let it = match get_awaitable_inner(vm, a.wrapped.clone()) {
        Ok(it) => it,
        Err(AwaitableError::Raised(e)) => return Err(e),
        Err(AwaitableError::NotAwaitable(name)) => {
            return Err(vm.type_error(format!("'{}' object is not awaitable", name)));
        }
    };
    *a.iter.borrow_mut() = Some(it.clone());
    Ok(it)
}

fn anext_map_result(vm: &mut Vm, a: &AnextAwaitable, r: PyResult<Value>) -> PyResult<Value> {
    match r {
        Err(e) if vm.is_instance(&e.0, &vm.e.stop_async_iteration.clone()) => Err(vm.stop_iteration(a.default.clone())),
        other => other,
    }
}

fn anext_send_impl(vm: &mut Vm, selfv: &Value, v: Value) -> PyResult<Value> {
    let a = anext_of(vm, selfv)?;
    let it = anext_iter(vm, a)?;
    let r = if let Some(g) = it.native::<Generator>().filter(|g| g.kind != GenKind::AsyncGenerator) {
        let _ = g;
        resume(vm, &it, v, None).and_then(|r| returned_to_stop(vm, r))
    } else if it.native::<AsyncGenOp>().is_some() {
        agen_op_send_impl(vm, &it, v)
    } else if v.is_none() {
        let ty = vm.type_of(&it);
        match crate::slots::special(&ty, "__next__") {
            Some(f) => vm.call(&f, &[it.clone()]),
            None => Err(vm.type_error(format!("'{}' object is not an iterator", tdata(&ty).name()))),
        }
    } else {
        vm.call_method(&it, "send", &[v])
    };
    anext_map_result(vm, a, r)
}

fn anext_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    anext_send_impl(vm, &self_arg(&args), Value::None)
}

fn anext_send(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.pos().get(1).cloned().unwrap_or(Value::None);
    anext_send_impl(vm, &self_arg(&args), v)
}

fn anext_throw(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let selfv = self_arg(&args);
    let a = anext_of(vm, &selfv)?;
    let it = anext_iter(vm, a)?;
    let rest = args.pos()[1..].to_vec();
    let r = vm.call_method(&it, "throw", &rest);
    anext_map_result(vm, a, r)
}

fn anext_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let selfv = self_arg(&args);
    let a = anext_of(vm, &selfv)?;
    let it = anext_iter(vm, a)?;
    match vm.getattr_opt(&it, "close")? {
        Some(f) => vm.call(&f, &[]),
        None => Ok(Value::None),
    }
}

fn init_async_builtins(vm: &mut Vm) {
    let ty = vm.new_builtin_type("anext_awaitable", None, Layout::Native, 0);
    vm.add_method(&ty, "__await__", gen_iter);
    vm.add_method(&ty, "__iter__", gen_iter);
    vm.add_method(&ty, "__next__", anext_next);
    vm.add_method(&ty, "send", anext_send);
    vm.add_method(&ty, "throw", anext_throw);
    vm.add_method(&ty, "close", anext_close);
    vm.extra_types.insert("anext_awaitable", ty);
    let b = Value::Obj(vm.builtins.clone());
    let f = vm.new_builtin("aiter", builtin_aiter);
    vm.dict_set_str(&b, "aiter", f);
    let f = vm.new_builtin("anext", builtin_anext);
    vm.dict_set_str(&b, "anext", f);
}

/// Creates the generator-family types (called at start-up).
pub fn init(vm: &mut Vm) {
    init_async_builtins(vm);
    for (key, kind) in [("generator", GenKind::Generator), ("coroutine", GenKind::Coroutine), ("async_generator", GenKind::AsyncGenerator)] {
        let ty = vm.new_builtin_type(key, None, Layout::Native, 0);
        vm.add_method(&ty, "__repr__", gen_repr);
        let p = match kind {
            GenKind::Generator => "gi",
            GenKind::Coroutine => "cr",
            GenKind::AsyncGenerator => "ag",
        };
        match kind {
            GenKind::Generator => {
                vm.add_method(&ty, "__iter__", gen_iter);
                vm.add_method(&ty, "__next__", gen_next);
                vm.add_method(&ty, "send", gen_send);
                vm.add_method(&ty, "throw", gen_throw_native);
                vm.add_method(&ty, "close", gen_close_native);
                add_getset(vm, &ty, "gi_yieldfrom", gen_get_yieldfrom, None);
                add_getset(vm, &ty, "gi_suspended", gen_get_suspended, None);
            }
            GenKind::Coroutine => {
                vm.add_method(&ty, "__await__", coro_await);
                vm.add_method(&ty, "send", gen_send);
                vm.add_method(&ty, "throw", gen_throw_native);
                vm.add_method(&ty, "close", gen_close_native);
                add_getset(vm, &ty, "cr_await", gen_get_yieldfrom, None);
                add_getset(vm, &ty, "cr_origin", none_getter, None);
                add_getset(vm, &ty, "cr_suspended", gen_get_suspended, None);
            }
            GenKind::AsyncGenerator => {
                vm.add_method(&ty, "__aiter__", agen_aiter);
                vm.add_method(&ty, "__anext__", agen_anext);
                vm.add_method(&ty, "asend", agen_asend);
                vm.add_method(&ty, "athrow", agen_athrow);
                vm.add_method(&ty, "aclose", agen_aclose);
                add_getset(vm, &ty, "ag_await", gen_get_yieldfrom, None);
                add_getset(vm, &ty, "ag_suspended", gen_get_suspended, None);
            }
        }
        let names: [&'static str; 3] = match p {
            "gi" => ["gi_frame", "gi_running", "gi_code"],
            "cr" => ["cr_frame", "cr_running", "cr_code"],
            _ => ["ag_frame", "ag_running", "ag_code"],
        };
        add_getset(vm, &ty, names[0], gen_get_frame, None);
        add_getset(vm, &ty, names[1], if kind == GenKind::AsyncGenerator { ag_get_running } else { gen_get_running }, None);
        add_getset(vm, &ty, names[2], gen_get_code, None);
        add_getset(vm, &ty, "__name__", gen_get_name, Some(gen_set_name));
        add_getset(vm, &ty, "__qualname__", gen_get_qualname, Some(gen_set_qualname));
        let k: &'static str = key;
        vm.extra_types.insert(k, ty);
    }
    let cw = vm.new_builtin_type("coroutine_wrapper", None, Layout::Native, 0);
    vm.add_method(&cw, "__iter__", gen_iter);
    vm.add_method(&cw, "__next__", cw_next);
    vm.add_method(&cw, "send", cw_send);
    vm.add_method(&cw, "throw", cw_throw);
    vm.add_method(&cw, "close", cw_close);
    vm.extra_types.insert("coroutine_wrapper", cw);
    for key in ["async_generator_asend", "async_generator_athrow"] {
        let ty = vm.new_builtin_type(key, None, Layout::Native, 0);
        vm.add_method(&ty, "__await__", gen_iter);
        vm.add_method(&ty, "__iter__", gen_iter);
        vm.add_method(&ty, "__next__", agen_op_next);
        vm.add_method(&ty, "send", agen_op_send);
        vm.add_method(&ty, "throw", agen_op_throw);
        vm.add_method(&ty, "close", agen_op_close);
        vm.extra_types.insert(key, ty);
    }
}
