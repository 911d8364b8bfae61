//! Frames: the state of one running (or suspended) code object.
//!
//! A frame holds its code, the index of the next instruction, the
//! localsplus slots (locals, then cells, then free variables), the value
//! stack, its globals and builtins, and — for module and class bodies — the
//! locals mapping. Frames live in `vm.interp.frames` while they run and in a
//! generator object while it is suspended; no Python object is made for a
//! frame unless code asks for one (`pyframe.rs`).
//!
//! The value stack holds `Value`s; CPython's NULL (the absent `self` of a
//! call, a saved unbound local) is [`Value::NULL`] (tested with
//! [`is_null`]), so argument slices can be passed to calls straight from
//! the stack.

use crate::code::Code;
use crate::function::Function;
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::bytecode::LocalKind;
use std::rc::Rc;

pub struct Frame {
    /// The code being run. Assign it only together with `quick`.
    pub code: Rc<Code>,
    /// `code.quick`'s first instruction: the dispatch loop's instructions,
    /// one load away from the frame when the loop switches to it.
    pub quick: *const egret_frontend::bytecode::Instr,
    /// Index of the next instruction to execute.
    pub pc: u32,
    /// The instruction `Reraise 1` restored as the one executing (for the
    /// traceback and the handler), or [`NO_LASTI`]; see [`Frame::lasti`].
    pub lasti_override: u32,
    pub locals: Vec<Option<Value>>,
    pub stack: Vec<Value>,
    pub globals: PyRef,
    pub builtins: PyRef,
    /// The locals mapping of module, class and `exec` frames.
    pub locals_map: Option<Value>,
    /// The function being run (None for module/class/exec code).
    pub func: Option<PyRef>,
    /// Returning from this frame leaves the loop (it was entered from native code).
    pub is_entry: bool,
    /// The Python-visible frame object, once one was asked for.
    pub pyframe: Option<PyRef>,
    /// Set on the `__init__` frame of a class instantiated by the `Call`
    /// opcode's fast path: returning gives the caller this instance (after
    /// checking that `__init__` returned None).
    pub init_instance: Option<Value>,
    /// The generator object this frame belongs to, while a `for` loop runs
    /// it inline in the caller's dispatch loop (`generator::resume_inline`).
    pub gen_owner: Option<Value>,
}

impl Frame {
    /// Pushes onto the value stack. The stack is reserved to the code's
    /// flow-checked maximum depth, so the capacity check practically always
    /// passes and the write stays inline.
    #[inline(always)]
    pub fn push(&mut self, v: Value) {
        let len = self.stack.len();
        if len < self.stack.capacity() {
            // SAFETY: len < capacity; the slot is uninitialised spare capacity.
            unsafe {
                self.stack.as_mut_ptr().add(len).write(v);
                self.stack.set_len(len + 1);
            }
        } else {
            self.push_grow(v);
        }
    }
    /// Pushes `a`, then `b`, with one update of the stack length (each
    /// update is a store the next push or pop loads back).
    #[inline(always)]
    pub fn push2(&mut self, a: Value, b: Value) {
        let len = self.stack.len();
        if len + 2 <= self.stack.capacity() {
            // SAFETY: len + 2 <= capacity; the slots are spare capacity.
            unsafe {
                let p = self.stack.as_mut_ptr().add(len);
                p.write(a);
                p.add(1).write(b);
                self.stack.set_len(len + 2);
            }
        } else {
            self.push_grow(a);
            self.push_grow(b);
        }
    }
    /// Pops the top two items, returned as `(top, second)` (as two `pop`s
    /// would give them), with one update of the stack length. Verified code
    /// has them (see [`Frame::pop`]).
    #[inline(always)]
    pub fn pop2(&mut self) -> (Value, Value) {
        let len = self.stack.len();
        debug_assert!(len >= 2, "pop2 from a stack of fewer than two");
        if len < 2 {
            // SAFETY: unreachable for verified code (see above).
            unsafe { std::hint::unreachable_unchecked() }
        }
        // SAFETY: both slots are initialised; the length drops below them
        // first, so each is moved out once.
        unsafe {
            self.stack.set_len(len - 2);
            let p = self.stack.as_ptr().add(len - 2);
            (p.add(1).read(), p.read())
        }
    }
    #[cold]
    #[inline(never)]
    fn push_grow(&mut self, v: Value) {
        self.stack.push(v);
    }
    /// Pops the top of the value stack. The verified stack depths of the
    /// compiler's code (frontend `compile::verify`) mean the stack is never
    /// empty here.
    #[inline(always)]
    pub fn pop(&mut self) -> Value {
        let len = self.stack.len();
        debug_assert!(len > 0, "pop from an empty value stack");
        if len == 0 {
            // SAFETY: unreachable for verified code (see above).
            unsafe { std::hint::unreachable_unchecked() }
        }
        // SAFETY: len > 0; the slot is initialised and given up by set_len.
        unsafe {
            self.stack.set_len(len - 1);
            std::ptr::read(self.stack.as_ptr().add(len - 1))
        }
    }
    #[inline]
    pub fn top(&self) -> &Value {
        const NONE: Value = Value::None;
        self.stack.last().unwrap_or(&NONE)
    }
    /// The stack item at index `i` from the bottom, unchecked: the
    /// verified stack depths of the compiler's code (frontend
    /// `compile::verify`) keep the dispatch loop's indexes in range.
    #[inline(always)]
    pub fn at(&self, i: usize) -> &Value {
        debug_assert!(i < self.stack.len(), "stack index out of range");
        // SAFETY: see above.
        unsafe { self.stack.get_unchecked(i) }
    }
    /// [`Frame::at`], mutably.
    #[inline(always)]
    pub fn at_mut(&mut self, i: usize) -> &mut Value {
        debug_assert!(i < self.stack.len(), "stack index out of range");
        // SAFETY: see [`Frame::at`].
        unsafe { self.stack.get_unchecked_mut(i) }
    }
    /// The i-th item from the top (1 = top).
    #[inline]
    pub fn peek(&self, i: usize) -> &Value {
        const NONE: Value = Value::None;
        self.stack.get(self.stack.len().wrapping_sub(i)).unwrap_or(&NONE)
    }
    /// Index of the instruction executing (or last executed): the one
    /// before `pc`, since every instruction that moves `pc` elsewhere (a
    /// jump) does so as its last step. The dispatch loop therefore stores
    /// only `pc`.
    #[inline]
    pub fn lasti(&self) -> u32 {
        if self.lasti_override != NO_LASTI {
            self.lasti_override
        } else {
            self.pc.saturating_sub(1)
        }
    }
    /// The source line of the instruction executing.
    pub fn line(&self) -> u32 {
        self.code.code.locations.get(self.lasti() as usize).map_or(self.code.code.first_line, |l| l.line)
    }
}

/// `Frame::lasti_override` when no `Reraise` set it.
pub const NO_LASTI: u32 = u32::MAX;

/// The builtins namespace for code running with `globals`: `globals["__builtins__"]`
/// (a module or a dict) when present, else the interpreter's.
pub fn builtins_for(vm: &mut Vm, globals: &PyRef) -> PyRef {
    let g = Value::Obj(globals.clone());
    match vm.dict_get_str(&g, "__builtins__") {
        Some(Value::Obj(o)) => match &o.data {
            Data::Dict(_) => o,
            Data::Module(m) => m.dict.clone(),
            _ => vm.builtins.clone(),
        },
        _ => vm.builtins.clone(),
    }
}

/// A frame (from the free list when possible) with empty slots.
///
/// A recycled frame still holds the code, globals and builtins of its last
/// run; they are replaced only when they differ (recursion and repeated
/// calls of one function then touch no reference counts for them).
#[inline]
pub fn new_frame(vm: &mut Vm, code: &Rc<Code>, globals: &PyRef, builtins: &PyRef, locals_map: Option<Value>) -> Box<Frame> {
    let nlocals = code.code.localsplus_names.len();
    let max_stack = code.code.max_stack as usize + 2;
    match vm.interp.free_frames.pop() {
        Some(mut f) => {
            // Free frames keep empty buffers (see `recycle`).
            f.locals.reserve(nlocals);
            let slots = f.locals.as_mut_ptr();
            for i in 0..nlocals {
                // SAFETY: capacity reserved above; the vector is empty.
                unsafe { slots.add(i).write(None) };
            }
            // SAFETY: the first nlocals slots were just initialised.
            unsafe { f.locals.set_len(nlocals) };
            f.stack.reserve(max_stack);
            if !Rc::ptr_eq(&f.code, code) {
                f.code = code.clone();
                f.quick = code.quick.as_ptr();
            }
            f.pc = 0;
            f.lasti_override = NO_LASTI;
            if !Rc::ptr_eq(&f.globals, globals) {
                f.globals = globals.clone();
            }
            if !Rc::ptr_eq(&f.builtins, builtins) {
                f.builtins = builtins.clone();
            }
            f.locals_map = locals_map;
            f.is_entry = false;
            f
        }
        None => {
            let mut f = empty_frame(code, globals, builtins);
            f.locals.resize(nlocals, None);
            f.stack.reserve(max_stack);
            f.locals_map = locals_map;
            f
        }
    }
}

/// The frame of a call whose arguments bind by position alone
/// (`code.cache.simple_argc == argc`): the interpreter's fast call path.
///
/// Takes the function object (the reference the caller's stack held) and
/// moves the `argc` values at `args` into the first local slots.
///
/// # Safety
/// `fobj` must be a `Data::Function` whose code has `simple_argc == argc`;
/// `args` must point to `argc` initialised values that the caller gives up
/// (it must forget them without dropping, e.g. by lowering its stack
/// length below them before calling).
#[inline(always)]
pub unsafe fn new_simple_frame(vm: &mut Vm, fobj: PyRef, args: *const Value, argc: usize) -> Box<Frame> {
    let Data::Function(func) = &fobj.data else { std::hint::unreachable_unchecked() };
    let cache = &func.code.cache;
    let nlocals = cache.nlocals as usize;
    let mut f = match vm.interp.free_frames.pop() {
        Some(mut f) => {
            if !Rc::ptr_eq(&f.code, &func.code) {
                f.code = func.code.clone();
                f.quick = func.code.quick.as_ptr();
            }
            if !Rc::ptr_eq(&f.globals, &func.globals) {
                f.globals = func.globals.clone();
            }
            if !Rc::ptr_eq(&f.builtins, &func.builtins) {
                f.builtins = func.builtins.clone();
            }
            f.pc = 0;
            f.lasti_override = NO_LASTI;
            f.is_entry = false;
            f
        }
        None => empty_frame(&func.code, &func.globals, &func.builtins),
    };
    // Free frames keep empty buffers (see `recycle`).
    f.locals.reserve(nlocals);
    f.stack.reserve(cache.stack_size as usize);
    let slots = f.locals.as_mut_ptr();
    // The callers' `simple_argc` is the code's argument count, within its locals.
    debug_assert!(argc <= nlocals);
    for i in 0..argc {
        slots.add(i).write(Some(std::ptr::read(args.add(i))));
    }
    for i in argc..nlocals {
        slots.add(i).write(None);
    }
    f.locals.set_len(nlocals);
    f.func = Some(fobj);
    f
}

/// A new frame with empty buffers (the free list was empty).
#[cold]
#[inline(never)]
fn empty_frame(code: &Rc<Code>, globals: &PyRef, builtins: &PyRef) -> Box<Frame> {
    Box::new(Frame {
        code: code.clone(),
        quick: code.quick.as_ptr(),
        pc: 0,
        lasti_override: NO_LASTI,
        locals: Vec::new(),
        stack: Vec::new(),
        globals: globals.clone(),
        builtins: builtins.clone(),
        locals_map: None,
        func: None,
        is_entry: false,
        pyframe: None,
        init_instance: None,
        gen_owner: None,
    })
}

/// Returns a finished frame's buffers to the free list.
#[inline(always)]
pub fn recycle(vm: &mut Vm, f: Box<Frame>) {
    recycle_with(vm, f, true);
}

/// [`recycle`] for a frame whose rare fields (`locals_map`, `pyframe`,
/// `init_instance`, `gen_owner`) are known to be empty.
#[inline(always)]
pub fn recycle_plain(vm: &mut Vm, f: Box<Frame>) {
    debug_assert!(f.locals_map.is_none() && f.pyframe.is_none() && f.init_instance.is_none() && f.gen_owner.is_none());
    recycle_with(vm, f, false);
}

/// The body of both: buffers emptied (locals, then stack, then the
/// function; the rare fields last when `rare` asks to look at them).
#[inline(always)]
fn recycle_with(vm: &mut Vm, mut f: Box<Frame>, rare: bool) {
    if vm.interp.free_frames.len() < 64 && f.locals.capacity() < 256 && f.stack.capacity() < 256 {
        // Element by element, so that the drops stay inline (`clear` calls
        // an out-of-line slice drop).
        // SAFETY: the lengths drop to 0 first; each element is dropped once.
        unsafe {
            let n = f.locals.len();
            f.locals.set_len(0);
            let p = f.locals.as_mut_ptr();
            for i in 0..n {
                std::ptr::drop_in_place(p.add(i));
            }
            let n = f.stack.len();
            f.stack.set_len(0);
            let p = f.stack.as_mut_ptr();
            for i in 0..n {
                std::ptr::drop_in_place(p.add(i));
            }
        }
        f.func = None;
        if rare && (f.locals_map.is_some() || f.pyframe.is_some() || f.init_instance.is_some() || f.gen_owner.is_some()) {
            clear_rare_fields(&mut f);
        }
        super::push_inline(&mut vm.interp.free_frames, f);
    }
}

#[cold]
#[inline(never)]
fn clear_rare_fields(f: &mut Frame) {
    f.locals_map = None;
    f.pyframe = None;
    f.init_instance = None;
    f.gen_owner = None;
}

/// A frame for calling `func` with the given arguments bound to its parameters,
/// cells made and free variables copied from the closure.
pub fn new_function_frame(vm: &mut Vm, fobj: &PyRef, f: &Function, args: &[Value], kwnames: &[Value]) -> PyResult<Box<Frame>> {
    function_frame_with(vm, fobj, f, |vm, locals| super::call::bind_args(vm, f, args, kwnames, locals))
}

/// [`new_function_frame`] moving the arguments out of `args` (the caller's
/// value stack, which drops them right after).
#[inline]
pub fn new_function_frame_moving(vm: &mut Vm, fobj: &PyRef, f: &Function, args: &mut [Value], kwnames: &[Value]) -> PyResult<Box<Frame>> {
    function_frame_with(vm, fobj, f, |vm, locals| super::call::bind_args_moving(vm, f, args, kwnames, locals))
}

#[inline(always)]
fn function_frame_with(
    vm: &mut Vm,
    fobj: &PyRef,
    f: &Function,
    bind: impl FnOnce(&mut Vm, &mut [Option<Value>]) -> PyResult<()>,
) -> PyResult<Box<Frame>> {
    let mut frame = new_frame(vm, &f.code, &f.globals, &f.builtins, None);
    frame.func = Some(fobj.clone());
    if let Err(e) = bind(vm, &mut frame.locals) {
        recycle(vm, frame);
        return Err(e);
    }
    if f.code.cache.has_cells {
        init_cells(vm, f, &mut frame.locals);
    }
    Ok(frame)
}

/// Creates the frame's cells and copies the closure into the free slots.
#[inline]
pub fn init_cells(vm: &mut Vm, f: &Function, locals: &mut [Option<Value>]) {
    if !f.code.cache.has_cells {
        return;
    }
    let mut free_index = 0;
    for (i, kind) in f.code.code.localsplus_kinds.iter().enumerate() {
        match kind {
            LocalKind::Local => {}
            LocalKind::Cell => {
                let v = locals[i].take();
                locals[i] = Some(Value::Obj(vm.new_cell(v)));
            }
            LocalKind::Free => {
                if let Some(cl) = &f.closure {
                    if let Some(c) = cl.get(free_index) {
                        locals[i] = Some(Value::Obj(c.clone()));
                    }
                }
                free_index += 1;
            }
        }
    }
}

/// Whether a stack value is the NULL sentinel.
#[inline]
pub fn is_null(v: &Value) -> bool {
    matches!(v, Value::Bool(b) if *b == crate::value::B64::NULL)
}

/// The contents of a cell object (None when empty).
#[inline]
pub fn cell_get(cell: &Value) -> Option<Value> {
    match cell {
        Value::Obj(o) => match &o.data {
            Data::Cell(c) => c.borrow().clone(),
            _ => None,
        },
        _ => None,
    }
}

#[inline]
pub fn cell_set(cell: &Value, v: Option<Value>) {
    if let Value::Obj(o) = cell {
        if let Data::Cell(c) = &o.data {
            let old = std::mem::replace(&mut *c.borrow_mut(), v);
            drop(old);
        }
    }
}

/// The locals of frame number `index` (0 = outermost) as a mapping: the real
/// namespace of module/class frames, a fresh snapshot dict for function frames.
pub fn frame_locals(vm: &mut Vm, index: usize) -> Value {
    let f = &vm.interp.frames[index];
    if let Some(m) = &f.locals_map {
        // Inside a comprehension inlined in a module or class body, the
        // comprehension's variables are fast locals: `locals()` is then a
        // new dict with them added (as CPython 3.12).
        let hidden: Vec<(Value, Value)> = f
            .code
            .localsplus_names
            .iter()
            .zip(f.locals.iter())
            .zip(f.code.code.localsplus_kinds.iter())
            .filter(|((n, _), _)| !matches!(n.as_str(), Some("__class__" | "__classdict__" | "__classdictcell__")))
            .filter_map(|((n, v), k)| {
                let v = match (k, v) {
                    (LocalKind::Local, v) => v.clone(),
                    (_, Some(cell)) => cell_get(cell),
                    (_, None) => None,
                };
                v.map(|v| (n.clone(), v))
            })
            .collect();
        if hidden.is_empty() {
            return m.clone();
        }
        let m = m.clone();
        let d = vm.new_dict();
        if let (Some(src), Some(dst)) = (m.as_dict(), d.as_dict()) {
            let items = src.borrow().items();
            let _ = dst;
            for (k, v) in items {
                let _ = vm.dict_set(&d, k, v);
            }
        }
        for (k, v) in hidden {
            let _ = vm.dict_set(&d, k, v);
        }
        return d;
    }
    let pairs: Vec<(Value, Option<Value>, LocalKind)> = f
        .code
        .localsplus_names
        .iter()
        .zip(f.locals.iter())
        .zip(f.code.code.localsplus_kinds.iter())
        .map(|((n, v), k)| (n.clone(), v.clone(), *k))
        .collect();
    snapshot_dict(vm, pairs)
}

/// Builds a locals snapshot dict from (name, slot, kind) triples.
pub fn snapshot_dict(vm: &mut Vm, pairs: Vec<(Value, Option<Value>, LocalKind)>) -> Value {
    let d = vm.new_dict();
    for (name, v, kind) in pairs {
        let v = match (kind, v) {
            (LocalKind::Local, v) => v,
            (_, Some(cell)) => cell_get(&cell),
            (_, None) => None,
        };
        if let Some(v) = v {
            let _ = vm.dict_set(&d, name, v);
        }
    }
    d
}
