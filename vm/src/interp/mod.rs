//! The interpreter: frames, the bytecode loop, calls, generators, classes.
//!
//! # How execution flows
//! Running Python code means pushing a [`Frame`](frame::Frame) on
//! `vm.interp.frames` and running [`eval::run`] until that frame returns.
//! Python-to-Python calls made by the bytecode (`Call`, `CallKw`) do not
//! recurse on the Rust stack: the loop pushes the callee frame and keeps
//! going, and `ReturnValue` pops it. Native code that calls Python
//! (`vm.call` from a `__eq__` inside a dict probe, `__init__` from
//! `type.__call__`) re-enters the loop recursively with an *entry* frame;
//! [`Vm::enter_recursion`] bounds that recursion by the native stack left.
//!
//! Files: `frame.rs` (the frame and its creation), `call.rs` (argument
//! binding), `eval.rs` (the dispatch loop), `exc.rs` (raising, chaining,
//! matching), `generator.rs` (generators, coroutines, async generators),
//! `class.rs` (`__build_class__`, `super`), `pyframe.rs` (frame objects on
//! demand), `exec.rs` (`exec`/`eval`/`compile`/`globals`/`locals`),
//! `typing_intrinsics.rs` (PEP 695 objects), `cache.rs` (inline caches).
//!
//! Public entry points used by the rest of the VM:
//! - [`call_function`]: call a Python function object (vectorcall style).
//! - [`run_code`]: execute a module-level / `exec` code object in a namespace.
//! - [`current_globals`] / [`current_locals`]: the innermost Python frame's namespaces.
//! - [`handled_exception`]: what `sys.exc_info()` reports.
//! - [`get_frame`]: `sys._getframe(depth)`.
//! - [`syntax_error_to_exception`]: a frontend `SyntaxError` as a Python exception.

pub mod cache;
pub mod call;
pub mod class;
pub mod eval;
pub mod exc;
pub mod exec;
pub mod frame;
pub mod generator;
pub mod intrinsics;
pub mod iter;
pub mod matching;
pub mod opcodes;
pub mod pyframe;
pub mod quicken;
pub mod slicing;
pub mod typing_intrinsics;

use crate::code::Code;
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::rc::Rc;

pub use exec::syntax_error_to_exception;
pub use pyframe::get_frame;

/// What a JIT plugs into the interpreter (the VM does not depend on it).
pub trait JitHooks {
    /// Called when the loop whose back-edge is at instruction `pc` of `code`
    /// has run `vm.config.jit_threshold` times. Returning `true` means the
    /// hook wants to be asked again after the next threshold.
    fn loop_hot(&mut self, vm: &mut Vm, code: &Rc<Code>, pc: u32) -> bool;
}

/// State owned by the interpreter loop.
pub struct InterpState {
    /// The stack of active frames; the innermost is last. Boxes keep a
    /// frame's address stable while the loop holds a pointer to it.
    pub frames: Vec<Box<frame::Frame>>,
    /// Frames kept for reuse (their vectors keep their capacity).
    pub free_frames: Vec<Box<frame::Frame>>,
    /// The types of the `for` loop's own iterators over a list, a tuple and
    /// a range (`iter.rs`), once made.
    pub loop_iter_types: [Option<crate::value::PyRef>; 3],
    /// Their addresses (0 until made), for `iter::loop_iter_kind`.
    pub loop_iter_type_addrs: [usize; 3],
    /// The handled-exception stack (CPython's `exc_info` chain): the last
    /// entry is the innermost; `None` entries mean "nothing handled here".
    pub exc_stack: Vec<Value>,
    /// Installed by the JIT; None runs the interpreter alone.
    pub jit: Option<Box<dyn JitHooks>>,
    /// Countdown to the next `loop_hot` call.
    pub hot_counter: i64,
    /// Native re-entries of the loop (bounded by `native_stack_limit`).
    pub native_depth: usize,
    /// Address of a local in the outermost loop entry (stack measuring).
    pub stack_base: usize,
    /// How many bytes of native stack recursion may use before
    /// RecursionError (the embedder sets it to fit its thread's stack).
    pub native_stack_limit: usize,
}

impl Default for InterpState {
    fn default() -> InterpState {
        InterpState {
            frames: Vec::new(),
            free_frames: Vec::new(),
            loop_iter_types: [None, None, None],
            loop_iter_type_addrs: [0; 3],
            exc_stack: vec![Value::None],
            jit: None,
            hot_counter: i64::MAX,
            native_depth: 0,
            stack_base: 0,
            native_stack_limit: 6 << 20,
        }
    }
}

/// `v.push(x)` written inline. Since Rust 1.9x `Vec::push` goes through an
/// out-of-line `push_mut` at some call sites (~20-30 instructions per push
/// measured on the frame and handled-exception stacks of the call and
/// generator paths); this is a capacity check and a write.
#[inline(always)]
pub fn push_inline<T>(v: &mut Vec<T>, x: T) {
    let len = v.len();
    if len < v.capacity() {
        // SAFETY: len < capacity: the slot is spare capacity.
        unsafe {
            v.as_mut_ptr().add(len).write(x);
            v.set_len(len + 1);
        }
    } else {
        push_grow(v, x);
    }
}

#[cold]
#[inline(never)]
fn push_grow<T>(v: &mut Vec<T>, x: T) {
    v.push(x);
}

#[inline(never)]
fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

impl Vm {
    /// Guards native code that may recurse without bound (repr of nested
    /// containers, comparisons): RecursionError instead of a stack overflow.
    /// `where_` completes the message, e.g. `" while getting the repr of an object"`.
    pub fn enter_recursion(&mut self, where_: &str) -> PyResult<()> {
        let here = stack_address();
        if self.interp.stack_base == 0 {
            self.interp.stack_base = here;
        }
        let used = self.interp.stack_base.saturating_sub(here);
        if used > self.interp.native_stack_limit || self.interp.native_depth > 200_000 {
            return Err(self.recursion_error(format!("maximum recursion depth exceeded{}", where_)));
        }
        self.interp.native_depth += 1;
        Ok(())
    }

    /// Ends a region opened with [`Vm::enter_recursion`].
    pub fn leave_recursion(&mut self) {
        self.interp.native_depth = self.interp.native_depth.saturating_sub(1);
    }

    /// Installs (or removes) the JIT's hooks.
    pub fn set_jit_hooks(&mut self, hooks: Option<Box<dyn JitHooks>>) {
        self.interp.hot_counter = if hooks.is_some() { self.config.jit_threshold.max(1) as i64 } else { i64::MAX };
        self.interp.jit = hooks;
    }
}

/// Calls a Python function object with vectorcall-style arguments.
pub fn call_function(vm: &mut Vm, func: &PyRef, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let Data::Function(f) = &func.data else {
        return Err(vm.type_error("expected a Python function"));
    };
    let frame = frame::new_function_frame(vm, func, f, args, kwnames)?;
    if f.code.code.is_generator_like() {
        return Ok(generator::make_generator(vm, func, frame));
    }
    eval::run_entry(vm, frame)
}

/// Runs a code object whose names resolve in `globals` (a dict) and, when
/// given, `locals` (any mapping; module code uses `globals` for both).
pub fn run_code(vm: &mut Vm, code: Rc<Code>, globals: PyRef, locals: Option<Value>) -> PyResult<Value> {
    let builtins = frame::builtins_for(vm, &globals);
    let locals = locals.unwrap_or_else(|| Value::Obj(globals.clone()));
    let frame = frame::new_frame(vm, &code, &globals, &builtins, Some(locals));
    eval::run_entry(vm, frame)
}

/// The globals dict of the innermost running Python frame.
pub fn current_globals(vm: &Vm) -> Option<PyRef> {
    vm.interp.frames.last().map(|f| f.globals.clone())
}

/// The locals mapping of the innermost running Python frame (a snapshot dict
/// for function frames, the real namespace for module and class frames).
pub fn current_locals(vm: &mut Vm) -> Option<Value> {
    let depth = vm.interp.frames.len();
    if depth == 0 {
        return None;
    }
    Some(frame::frame_locals(vm, depth - 1))
}

/// The exception currently being handled (`sys.exc_info()[1]`), or None.
pub fn handled_exception(vm: &Vm) -> Value {
    for v in vm.interp.exc_stack.iter().rev() {
        if !v.is_none() {
            return v.clone();
        }
    }
    Value::None
}

/// Interpreter shutdown, as CPython's: runs what is queued, then clears the
/// `__main__` namespace (names starting with one underscore first, then the
/// rest; `__builtins__` stays) so the `__del__` methods of objects still alive
/// run in the same order, then a last cycle collection.
pub fn finalize(vm: &mut Vm) {
    crate::gc::run_pending_finalizers(vm);
    if let Some(main) = crate::import::sys_module(vm, "__main__") {
        if let Some(d) = vm.module_dict(&main) {
            let keys: Vec<Value> = d.as_dict().map(|dd| dd.borrow().items().into_iter().map(|(k, _)| k).collect()).unwrap_or_default();
            for pass in 0..2 {
                for k in &keys {
                    let Some(s) = k.as_str() else { continue };
                    let underscore = s.starts_with('_') && !s.starts_with("__");
                    if s == "__builtins__" || (pass == 0) != underscore {
                        continue;
                    }
                    if vm.dict_get_str(&d, s).is_some() {
                        vm.dict_set_str(&d, s, Value::None);
                        crate::gc::run_pending_finalizers(vm);
                    }
                }
            }
        }
    }
    crate::gc::collect(vm);
    crate::gc::run_pending_finalizers(vm);
}
