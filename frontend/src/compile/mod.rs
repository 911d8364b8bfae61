//! The bytecode compiler: AST + symbol table -> [`CodeObject`]s.
//!
//! The code shapes are CPython 3.12's `compile.c` ones, so an interpreter that
//! implements every opcode with 3.12's `bytecodes.c` semantics runs them. This
//! essay lists the patterns the interpreter must know about; the opcode table in
//! [`crate::bytecode`] documents each opcode's stack effect.
//!
//! # Differences from CPython 3.12 (decided)
//! - No `RESUME`, `RETURN_GENERATOR`, `CACHE`, `EXTENDED_ARG`, `MAKE_CELL` at entry,
//!   `COPY_FREE_VARS`: the VM creates cells for every `LocalKind::Cell` slot (moving
//!   the argument into its cell when a parameter is a cell) and copies the closure
//!   into the `Free` slots when the frame is made. Calling a generator, coroutine
//!   or async-generator function creates the generator object; its first
//!   resumption starts at instruction 0 with nothing pushed (the value sent by the
//!   first `send(None)` is *not* pushed).
//! - Jump arguments are absolute instruction indexes; every backward jump is
//!   `JumpBackward` (also the back-edges of `yield from`/`await` loops).
//! - Functions: `MakeFunction` then one `SetFunctionAttribute` per attribute in the
//!   order closure, annotations, kwdefaults, defaults (3.13 style). Before
//!   `MakeFunction` the stack is `[defaults?, kwdefaults?, annotations?, closure?, code]`.
//!   Annotations are a flat tuple `(name1, value1, ...)`.
//! - `super()` is an ordinary call of the global/builtin `super`; the VM finds
//!   `__class__` (the function's free variable of that name) and the first argument
//!   in the frame. The symbol table creates the implicit `__class__` cell exactly as
//!   CPython does when a method uses `super` or `__class__`.
//! - Docstrings follow CPython's convention: for code objects of `def` functions and
//!   lambdas, `constants[0]` is the docstring or None (a lambda's is always None). A
//!   function's `__doc__` is `constants[0]` when that is a str. Module and class
//!   docstrings are stored into `__doc__` by the code.
//! - `co_argcount` ([`CodeObject::argcount`]) counts positional-only *and* ordinary
//!   positional parameters (as Python's `co_argcount`).
//!
//! # Calls
//! `[callable, self_or_null, args...]`: `PushNull` + callable + args + `Call n` for a
//! plain call; `LoadMethod` for `obj.m(...)`; keyword calls end with a constant
//! tuple of names and `CallKw n`; calls with `*`/`**` build an args tuple (and a
//! kwargs dict) and use `CallFunctionEx` (with `[callable, NULL, tuple, dict?]`).
//!
//! # Generators
//! The body of every generator, coroutine and async generator is covered by a
//! handler (depth 0, lasti) at its end: `CallIntrinsic1 StopIterationError;
//! Reraise 1` — it turns a StopIteration (StopAsyncIteration for async generators)
//! escaping the body into RuntimeError and re-raises everything else.
//!
//! # yield from / await (the Send loop)
//! ```text
//!        GetYieldFromIter | GetAwaitable k      [.., receiver]
//!        LoadConst None                        [.., receiver, None]
//! send:  Send exit                             [.., receiver, value]
//!        YieldValue      (handler: fail, depth = receiver+value, no lasti)
//!        JumpBackward send
//! fail:  CleanupThrow                          [.., None, value] (or re-raises)
//! exit:  EndSend                               [.., value]
//! ```
//! While suspended at that `YieldValue`, `throw()`/`close()` on the outer
//! generator are delegated to the subiterator by the VM (as CPython's
//! `_gen_throw` does when the frame is in a `yield from`, i.e. the instruction
//! before the resumption point is `Send`/`YieldValue` of this loop); what the
//! subiterator raises is raised at the `YieldValue`, whose handler is `fail`:
//! `CleanupThrow` turns a StopIteration into the loop's result and re-raises
//! anything else. A plain `yield x` is `YieldValue` alone (resumes with the
//! sent value on top); in an async generator it is preceded by `CallIntrinsic1
//! AsyncGenWrap` (as 3.12).
//!
//! # try/except/finally
//! Shapes as 3.12: the `try` body is covered by a handler at the stack depth of the
//! statement. Handlers start with `PushExcInfo` (`[exc] -> [prev_exc, exc]`), test
//! each clause with `CheckExcMatch` + `PopJumpIfFalse`, bind `as` names inside a
//! nested cleanup (name set to None and deleted on every exit), end with
//! `PopExcept`. The "cleanup" handler around every handler body is
//! `Copy 3; PopExcept; Reraise 1` (lasti pushed). `finally` bodies are compiled
//! twice: inline on the normal path and in a handler (`PushExcInfo; body;
//! Reraise 0`). `return`/`break`/`continue` inside `try`/`with`/handlers unwind by
//! emitting the finally bodies / `__exit__` calls / `PopExcept` inline.
//! `except*`: handler with `PushExcInfo`, then per clause `CheckEgMatch`
//! (`[eg, type] -> [rest, match]`, match None when nothing matches), the bodies'
//! raised exceptions collected in a list, and finally `CallIntrinsic2
//! PrepReraiseStar` (`[orig, list] -> [exc or None]`) which is re-raised unless None.
//!
//! # with
//! `BeforeWith` pushes `[exit, enter_result]`; the body is covered by a handler
//! (lasti) at the depth including `exit`. Normal exit: `LoadConst None` x3, `Call 2`
//! (the first None is taken as "self": `exit(None, None, None)`), `PopTop`.
//! Exceptional exit: `PushExcInfo; WithExceptStart; PopJumpIfTrue ok; Reraise 2;
//! ok: PopTop; PopExcept; PopTop; PopTop` with the usual cleanup handler. `async
//! with` is the same with `BeforeAsyncWith`, `GetAwaitable 1`/`GetAwaitable 2` and
//! Send loops after `__aenter__`, the normal `__aexit__` call, and `WithExceptStart`.
//!
//! # for / async for
//! `GetIter; top: ForIter end; <target>; body; JumpBackward top; end:` — on
//! exhaustion `ForIter` pops the iterator and jumps (there is no `END_FOR`; the
//! instruction at the target expects the iterator gone). `break` pops the
//! iterator itself (`PopTop`, after `Swap 2` when a return value is on top). `async for`:
//! `GetAiter; top: (handler: end, depth with aiter) GetAnext; LoadConst None;
//! <Send loop>; <target>; body; JumpBackward top; end: EndAsyncFor`.
//!
//! # Class bodies
//! A class body is a function-like code object called by `__build_class__` with the
//! namespace as its locals: `LoadName __name__; StoreName __module__; LoadConst
//! qualname; StoreName __qualname__; [LoadLocals; LoadFromDictOrDeref .type_params;
//! StoreName __type_params__]; [LoadLocals; StoreDeref __classdict__]; body`; it
//! returns the `__class__` cell (`LoadClosure __class__; Copy 1; StoreName
//! __classcell__; ReturnValue`) when a method needs it, else None. Free variables
//! of a class body are read with `LoadLocals; LoadFromDictOrDeref slot`.
//!
//! # PEP 709 inlined comprehensions
//! List/set/dict comprehensions run in the enclosing frame (functions, module and
//! class bodies alike):
//! ```text
//!   <outermost iterable>; GetIter
//!   LoadFastAndClear x ...           save every name the comprehension binds (NULL if unbound;
//!                                    a cell slot pushes the cell object itself)
//!   [MakeCell x]                     when x is captured by a closure inside
//!   Swap n+1                         iterator back on top
//!   BuildList 0; Swap 2              (handler: cleanup, depth = below the list)
//! top: ForIter end; Store x; ...; ListAppend 2; JumpBackward top
//! end: Swap n+1; StoreFastMaybeNull x ...   restore (result stays on top)
//!   Jump done
//! cleanup: Swap 2; PopTop; Swap n+1; StoreFastMaybeNull x...; Reraise 0
//! ```
//! In module and class bodies these saved names are fast locals of that code
//! object: module and class code objects can have localsplus slots (the VM must
//! give such frames their `localsplus_names.len()` slots, initially NULL).
//! `LoadFastAndClear` on a `Cell` slot pushes the cell object itself and leaves
//! the slot NULL; `MakeCell` then puts a fresh cell there; `StoreFastMaybeNull`
//! later puts the saved object (cell, value or NULL) back as is.
//! Generator expressions are separate code objects called with the iterator.
//!
//! # PEP 695 annotation scopes
//! A generic `def`/`class` is wrapped in a function `<generic parameters of X>`
//! made and called immediately (with defaults/kwdefaults as its arguments). It
//! builds each type parameter with `CallIntrinsic1 TypeVar/ParamSpec/TypeVarTuple`
//! or `CallIntrinsic2 TypeVarWithBound/Constraints` (the bound being a lazily called
//! function), stores them as locals, and finally `CallIntrinsic2
//! SetFunctionTypeParams` (functions) or calls `__build_class__` with the extra base
//! `CallIntrinsic1 SubscriptGeneric(.type_params)` (classes). `type X = v` makes
//! `CallIntrinsic1 TypeAlias` on `(name, type_params or None, lazy value function)`.
//! Inside annotation scopes nested in a class, names use `LoadDeref __classdict__;
//! LoadFromDictOrGlobals/LoadFromDictOrDeref`.
//!
//! # match
//! The subject stays on the stack while cases are tried; captures are stored only
//! after the whole pattern matched (values kept on the stack, rotated into place).
//! `MatchSequence`/`MatchMapping`/`GetLen`/`MatchKeys`/`MatchClass` push results
//! without popping the subject (as 3.12).
//!
//! # Interactive
//! In `Mode::Single`, top-level expression statements print with `CallIntrinsic1 Print`.
//!
//! # Names
//! Module/class bodies use `LoadName`/`StoreName` (`LoadGlobal` for names read
//! inside an inlined comprehension in a class body, as 3.12); functions use fast
//! locals, `*Deref` for cells/free variables, `LoadGlobal` for globals. Private
//! names are mangled (`__x` in class `C` -> `_C__x`) in names, attributes,
//! imports and keyword-only default keys, as CPython.
//!
//! # Exception table
//! Flattened: sorted by start, non-overlapping, one (innermost) entry per
//! instruction; `depth` counts the stack items that stay below the pushed
//! `lasti` (when `push_lasti`) and the exception. Code after a `return`,
//! `raise`, `break` or `continue` that no jump reaches is removed.

mod assemble;
mod comprehension;
mod expr;
pub(crate) mod fold;
mod pattern;
mod stmt;
pub mod unparse;
mod verify;

pub use verify::verify;

use crate::ast::{self, Expr, ExprContext, Range, Stmt};
use crate::bytecode::{code_flags, CodeObject, ConstValue, FunctionAttribute, LocalKind, Location, Opcode};
use crate::error::SyntaxError;
use crate::symtable::{self, def, mangle, AsIdent, ScopeId, ScopeKind, SymbolScope, SymbolTable};
use num_bigint::BigInt;
use crate::symtable::FxMap as HashMap;
use std::rc::Rc;

/// Options for [`crate::compile_source`] / [`crate::compile_ast`].
#[derive(Clone, Debug, Default)]
pub struct CompileOptions {
    /// 0, 1 (`-O`: asserts dropped, `__debug__` is False) or 2 (`-OO`: also docstrings dropped).
    pub optimize: u8,
    /// `from __future__ import annotations` inherited from the caller.
    pub future_annotations: bool,
}

pub(crate) const NO_HANDLER: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ItemKind {
    Plain,
    /// `arg` is a label.
    Jump,
    /// `arg` is a cell/free number, to be mapped to a localsplus slot.
    Deref,
    /// Pseudo-instruction: handler `arg` starts here (records its stack depth).
    Setup,
}

#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub op: Opcode,
    pub arg: u32,
    pub loc: Location,
    pub handler: u32,
    pub kind: ItemKind,
}

#[derive(Clone, Debug)]
pub(crate) struct Handler {
    pub label: u32,
    pub lasti: bool,
    /// Added to the stack depth at the `Setup` mark to get the unwind depth
    /// (-1 for `with`, whose handler unwinds below the `__enter__` result).
    pub adjust: i32,
}

pub(crate) type Label = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
    TypeParams,
}

/// A frame block: what `break`/`continue`/`return` must unwind.
#[derive(Clone, Debug)]
pub(crate) enum FBlock<'a> {
    WhileLoop { start: Label, exit: Label },
    ForLoop { start: Label, exit: Label },
    TryExcept,
    FinallyTry { body: &'a [Stmt] },
    FinallyEnd,
    With { loc: Location, is_async: bool },
    HandlerCleanup { name: Option<ast::Ident> },
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
}

#[derive(Hash, PartialEq, Eq)]
enum ConstKey {
    None,
    Bool(bool),
    /// An int that fits in an `i64` (no `BigInt` copy for the key).
    SmallInt(i64),
    Int(BigInt),
    Float(u64),
    Complex(u64, u64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Ellipsis,
    Tuple(Vec<ConstKey>),
    FrozenSet(Vec<ConstKey>),
    Code(usize),
}

fn const_key(c: &ConstValue) -> ConstKey {
    match c {
        ConstValue::None => ConstKey::None,
        ConstValue::Bool(b) => ConstKey::Bool(*b),
        ConstValue::Int(i) => match num_traits::ToPrimitive::to_i64(i) {
            Some(small) => ConstKey::SmallInt(small),
            None => ConstKey::Int(i.clone()),
        },
        ConstValue::Float(f) => ConstKey::Float(f.to_bits()),
        ConstValue::Complex { real, imag } => ConstKey::Complex(real.to_bits(), imag.to_bits()),
        ConstValue::Str(s) => ConstKey::Str(s.clone()),
        ConstValue::Bytes(b) => ConstKey::Bytes(b.clone()),
        ConstValue::Ellipsis => ConstKey::Ellipsis,
        ConstValue::Tuple(t) => ConstKey::Tuple(t.iter().map(const_key).collect()),
        ConstValue::FrozenSet(t) => ConstKey::FrozenSet(t.iter().map(const_key).collect()),
        ConstValue::Code(c) => ConstKey::Code(Rc::as_ptr(c) as usize),
    }
}

/// Tables (names, constants) up to this size are searched linearly; a hash
/// index is built only for bigger ones. Most code objects have a handful of
/// names and constants, and a scan of a few interned names is cheaper than
/// hashing plus a map allocated per code object.
const LINEAR_TABLE_MAX: usize = 16;

/// An ordered set of names with their indexes.
#[derive(Default, Debug)]
pub(crate) struct NameList {
    pub names: Vec<Rc<str>>,
    /// Built once the list outgrows [`LINEAR_TABLE_MAX`].
    index: HashMap<Rc<str>, u32>,
}

impl NameList {
    pub fn add(&mut self, name: impl AsIdent) -> u32 {
        if let Some(i) = self.get(name.as_str()) {
            return i;
        }
        let rc: Rc<str> = name.to_ident();
        let i = self.names.len() as u32;
        self.names.push(rc.clone());
        if self.names.len() > LINEAR_TABLE_MAX {
            if self.index.is_empty() {
                self.index = self.names.iter().enumerate().map(|(k, n)| (n.clone(), k as u32)).collect();
            } else {
                self.index.insert(rc, i);
            }
        }
        i
    }
    pub fn get(&self, name: &str) -> Option<u32> {
        if self.names.len() <= LINEAR_TABLE_MAX {
            // Names are interned, so the same name is usually the same pointer.
            // Pointers first (a cheap pass that finds interned names), then the text.
            let p = name.as_ptr();
            if let Some(i) = self.names.iter().position(|n| std::ptr::eq(n.as_ptr(), p)) {
                if self.names[i].len() == name.len() {
                    return Some(i as u32);
                }
            }
            return self.names.iter().position(|n| **n == *name).map(|i| i as u32);
        }
        self.index.get(name).copied()
    }
    pub fn len(&self) -> usize {
        self.names.len()
    }
}

/// Whether two constants are the same entry of `co_consts` (the equality of
/// [`ConstKey`]: same type and value, floats by their bits, code objects by identity).
fn same_const(a: &ConstValue, b: &ConstValue) -> bool {
    match (a, b) {
        (ConstValue::None, ConstValue::None) | (ConstValue::Ellipsis, ConstValue::Ellipsis) => true,
        (ConstValue::Bool(x), ConstValue::Bool(y)) => x == y,
        (ConstValue::Int(x), ConstValue::Int(y)) => x == y,
        (ConstValue::Float(x), ConstValue::Float(y)) => x.to_bits() == y.to_bits(),
        (ConstValue::Complex { real: r1, imag: i1 }, ConstValue::Complex { real: r2, imag: i2 }) => {
            r1.to_bits() == r2.to_bits() && i1.to_bits() == i2.to_bits()
        }
        (ConstValue::Str(x), ConstValue::Str(y)) => x == y,
        (ConstValue::Bytes(x), ConstValue::Bytes(y)) => x == y,
        (ConstValue::Tuple(x), ConstValue::Tuple(y)) | (ConstValue::FrozenSet(x), ConstValue::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same_const(p, q))
        }
        (ConstValue::Code(x), ConstValue::Code(y)) => Rc::ptr_eq(x, y),
        _ => false,
    }
}

/// One code object being compiled.
pub(crate) struct Unit<'a> {
    pub kind: UnitKind,
    pub scope: ScopeId,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub first_line: u32,
    pub items: Vec<Item>,
    pub labels: Vec<usize>,
    /// The handler stack in effect where each label is jumped to from (restored
    /// when the label is bound after an unconditional transfer, as CPython's
    /// flow-based except-stack propagation does): `(start, len)` of a copy of
    /// the stack in `handler_snapshots`, so recording one allocates nothing.
    pub label_handlers: Vec<Option<(u32, u32)>>,
    pub handler_snapshots: Vec<u32>,
    /// Item position of the most recently bound label (labels are bound in order).
    pub last_label_at: usize,
    pub handlers: Vec<Handler>,
    pub handler_stack: Vec<u32>,
    pub consts: Vec<ConstValue>,
    const_index: HashMap<ConstKey, u32>,
    pub names: NameList,
    pub varnames: NameList,
    pub cellvars: NameList,
    pub freevars: NameList,
    pub fblocks: Vec<FBlock<'a>>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub loc: Location,
    pub private: Option<ast::Ident>,
    pub in_inlined_comp: u32,
    pub fast_hidden: HashMap<ast::Ident, bool>,
}

impl Unit<'_> {
    /// Records the current handler stack; returns where its copy is.
    fn snapshot_handlers(&mut self) -> (u32, u32) {
        let len = self.handler_stack.len() as u32;
        let start = self.handler_snapshots.len() as u32;
        self.handler_snapshots.extend_from_slice(&self.handler_stack);
        (start, len)
    }
}

pub(crate) fn location(r: Range) -> Location {
    Location { line: r.line, end_line: r.end_line, col: r.col, end_col: r.end_col }
}

pub(crate) type CResult<T> = Result<T, SyntaxError>;

/// Work vectors of a finished unit, kept for the next unit so that compiling
/// a code object does not allocate them again (they are cleared, not freed).
#[derive(Default)]
pub(crate) struct UnitBuffers<'a> {
    items: Vec<Item>,
    labels: Vec<usize>,
    label_handlers: Vec<Option<(u32, u32)>>,
    handler_snapshots: Vec<u32>,
    handlers: Vec<Handler>,
    handler_stack: Vec<u32>,
    fblocks: Vec<FBlock<'a>>,
}

pub(crate) struct Compiler<'a> {
    pub st: SymbolTable,
    /// Spare unit buffers (see [`UnitBuffers`]).
    spare: Vec<UnitBuffers<'a>>,
    /// The assembler's scratch vectors, reused for every code object.
    asm_scratch: assemble::Scratch,
    pub filename: Rc<str>,
    pub optimize: u8,
    pub future_annotations: bool,
    pub interactive: bool,
    pub units: Vec<Unit<'a>>,
    /// Nesting depth of expression/statement compilation (keeps the Rust stack bounded).
    pub depth: u32,
}

/// Deepest nesting the compiler follows before reporting "too complex".
const MAX_COMPILE_DEPTH: u32 = 3000;

impl<'a> Compiler<'a> {
    pub fn new(st: SymbolTable, filename: &str, options: &CompileOptions, future_annotations: bool) -> Compiler<'a> {
        Compiler {
            st,
            filename: filename.into(),
            optimize: options.optimize,
            future_annotations,
            interactive: false,
            units: Vec::new(),
            depth: 0,
            spare: Vec::new(),
            asm_scratch: assemble::Scratch::default(),
        }
    }

    pub fn u(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().unwrap()
    }
    pub fn ur(&self) -> &Unit<'a> {
        self.units.last().unwrap()
    }

    pub fn enter_nesting(&mut self, r: Range) -> CResult<()> {
        self.depth += 1;
        if self.depth > MAX_COMPILE_DEPTH {
            return Err(symtable::error_at("too many nested expressions or statements", r));
        }
        Ok(())
    }
    pub fn leave_nesting(&mut self) {
        self.depth -= 1;
    }

    pub fn error(&self, msg: impl Into<String>, r: Range) -> SyntaxError {
        symtable::error_at(msg, r)
    }

    // ---------------------------------------------------------------- units

    pub fn enter_unit(&mut self, kind: UnitKind, scope: ScopeId, name: impl AsIdent, first_line: u32) {
        let ste = &self.st.scopes[scope];
        let mut varnames = NameList::default();
        for v in &ste.varnames {
            varnames.add(v);
        }
        let mut cellvars = NameList::default();
        if ste.needs_class_closure {
            cellvars.add("__class__");
        }
        if ste.needs_classdict {
            cellvars.add("__classdict__");
        }
        let mut cells: Vec<&ast::Ident> = ste
            .symbols
            .iter()
            .filter(|s| s.scope == SymbolScope::Cell || s.flags & def::COMP_CELL != 0)
            .map(|s| &s.name)
            .collect();
        cells.sort();
        for c in cells {
            cellvars.add(c);
        }
        let mut frees: Vec<&ast::Ident> = ste
            .symbols
            .iter()
            .filter(|s| s.scope == SymbolScope::Free || s.flags & def::FREE_CLASS != 0)
            .map(|s| &s.name)
            .collect();
        frees.sort();
        let mut freevars = NameList::default();
        for f in frees {
            freevars.add(f);
        }
        let private = if kind == UnitKind::Class {
            Some(name.to_ident())
        } else {
            self.units.last().and_then(|u| u.private.clone())
        };
        let buffers = self.spare.pop().unwrap_or_default();
        let mut unit = Unit {
            kind,
            scope,
            name: name.to_ident(),
            qualname: "".into(),
            first_line,
            items: buffers.items,
            labels: buffers.labels,
            label_handlers: buffers.label_handlers,
            handler_snapshots: buffers.handler_snapshots,
            last_label_at: 0,
            handlers: buffers.handlers,
            handler_stack: buffers.handler_stack,
            consts: Vec::new(),
            const_index: HashMap::default(),
            names: NameList::default(),
            varnames,
            cellvars,
            freevars,
            fblocks: buffers.fblocks,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            loc: Location { line: first_line, end_line: first_line, col: 0, end_col: 0 },
            private,
            in_inlined_comp: 0,
            fast_hidden: HashMap::default(),
        };
        unit.qualname = self.qualname_for(kind, name);
        self.units.push(unit);
        let ste = &self.st.scopes[scope];
        if ste.is_function_like() && ste.is_generator | ste.is_coroutine && kind != UnitKind::TypeParams {
            // Generator wrapper: covers the whole body (see the module docs).
            let l = self.new_label();
            self.push_handler(l, true);
        }
    }

    fn qualname_for(&self, kind: UnitKind, name: impl AsIdent) -> Rc<str> {
        let n = self.units.len();
        if n <= 1 {
            return name.to_ident();
        }
        let mut parent = &self.units[n - 1];
        if parent.kind == UnitKind::TypeParams {
            if n == 2 {
                return name.to_ident();
            }
            parent = &self.units[n - 2];
        }
        let mut force_global = false;
        if matches!(kind, UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Class) {
            let mangled = mangle(parent.private.as_deref(), name.as_str());
            if self.st.scopes[parent.scope].scope_of(&mangled) == SymbolScope::GlobalExplicit {
                force_global = true;
            }
        }
        if force_global {
            return name.to_ident();
        }
        if matches!(parent.kind, UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Lambda) {
            format!("{}.<locals>.{}", parent.qualname, name.as_str()).into()
        } else if parent.kind == UnitKind::Module {
            name.to_ident()
        } else {
            format!("{}.{}", parent.qualname, name.as_str()).into()
        }
    }

    /// Finishes the current unit: implicit return (if `add_return`), assembly.
    pub fn exit_unit(&mut self, add_return: bool) -> CResult<Rc<CodeObject>> {
        if add_return {
            let none = self.add_const(ConstValue::None);
            self.emit(Opcode::ReturnConst, none);
        }
        let scope = self.ur().scope;
        let ste = &self.st.scopes[scope];
        let is_gen = ste.is_function_like() && (ste.is_generator || ste.is_coroutine) && self.ur().kind != UnitKind::TypeParams;
        if is_gen {
            let h = self.u().handler_stack.first().copied();
            self.u().handler_stack.clear();
            if let Some(h) = h {
                let label = self.ur().handlers[h as usize].label;
                self.bind_label(label);
                self.emit(Opcode::CallIntrinsic1, crate::bytecode::Intrinsic1::StopIterationError as u32);
                self.emit(Opcode::Reraise, 1);
            }
        }
        let mut unit = self.units.pop().unwrap();
        let ste = &self.st.scopes[unit.scope];
        // Localsplus layout: varnames, cells not among them, free vars.
        let nvar = unit.varnames.len() as u32;
        let extra_slots = unit.cellvars.len() + unit.freevars.len();
        let mut names: Vec<Rc<str>> = std::mem::take(&mut unit.varnames.names);
        names.reserve_exact(extra_slots);
        let mut kinds: Vec<LocalKind> = Vec::with_capacity(names.capacity());
        kinds.resize(names.len(), LocalKind::Local);
        let mut cell_slot = Vec::with_capacity(unit.cellvars.len());
        let mut extra = 0u32;
        for c in &unit.cellvars.names {
            // (`unit.varnames` was moved into `names`: its first `nvar` entries.)
            if let Some(i) = names[..nvar as usize].iter().position(|n| n == c) {
                kinds[i] = LocalKind::Cell;
                cell_slot.push(i as u32);
            } else {
                cell_slot.push(nvar + extra);
                extra += 1;
                names.push(c.clone());
                kinds.push(LocalKind::Cell);
            }
        }
        let free_base = nvar + extra;
        for f in &unit.freevars.names {
            names.push(f.clone());
            kinds.push(LocalKind::Free);
        }
        let ncells = unit.cellvars.len() as u32;
        let slot = |k: u32| if k < ncells { cell_slot[k as usize] } else { free_base + (k - ncells) };
        let asm = assemble::assemble(&unit, &slot, &mut self.asm_scratch)?;
        let mut flags = 0;
        if ste.is_function_like() {
            flags |= code_flags::OPTIMIZED | code_flags::NEWLOCALS;
            if ste.nested {
                flags |= code_flags::NESTED;
            }
            if unit.kind != UnitKind::TypeParams {
                match (ste.is_generator, ste.is_coroutine) {
                    (true, false) => flags |= code_flags::GENERATOR,
                    (false, true) => flags |= code_flags::COROUTINE,
                    (true, true) => flags |= code_flags::ASYNC_GENERATOR,
                    _ => {}
                }
            }
            if ste.has_varargs {
                flags |= code_flags::VARARGS;
            }
            if ste.has_varkeywords {
                flags |= code_flags::VARKEYWORDS;
            }
        }
        if self.future_annotations {
            flags |= code_flags::FUTURE_ANNOTATIONS;
        }
        let consts = std::mem::take(&mut unit.consts);
        let (instructions, constants) = remove_unused_consts(asm.instructions, consts);
        let code_names = std::mem::take(&mut unit.names.names);
        let (name, qualname) = (unit.name.clone(), unit.qualname.clone());
        let (first_line, argcount, posonlyargcount, kwonlyargcount) = (unit.first_line, unit.argcount, unit.posonlyargcount, unit.kwonlyargcount);
        let mut buffers = UnitBuffers {
            items: unit.items,
            labels: unit.labels,
            label_handlers: unit.label_handlers,
            handler_snapshots: unit.handler_snapshots,
            handlers: unit.handlers,
            handler_stack: unit.handler_stack,
            fblocks: unit.fblocks,
        };
        buffers.items.clear();
        buffers.labels.clear();
        buffers.label_handlers.clear();
        buffers.handler_snapshots.clear();
        buffers.handlers.clear();
        buffers.handler_stack.clear();
        buffers.fblocks.clear();
        self.spare.push(buffers);
        Ok(Rc::new(CodeObject {
            name,
            qualname,
            filename: self.filename.clone(),
            flags,
            argcount,
            posonlyargcount,
            kwonlyargcount,
            first_line,
            instructions,
            locations: asm.locations,
            constants,
            names: code_names,
            localsplus_names: names,
            localsplus_kinds: kinds,
            exception_table: asm.exception_table,
            max_stack: asm.max_stack,
        }))
    }

    // ---------------------------------------------------------------- emission

    pub fn set_loc(&mut self, r: Range) -> Location {
        let old = self.ur().loc;
        self.u().loc = location(r);
        old
    }
    pub fn restore_loc(&mut self, l: Location) {
        self.u().loc = l;
    }

    fn push_item(&mut self, op: Opcode, arg: u32, kind: ItemKind) {
        let u = self.u();
        let handler = u.handler_stack.last().copied().unwrap_or(NO_HANDLER);
        let loc = u.loc;
        u.items.push(Item { op, arg, loc, handler, kind });
    }

    pub fn emit(&mut self, op: Opcode, arg: u32) {
        if op == Opcode::BuildTuple && self.fold_const_tuple(arg) {
            return;
        }
        self.push_item(op, arg, ItemKind::Plain);
    }

    pub fn emit0(&mut self, op: Opcode) {
        self.push_item(op, 0, ItemKind::Plain);
    }

    pub fn emit_jump(&mut self, op: Opcode, label: Label) {
        let u = self.u();
        if u.label_handlers[label as usize].is_none() {
            u.label_handlers[label as usize] = Some(u.snapshot_handlers());
        }
        self.push_item(op, label, ItemKind::Jump);
    }

    pub fn emit_deref(&mut self, op: Opcode, cell_or_free: u32) {
        self.push_item(op, cell_or_free, ItemKind::Deref);
    }

    /// `LoadConst`s followed by `BuildTuple n` become one constant tuple (as the
    /// 3.12 flow-graph optimiser does), unless a label points between them.
    fn fold_const_tuple(&mut self, n: u32) -> bool {
        let u = self.ur();
        let n = n as usize;
        if n == 0 || u.items.len() < n {
            return false;
        }
        let start = u.items.len() - n;
        if !u.items[start..].iter().all(|it| it.op == Opcode::LoadConst && it.kind == ItemKind::Plain) {
            return false;
        }
        if u.last_label_at > start {
            return false;
        }
        let values: Vec<ConstValue> = u.items[start..].iter().map(|it| u.consts[it.arg as usize].clone()).collect();
        self.u().items.truncate(start);
        let c = self.add_const(ConstValue::Tuple(values.into()));
        self.push_item(Opcode::LoadConst, c, ItemKind::Plain);
        true
    }

    pub fn new_label(&mut self) -> Label {
        let u = self.u();
        u.labels.push(usize::MAX);
        u.label_handlers.push(None);
        (u.labels.len() - 1) as Label
    }

    /// True when control cannot fall through to the next emitted instruction.
    pub fn after_terminator(&self) -> bool {
        let u = self.ur();
        match u.items.iter().rev().find(|it| it.kind != ItemKind::Setup) {
            Some(it) => it.op.has(crate::bytecode::flag::TERMINATOR),
            None => false,
        }
    }

    pub fn bind_label(&mut self, l: Label) {
        let dead = self.after_terminator();
        let u = self.u();
        u.labels[l as usize] = u.items.len();
        u.last_label_at = u.items.len();
        if dead {
            if let Some((start, len)) = u.label_handlers[l as usize] {
                let saved = &u.handler_snapshots[start as usize..(start + len) as usize];
                u.handler_stack.clear();
                u.handler_stack.extend_from_slice(saved);
            }
        }
    }

    /// Starts a protected region whose handler is `label` (CPython's
    /// `SETUP_FINALLY` (lasti false) / `SETUP_CLEANUP`/`SETUP_WITH` (lasti true)).
    pub fn push_handler(&mut self, label: Label, lasti: bool) {
        self.push_handler_adjusted(label, lasti, 0)
    }

    pub fn push_handler_adjusted(&mut self, label: Label, lasti: bool, adjust: i32) {
        let u = self.u();
        if u.label_handlers[label as usize].is_none() {
            u.label_handlers[label as usize] = Some(u.snapshot_handlers());
        }
        let h = u.handlers.len() as u32;
        u.handlers.push(Handler { label, lasti, adjust });
        self.push_item(Opcode::Nop, h, ItemKind::Setup);
        self.u().handler_stack.push(h);
    }

    /// Ends the innermost protected region (CPython's `POP_BLOCK`).
    pub fn pop_handler(&mut self) {
        self.u().handler_stack.pop();
    }

    pub fn add_const(&mut self, c: ConstValue) -> u32 {
        let u = self.u();
        if u.consts.len() <= LINEAR_TABLE_MAX {
            if let Some(i) = u.consts.iter().position(|k| same_const(k, &c)) {
                return i as u32;
            }
        } else {
            if u.const_index.is_empty() {
                u.const_index = u.consts.iter().enumerate().map(|(k, v)| (const_key(v), k as u32)).collect();
            }
            if let Some(&i) = u.const_index.get(&const_key(&c)) {
                return i;
            }
        }
        let i = u.consts.len() as u32;
        if !u.const_index.is_empty() {
            u.const_index.insert(const_key(&c), i);
        }
        u.consts.push(c);
        i
    }

    pub fn load_const(&mut self, c: ConstValue) {
        let i = self.add_const(c);
        self.emit(Opcode::LoadConst, i);
    }

    pub fn load_none(&mut self) {
        self.load_const(ConstValue::None);
    }

    pub fn load_str(&mut self, s: &str) {
        self.load_const(ConstValue::Str(s.into()));
    }

    pub fn name_index(&mut self, name: impl AsIdent) -> u32 {
        if name.as_str().starts_with("__") {
            if let std::borrow::Cow::Owned(m) = mangle(self.ur().private.as_deref(), name.as_str()) {
                return self.u().names.add(m.as_str());
            }
        }
        self.u().names.add(name)
    }

    /// `names` index without mangling.
    pub fn raw_name_index(&mut self, name: impl AsIdent) -> u32 {
        self.u().names.add(name)
    }

    pub fn is_function_like(&self) -> bool {
        self.st.scopes[self.ur().scope].is_function_like()
    }

    // ---------------------------------------------------------------- names

    /// Loads, stores or deletes a name (CPython's `compiler_nameop`).
    pub fn compile_name(&mut self, name: impl AsIdent, ctx: ExprContext) -> CResult<()> {
        if name.as_str().starts_with("__") {
            if let std::borrow::Cow::Owned(m) = mangle(self.ur().private.as_deref(), name.as_str()) {
                return self.compile_mangled_name(m.as_str(), ctx);
            }
        }
        self.compile_mangled_name(name, ctx)
    }

    /// [`Compiler::compile_name`] after private-name mangling.
    fn compile_mangled_name(&mut self, mangled: impl AsIdent, ctx: ExprContext) -> CResult<()> {
        let sid = self.ur().scope;
        let ste = &self.st.scopes[sid];
        let scope = ste.scope_of(mangled.as_str());
        let function_like = ste.is_function_like();
        let is_class = ste.kind == ScopeKind::Class;
        let can_see_class = ste.can_see_class_scope;
        enum Kind {
            Deref,
            Fast,
            Global,
            Name,
        }
        let kind = match scope {
            SymbolScope::Free | SymbolScope::Cell => Kind::Deref,
            SymbolScope::Local => {
                if function_like || (!self.ur().fast_hidden.is_empty() && self.ur().fast_hidden.get(mangled.as_str()).copied().unwrap_or(false)) {
                    Kind::Fast
                } else {
                    Kind::Name
                }
            }
            SymbolScope::GlobalImplicit => {
                if function_like {
                    Kind::Global
                } else {
                    Kind::Name
                }
            }
            SymbolScope::GlobalExplicit => Kind::Global,
            SymbolScope::Unknown => Kind::Name,
        };
        match kind {
            Kind::Deref => {
                let idx = self.deref_index(mangled, scope);
                match ctx {
                    ExprContext::Load => {
                        if is_class && self.ur().in_inlined_comp == 0 {
                            self.emit0(Opcode::LoadLocals);
                            self.emit_deref(Opcode::LoadFromDictOrDeref, idx);
                        } else if can_see_class {
                            let cd = self.deref_index("__classdict__", SymbolScope::Free);
                            self.emit_deref(Opcode::LoadDeref, cd);
                            self.emit_deref(Opcode::LoadFromDictOrDeref, idx);
                        } else {
                            self.emit_deref(Opcode::LoadDeref, idx);
                        }
                    }
                    ExprContext::Store => self.emit_deref(Opcode::StoreDeref, idx),
                    ExprContext::Del => self.emit_deref(Opcode::DeleteDeref, idx),
                }
            }
            Kind::Fast => {
                let i = self.u().varnames.add(mangled);
                let op = match ctx {
                    ExprContext::Load => Opcode::LoadFast,
                    ExprContext::Store => Opcode::StoreFast,
                    ExprContext::Del => Opcode::DeleteFast,
                };
                self.emit(op, i);
            }
            Kind::Global => {
                let i = self.u().names.add(mangled);
                match ctx {
                    ExprContext::Load => {
                        if can_see_class && scope == SymbolScope::GlobalImplicit {
                            let cd = self.deref_index("__classdict__", SymbolScope::Free);
                            self.emit_deref(Opcode::LoadDeref, cd);
                            self.emit(Opcode::LoadFromDictOrGlobals, i);
                        } else {
                            self.emit(Opcode::LoadGlobal, i);
                        }
                    }
                    ExprContext::Store => self.emit(Opcode::StoreGlobal, i),
                    ExprContext::Del => self.emit(Opcode::DeleteGlobal, i),
                }
            }
            Kind::Name => {
                let i = self.u().names.add(mangled);
                let op = match ctx {
                    ExprContext::Load => {
                        if is_class && self.ur().in_inlined_comp > 0 {
                            Opcode::LoadGlobal
                        } else {
                            Opcode::LoadName
                        }
                    }
                    ExprContext::Store => Opcode::StoreName,
                    ExprContext::Del => Opcode::DeleteName,
                };
                self.emit(op, i);
            }
        }
        Ok(())
    }

    /// The cell/free number of a name (cells first, then free variables).
    pub fn deref_index(&mut self, name: impl AsIdent, scope: SymbolScope) -> u32 {
        let u = self.u();
        if scope == SymbolScope::Cell || u.freevars.get(name.as_str()).is_none() {
            if let Some(i) = u.cellvars.get(name.as_str()) {
                return i;
            }
        }
        if let Some(i) = u.freevars.get(name.as_str()) {
            return u.cellvars.len() as u32 + i;
        }
        // Not known (should not happen with a consistent symbol table): make it free.
        let i = u.freevars.add(name);
        u.cellvars.len() as u32 + i
    }

    /// Builds the closure tuple for `code` (if it has free variables) and makes the
    /// function, applying `attrs` already on the stack (CPython's `compiler_make_closure`).
    pub fn make_closure(&mut self, code: Rc<CodeObject>, attrs: u32) {
        let frees: Vec<Rc<str>> = code
            .localsplus_names
            .iter()
            .zip(&code.localsplus_kinds)
            .filter(|(_, k)| **k == LocalKind::Free)
            .map(|(n, _)| n.clone())
            .collect();
        let mut attrs = attrs;
        if !frees.is_empty() {
            for name in &frees {
                let is_class = self.ur().kind == UnitKind::Class;
                let idx = if is_class && (&**name == "__class__" || &**name == "__classdict__") {
                    self.ur().cellvars.get(name).unwrap_or(0)
                } else {
                    let sc = self.st.scopes[self.ur().scope].scope_of(name);
                    if sc == SymbolScope::Cell {
                        self.deref_index(name, SymbolScope::Cell)
                    } else {
                        let u = self.u();
                        match u.freevars.get(name) {
                            Some(i) => u.cellvars.len() as u32 + i,
                            None => self.deref_index(name, SymbolScope::Cell),
                        }
                    }
                };
                self.emit_deref(Opcode::LoadClosure, idx);
            }
            self.emit(Opcode::BuildTuple, frees.len() as u32);
            attrs |= FunctionAttribute::Closure as u32;
        }
        self.load_const(ConstValue::Code(code));
        self.emit0(Opcode::MakeFunction);
        for a in [FunctionAttribute::Closure, FunctionAttribute::Annotations, FunctionAttribute::KwDefaults, FunctionAttribute::Defaults]
        {
            if attrs & a as u32 != 0 {
                self.emit(Opcode::SetFunctionAttribute, a as u32);
            }
        }
    }

    pub fn scope_id_for(&self, key: symtable::ScopeKey, r: Range) -> CResult<ScopeId> {
        self.st.scope_for(key).ok_or_else(|| self.error("internal compiler error: missing scope", r))
    }
}

/// Drops constants only unreachable code used (CPython's `remove_unused_consts`);
/// constant 0 is always kept (the docstring slot of functions).
fn remove_unused_consts(mut instructions: Vec<crate::bytecode::Instr>, consts: Vec<ConstValue>) -> (Vec<crate::bytecode::Instr>, Vec<ConstValue>) {
    use crate::bytecode::{flag, Instr};
    if consts.is_empty() {
        return (instructions, consts);
    }
    let mut used = vec![false; consts.len()];
    used[0] = true;
    for ins in &instructions {
        if ins.op().has(flag::CONST) {
            if let Some(u) = used.get_mut(ins.arg() as usize) {
                *u = true;
            }
        }
    }
    if used.iter().all(|u| *u) {
        return (instructions, consts);
    }
    let mut map = vec![0u32; consts.len()];
    let mut kept = Vec::with_capacity(consts.len());
    for (i, c) in consts.into_iter().enumerate() {
        if used[i] {
            map[i] = kept.len() as u32;
            kept.push(c);
        }
    }
    for ins in instructions.iter_mut() {
        if ins.op().has(flag::CONST) {
            *ins = Instr::new(ins.op(), map[ins.arg() as usize]);
        }
    }
    (instructions, kept)
}

/// The docstring of a body: its first statement when that is a string constant.
pub(crate) fn docstring_of(body: &[Stmt]) -> Option<&str> {
    match body.first().map(|s| &s.kind) {
        Some(ast::StmtKind::Expr(e)) => match &e.kind {
            ast::ExprKind::Constant { value: ast::Constant::Str(s), .. } => Some(&**s),
            _ => None,
        },
        _ => None,
    }
}

/// Compiles a parsed module/expression/interactive input.
pub fn compile_module(
    module: &ast::Module,
    mode: ast::Mode,
    filename: &str,
    options: &CompileOptions,
) -> Result<Rc<CodeObject>, SyntaxError> {
    let future_annotations = options.future_annotations || stmt::has_future_annotations(&module.body);
    stmt::check_future_imports(&module.body)?;
    let st = symtable::build_module(&module.body, future_annotations)?;
    let mut c = Compiler::new(st, filename, options, future_annotations);
    c.interactive = mode == ast::Mode::Single;
    c.enter_unit(UnitKind::Module, 0, "<module>", 1);
    if mode == ast::Mode::Single {
        if stmt::find_ann(&module.body) {
            c.emit0(Opcode::SetupAnnotations);
        }
        for s in &module.body {
            c.compile_stmt(s)?;
        }
        c.exit_unit(true)
    } else {
        c.compile_body(&module.body)?;
        c.exit_unit(true)
    }
}

/// Compiles an `eval` expression.
pub fn compile_expression(expr: &Expr, filename: &str, options: &CompileOptions) -> Result<Rc<CodeObject>, SyntaxError> {
    let st = symtable::build_expression(expr, options.future_annotations)?;
    let mut c = Compiler::new(st, filename, options, options.future_annotations);
    c.enter_unit(UnitKind::Module, 0, "<module>", 1);
    c.compile_expr(expr)?;
    c.emit0(Opcode::ReturnValue);
    c.exit_unit(false)
}
