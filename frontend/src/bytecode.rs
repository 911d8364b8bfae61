//! Egret's bytecode: the one opcode table, instructions, and code objects.
//!
//! # The table
//! Every opcode is declared once in [`opcodes!`] below with its flags and its
//! stack effect. From that table come the [`Opcode`] enum, its name
//! (`Opcode::name`), decoding from a byte (`Opcode::from_u8`), the flags the
//! disassembler and the compiler's stack-depth pass use, and
//! [`Opcode::stack_effect`]. The interpreter's dispatch loop matches on the
//! same enum, so adding an opcode without handling it is a compile error.
//!
//! # Instructions
//! An [`Instr`] is one 32-bit word: the opcode in the low 8 bits and a 24-bit
//! argument above it. There is no `EXTENDED_ARG`: a code object is limited
//! to 2^24 instructions, constants, names and locals (the compiler raises
//! "too complex" beyond that). Jump arguments are *absolute* instruction
//! indices; backward jumps use [`Opcode::JumpBackward`] so the interpreter
//! can count loop iterations there (the JIT's hot-loop detector).
//!
//! # Stack conventions (as CPython 3.12)
//! - Calls: `[callable, self_or_null, arg1, ..., argN] -> [result]`. `LoadMethod`
//!   pushes `[method, self]` when the attribute is a plain function found on
//!   the type, else `[value, NULL]`; `PushNull` pushes the NULL for plain calls.
//!   `CallKw(n)` additionally has a tuple of keyword names (a constant) on top:
//!   the last `len(kwnames)` of the `n` arguments are keyword arguments.
//! - Exceptions use a zero-cost exception table ([`ExceptionTableEntry`]):
//!   when an instruction in `[start, end)` raises, the stack is cut to `depth`
//!   entries (plus the offending instruction index if `push_lasti`), the
//!   exception is pushed and execution continues at `target`.
//! - Locals live in "localsplus" slots: plain locals, then cells, then free
//!   variables (see [`LocalKind`]); the interpreter creates the cells at frame
//!   entry (moving an argument into its cell where a parameter is a cell) and
//!   copies the closure's cells into the free slots.

use num_bigint::BigInt;
use std::fmt::Write as _;
use std::rc::Rc;

/// Opcode flags.
pub mod flag {
    /// The argument is an absolute jump target.
    pub const JUMP: u16 = 1 << 0;
    /// The argument indexes `CodeObject::constants`.
    pub const CONST: u16 = 1 << 1;
    /// The argument indexes `CodeObject::names`.
    pub const NAME: u16 = 1 << 2;
    /// The argument indexes the localsplus slots.
    pub const LOCAL: u16 = 1 << 3;
    /// Control never falls through to the next instruction.
    pub const TERMINATOR: u16 = 1 << 4;
    /// The argument is meaningful (shown by the disassembler).
    pub const ARG: u16 = 1 << 5;
    /// The jump is conditional: both the target and the next instruction follow.
    pub const BRANCH: u16 = 1 << 6;
}

macro_rules! opcodes {
    ($( $(#[doc = $doc:literal])* $name:ident = ($flags:expr, $effect:expr); )*) => {
        /// A bytecode operation. See the module documentation for conventions.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Opcode {
            $( $(#[doc = $doc])* $name, )*
        }

        impl Opcode {
            /// Every opcode, in table order (the numbering).
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name,)*];

            pub fn name(self) -> &'static str {
                match self { $(Opcode::$name => stringify!($name),)* }
            }

            pub fn flags(self) -> u16 {
                match self { $(Opcode::$name => $flags,)* }
            }

            /// Net change of the stack depth. `jump` selects the effect when
            /// the (conditional) jump is taken.
            pub fn stack_effect(self, arg: u32, jump: bool) -> i32 {
                // Each table closure called in place (inlined), not through a pointer.
                match self { $(Opcode::$name => ($effect)(arg, jump),)* }
            }
        }
    };
}

use flag::*;

opcodes! {
    /// Does nothing.
    Nop = (0, |_, _| 0);
    /// Pops the top of the stack.
    PopTop = (0, |_, _| -1);
    /// Pushes a NULL (for calls: the absent `self`).
    PushNull = (0, |_, _| 1);
    /// Pushes a copy of the i-th item (1 = top).
    Copy = (ARG, |_, _| 1);
    /// Swaps the top with the i-th item (2 = second).
    Swap = (ARG, |_, _| 0);

    /// Pushes `constants[arg]`.
    LoadConst = (ARG | CONST, |_, _| 1);
    /// Pushes local `arg`; raises `UnboundLocalError` when it is unbound.
    LoadFast = (ARG | LOCAL, |_, _| 1);
    /// Pushes local `arg` (or NULL) and unbinds it (PEP 709 comprehensions save outer values with it).
    LoadFastAndClear = (ARG | LOCAL, |_, _| 1);
    /// Pops TOS into local `arg`.
    StoreFast = (ARG | LOCAL, |_, _| -1);
    /// Stores TOS (which may be NULL: restores "unbound") into local `arg` (PEP 709).
    StoreFastMaybeNull = (ARG | LOCAL, |_, _| -1);
    /// Unbinds local `arg` (`UnboundLocalError` if unbound).
    DeleteFast = (ARG | LOCAL, |_, _| 0);
    /// Pushes the cell object itself of slot `arg` (a cell or free slot), to build the tuple
    /// given to `SetFunctionAttribute(Closure)`. (CPython's `LOAD_CLOSURE`.)
    LoadClosure = (ARG | LOCAL, |_, _| 1);
    /// Replaces the value in slot `arg` with a new cell holding that value (or an empty cell if
    /// the slot is NULL). Only used inside PEP 709 inlined comprehensions whose iteration
    /// variable is captured by a closure: the frame-entry cell creation has already happened,
    /// and `LoadFastAndClear` just saved (and cleared) the outer cell. (CPython's `MAKE_CELL`.)
    MakeCell = (ARG | LOCAL, |_, _| 0);
    /// Pushes the contents of the cell in slot `arg`; `NameError`/`UnboundLocalError` when empty.
    LoadDeref = (ARG | LOCAL, |_, _| 1);
    /// Pops TOS into the cell of slot `arg`.
    StoreDeref = (ARG | LOCAL, |_, _| -1);
    /// Empties the cell of slot `arg` (`NameError`/`UnboundLocalError` if empty).
    DeleteDeref = (ARG | LOCAL, |_, _| 0);
    /// Class bodies: `[mapping] -> [value]`; looks the name of slot `arg` up in the mapping, then the cell.
    LoadFromDictOrDeref = (ARG | LOCAL, |_, _| 0);
    /// Annotation scopes: `[mapping] -> [value]`; mapping, then globals, then builtins for `names[arg]`.
    LoadFromDictOrGlobals = (ARG | NAME, |_, _| 0);
    /// Pushes the frame's locals mapping (class bodies, annotation scopes).
    LoadLocals = (0, |_, _| 1);
    /// Module/class bodies: pushes `names[arg]` from locals, then globals, then builtins.
    LoadName = (ARG | NAME, |_, _| 1);
    /// Pops TOS into the locals mapping under `names[arg]`.
    StoreName = (ARG | NAME, |_, _| -1);
    /// Deletes `names[arg]` from the locals mapping (`NameError` if absent).
    DeleteName = (ARG | NAME, |_, _| 0);
    /// Pushes `names[arg]` from globals, then builtins (`NameError` if absent).
    LoadGlobal = (ARG | NAME, |_, _| 1);
    /// Pops TOS into globals under `names[arg]`.
    StoreGlobal = (ARG | NAME, |_, _| -1);
    /// Deletes `names[arg]` from globals.
    DeleteGlobal = (ARG | NAME, |_, _| 0);
    /// `[obj] -> [obj.name]`.
    LoadAttr = (ARG | NAME, |_, _| 0);
    /// `[obj] -> [method, self]` or `[value, NULL]`.
    LoadMethod = (ARG | NAME, |_, _| 1);
    /// `[value, obj] -> []`: `obj.name = value`.
    StoreAttr = (ARG | NAME, |_, _| -2);
    DeleteAttr = (ARG | NAME, |_, _| -1);
    /// `[global_super, class, self] -> [attr]` (arg: name index << 2 | 2 if two-arg form | 1 if method load; method load pushes 2).
    LoadSuperAttr = (ARG, |a, _| if a & 1 != 0 { -1 } else { -2 });

    /// `[a, b] -> [a op b]`; arg is a [`BinaryOperator`] (in-place forms included).
    BinaryOp = (ARG, |_, _| -1);
    /// `[a] -> [-a]`.
    UnaryNegative = (0, |_, _| 0);
    /// `[a] -> [not a]`.
    UnaryNot = (0, |_, _| 0);
    /// `[a] -> [~a]`.
    UnaryInvert = (0, |_, _| 0);
    /// `[a, b] -> [a cmp b]`; arg is a [`CompareOperator`].
    CompareOp = (ARG, |_, _| -1);
    /// `[a, b] -> [a is b]` (arg 1: `is not`).
    IsOp = (ARG, |_, _| -1);
    /// `[a, b] -> [a in b]` (arg 1: `not in`).
    ContainsOp = (ARG, |_, _| -1);
    /// `[container, key] -> [container[key]]`.
    BinarySubscr = (0, |_, _| -1);
    /// `[value, container, key] -> []`.
    StoreSubscr = (0, |_, _| -3);
    /// `[container, key] -> []`.
    DeleteSubscr = (0, |_, _| -2);
    /// `[container, start, stop] -> [container[start:stop]]`.
    BinarySlice = (0, |_, _| -2);
    /// `[value, container, start, stop] -> []`.
    StoreSlice = (0, |_, _| -4);
    /// `[start, stop(, step)] -> [slice]` (arg 2 or 3).
    BuildSlice = (ARG, |a, _| 1 - a as i32);

    /// Pops `arg` items and pushes a tuple of them (first pushed = first item).
    BuildTuple = (ARG, |a, _| 1 - a as i32);
    /// Pops `arg` items and pushes a list of them.
    BuildList = (ARG, |a, _| 1 - a as i32);
    /// Pops `arg` items and pushes a set of them.
    BuildSet = (ARG, |a, _| 1 - a as i32);
    /// `[k1, v1, ..., kn, vn] -> [dict]`.
    BuildMap = (ARG, |a, _| 1 - 2 * a as i32);
    /// `[v1, ..., vn, keys_tuple] -> [dict]`.
    BuildConstKeyMap = (ARG, |a, _| -(a as i32));
    /// Concatenates `arg` strings.
    BuildString = (ARG, |a, _| 1 - a as i32);
    /// `[list, ..., item] -> [list, ...]`: appends to the list `arg` deep (after popping item).
    ListAppend = (ARG, |_, _| -1);
    /// `[set, ..., item] -> [set, ...]`: adds item to the set `arg` deep (after popping item).
    SetAdd = (ARG, |_, _| -1);
    /// `[dict, ..., key, value] -> [dict, ...]`.
    MapAdd = (ARG, |_, _| -2);
    /// `[list, ..., iterable] -> [list, ...]`: `list.extend(iterable)`, list `arg` deep after the pop.
    ListExtend = (ARG, |_, _| -1);
    /// `[set, ..., iterable] -> [set, ...]`: `set.update(iterable)`.
    SetUpdate = (ARG, |_, _| -1);
    /// `[dict, ..., mapping] -> [dict, ...]`: `dict.update(mapping)` (TypeError 'object is not a mapping').
    DictUpdate = (ARG, |_, _| -1);
    /// Like `DictUpdate` but raises on duplicate keys (for `**kwargs` in calls).
    DictMerge = (ARG, |_, _| -1);
    /// `[value(, spec)] -> [str]`; arg: conversion (0 none, 1 str, 2 repr, 3 ascii) | 4 if a spec is on the stack.
    FormatValue = (ARG, |a, _| if a & 4 != 0 { -1 } else { 0 });
    /// `[seq] -> [item_n, ..., item_1]` (first item on top).
    UnpackSequence = (ARG, |a, _| a as i32 - 1);
    /// arg = before | after << 8; pushes before + 1 + after items.
    UnpackEx = (ARG, |a, _| (a & 0xff) as i32 + (a >> 8) as i32);

    /// Jumps forward to instruction `arg`.
    Jump = (ARG | JUMP | TERMINATOR, |_, _| 0);
    /// A jump to an earlier instruction: the loop back-edge where hotness is counted.
    JumpBackward = (ARG | JUMP | TERMINATOR, |_, _| 0);
    /// Pops TOS; jumps to `arg` if it is false (truth value test).
    PopJumpIfFalse = (ARG | JUMP | BRANCH, |_, _| -1);
    /// Pops TOS; jumps to `arg` if it is true.
    PopJumpIfTrue = (ARG | JUMP | BRANCH, |_, _| -1);
    /// Pops TOS; jumps to `arg` if it is None.
    PopJumpIfNone = (ARG | JUMP | BRANCH, |_, _| -1);
    /// Pops TOS; jumps to `arg` if it is not None.
    PopJumpIfNotNone = (ARG | JUMP | BRANCH, |_, _| -1);
    /// Jumps (keeping TOS) if TOS is false, else pops it.
    JumpIfFalseOrPop = (ARG | JUMP | BRANCH, |_, j| if j { 0 } else { -1 });
    JumpIfTrueOrPop = (ARG | JUMP | BRANCH, |_, j| if j { 0 } else { -1 });
    /// `[iter] -> [iter, next]`, or when exhausted pops the iterator and jumps.
    ForIter = (ARG | JUMP | BRANCH, |_, j| if j { -1 } else { 1 });
    /// `[obj] -> [iter(obj)]`.
    GetIter = (0, |_, _| 0);
    /// `iter()` for `yield from`: leaves generators and coroutines as they are.
    GetYieldFromIter = (0, |_, _| 0);
    /// `[obj] -> [obj.__aiter__()]`.
    GetAiter = (0, |_, _| 0);
    /// `[aiter] -> [aiter, awaitable]`.
    GetAnext = (0, |_, _| 1);
    /// arg: 0 plain `await`, 1 after `__aenter__`, 2 after `__aexit__`.
    GetAwaitable = (ARG, |_, _| 0);
    /// `[aiter, exc] -> []` if the exception is StopAsyncIteration, else re-raises.
    EndAsyncFor = (0, |_, _| -2);
    /// CPython 3.12's `SEND`: `[receiver, value] -> [receiver, result]`. Sends `value` into
    /// `receiver` (`next`/`send` for None/other values, `__next__` fast path for generators and
    /// coroutines). If the receiver yields, falls through with the yielded value as `result`.
    /// If it returns (StopIteration), `result` is the return value and control jumps to `arg`
    /// (always an `EndSend`), the stack still being `[receiver, retval]` (net effect 0 both ways).
    Send = (ARG | JUMP | BRANCH, |_, _| 0);
    /// Leaves `[receiver, value]` as `[value]` (end of `yield from`/`await`).
    EndSend = (0, |_, _| -1);
    /// Suspends the generator, yielding TOS; resumes with the sent value on top.
    YieldValue = (0, |_, _| 0);
    /// Returns TOS from the frame (for generators: finishes them, the value becoming StopIteration.value).
    ReturnValue = (TERMINATOR, |_, _| -1);
    /// Returns `constants[arg]`.
    ReturnConst = (ARG | CONST | TERMINATOR, |_, _| 0);

    /// Begins a handler: `[exc] -> [prev_exc_info, exc]` and makes exc the handled exception.
    PushExcInfo = (0, |_, _| 1);
    /// Ends a handler: `[prev_exc_info] -> []`, restoring the handled exception.
    PopExcept = (0, |_, _| -1);
    /// Re-raises TOS; arg 1: also restore `f_lasti` from the item below it.
    Reraise = (ARG | TERMINATOR, |_, _| -1);
    /// `[exc, type] -> [exc, bool]`.
    CheckExcMatch = (0, |_, _| 0);
    /// `[eg, type] -> [rest, match]` for `except*`.
    CheckEgMatch = (0, |_, _| 0);
    /// `raise` with 0, 1 (exc) or 2 (exc, cause) arguments.
    RaiseVarargs = (ARG | TERMINATOR, |a, _| -(a as i32));
    /// CPython 3.12's `WITH_EXCEPT_START`: `[exit, lasti, prev_exc, val] -> [exit, lasti, prev_exc, val, res]`:
    /// `res = exit(type(val), val, val.__traceback__)` where `exit` is the bound `__exit__`
    /// (or `__aexit__`, whose awaitable result is then awaited by the compiled code).
    WithExceptStart = (0, |_, _| 1);
    /// `[cm] -> [bound __exit__, result of __enter__()]`.
    BeforeWith = (0, |_, _| 1);
    /// `[cm] -> [bound __aexit__, awaitable of __aenter__()]`.
    BeforeAsyncWith = (0, |_, _| 1);
    /// `[sub_iter, last_sent_val, exc] -> [None, value]` for StopIteration, else re-raise.
    CleanupThrow = (0, |_, _| -1);
    /// Pushes `AssertionError` (`assert` then does `Call 0` with the message as the "self" slot, or raises it directly).
    LoadAssertionError = (0, |_, _| 1);
    /// Pushes `builtins.__build_class__`.
    LoadBuildClass = (0, |_, _| 1);
    /// Creates `__annotations__` in the local namespace if it is not there.
    SetupAnnotations = (0, |_, _| 0);
    /// `[level, fromlist] -> [module]`.
    ImportName = (ARG | NAME, |_, _| -1);
    /// `[module] -> [module, module.name]`.
    ImportFrom = (ARG | NAME, |_, _| 1);

    /// `[callable, self_or_null, args...] -> [result]`: with `arg` = number of args. When
    /// `self_or_null` is not NULL it is passed as the first argument (so `arg + 1` arguments);
    /// the compiler relies on this for decorators (`[dec, func]`, `Call 0`), `assert` messages
    /// and `__exit__(None, None, None)` (`[exit, None, None, None]`, `Call 2`).
    Call = (ARG, |a, _| -1 - a as i32);
    /// `[callable, self_or_null, args..., kwnames] -> [result]`.
    CallKw = (ARG, |a, _| -2 - a as i32);
    /// `[callable, null, args_tuple(, kwargs_dict)] -> [result]`; arg 1: kwargs present.
    CallFunctionEx = (ARG, |a, _| -2 - (a & 1) as i32);
    /// `[arg] -> [result]`; arg is an [`Intrinsic1`].
    CallIntrinsic1 = (ARG, |_, _| 0);
    /// `[arg1, arg2] -> [result]`; arg is an [`Intrinsic2`].
    CallIntrinsic2 = (ARG, |_, _| -1);
    /// `[code] -> [function]`.
    MakeFunction = (0, |_, _| 0);
    /// `[value, function] -> [function]`; arg is a [`FunctionAttribute`].
    SetFunctionAttribute = (ARG, |_, _| -1);

    /// `[subject, type, names_tuple] -> [attrs_tuple or None]`; arg: count of positional patterns.
    MatchClass = (ARG, |_, _| -2);
    /// `[subject] -> [subject, bool]`.
    MatchMapping = (0, |_, _| 1);
    /// `[subject] -> [subject, bool]`: whether subject is a sequence for `match` (not str/bytes/bytearray).
    MatchSequence = (0, |_, _| 1);
    /// `[subject, keys] -> [subject, keys, values_tuple or None]`.
    MatchKeys = (0, |_, _| 1);
    /// `[obj] -> [obj, len(obj)]`.
    GetLen = (0, |_, _| 1);
    /// `[mapping, keys_tuple] -> [mapping, rest_dict]` (copy without the keys).
    CopyDictWithoutKeys = (0, |_, _| 0);

    /// VM-internal superinstruction (the VM's quickened copy of the code
    /// only; never emitted by the compiler, rejected by the verifier):
    /// `LoadFast arg` fused with the `LoadAttr` that follows it (which
    /// stays in place, as the target of jumps and the owner of the cache).
    LoadFastLoadAttr = (ARG | LOCAL, |_, _| 1);
    /// VM-internal superinstruction: `LoadFast arg` fused with the `LoadFast` that follows it.
    LoadFastLoadFast = (ARG | LOCAL, |_, _| 2);
    /// VM-internal superinstruction: `LoadFast arg` fused with the `StoreAttr` that follows it
    /// (`self.x = value`).
    LoadFastStoreAttr = (ARG | LOCAL, |_, _| -1);
    /// VM-internal superinstruction: `LoadFast arg` fused with the `LoadConst` that follows it.
    LoadFastLoadConst = (ARG | LOCAL, |_, _| 2);
    /// VM-internal superinstruction: `StoreFast arg` fused with the `LoadFast` that follows it.
    StoreFastLoadFast = (ARG | LOCAL, |_, _| 0);
    /// VM-internal superinstruction: `StoreFast arg` fused with the `StoreFast` that follows it.
    StoreFastStoreFast = (ARG | LOCAL, |_, _| -2);
    /// VM-internal superinstruction: `PushNull` fused with the `LoadGlobal` that follows it.
    PushNullLoadGlobal = (0, |_, _| 2);
    /// VM-internal superinstruction: `LoadConst arg` fused with the `BinaryOp` that follows it
    /// (`top op constant`, in place).
    LoadConstBinaryOp = (ARG | CONST, |_, _| 0);
    /// VM-internal superinstruction: `LoadConst None; IsOp; PopJumpIfFalse/True` (`if x is
    /// None:`) as one test-and-branch (CPython's `POP_JUMP_IF_NONE` family).
    LoadNoneIsJump = (ARG | CONST, |_, _| -1);
    /// VM-internal superinstruction: `CompareOp arg` fused with the `PopJumpIfFalse/True`
    /// that follows it (compare and branch without a bool on the stack).
    CompareOpJump = (ARG, |_, _| -2);
    /// VM-internal superinstruction: `Copy 1` fused with the `LoadAttr` that follows it
    /// (`obj.x op= ...` reads the attribute of the object it keeps).
    CopyLoadAttr = (ARG, |_, _| 1);
    /// VM-internal superinstruction: `Swap 2` fused with the `StoreAttr` that follows it
    /// (`obj.x op= ...` stores the result).
    SwapStoreAttr = (ARG, |_, _| -2);
    /// VM-internal superinstruction: `LoadFast arg` fused with the `BinaryOp` that follows it
    /// (`top op local`, in place).
    LoadFastBinaryOp = (ARG | LOCAL, |_, _| 0);
    /// VM-internal superinstruction: `ForIter arg` fused with the `StoreFast` that follows it
    /// (the next item goes straight into the loop variable).
    ForIterStoreFast = (ARG | JUMP | BRANCH, |_, j| if j { -1 } else { 0 });
    /// VM-internal superinstruction: a `JumpBackward` whose target is a `ForIter`: jumps and
    /// runs the `ForIter` (a loop's back edge and next step in one dispatch).
    JumpBackwardForIter = (ARG | JUMP | TERMINATOR, |_, _| 0);
}

impl Opcode {
    pub fn from_u8(b: u8) -> Option<Opcode> {
        Opcode::ALL.get(b as usize).copied()
    }
    pub fn has(self, f: u16) -> bool {
        self.flags() & f != 0
    }
    /// A superinstruction of the VM's quickened instruction stream, which
    /// the compiler never emits.
    pub fn is_vm_internal(self) -> bool {
        matches!(
            self,
            Opcode::LoadFastLoadAttr
                | Opcode::LoadFastLoadFast
                | Opcode::LoadFastStoreAttr
                | Opcode::LoadFastLoadConst
                | Opcode::StoreFastLoadFast
                | Opcode::StoreFastStoreFast
                | Opcode::PushNullLoadGlobal
                | Opcode::LoadConstBinaryOp
                | Opcode::LoadNoneIsJump
                | Opcode::CompareOpJump
                | Opcode::CopyLoadAttr
                | Opcode::SwapStoreAttr
                | Opcode::LoadFastBinaryOp
                | Opcode::ForIterStoreFast
                | Opcode::JumpBackwardForIter
        )
    }
}

/// One instruction: opcode in the low byte, a 24-bit argument above.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Instr(u32);

pub const MAX_ARG: u32 = (1 << 24) - 1;

impl Instr {
    #[inline]
    pub fn new(op: Opcode, arg: u32) -> Instr {
        debug_assert!(arg <= MAX_ARG);
        Instr(op as u32 | (arg << 8))
    }
    #[inline]
    pub fn op(self) -> Opcode {
        // SAFETY: the field is private and only `new` writes it, so the
        // low byte is always an `Opcode` (which is `repr(u8)`).
        unsafe { std::mem::transmute::<u8, Opcode>(self.0 as u8) }
    }
    /// The encoded word: opcode in the low byte, argument above.
    #[inline]
    pub fn raw(self) -> u32 {
        self.0
    }
    #[inline]
    pub fn arg(self) -> u32 {
        self.0 >> 8
    }
}

impl std::fmt::Debug for Instr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.op().name(), self.arg())
    }
}

/// `BinaryOp` arguments, numbered as CPython's `NB_*`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum BinaryOperator {
    Add = 0,
    And = 1,
    FloorDivide = 2,
    Lshift = 3,
    MatrixMultiply = 4,
    Multiply = 5,
    Remainder = 6,
    Or = 7,
    Power = 8,
    Rshift = 9,
    Subtract = 10,
    TrueDivide = 11,
    Xor = 12,
    InplaceAdd = 13,
    InplaceAnd = 14,
    InplaceFloorDivide = 15,
    InplaceLshift = 16,
    InplaceMatrixMultiply = 17,
    InplaceMultiply = 18,
    InplaceRemainder = 19,
    InplaceOr = 20,
    InplacePower = 21,
    InplaceRshift = 22,
    InplaceSubtract = 23,
    InplaceTrueDivide = 24,
    InplaceXor = 25,
}

impl BinaryOperator {
    pub const ALL: [BinaryOperator; 26] = {
        use BinaryOperator::*;
        [
            Add, And, FloorDivide, Lshift, MatrixMultiply, Multiply, Remainder, Or, Power, Rshift, Subtract, TrueDivide, Xor,
            InplaceAdd, InplaceAnd, InplaceFloorDivide, InplaceLshift, InplaceMatrixMultiply, InplaceMultiply,
            InplaceRemainder, InplaceOr, InplacePower, InplaceRshift, InplaceSubtract, InplaceTrueDivide, InplaceXor,
        ]
    };
    pub fn from_arg(a: u32) -> Option<BinaryOperator> {
        Self::ALL.get(a as usize).copied()
    }
    /// The operator's symbol as error messages print it (`+`, `+=`, ...).
    pub fn symbol(self) -> &'static str {
        const S: [&str; 26] = [
            "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^", "+=", "&=", "//=", "<<=", "@=", "*=",
            "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
        ];
        S[self as usize]
    }
    pub fn is_inplace(self) -> bool {
        self as u8 >= 13
    }
    /// The plain operator of an in-place one (`+=` -> `+`).
    pub fn base(self) -> BinaryOperator {
        if self.is_inplace() { Self::ALL[self as usize - 13] } else { self }
    }
}

/// `CompareOp` arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum CompareOperator {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

impl CompareOperator {
    pub fn from_arg(a: u32) -> Option<CompareOperator> {
        use CompareOperator::*;
        [Lt, Le, Eq, Ne, Gt, Ge].get(a as usize).copied()
    }
    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }
    /// The comparison with operands swapped (`a < b` == `b > a`).
    pub fn swapped(self) -> CompareOperator {
        use CompareOperator::*;
        match self { Lt => Gt, Le => Ge, Eq => Eq, Ne => Ne, Gt => Lt, Ge => Le }
    }
    pub fn dunder(self) -> &'static str {
        ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"][self as usize]
    }
}

/// `CallIntrinsic1` arguments (as CPython 3.12's `INTRINSIC_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Intrinsic1 {
    /// Interactive mode: print the value of an expression statement (`sys.displayhook`).
    Print = 1,
    /// `from m import *`: `[module] -> [None]`, binding names in the frame's locals.
    ImportStar = 2,
    /// Converts a StopIteration escaping a generator into RuntimeError.
    StopIterationError = 3,
    /// Async generators: wraps the value of a `yield` (`[value] -> [wrapped]`) before `YieldValue`.
    AsyncGenWrap = 4,
    UnaryPositive = 5,
    ListToTuple = 6,
    TypeVar = 7,
    ParamSpec = 8,
    TypeVarTuple = 9,
    SubscriptGeneric = 10,
    TypeAlias = 11,
}

impl Intrinsic1 {
    pub fn from_arg(a: u32) -> Option<Intrinsic1> {
        use Intrinsic1::*;
        Some(match a {
            1 => Print,
            2 => ImportStar,
            3 => StopIterationError,
            4 => AsyncGenWrap,
            5 => UnaryPositive,
            6 => ListToTuple,
            7 => TypeVar,
            8 => ParamSpec,
            9 => TypeVarTuple,
            10 => SubscriptGeneric,
            11 => TypeAlias,
            _ => return None,
        })
    }
}

/// `CallIntrinsic2` arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Intrinsic2 {
    /// `[orig, excs_list] -> [exc_to_raise or None]` for `except*`.
    PrepReraiseStar = 1,
    TypeVarWithBound = 2,
    TypeVarWithConstraints = 3,
    /// `[type_params, function] -> [function]`.
    SetFunctionTypeParams = 4,
}

impl Intrinsic2 {
    pub fn from_arg(a: u32) -> Option<Intrinsic2> {
        use Intrinsic2::*;
        Some(match a {
            1 => PrepReraiseStar,
            2 => TypeVarWithBound,
            3 => TypeVarWithConstraints,
            4 => SetFunctionTypeParams,
            _ => return None,
        })
    }
}

/// `SetFunctionAttribute` arguments (as CPython 3.12's `MAKE_FUNCTION` flags).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum FunctionAttribute {
    /// A tuple of positional defaults.
    Defaults = 1,
    /// A dict of keyword-only defaults.
    KwDefaults = 2,
    /// A tuple `(name1, ann1, name2, ann2, ...)` or a dict of annotations.
    Annotations = 4,
    /// A tuple of cells.
    Closure = 8,
}

/// What a localsplus slot holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LocalKind {
    /// A plain fast local (parameters first).
    Local,
    /// A cell created by this frame (a local captured by an inner scope).
    Cell,
    /// A variable of an enclosing scope (its cell comes from the closure).
    Free,
}

/// Code object flags (CPython's `CO_*` values).
pub mod code_flags {
    pub const OPTIMIZED: u32 = 0x1;
    pub const NEWLOCALS: u32 = 0x2;
    pub const VARARGS: u32 = 0x4;
    pub const VARKEYWORDS: u32 = 0x8;
    pub const NESTED: u32 = 0x10;
    pub const GENERATOR: u32 = 0x20;
    pub const NOFREE: u32 = 0x40;
    pub const COROUTINE: u32 = 0x80;
    pub const ITERABLE_COROUTINE: u32 = 0x100;
    pub const ASYNC_GENERATOR: u32 = 0x200;
    /// `from __future__ import annotations`.
    pub const FUTURE_ANNOTATIONS: u32 = 0x100_0000;
}

/// A constant in a code object.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    None,
    Bool(bool),
    Int(BigInt),
    Float(f64),
    Complex { real: f64, imag: f64 },
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Ellipsis,
    Tuple(Rc<[ConstValue]>),
    FrozenSet(Rc<[ConstValue]>),
    Code(Rc<CodeObject>),
}

/// Where an instruction came from in the source; `line == 0` means "no location".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Location {
    pub line: u32,
    pub end_line: u32,
    /// 0-based UTF-8 byte column; `u32::MAX` when unknown.
    pub col: u32,
    pub end_col: u32,
}

/// One row of the zero-cost exception table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExceptionTableEntry {
    pub start: u32,
    /// Exclusive.
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub push_lasti: bool,
}

/// A compiled code object: what `compile()` returns and what a function runs.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub flags: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub first_line: u32,
    pub instructions: Vec<Instr>,
    /// One entry per instruction.
    pub locations: Vec<Location>,
    pub constants: Vec<ConstValue>,
    pub names: Vec<Rc<str>>,
    /// Names of the localsplus slots, parameters first (positional, keyword-only,
    /// `*args`, `**kwargs`), then other locals, then cells not already named, then free vars.
    pub localsplus_names: Vec<Rc<str>>,
    pub localsplus_kinds: Vec<LocalKind>,
    pub exception_table: Vec<ExceptionTableEntry>,
    pub max_stack: u32,
}

impl CodeObject {
    /// Number of parameters (including `*args`/`**kwargs` slots).
    pub fn total_args(&self) -> usize {
        let mut n = (self.argcount + self.kwonlyargcount) as usize;
        if self.flags & code_flags::VARARGS != 0 {
            n += 1;
        }
        if self.flags & code_flags::VARKEYWORDS != 0 {
            n += 1;
        }
        n
    }

    pub fn is_generator_like(&self) -> bool {
        self.flags & (code_flags::GENERATOR | code_flags::COROUTINE | code_flags::ASYNC_GENERATOR) != 0
    }

    /// The exception-table entry covering instruction `index`, if any (innermost wins:
    /// entries are emitted so that the first match is the innermost).
    pub fn handler_for(&self, index: u32) -> Option<&ExceptionTableEntry> {
        self.exception_table.iter().find(|e| e.start <= index && index < e.end)
    }

    /// A `dis`-like listing of this code object and the code objects among its constants.
    pub fn disassemble(&self) -> String {
        let mut out = String::new();
        self.disassemble_into(&mut out);
        out
    }

    fn disassemble_into(&self, out: &mut String) {
        let _ = writeln!(out, "Disassembly of <code object {} at line {}>:", self.qualname, self.first_line);
        let mut last_line = 0;
        for (i, ins) in self.instructions.iter().enumerate() {
            let loc = self.locations.get(i).copied().unwrap_or_default();
            let line = if loc.line != last_line && loc.line != 0 {
                last_line = loc.line;
                format!("{:>4}", loc.line)
            } else {
                "    ".to_string()
            };
            let op = ins.op();
            let mut text = format!("{line} {i:>6} {:<24}", op.name());
            if op.has(flag::ARG) {
                let _ = write!(text, " {}", ins.arg());
                let a = ins.arg() as usize;
                let note = if op.has(flag::CONST) {
                    self.constants.get(a).map(const_repr)
                } else if op.has(flag::NAME) {
                    self.names.get(a).map(|n| n.to_string())
                } else if op.has(flag::LOCAL) {
                    self.localsplus_names.get(a).map(|n| n.to_string())
                } else if op.has(flag::JUMP) {
                    Some(format!("to {a}"))
                } else if op == Opcode::BinaryOp {
                    BinaryOperator::from_arg(a as u32).map(|b| b.symbol().to_string())
                } else if op == Opcode::CompareOp {
                    CompareOperator::from_arg(a as u32).map(|b| b.symbol().to_string())
                } else {
                    None
                };
                if let Some(note) = note {
                    let _ = write!(text, " ({note})");
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
        if !self.exception_table.is_empty() {
            out.push_str("ExceptionTable:\n");
            for e in &self.exception_table {
                let _ = writeln!(
                    out,
                    "  {} to {} -> {} [{}]{}",
                    e.start,
                    e.end,
                    e.target,
                    e.depth,
                    if e.push_lasti { " lasti" } else { "" }
                );
            }
        }
        for c in &self.constants {
            if let ConstValue::Code(code) = c {
                out.push('\n');
                code.disassemble_into(out);
            }
        }
    }
}

/// A Python-like repr of a constant, for the disassembler.
pub fn const_repr(c: &ConstValue) -> String {
    match c {
        ConstValue::None => "None".into(),
        ConstValue::Bool(b) => if *b { "True" } else { "False" }.into(),
        ConstValue::Int(i) => i.to_string(),
        ConstValue::Float(f) => format!("{f:?}"),
        ConstValue::Complex { real, imag } => format!("({real:?}+{imag:?}j)"),
        ConstValue::Str(s) => format!("{s:?}"),
        ConstValue::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
        ConstValue::Ellipsis => "Ellipsis".into(),
        ConstValue::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            if parts.len() == 1 { format!("({},)", parts[0]) } else { format!("({})", parts.join(", ")) }
        }
        ConstValue::FrozenSet(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            format!("frozenset({{{}}})", parts.join(", "))
        }
        ConstValue::Code(code) => format!("<code object {}>", code.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_numbering_round_trips() {
        for (i, op) in Opcode::ALL.iter().enumerate() {
            assert_eq!(*op as usize, i);
            assert_eq!(Opcode::from_u8(i as u8), Some(*op));
            let ins = Instr::new(*op, 0x123456);
            assert_eq!(ins.op(), *op);
            assert_eq!(ins.arg(), 0x123456);
        }
        assert!(Opcode::ALL.len() < 256);
    }

    #[test]
    fn inplace_operators_map_to_their_base() {
        assert_eq!(BinaryOperator::InplaceAdd.base(), BinaryOperator::Add);
        assert_eq!(BinaryOperator::InplaceXor.symbol(), "^=");
        assert_eq!(BinaryOperator::Subtract.base(), BinaryOperator::Subtract);
    }
}
