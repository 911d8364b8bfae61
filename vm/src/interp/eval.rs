//! The dispatch loop.
//!
//! [`run`] executes the frame on top of `vm.interp.frames` and every frame
//! the bytecode calls, until the entry frame returns, yields, or raises.
//! The loop holds a raw pointer to the running frame: frames are boxed, so
//! the pointer stays valid while natives push and pop other frames, and only
//! this loop pops the frames it runs.
//!
//! Hot opcodes are handled inline; everything rare calls a `#[cold]`
//! function in `opcodes.rs`, `exc.rs`, `generator.rs` or `class.rs`, so
//! that the loop stays small enough for the compiler to keep its state in
//! registers.
//!
//! Errors: a failing operation leaves the dispatch loop with the exception;
//! [`unwind`] adds a traceback entry (except for re-raises), looks the
//! instruction up in the exception table and continues at the handler, or
//! pops the frame and repeats in the caller.

use super::frame::{is_null, recycle, Frame};
use crate::types::tdata;
use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use egret_frontend::bytecode::{BinaryOperator, CompareOperator, Instr, Opcode};
use std::rc::Rc;

/// How a run of the loop ended.
pub enum Exit {
    Return(Value),
    /// A generator's frame yielded; the frame is handed back to its owner.
    Yield(Value, Box<Frame>),
    Error(PyErr),
}

/// Runs `frame` as an entry frame (called from native code) to completion.
pub fn run_entry(vm: &mut Vm, mut frame: Box<Frame>) -> PyResult<Value> {
    frame.is_entry = true;
    match run(vm, frame) {
        Exit::Return(v) => Ok(v),
        Exit::Error(e) => Err(e),
        Exit::Yield(_, f) => {
            recycle(vm, f);
            Err(vm.new_error(&vm.e.system_error.clone(), "yield outside of a generator frame"))
        }
    }
}

#[cold]
fn recursion_exceeded(vm: &mut Vm, frame: Box<Frame>) -> Exit {
    recycle(vm, frame);
    Exit::Error(vm.recursion_error("maximum recursion depth exceeded"))
}

/// Runs an entry frame (its `is_entry` must be set) until it returns, yields or raises.
pub fn run(vm: &mut Vm, frame: Box<Frame>) -> Exit {
    if vm.recursion_depth >= vm.recursion_limit {
        return recursion_exceeded(vm, frame);
    }
    if let Err(e) = vm.enter_recursion(" while calling a Python object") {
        recycle(vm, frame);
        return Exit::Error(e);
    }
    vm.recursion_depth += 1;
    super::push_inline(&mut vm.interp.frames, frame);
    let r = run_loop_traced(vm);
    vm.leave_recursion();
    r
}

/// [`run_loop`], entered through the running code's perf trampoline while
/// perf support is on (`-X perf`, `PYTHONPERFSUPPORT`,
/// `sys.activate_stack_trampoline`): a native stack sample then shows one
/// `py::qualname:file` frame per Python call. Python-to-Python calls are not
/// inlined into the caller's loop while it is on (see `Opcode::Call`), so
/// every Python frame gets its own native frame, as in CPython 3.12.
#[inline]
fn run_loop_traced(vm: &mut Vm) -> Exit {
    if !egret_perfmap::is_active() {
        return run_loop(vm);
    }
    run_loop_via_trampoline(vm)
}

/// Runs a callee frame as a loop entry (perf support is on).
#[cold]
#[inline(never)]
fn call_through_trampoline(vm: &mut Vm, mut callee: Box<Frame>) -> PyResult<Value> {
    callee.is_entry = true;
    match run(vm, callee) {
        Exit::Return(v) => Ok(v),
        Exit::Error(e) => Err(e),
        Exit::Yield(_, fr) => {
            recycle(vm, fr);
            Err(vm.new_error(&vm.e.system_error.clone(), "yield outside of a generator frame"))
        }
    }
}

#[cold]
#[inline(never)]
fn run_loop_via_trampoline(vm: &mut Vm) -> Exit {
    let code = match vm.interp.frames.last() {
        Some(f) => f.code.clone(),
        None => return run_loop(vm),
    };
    let trampoline = match code.perf_trampoline.get() {
        Some(t) => t,
        None => {
            let name = egret_perfmap::python_frame_name(&code.code.qualname, &code.code.filename);
            match egret_perfmap::trampoline_for(&name) {
                Ok(t) => {
                    code.perf_trampoline.set(Some(t));
                    t
                }
                Err(_) => return run_loop(vm),
            }
        }
    };
    drop(code);
    extern "C" fn enter(vm: *mut std::ffi::c_void, out: *mut std::ffi::c_void) -> usize {
        // SAFETY: the pointers are the `&mut` borrows passed below, live for the call.
        let (vm, out) = unsafe { (&mut *(vm as *mut Vm), &mut *(out as *mut Option<Exit>)) };
        *out = Some(run_loop(vm));
        0
    }
    let mut out: Option<Exit> = None;
    // SAFETY: calling `enter` directly with these pointers is safe.
    unsafe {
        trampoline.call(enter, vm as *mut Vm as *mut std::ffi::c_void, &mut out as *mut Option<Exit> as *mut std::ffi::c_void);
    }
    out.unwrap_or_else(|| Exit::Error(vm.new_error(&vm.e.system_error.clone(), "perf trampoline returned no result")))
}

/// Runs an entry frame starting with `e` raised at its current instruction
/// (`generator.throw()`).
pub fn run_with_pending(vm: &mut Vm, frame: Box<Frame>, e: PyErr) -> Exit {
    if let Err(err) = vm.enter_recursion(" while calling a Python object") {
        recycle(vm, frame);
        return Exit::Error(err);
    }
    vm.recursion_depth += 1;
    super::push_inline(&mut vm.interp.frames, frame);
    if let Err(e) = unwind(vm, e, true) {
        vm.leave_recursion();
        return Exit::Error(e);
    }
    let r = run_loop_traced(vm);
    vm.leave_recursion();
    r
}

macro_rules! frame_ptr {
    ($vm:expr) => {
        match $vm.interp.frames.last_mut() {
            Some(f) => &mut **f as *mut Frame,
            None => unreachable!("the loop always has a frame"),
        }
    };
}

fn run_loop(vm: &mut Vm) -> Exit {
    loop {
        let (err, add_tb) = match dispatch(vm) {
            Ok(exit) => return exit,
            Err(pending) => pending,
        };
        if let Err(e) = unwind(vm, err, add_tb) {
            return Exit::Error(e);
        }
    }
}

/// `Err((exception, add_traceback_entry))` leaves the loop for [`unwind`].
type Pending = (PyErr, bool);

/// The running frame's instructions, as the loop keeps them in registers.
#[derive(Clone, Copy)]
struct Instrs {
    ptr: *const Instr,
    len: u32,
}

impl Instrs {
    /// The instructions of `f` (its cached `quick` pointer; the length
    /// only feeds debug assertions).
    #[inline(always)]
    fn of(f: &Frame) -> Instrs {
        debug_assert!(std::ptr::eq(f.quick, f.code.quick.as_ptr()));
        Instrs { ptr: f.quick, len: if cfg!(debug_assertions) { f.code.quick.len() as u32 } else { u32::MAX } }
    }
    /// The instruction at `pc` and its opcode; None when out of range.
    #[inline(always)]
    fn fetch(self, pc: u32) -> Option<(Instr, Opcode)> {
        // Verified code never runs off its end (frontend `compile::verify`:
        // the last instruction of every path is a terminator).
        debug_assert!(pc < self.len);
        // SAFETY: pc < len (see above); the frame owns (through its `Rc<Code>`) the
        // instruction vector, which is never changed after compilation.
        let ins = unsafe { *self.ptr.add(pc as usize) };
        Some((ins, ins.op()))
    }
}

/// The loop proper. Returns Ok when the entry frame is done, Err to unwind.
///
/// The running frame and its instruction array are kept in locals (so in
/// registers) and reloaded only when the loop switches frames (a call, a
/// return): fetching an instruction is then one load, not a chain of
/// loads through the frame and its code object.
#[inline(never)]
fn dispatch(vm: &mut Vm) -> Result<Exit, Pending> {
    macro_rules! tri {
        ($e:expr) => {
            match $e {
                Ok(v) => v,
                Err(e) => return Err((e, true)),
            }
        };
    }
    let mut fp: *mut Frame = frame_ptr!(vm);
    // SAFETY: `fp` points into a Box owned by `vm.interp.frames` (see the module docs).
    let mut instrs = Instrs::of(unsafe { &*fp });
    // `run_frame!(p)`: the loop runs frame `p` (on the frame stack) next.
    macro_rules! run_frame {
        ($p:expr) => {{
            fp = $p;
            // SAFETY: as above.
            instrs = Instrs::of(unsafe { &*fp });
        }};
    }
    macro_rules! switch_frame {
        () => {
            run_frame!(frame_ptr!(vm))
        };
    }
    // `enter_frame!(callee)`: pushes a callee frame and runs it. The loop's
    // frame pointer comes from the box in hand, not back from the frame
    // stack (whose reload would sit on the call's critical path).
    macro_rules! enter_frame {
        ($callee:expr) => {{
            let callee: Box<Frame> = $callee;
            let p = &*callee as *const Frame as *mut Frame;
            vm.recursion_depth += 1;
            super::push_inline(&mut vm.interp.frames, callee);
            // The box's frame does not move while the stack owns it.
            run_frame!(p);
        }};
    }
    // Shared pieces of the arms below, as macros rather than functions so
    // that the loop's generated code stays as measured (helper functions
    // here cost 1-3% on call- and attribute-heavy benchmarks).
    //
    // `local!(f, slot)`: a clone of local `slot`, or UnboundLocalError.
    macro_rules! local {
        ($f:expr, $slot:expr) => {
            // SAFETY: verified slot index (see the `LoadConst` arm).
            match unsafe { $f.locals.get_unchecked($slot as usize) } {
                Some(v) => v.clone(),
                None => return Err((super::opcodes::unbound_local(vm, $f, $slot), true)),
            }
        };
    }
    // `store_attr!(f, attr_pc, name, obj, v)`: `obj.name = v` for the
    // `StoreAttr` at `attr_pc`, the cached hit first; then the safe point.
    macro_rules! store_attr {
        ($f:expr, $attr_pc:expr, $name:expr, $obj:expr, $v:expr) => {{
            let obj = $obj;
            let mut v = $v;
            if let Value::Obj(o) = &obj {
                match super::opcodes::store_cached_instance_attr($f, $attr_pc, o, v) {
                    Ok(()) => {
                        drop(obj);
                        safe_point(vm);
                        continue;
                    }
                    Err(back) => v = back,
                }
            }
            tri!(super::opcodes::store_attr(vm, $f, $attr_pc, $name, &obj, v));
            drop(obj);
            safe_point(vm);
        }};
    }
    // `take_call!(f, base, callable_at, first, nargs)`: a function call's
    // frame, moving the callable and the arguments off the caller's stack
    // (simple-argument calls only: `CodeCache::simple_argc`/`gen_simple_argc`).
    macro_rules! take_call {
        ($f:expr, $base:expr, $callable_at:expr, $first:expr, $nargs:expr) => {
            // SAFETY: slots base..len are initialised; the stack length
            // drops to `base` first, so each slot is moved out (or dropped)
            // exactly once.
            unsafe {
                let sp = $f.stack.as_mut_ptr();
                $f.stack.set_len($base);
                if $callable_at != $base {
                    drop(std::ptr::read(sp.add($base)));
                }
                let Value::Obj(fobj) = std::ptr::read(sp.add($callable_at)) else { std::hint::unreachable_unchecked() };
                super::frame::new_simple_frame(vm, fobj, sp.add($first), $nargs)
            }
        };
    }
    // `binary_op_top!(f, b, op_arg)`: `[.., a]` -> `[.., a op b]` for a
    // right operand `b` that is not on the stack (a local, a constant):
    // machine ints and floats in place, anything else through the
    // generic operation.
    macro_rules! binary_op_top {
        ($f:ident, $b:expr, $op_arg:expr) => {{
            let b: &Value = $b;
            let n = $f.stack.len();
            if let Some(r) = arith_inline($f.at(n - 1), b, $op_arg) {
                // The left operand is an int or float: nothing to drop.
                if let Some(top) = $f.stack.last_mut() {
                    unsafe { std::ptr::write(top, r) };
                }
                continue;
            }
            let b = b.clone();
            let a = $f.pop();
            let r = match crate::builtins::numeric::fast_binary_op(vm, &a, &b, binop($op_arg)) {
                Some(r) => tri!(r),
                None => tri!(super::opcodes::binary_op_slow(vm, &a, &b, $op_arg)),
            };
            $f.push(r);
        }};
    }
    // `back_edge!(f, pc)`: a loop's back edge at `pc`: the safe point and
    // the hot-loop counter. `pc` moves after it, so `lasti` is the jump
    // while a safe point runs finalizers (as CPython's eval breaker sees it).
    macro_rules! back_edge {
        ($f:ident, $pc:expr) => {{
            safe_point(vm);
            vm.interp.hot_counter -= 1;
            if vm.interp.hot_counter <= 0 {
                let code = $f.code.clone();
                super::opcodes::loop_is_hot(vm, &code, $pc);
            }
        }};
    }
    // `call!(f, pc, arg, kwnames)`: the `Call`/`CallKw` body, written once and
    // expanded for each so that plain calls test no keyword names.
    macro_rules! call {
        ($f:ident, $pc:expr, $arg:expr, $kwnames:expr) => {{
                let argc = $arg as usize;
                let kwnames: Option<Value> = $kwnames;
                let len = $f.stack.len();
                // Verified code (frontend `compile::verify`) has the callable,
                // its NULL-or-self slot and the arguments on the stack.
                debug_assert!(len >= argc + 2, "stack underflow in call");
                let base = len - argc - 2;
                // CPython 3.12's layout: [method_or_NULL, self_or_callable, args...].
                let mut null_first = is_null($f.at(base));
                if null_first {
                    // A bound method called as a plain callable: unpack it (no allocation).
                    if let Value::Obj(o) = $f.at(base + 1) {
                        if let Data::BoundMethod(m) = &o.data {
                            let (func, recv) = (m.0.clone(), m.1.clone());
                            *$f.at_mut(base) = func;
                            *$f.at_mut(base + 1) = recv;
                            null_first = false;
                        }
                    }
                }
                let (callable_at, first) = if null_first { (base + 1, base + 2) } else { (base, base + 1) };
                let kwn: &[Value] = match &kwnames {
                    Some(t) => t.as_tuple().unwrap_or(&[]),
                    None => &[],
                };
                if let Value::Obj(o) = $f.at(callable_at) {
                    if let Data::Function(func) = &o.data {
                        let nargs = len - first;
                        if func.code.cache.simple_argc as usize == nargs && kwn.is_empty() && !egret_perfmap::is_active() {
                            // Python -> Python with positional arguments only:
                            // move callable and arguments into the callee frame.
                            if vm.recursion_depth >= vm.recursion_limit {
                                return Err((vm.recursion_error("maximum recursion depth exceeded"), true));
                            }
                            let callee = take_call!($f, base, callable_at, first, nargs);
                            enter_frame!(callee);
                            // No safe point: nothing was released (the
                            // arguments moved), and the callee's first
                            // store, call, loop or return runs one.
                            continue;
                        }
                        if func.code.cache.gen_simple_argc as usize == nargs && kwn.is_empty() {
                            // A generator function with positional arguments only:
                            // its frame is made as above and kept by the generator.
                            let frame = take_call!($f, base, callable_at, first, nargs);
                            let fobj = frame.func.clone().expect("a function frame has its function");
                            let g = super::generator::make_generator(vm, &fobj, frame);
                            // SAFETY: the caller's frame is boxed and still on the stack.
                            unsafe { (*fp).push(g) };
                            continue;
                        }
                        if !func.code.cache.generator_like {
                            // Python -> Python: push the callee frame and continue here.
                            if vm.recursion_depth >= vm.recursion_limit {
                                return Err((vm.recursion_error("maximum recursion depth exceeded"), true));
                            }
                            let o = o.clone();
                            let Data::Function(func) = &o.data else { unreachable!() };
                            let callee = tri!(super::frame::new_function_frame_moving(vm, &o, func, &mut $f.stack[first..], kwn));
                            $f.stack.truncate(base);
                            if egret_perfmap::is_active() {
                                // Perf support: the callee runs in its own (native) loop
                                // entry, through its code's trampoline.
                                let r = call_through_trampoline(vm, callee);
                                let r = tri!(r);
                                // SAFETY: the caller's frame is boxed and still on the stack.
                                unsafe { (*fp).push(r) };
                                continue;
                            }
                            enter_frame!(callee);
                            safe_point(vm);
                            continue;
                        }
                    }
                    if let Data::Builtin(b) = &o.data {
                        // A native function (unbound, or a module's function):
                        // called on the arguments where they lie.
                        let direct = match &b.bound {
                            None => true,
                            Some(Value::Obj(m)) => b.kind == crate::function::BuiltinKind::Function && matches!(m.data, Data::Module(_)),
                            Some(_) => false,
                        };
                        if direct {
                            let func = b.func;
                            let r = func(vm, crate::function::Args::new(&$f.stack[first..], kwn));
                            $f.stack.truncate(base);
                            let r = tri!(r);
                            $f.push(r);
                            safe_point(vm);
                            continue;
                        }
                    }
                    if let Data::Type(_) = &o.data {
                        // A class with object.__new__ and a Python __init__: the
                        // instance is made here and __init__ runs as an inline frame.
                        if callable_at == base + 1 {
                            if let Some(callee) = tri!(super::opcodes::instantiate_inline(vm, $f, $pc, base, kwn)) {
                                enter_frame!(callee);
                                safe_point(vm);
                                continue;
                            }
                        }
                    }
                }
                let callable = $f.at(callable_at).clone();
                let r = vm.call_kw(&callable, &$f.stack[first..], kwn);
                $f.stack.truncate(base);
                let r = tri!(r);
                $f.push(r);
                safe_point(vm);
                    }};
    }
    // `ret!(v)`: returns `v` from the running frame (`ReturnValue`,
    // `ReturnConst`), to the caller's loop or out of this one.
    macro_rules! ret {
        ($v:expr) => {{
                let v: Value = $v;
                vm.recursion_depth -= 1;
                let mut done = vm.interp.frames.pop().expect("running frame");
                if !done.is_entry && done.init_instance.is_none() && done.gen_owner.is_none() && done.pyframe.is_none() && done.locals_map.is_none() {
                    // A plain function frame returning to its caller in this loop.
                    // The caller is read while the frame stack's length and
                    // buffer are still in registers from the pop.
                    let caller = frame_ptr!(vm);
                    super::frame::recycle_plain(vm, done);
                    run_frame!(caller);
                    // SAFETY: the caller frame is boxed and now on top.
                    unsafe { (*fp).push(v) };
                    safe_point(vm);
                    continue;
                }
                let entry = done.is_entry;
                let init_instance = done.init_instance.take();
                let inline_gen = done.gen_owner.is_some();
                if inline_gen {
                    super::generator::finish_inline(vm, &mut done, None);
                }
                super::pyframe::frame_finished(vm, &done);
                recycle(vm, done);
                if entry {
                    return Ok(Exit::Return(v));
                }
                switch_frame!();
                if inline_gen {
                    // The generator is exhausted: the caller's `ForIter` (at its
                    // `lasti`) drops the iterator and jumps past the loop.
                    // SAFETY: as above.
                    let caller = unsafe { &mut *fp };
                    match instrs.fetch(caller.lasti()) {
                        Some((ins, Opcode::ForIter | Opcode::ForIterStoreFast)) => {
                            caller.stack.pop();
                            caller.pc = ins.arg();
                        }
                        _ => return Err((vm.new_error(&vm.e.system_error.clone(), "inline generator without a for loop"), true)),
                    }
                    drop(v);
                    continue;
                }
                let v = match init_instance {
                    None => v,
                    Some(obj) if v.is_none() => obj,
                    Some(_) => {
                        let msg = format!("__init__() should return None, not '{}'", type_name_of(vm, &v));
                        return Err((vm.type_error(msg), true));
                    }
                };
                // SAFETY: as above; the caller frame is now on top.
                unsafe { (*fp).push(v) };
                safe_point(vm);
                    }};
    }
    // `for_iter!(f, at, fop, farg)`: runs the `ForIter` or
    // `ForIterStoreFast` (`fop`, argument `farg`) at index `at` (`f.pc`
    // must be `at + 1`): a range or sequence iterator in place, a generator
    // by running its frame inline in this loop, anything else through
    // `next()`; exhausted, the iterator is popped and `pc` jumps to `farg`.
    macro_rules! for_iter {
        ($f:expr, $at:expr, $fop:expr, $farg:expr) => {{
            use crate::value::HotKind;
            let (kind, payload) = match $f.stack.last() {
                Some(Value::Obj(o)) => match &o.data {
                    Data::Native(n) => {
                        // The loop's own range and sequence iterators by
                        // their type; a virtual call for the rest.
                        let k = match super::iter::loop_iter_kind(vm, o) {
                            HotKind::Other => n.hot_kind(),
                            k => k,
                        };
                        (k, &**n as *const dyn crate::value::NativeData)
                    }
                    _ => (HotKind::Other, std::ptr::null::<super::iter::SeqIter>() as *const dyn crate::value::NativeData),
                },
                _ => (HotKind::Other, std::ptr::null::<super::iter::SeqIter>() as *const dyn crate::value::NativeData),
            };
            // The next item, or None when exhausted.
            let next: Option<Value> = match kind {
                // SAFETY: only `RangeIter` reports this kind (the iterator
                // stays on the stack while the reference lives).
                HotKind::RangeIter => unsafe { &*(payload as *const super::iter::RangeIter) }.next_i64().map(Value::Int),
                // SAFETY: only `SeqIter` reports this kind.
                HotKind::SeqIter => unsafe { &*(payload as *const super::iter::SeqIter) }.advance(),
                _ => {
                    if kind == HotKind::Generator && vm.recursion_depth < vm.recursion_limit && !egret_perfmap::is_active() {
                        // Its frame runs in this loop; it comes back here
                        // when it yields (the value pushed, `pc` at
                        // `at + 1`) or returns.
                        // SAFETY: only `Generator` reports this kind; `payload` is
                        // the payload of the iterator on top of the stack.
                        let g = unsafe { &*(payload as *const super::generator::Generator) };
                        if let Some(callee) = unsafe { super::generator::resume_inline_payload(vm, $f.top(), g) } {
                            enter_frame!(callee);
                            continue;
                        }
                    }
                    // Any other iterator (generators too when they cannot
                    // run inline); with `ForIterStoreFast` the fused
                    // `StoreFast` at `at + 1` then runs on its own. The
                    // iterator stays on the stack while `next` runs.
                    match tri!(vm.next($f.top())) {
                        Some(v) => {
                            $f.push(v);
                            continue;
                        }
                        None => None,
                    }
                }
            };
            match next {
                Some(v) => {
                    if $fop == Opcode::ForIterStoreFast {
                        // SAFETY: the fused `StoreFast` follows; verified slot.
                        let slot = unsafe { *instrs.ptr.add($at as usize + 1) }.arg();
                        let old = std::mem::replace(unsafe { $f.locals.get_unchecked_mut(slot as usize) }, Some(v));
                        $f.pc = $at + 2;
                        drop(old);
                    } else {
                        $f.push(v);
                        $f.pc = $at + 1;
                    }
                }
                None => {
                    $f.stack.pop();
                    $f.pc = $farg;
                }
            }
        }};
    }
    loop {
        // SAFETY: as above.
        let f: &mut Frame = unsafe { &mut *fp };
        let pc = f.pc;
        let Some((ins, op)) = instrs.fetch(pc) else {
            return Err((vm.new_error(&vm.e.system_error.clone(), "instruction index out of range"), true));
        };
        f.pc = pc + 1;
        let arg = ins.arg();
        match op {
            Opcode::Nop => {}
            Opcode::PopTop => {
                f.stack.pop();
                safe_point(vm);
            }
            Opcode::PushNull => {
                let n = Value::NULL;
                f.push(n);
            }
            Opcode::Copy => {
                let v = f.peek(arg as usize).clone();
                f.push(v);
            }
            Opcode::Swap => {
                let n = f.stack.len();
                let i = arg as usize;
                if i >= 1 && i <= n {
                    f.stack.swap(n - 1, n - i);
                }
            }
            // Operands index without bounds checks: the compiler's code is
            // verified (frontend `compile::verify`, run over whole standard
            // libraries by the tests) to keep constant and slot numbers in
            // range, and every frame has `localsplus` slots.
            Opcode::LoadConst => {
                debug_assert!((arg as usize) < f.code.consts.len());
                // SAFETY: see above.
                let v = unsafe { f.code.consts.get_unchecked(arg as usize) }.clone();
                f.push(v);
            }
            Opcode::LoadFast => {
                debug_assert!((arg as usize) < f.locals.len());
                let v = local!(f, arg);
                f.push(v);
            }
            // Superinstructions of the quickened stream (`quicken.rs`): the
            // second instruction of the pair is at pc + 1 and still intact.
            Opcode::LoadFastLoadAttr => {
                // SAFETY: verified slot index (see above).
                let Some(obj) = (unsafe { f.locals.get_unchecked(arg as usize) }) else {
                    return Err((super::opcodes::unbound_local(vm, f, arg), true));
                };
                let attr_pc = pc + 1;
                // SAFETY: quickening fuses only when the pair's second instruction exists.
                let attr_arg = unsafe { *instrs.ptr.add(attr_pc as usize) }.arg();
                f.pc = pc + 2;
                let hit = match obj {
                    Value::Obj(o) => super::opcodes::cached_instance_attr(f, attr_pc, o),
                    _ => None,
                };
                let v = match hit {
                    Some(v) => v,
                    None => {
                        let obj = obj.clone();
                        tri!(super::opcodes::load_attr(vm, f, attr_pc, attr_arg, &obj))
                    }
                };
                f.push(v);
            }
            Opcode::LoadFastLoadMethod => {
                // `[..]` with the object in local `arg` -> `[.., func, obj]`.
                // SAFETY: verified slot index (see above).
                let Some(obj) = (unsafe { f.locals.get_unchecked(arg as usize) }) else {
                    return Err((super::opcodes::unbound_local(vm, f, arg), true));
                };
                let m_pc = pc + 1;
                // SAFETY: quickening fuses only when the pair's second instruction exists.
                let m_arg = unsafe { *instrs.ptr.add(m_pc as usize) }.arg();
                f.pc = pc + 2;
                if let Value::Obj(o) = obj {
                    if let Some(func) = super::opcodes::cached_method(f, m_pc, o) {
                        let obj = obj.clone();
                        f.push2(func, obj);
                        continue;
                    }
                }
                let obj = obj.clone();
                tri!(super::opcodes::load_method(vm, f, m_pc, m_arg, obj));
            }
            Opcode::LoadFastStoreAttr => {
                // `[.., value]` with the object in local `arg`: `obj.name = value`.
                // SAFETY: verified slot index (see above).
                let Some(obj) = (unsafe { f.locals.get_unchecked(arg as usize) }) else {
                    return Err((super::opcodes::unbound_local(vm, f, arg), true));
                };
                let attr_pc = pc + 1;
                // SAFETY: quickening fuses only when the pair's second instruction exists.
                let attr_arg = unsafe { *instrs.ptr.add(attr_pc as usize) }.arg();
                f.pc = pc + 2;
                let obj = obj.clone();
                let v = f.pop();
                store_attr!(f, attr_pc, attr_arg, obj, v);
            }
            Opcode::LoadFastLoadConst => {
                // SAFETY: verified slot and constant indexes (see above); the
                // pair's second instruction exists.
                let a = local!(f, arg);
                let carg = unsafe { *instrs.ptr.add(pc as usize + 1) }.arg();
                f.pc = pc + 2;
                let c = unsafe { f.code.consts.get_unchecked(carg as usize) }.clone();
                f.push2(a, c);
            }
            Opcode::StoreFastLoadFast => {
                let v = f.pop();
                // SAFETY: verified slot indexes (see above); the pair's second
                // instruction exists.
                let old = std::mem::replace(unsafe { f.locals.get_unchecked_mut(arg as usize) }, Some(v));
                drop(old);
                // The store's safe point runs with `lasti` at the store.
                safe_point(vm);
                let arg2 = unsafe { *instrs.ptr.add(pc as usize + 1) }.arg();
                f.pc = pc + 2;
                let v = local!(f, arg2);
                f.push(v);
            }
            Opcode::StoreFastStoreFast => {
                let v = f.pop();
                // SAFETY: verified slot indexes (see above); the pair's second
                // instruction exists.
                let old = std::mem::replace(unsafe { f.locals.get_unchecked_mut(arg as usize) }, Some(v));
                drop(old);
                safe_point(vm);
                let arg2 = unsafe { *instrs.ptr.add(pc as usize + 1) }.arg();
                f.pc = pc + 2;
                let v = f.pop();
                let old = std::mem::replace(unsafe { f.locals.get_unchecked_mut(arg2 as usize) }, Some(v));
                drop(old);
                safe_point(vm);
            }
            Opcode::LoadFastBinaryOp => {
                // `[.., a]` -> `[.., a op local]`, in place.
                // SAFETY: verified slot index (see `LoadConst`).
                let Some(b) = (unsafe { f.locals.get_unchecked(arg as usize) }) else {
                    return Err((super::opcodes::unbound_local(vm, f, arg), true));
                };
                // SAFETY: the pair's second instruction exists.
                let op_arg = unsafe { *instrs.ptr.add(pc as usize + 1) }.arg();
                f.pc = pc + 2;
                binary_op_top!(f, b, op_arg);
            }
            Opcode::LoadConstBinaryOp => {
                // SAFETY: verified constant index (see above); the pair's
                // second instruction exists; the stack holds the left operand.
                let c = unsafe { f.code.consts.get_unchecked(arg as usize) };
                let op_arg = unsafe { *instrs.ptr.add(pc as usize + 1) }.arg();
                f.pc = pc + 2;
                binary_op_top!(f, c, op_arg);
            }
            Opcode::CompareOpJump => {
                // `[.., a, b]`: compare, then branch on the result (which the
                // jump's truth test sees with `lasti` at the jump).
                // SAFETY: quickening fuses only when the jump exists.
                let jump = unsafe { *instrs.ptr.add(pc as usize + 1) };
                let n = f.stack.len();
                let fast = match (f.at(n - 2), f.at(n - 1)) {
                    (Value::Int(x), Value::Int(y)) => Some(cmp_i64(*x, *y, arg)),
                    (Value::Float(x), Value::Float(y)) => Some(cmp_f64(x.get(), y.get(), arg)),
                    _ => None,
                };
                let t = match fast {
                    Some(t) => {
                        // SAFETY: both slots hold ints or floats (nothing to drop).
                        unsafe { f.stack.set_len(n - 2) };
                        t
                    }
                    None => {
                        let (b, a) = f.pop2();
                        let r = tri!(super::opcodes::compare_slow(vm, &a, &b, arg));
                        drop(a);
                        drop(b);
                        f.pc = pc + 2;
                        match r {
                            Value::Bool(b) => b.get(),
                            _ => tri!(vm.truthy(&r)),
                        }
                    }
                };
                let taken = if jump.op() == Opcode::PopJumpIfFalse { !t } else { t };
                f.pc = if taken { jump.arg() } else { pc + 2 };
            }
            Opcode::CopyLoadAttr => {
                // `[.., obj]` -> `[.., obj, obj.name]`.
                let attr_pc = pc + 1;
                // SAFETY: quickening fuses only when the pair's second instruction exists.
                let attr_arg = unsafe { *instrs.ptr.add(attr_pc as usize) }.arg();
                f.pc = pc + 2;
                let hit = match f.stack.last() {
                    Some(Value::Obj(o)) => super::opcodes::cached_instance_attr(f, attr_pc, o),
                    _ => None,
                };
                let v = match hit {
                    Some(v) => v,
                    None => {
                        let obj = f.top().clone();
                        tri!(super::opcodes::load_attr(vm, f, attr_pc, attr_arg, &obj))
                    }
                };
                f.push(v);
            }
            Opcode::SwapStoreAttr => {
                // `[.., obj, value]`: `obj.name = value`.
                let attr_pc = pc + 1;
                // SAFETY: quickening fuses only when the pair's second instruction exists.
                let attr_arg = unsafe { *instrs.ptr.add(attr_pc as usize) }.arg();
                f.pc = pc + 2;
                let (v, obj) = f.pop2();
                store_attr!(f, attr_pc, attr_arg, obj, v);
            }
            Opcode::LoadNoneIsJump => {
                // `[.., x]`: `x is None` / `x is not None` and the branch on it.
                // SAFETY: quickening fuses only when both following instructions exist.
                let is_not = unsafe { *instrs.ptr.add(pc as usize + 1) }.arg() == 1;
                let jump = unsafe { *instrs.ptr.add(pc as usize + 2) };
                let x = f.pop();
                let t = x.is_none() != is_not;
                drop(x);
                let taken = if jump.op() == Opcode::PopJumpIfFalse { !t } else { t };
                f.pc = if taken { jump.arg() } else { pc + 3 };
            }
            Opcode::PushNullLoadGlobal => {
                let n = Value::NULL;
                f.push(n);
                // SAFETY: the pair's second instruction exists.
                let garg = unsafe { *instrs.ptr.add(pc as usize + 1) }.arg();
                f.pc = pc + 2;
                let v = tri!(load_global(vm, f, garg));
                f.push(v);
            }
            Opcode::LoadFastLoadFast => {
                // SAFETY: verified slot indexes (see above); the pair's second
                // instruction exists.
                let a = local!(f, arg);
                let arg2 = unsafe { *instrs.ptr.add(pc as usize + 1) }.arg();
                f.pc = pc + 2;
                let b = local!(f, arg2);
                f.push2(a, b);
            }
            Opcode::StoreFast => {
                let v = f.pop();
                debug_assert!((arg as usize) < f.locals.len());
                // SAFETY: see above.
                let old = std::mem::replace(unsafe { f.locals.get_unchecked_mut(arg as usize) }, Some(v));
                drop(old);
                safe_point(vm);
            }
            Opcode::LoadFastAndClear => {
                let v = f.locals.get_mut(arg as usize).and_then(|s| s.take());
                let v = v.unwrap_or_else(|| Value::NULL);
                f.push(v);
            }
            Opcode::StoreFastMaybeNull => {
                let v = f.pop();
                let v = if is_null(&v) { None } else { Some(v) };
                if let Some(slot) = f.locals.get_mut(arg as usize) {
                    *slot = v;
                }
            }
            Opcode::DeleteFast => match f.locals.get_mut(arg as usize) {
                Some(slot @ Some(_)) => {
                    *slot = None;
                    safe_point(vm);
                }
                _ => return Err((super::opcodes::unbound_local(vm, f, arg), true)),
            },
            Opcode::LoadGlobal => {
                let v = tri!(load_global(vm, f, arg));
                f.push(v);
            }
            Opcode::LoadAttr => {
                // Instance-attribute cache hit, served here.
                if let Some(Value::Obj(o)) = f.stack.last() {
                    if let Some(v) = super::opcodes::cached_instance_attr(f, pc, o) {
                        if let Some(top) = f.stack.last_mut() {
                            *top = v;
                        }
                        continue;
                    }
                }
                let obj = f.pop();
                let v = tri!(super::opcodes::load_attr(vm, f, pc, arg, &obj));
                f.push(v);
            }
            Opcode::LoadMethod => {
                // Method cache hit, served here: [.., obj] -> [.., func, obj].
                if let Some(Value::Obj(o)) = f.stack.last() {
                    if let Some(func) = super::opcodes::cached_method(f, pc, o) {
                        let obj = f.pop();
                        f.push2(func, obj);
                        continue;
                    }
                }
                let obj = f.pop();
                tri!(super::opcodes::load_method(vm, f, pc, arg, obj));
            }
            Opcode::StoreAttr => {
                let (obj, v) = f.pop2();
                store_attr!(f, pc, arg, obj, v);
            }
            Opcode::BinaryOp => {
                // Fast paths, in place: machine-int add/subtract/multiply
                // without overflow; float add/subtract/multiply/divide.
                let n = f.stack.len();
                if n >= 2 {
                    let r = arith_inline(f.at(n - 2), f.at(n - 1), arg);
                    if let Some(r) = r {
                        // SAFETY: n >= 2; both slots hold ints or floats (nothing to drop).
                        unsafe {
                            f.stack.set_len(n - 1);
                            std::ptr::write(f.stack.as_mut_ptr().add(n - 2), r);
                        }
                        continue;
                    }
                }
                let (b, a) = f.pop2();
                let r = match crate::builtins::numeric::fast_binary_op(vm, &a, &b, binop(arg)) {
                    Some(r) => tri!(r),
                    None => tri!(super::opcodes::binary_op_slow(vm, &a, &b, arg)),
                };
                f.push(r);
            }
            Opcode::CompareOp => {
                let n = f.stack.len();
                if n >= 2 {
                    let r = match (f.at(n - 2), f.at(n - 1)) {
                        (Value::Int(x), Value::Int(y)) => Some(cmp_i64(*x, *y, arg)),
                        (Value::Float(x), Value::Float(y)) => Some(cmp_f64(x.get(), y.get(), arg)),
                        _ => None,
                    };
                    if let Some(r) = r {
                        // SAFETY: n >= 2; both slots hold ints (nothing to drop).
                        unsafe {
                            f.stack.set_len(n - 1);
                            std::ptr::write(f.stack.as_mut_ptr().add(n - 2), Value::bool(r));
                        }
                        continue;
                    }
                }
                let (b, a) = f.pop2();
                let r = tri!(super::opcodes::compare_slow(vm, &a, &b, arg));
                f.push(r);
            }
            Opcode::IsOp => {
                let (b, a) = f.pop2();
                f.push(Value::bool(a.is(&b) != (arg == 1)));
            }
            Opcode::ContainsOp => {
                let (b, a) = f.pop2();
                let r = tri!(vm.contains(&b, &a));
                f.push(Value::bool(r != (arg == 1)));
            }
            Opcode::BinarySubscr => {
                // Fast path: an exact list or tuple indexed by a machine int in range.
                let n = f.stack.len();
                if let (Value::Obj(o), Value::Int(i)) = (f.at(n - 2), f.at(n - 1)) {
                    if let Some(v) = index_list_or_tuple(vm, o, *i) {
                        f.stack.pop();
                        if let Some(top) = f.stack.last_mut() {
                            *top = v;
                        }
                        continue;
                    }
                }
                let (key, container) = f.pop2();
                if let Some(r) = super::slicing::fast_subscr_slice(vm, &container, &key) {
                    f.push(r);
                    continue;
                }
                let r = tri!(vm.getitem(&container, &key));
                f.push(r);
            }
            Opcode::StoreSubscr => {
                // Fast path: an item of an exact list, by a machine int in range.
                let n = f.stack.len();
                let mut fast_index = None;
                if let (Value::Obj(o), Value::Int(i)) = (f.at(n - 2), f.at(n - 1)) {
                    if let Data::List(l) = &o.data {
                        if Rc::ptr_eq(&o.ty, &vm.t.list) {
                            if let Ok(items) = l.try_borrow() {
                                let len = items.len() as i64;
                                let i = if *i < 0 { *i + len } else { *i };
                                if i >= 0 && i < len {
                                    fast_index = Some(i as usize);
                                }
                            }
                        }
                    }
                }
                if let Some(i) = fast_index {
                    f.stack.pop();
                    let (list, v) = f.pop2();
                    if let Value::Obj(o) = &list {
                        if let Data::List(l) = &o.data {
                            let old = std::mem::replace(&mut l.borrow_mut()[i], v);
                            drop(old);
                        }
                    }
                    drop(list);
                    safe_point(vm);
                    continue;
                }
                let (key, container) = f.pop2();
                let v = f.pop();
                tri!(vm.setitem(&container, &key, v));
                safe_point(vm);
            }
            Opcode::Jump => f.pc = arg,
            Opcode::JumpBackward => {
                back_edge!(f, pc);
                f.pc = arg;
            }
            Opcode::JumpBackwardForIter => {
                // As `JumpBackward`, then the `ForIter` at the target runs
                // here, in the same dispatch.
                back_edge!(f, pc);
                // SAFETY: quickening made this instruction only for a
                // target that is a `ForIter` (possibly fused).
                let target = unsafe { *instrs.ptr.add(arg as usize) };
                // `lasti` is the `ForIter` while it runs.
                f.pc = arg + 1;
                for_iter!(f, arg, target.op(), target.arg());
            }
            Opcode::PopJumpIfFalse => {
                let v = f.pop();
                let t = match v {
                    Value::Bool(b) => b.get(),
                    Value::Int(i) => i != 0,
                    Value::None => false,
                    _ => tri!(vm.truthy(&v)),
                };
                if !t {
                    f.pc = arg;
                }
            }
            Opcode::PopJumpIfTrue => {
                let v = f.pop();
                let t = match v {
                    Value::Bool(b) => b.get(),
                    Value::Int(i) => i != 0,
                    Value::None => false,
                    _ => tri!(vm.truthy(&v)),
                };
                if t {
                    f.pc = arg;
                }
            }
            Opcode::PopJumpIfNone => {
                if f.pop().is_none() {
                    f.pc = arg;
                }
            }
            Opcode::PopJumpIfNotNone => {
                if !f.pop().is_none() {
                    f.pc = arg;
                }
            }
            Opcode::ForIter | Opcode::ForIterStoreFast => {
                for_iter!(f, pc, op, arg);
            }
            Opcode::GetIter => {
                let v = f.pop();
                let it = tri!(super::iter::get_iter(vm, v));
                f.push(it);
            }
            Opcode::Call => call!(f, pc, arg, None),
            Opcode::CallKw => call!(f, pc, arg, Some(f.pop())),
            Opcode::ReturnValue => ret!(f.pop()),
            // SAFETY: verified constant index (see `LoadConst`).
            Opcode::ReturnConst => ret!(unsafe { f.code.consts.get_unchecked(arg as usize) }.clone()),
            // (No match guards in this `match`: a guarded arm makes the
            // compiler test it before the jump table, on every instruction.)
            Opcode::YieldValue => {
                let v = f.pop();
                if f.gen_owner.is_none() || f.is_entry {
                    if !f.is_entry {
                        return Err((vm.new_error(&vm.e.system_error.clone(), "yield in a non-generator frame"), true));
                    }
                    vm.recursion_depth -= 1;
                    let frame = vm.interp.frames.pop().expect("running frame");
                    // A frame object made while running keeps the suspended state.
                    super::pyframe::frame_finished(vm, &frame);
                    return Ok(Exit::Yield(v, frame));
                }
                // A generator run inline by the caller's `for`: back to the caller.
                vm.recursion_depth -= 1;
                let frame = vm.interp.frames.pop().expect("running frame");
                // Read while the frame stack is in registers (see `ret!`).
                let caller = frame_ptr!(vm);
                super::pyframe::frame_finished(vm, &frame);
                super::generator::suspend_inline(vm, frame);
                run_frame!(caller);
                // SAFETY: as above; the caller frame is now on top.
                unsafe { (*fp).push(v) };
            }
            Opcode::LoadName => {
                let v = tri!(super::opcodes::load_name(vm, f, arg));
                f.push(v);
            }
            Opcode::StoreName => {
                let v = f.pop();
                tri!(super::opcodes::store_name(vm, f, arg, v));
                safe_point(vm);
            }
            Opcode::LoadDeref => {
                let v = f.locals.get(arg as usize).cloned().flatten().and_then(|c| super::frame::cell_get(&c));
                match v {
                    Some(v) => f.push(v),
                    None => return Err((super::opcodes::unbound_deref(vm, f, arg), true)),
                }
            }
            Opcode::StoreDeref => {
                let v = f.pop();
                if let Some(Some(c)) = f.locals.get(arg as usize) {
                    super::frame::cell_set(c, Some(v));
                }
            }
            Opcode::BuildTuple => {
                if arg == 2 && f.stack.len() >= 2 {
                    let (b, a) = f.pop2();
                    let t = vm.new_pair(a, b);
                    f.push(t);
                    continue;
                }
                let t = vm.new_tuple_from_stack(&mut f.stack, arg as usize);
                f.push(t);
            }
            Opcode::BuildList => {
                let l = vm.new_list_from_stack(&mut f.stack, arg as usize);
                f.push(l);
            }
            Opcode::ListAppend => {
                let v = f.pop();
                if let Some(l) = f.peek(arg as usize).as_list() {
                    l.borrow_mut().push(v);
                }
            }
            // Slicing (`p[a:b]`, `p[a:b] = v`, `p[a:b:c]`): hot arms, the
            // common list/tuple/str cases without a slice object.
            Opcode::BinarySlice => {
                {
                    // Dropped as the cold path drops them (container, start, stop).
                    let (stop, start) = f.pop2();
                    let container = f.pop();
                    let r = match super::slicing::fast_slice(vm, &container, &start, &stop) {
                        Some(r) => r,
                        None => {
                            let s = tri!(super::slicing::new_slice(vm, start, stop, Value::None));
                            tri!(vm.getitem(&container, &s))
                        }
                    };
                    f.push(r);
                }
                safe_point(vm);
            }
            Opcode::StoreSlice => {
                {
                    let (stop, start) = f.pop2();
                    let (container, v) = f.pop2();
                    if !super::slicing::fast_store_slice(vm, &container, &start, &stop, &v) {
                        let s = tri!(super::slicing::new_slice(vm, start, stop, Value::None));
                        tri!(vm.setitem(&container, &s, v));
                    }
                }
                safe_point(vm);
            }
            Opcode::BuildSlice => {
                let step = if arg == 3 { f.pop() } else { Value::None };
                let (stop, start) = f.pop2();
                let s = tri!(super::slicing::new_slice(vm, start, stop, step));
                f.push(s);
            }
            Opcode::MapAdd => {
                // `{k: v for ...}`: the dict is `arg` below the pair.
                let (v, k) = f.pop2();
                let d = f.peek(arg as usize).clone();
                tri!(vm.dict_set(&d, k, v));
                // A replaced value may have had the last reference.
                safe_point(vm);
            }
            Opcode::SetAdd => {
                let v = f.pop();
                // Machine ints go straight into the set (hashing and equality
                // run no Python code); anything else takes the generic path.
                if let (Value::Int(i), Value::Obj(o)) = (&v, f.peek(arg as usize)) {
                    if let Data::Set(s) = &o.data {
                        if super::opcodes::add_int_to_set(s, *i) {
                            continue;
                        }
                    }
                }
                let set = f.peek(arg as usize).clone();
                tri!(super::opcodes::set_add(vm, &set, v));
            }
            Opcode::UnpackSequence => {
                let seq = f.pop();
                // Fast path: an exact pair (`for k, v in d.items()`, `a, b = b, a`).
                if arg == 2 {
                    if let Value::Obj(o) = &seq {
                        if let Data::Tuple(crate::value::TupleItems::Two([a, b])) = &o.data {
                            if Rc::ptr_eq(&o.ty, &vm.t.tuple) {
                                let (a, b) = (a.clone(), b.clone());
                                f.push2(b, a);
                                drop(seq);
                                continue;
                            }
                        }
                    }
                }
                tri!(super::opcodes::unpack_sequence(vm, f, seq, arg as usize));
            }
            Opcode::UnaryNot => {
                let v = f.pop();
                let t = match v {
                    Value::Bool(b) => b.get(),
                    _ => tri!(vm.truthy(&v)),
                };
                f.push(Value::bool(!t));
            }
            // Every other opcode, listed (no wildcard): with all variants
            // named, the jump table needs no range check on the opcode.
            op @ (Opcode::LoadClosure | Opcode::MakeCell | Opcode::DeleteDeref | Opcode::LoadFromDictOrDeref | Opcode::LoadFromDictOrGlobals |
                Opcode::LoadLocals | Opcode::DeleteName | Opcode::StoreGlobal | Opcode::DeleteGlobal | Opcode::DeleteAttr | Opcode::LoadSuperAttr |
                Opcode::UnaryNegative | Opcode::UnaryInvert | Opcode::DeleteSubscr |
                Opcode::BuildSet | Opcode::BuildMap | Opcode::BuildConstKeyMap | Opcode::BuildString |
                Opcode::ListExtend | Opcode::SetUpdate | Opcode::DictUpdate | Opcode::DictMerge | Opcode::FormatValue | Opcode::UnpackEx |
                Opcode::JumpIfFalseOrPop | Opcode::JumpIfTrueOrPop | Opcode::GetYieldFromIter | Opcode::GetAiter | Opcode::GetAnext |
                Opcode::GetAwaitable | Opcode::EndAsyncFor | Opcode::Send | Opcode::EndSend | Opcode::PushExcInfo | Opcode::PopExcept |
                Opcode::Reraise | Opcode::CheckExcMatch | Opcode::CheckEgMatch | Opcode::RaiseVarargs | Opcode::WithExceptStart |
                Opcode::BeforeWith | Opcode::BeforeAsyncWith | Opcode::CleanupThrow | Opcode::LoadAssertionError | Opcode::LoadBuildClass |
                Opcode::SetupAnnotations | Opcode::ImportName | Opcode::ImportFrom | Opcode::CallFunctionEx | Opcode::CallIntrinsic1 |
                Opcode::CallIntrinsic2 | Opcode::MakeFunction | Opcode::SetFunctionAttribute | Opcode::MatchClass | Opcode::MatchMapping |
                Opcode::MatchSequence | Opcode::MatchKeys | Opcode::GetLen | Opcode::CopyDictWithoutKeys) => {
                // Empty displays start every set and dict comprehension: made here.
                if arg == 0 && op == Opcode::BuildMap {
                    let d = vm.new_dict();
                    f.push(d);
                    continue;
                }
                if arg == 0 && op == Opcode::BuildSet {
                    let s = vm.alloc(vm.t.set.clone(), Data::Set(Box::new(std::cell::RefCell::new(crate::set::SetData::new()))));
                    f.push(s);
                    continue;
                }
                let ctl = tri!(super::opcodes::execute_cold(vm, f, op, arg));
                safe_point(vm);
                match ctl {
                    Control::Next => {}
                    Control::Reraise(e) => return Err((e, false)),
                    Control::CallFrame(callee) => {
                        enter_frame!(callee);
                    }
                }
            }
        }
    }
}

/// `o[i]` for an exact list or tuple and an index in range (negative ones
/// counting from the end); None when the generic path must decide.
#[inline(always)]
fn index_list_or_tuple(vm: &Vm, o: &crate::value::PyRef, i: i64) -> Option<Value> {
    let get = |items: &[Value]| {
        let len = items.len() as i64;
        let i = if i < 0 { i + len } else { i };
        if i >= 0 && i < len {
            Some(items[i as usize].clone())
        } else {
            None
        }
    };
    match &o.data {
        Data::List(l) if Rc::ptr_eq(&o.ty, &vm.t.list) => get(&l.try_borrow().ok()?),
        Data::Tuple(t) if Rc::ptr_eq(&o.ty, &vm.t.tuple) => get(t),
        _ => None,
    }
}

/// The binary operations the loop does in place: machine-int add/subtract/
/// multiply without overflow, bitwise ops, `>>`, and `%`/`//` of
/// non-negative ints; float add/subtract/multiply/divide. None: the generic
/// path decides (overflow, division by zero, other types, other operators).
#[inline(always)]
fn arith_inline(a: &Value, b: &Value, arg: u32) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => match arg {
            OP_ADD | OP_IADD => x.checked_add(*y),
            OP_SUB | OP_ISUB => x.checked_sub(*y),
            OP_MUL | OP_IMUL => x.checked_mul(*y),
            OP_AND | OP_IAND => Some(x & y),
            OP_OR | OP_IOR => Some(x | y),
            OP_XOR | OP_IXOR => Some(x ^ y),
            // Arithmetic shift = floor division by 2**y, as Python's `>>`.
            OP_RSHIFT | OP_IRSHIFT if (0..64).contains(y) => Some(x >> y),
            // Non-negative operands: Rust's truncating ops equal Python's flooring ones.
            OP_MOD | OP_IMOD if *x >= 0 && *y > 0 => Some(x % y),
            OP_FLOORDIV | OP_IFLOORDIV if *x >= 0 && *y > 0 => Some(x / y),
            _ => None,
        }
        .map(Value::Int),
        (Value::Float(x), Value::Float(y)) => {
            let (x, y) = (x.get(), y.get());
            match arg {
                OP_ADD | OP_IADD => Some(x + y),
                OP_SUB | OP_ISUB => Some(x - y),
                OP_MUL | OP_IMUL => Some(x * y),
                OP_DIV | OP_IDIV if y != 0.0 => Some(x / y),
                _ => None,
            }
            .map(Value::float)
        }
        _ => None,
    }
}

/// An interpreter safe point: runs queued `__del__` methods and weakref
/// callbacks, and a cycle collection when one is due (two relaxed loads
/// when there is nothing to do).
#[inline(always)]
pub fn safe_point(vm: &mut Vm) {
    if crate::gc::EVAL_BREAKER.load(std::sync::atomic::Ordering::Relaxed) != 0 {
        safe_point_slow(vm);
    }
}

#[cold]
#[inline(never)]
fn safe_point_slow(vm: &mut Vm) {
    crate::gc::maybe_collect(vm);
    crate::gc::run_pending_finalizers(vm);
}

/// What a cold opcode asks the loop to do next.
pub enum Control {
    Next,
    /// Unwind with this exception without adding a traceback entry.
    Reraise(PyErr),
    /// Push this frame (a Python call made by the opcode) and run it.
    CallFrame(Box<Frame>),
}

// `BinaryOp` arguments of the machine-int fast path.
const OP_ADD: u32 = BinaryOperator::Add as u32;
const OP_IADD: u32 = BinaryOperator::InplaceAdd as u32;
const OP_SUB: u32 = BinaryOperator::Subtract as u32;
const OP_ISUB: u32 = BinaryOperator::InplaceSubtract as u32;
const OP_MUL: u32 = BinaryOperator::Multiply as u32;
const OP_IMUL: u32 = BinaryOperator::InplaceMultiply as u32;
const OP_DIV: u32 = BinaryOperator::TrueDivide as u32;
const OP_AND: u32 = BinaryOperator::And as u32;
const OP_IAND: u32 = BinaryOperator::InplaceAnd as u32;
const OP_OR: u32 = BinaryOperator::Or as u32;
const OP_IOR: u32 = BinaryOperator::InplaceOr as u32;
const OP_XOR: u32 = BinaryOperator::Xor as u32;
const OP_IXOR: u32 = BinaryOperator::InplaceXor as u32;
const OP_RSHIFT: u32 = BinaryOperator::Rshift as u32;
const OP_IRSHIFT: u32 = BinaryOperator::InplaceRshift as u32;
const OP_MOD: u32 = BinaryOperator::Remainder as u32;
const OP_IMOD: u32 = BinaryOperator::InplaceRemainder as u32;
const OP_FLOORDIV: u32 = BinaryOperator::FloorDivide as u32;
const OP_IFLOORDIV: u32 = BinaryOperator::InplaceFloorDivide as u32;
const OP_IDIV: u32 = BinaryOperator::InplaceTrueDivide as u32;

#[inline(always)]
fn binop(arg: u32) -> BinaryOperator {
    BinaryOperator::from_arg(arg).unwrap_or(BinaryOperator::Add)
}

#[inline(always)]
fn cmp_i64(x: i64, y: i64, arg: u32) -> bool {
    match arg {
        0 => x < y,
        1 => x <= y,
        2 => x == y,
        3 => x != y,
        4 => x > y,
        _ => x >= y,
    }
}

/// Float comparison as Python's (IEEE: every comparison with a NaN is
/// false except `!=`).
#[inline(always)]
fn cmp_f64(x: f64, y: f64, arg: u32) -> bool {
    match arg {
        0 => x < y,
        1 => x <= y,
        2 => x == y,
        3 => x != y,
        4 => x > y,
        _ => x >= y,
    }
}

pub fn compare_operator(arg: u32) -> CompareOperator {
    CompareOperator::from_arg(arg).unwrap_or(CompareOperator::Eq)
}

/// `LoadGlobal` with its inline cache.
#[inline(always)]
fn load_global(vm: &mut Vm, f: &mut Frame, arg: u32) -> PyResult<Value> {
    let code = &f.code;
    // SAFETY (the unguarded borrows): nothing runs while the references
    // live (versions are compared and the value cloned), and
    // try_borrow_unguarded fails while a mutable borrow is active.
    if let Ok(entries) = unsafe { code.cache.entries.try_borrow_unguarded() } {
        match entries.get(f.pc as usize - 1) {
            Some(super::cache::InlineCache::ModuleGlobal { globals, gdict, gver, value }) => {
                if *globals == Rc::as_ptr(&f.globals) as usize {
                    // SAFETY: the frame's globals are the cached object
                    // (tested above) and alive, so the cached pointer is its
                    // dict table.
                    if let Ok(g) = unsafe { (**gdict).try_borrow_unguarded() } {
                        if g.version == *gver {
                            return Ok(value.clone());
                        }
                    }
                }
            }
            Some(super::cache::InlineCache::Global(e)) => {
                let super::cache::GlobalEntry { globals, gdict, gver, builtins, bdict, bver, value } = &**e;
                if *globals == Rc::as_ptr(&f.globals) as usize && *builtins == Rc::as_ptr(&f.builtins) as usize {
                    // SAFETY: as above, for both namespaces.
                    let (g, b) = unsafe { (&**gdict, &**bdict) };
                    if let (Ok(g), Ok(b)) = unsafe { (g.try_borrow_unguarded(), b.try_borrow_unguarded()) } {
                        if g.version == *gver && b.version == *bver {
                            return Ok(value.clone());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    super::opcodes::load_global_slow(vm, f, arg)
}

/// Finds the handler for the pending exception, unwinding frames as needed.
/// `Ok` means execution continues in the (new) top frame.
#[cold]
#[inline(never)]
fn unwind(vm: &mut Vm, err: PyErr, mut add_tb: bool) -> Result<(), PyErr> {
    let mut err = err;
    loop {
        let Some(f) = vm.interp.frames.last_mut() else { return Err(err) };
        let code = f.code.clone();
        let lasti = f.lasti();
        if add_tb {
            err = super::exc::on_raise_in_frame(vm, err, &code);
            let fo = super::pyframe::top_frame_object(vm);
            crate::traceback::add_traceback_entry_with_frame(vm, &err.0, &code, lasti, fo);
        }
        let f = vm.interp.frames.last_mut().expect("frame");
        // The handler is looked up at the instruction that raised; `lasti`
        // (restored by `Reraise 1`) only decides the reported line, as in CPython.
        let raising = f.pc.saturating_sub(1);
        if let Some(h) = code.code.handler_for(raising) {
            let depth = h.depth as usize;
            if f.stack.len() > depth {
                f.stack.truncate(depth);
            }
            if h.push_lasti {
                f.stack.push(Value::Int(lasti as i64));
            }
            f.stack.push(err.0);
            f.pc = h.target;
            f.lasti_override = super::frame::NO_LASTI;
            return Ok(());
        }
        vm.recursion_depth -= 1;
        let mut done = vm.interp.frames.pop().expect("frame");
        let entry = done.is_entry;
        if done.gen_owner.is_some() {
            // A generator run inline by a `for` loop: it is finished.
            err = match super::generator::finish_inline(vm, &mut done, Some(err)) {
                Some(e) => e,
                None => vm.new_error(&vm.e.system_error.clone(), "lost the exception of a generator"),
            };
        }
        super::pyframe::frame_finished(vm, &done);
        recycle(vm, done);
        if entry {
            return Err(err);
        }
        add_tb = true;
    }
}

/// The name of a type, for messages.
pub fn type_name_of(vm: &Vm, v: &Value) -> String {
    tdata(vm.type_ref(v)).name().to_string()
}
