//! Inline caches: one slot per instruction of a code object, filled the
//! first time an instruction runs and checked by cheap guards afterwards
//! (the idea of CPython's PEP 659 specialisation, without rewriting the
//! bytecode).
//!
//! - `LoadGlobal`: the value, guarded by the identity and `version` of the
//!   globals dict, and for names found in the builtins also of the builtins
//!   dict (a dict's version changes on every write, and each dict's
//!   versions start in a range of their own, so a dict made at a freed
//!   dict's address never repeats the freed dict's pairs).
//! - `LoadAttr`/`StoreAttr` on instances of Python classes: the slot index in
//!   the instance's shape, guarded by the type's version tag (which changes
//!   whenever the namespace of the type or a base changes) and the shape id.
//! - `LoadMethod`: the plain function found on the type, guarded by the type
//!   version and the instance's shape (which must not shadow the name).
//! - `LoadAttr` on a module: the value, guarded by the identity and version
//!   of the module's dict.
//!
//! Attribute and method sites that see several (type, shape) pairs become
//! polymorphic: up to [`POLY`] entries, checked in order (V8's and CPython
//! 3.12's answer to sites such as `task.fn()` over several subclasses).
//!
//! The JIT reads the same entries to specialise traces.

use crate::shape::Shape;
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// `repr(u8)`: an explicit tag byte, so a hit tests the kind with one
/// compare (the niche-packed layout took a subtract, a conditional move
/// and two compares per test).
#[derive(Clone, Default)]
#[repr(u8)]
pub enum InlineCache {
    #[default]
    Empty,
    /// `globals`/`builtins`: the namespace objects' addresses; `gdict`/
    /// `bdict`: their dict tables (valid while the frame's namespaces are
    /// those objects, which the hit tests first).
    /// (Boxed: the largest entry, it would set the size of every slot.)
    Global(Box<GlobalEntry>),
    /// `LoadGlobal` of a name found in the globals: only the globals dict
    /// guards it (a builtin of the same name cannot shadow it; deleting the
    /// global changes the dict's version).
    ModuleGlobal { globals: usize, gdict: *const RefCell<crate::dict::DictData>, gver: u64, value: Value },
    /// Instance attribute at `index` of the shape `shape_id`.
    InstanceAttr { type_version: u64, shape_id: u64, index: u32 },
    /// A function found on the type; the instance's shape `shape_id` does not shadow it.
    Method { type_version: u64, shape_id: u64, func: Value },
    /// Adding a new attribute: shape `shape_id` becomes `new_shape`.
    AddAttr { type_version: u64, shape_id: u64, new_shape: Rc<Shape> },
    /// Instance attributes of several (type, shape) pairs.
    PolyAttr(Box<[AttrEntry; POLY]>),
    /// Methods of several (type, shape) pairs.
    PolyMethod(Box<[MethodEntry; POLY]>),
    /// Calling a class whose instances are made by `object.__new__` and
    /// initialised by the Python function `init` (its `__init__`).
    InitCall { type_version: u64, init: crate::value::PyRef },
    /// A method of an object without instance attributes (a builtin
    /// type's instance: `lst.append`), found on its type.
    TypeMethod { type_version: u64, func: Value },
    /// An attribute of a module: the value, while the module's dict (at
    /// address `dict`) is unchanged.
    ModuleAttr { dict: usize, version: u64, value: Value },
}

/// A `LoadGlobal` of a builtin (see [`InlineCache::Global`]).
#[derive(Clone)]
pub struct GlobalEntry {
    pub globals: usize,
    pub gdict: *const RefCell<crate::dict::DictData>,
    pub gver: u64,
    pub builtins: usize,
    pub bdict: *const RefCell<crate::dict::DictData>,
    pub bver: u64,
    pub value: Value,
}

/// Most (type, shape) pairs a polymorphic site remembers.
pub const POLY: usize = 4;

/// One entry of a polymorphic attribute site (`type_version` 0: unused;
/// type versions start at 1).
#[derive(Clone, Copy, Default)]
pub struct AttrEntry {
    pub type_version: u64,
    pub shape_id: u64,
    pub index: u32,
}

/// One entry of a polymorphic method site (`type_version` 0: unused).
#[derive(Clone, Default)]
pub struct MethodEntry {
    pub type_version: u64,
    pub shape_id: u64,
    pub func: Value,
}

impl InlineCache {
    /// The slot index of an instance attribute cached for (type version, shape).
    #[inline(always)]
    pub fn attr_index(&self, tv: u64, shape_id: u64) -> Option<usize> {
        match self {
            InlineCache::InstanceAttr { type_version, shape_id: s, index } if *type_version == tv && *s == shape_id => Some(*index as usize),
            InlineCache::PolyAttr(es) => es.iter().find(|e| e.type_version == tv && e.shape_id == shape_id).map(|e| e.index as usize),
            _ => None,
        }
    }
    /// The function of a method cached for (type version, shape).
    #[inline(always)]
    pub fn method(&self, tv: u64, shape_id: u64) -> Option<&Value> {
        match self {
            InlineCache::Method { type_version, shape_id: s, func } if *type_version == tv && *s == shape_id => Some(func),
            InlineCache::PolyMethod(es) => es.iter().find(|e| e.type_version == tv && e.shape_id == shape_id).map(|e| &e.func),
            _ => None,
        }
    }
    /// Records an instance attribute entry: the first one makes a
    /// monomorphic site, further ones a polymorphic one (the oldest entry
    /// of a full site is replaced).
    pub fn add_attr(&mut self, e: AttrEntry) {
        match self {
            InlineCache::InstanceAttr { type_version, shape_id, index } if *type_version != e.type_version || *shape_id != e.shape_id => {
                let first = AttrEntry { type_version: *type_version, shape_id: *shape_id, index: *index };
                let mut es = [AttrEntry::default(); POLY];
                es[0] = first;
                es[1] = e;
                *self = InlineCache::PolyAttr(Box::new(es));
            }
            InlineCache::PolyAttr(es) => {
                let key = (e.type_version, e.shape_id);
                poly_insert(es, e, |x| (x.type_version, x.shape_id), key);
            }
            _ => *self = InlineCache::InstanceAttr { type_version: e.type_version, shape_id: e.shape_id, index: e.index },
        }
    }
    /// Records a method entry (as [`InlineCache::add_attr`]).
    pub fn add_method(&mut self, e: MethodEntry) {
        match self {
            InlineCache::Method { type_version, shape_id, func } if *type_version != e.type_version || *shape_id != e.shape_id => {
                let first = MethodEntry { type_version: *type_version, shape_id: *shape_id, func: std::mem::take(func) };
                let mut es: [MethodEntry; POLY] = Default::default();
                es[0] = first;
                es[1] = e;
                *self = InlineCache::PolyMethod(Box::new(es));
            }
            InlineCache::PolyMethod(es) => {
                let key = (e.type_version, e.shape_id);
                poly_insert(es, e, |x| (x.type_version, x.shape_id), key);
            }
            _ => *self = InlineCache::Method { type_version: e.type_version, shape_id: e.shape_id, func: e.func },
        }
    }
}

/// Puts `e` (keyed `(type version, shape id)`) into a polymorphic site:
/// over its own old entry or the first unused one, else in place of the
/// oldest.
fn poly_insert<E>(es: &mut [E; POLY], e: E, key_of: impl Fn(&E) -> (u64, u64), key: (u64, u64)) {
    match es.iter().position(|x| key_of(x).0 == 0 || key_of(x) == key) {
        Some(i) => es[i] = e,
        None => {
            es.rotate_left(1);
            es[POLY - 1] = e;
        }
    }
}

/// Per-code-object interpreter data.
pub struct CodeCache {
    /// Some slot is a cell or free variable (frame entry must make cells).
    pub has_cells: bool,
    /// The code is a generator, coroutine or async generator (a call makes
    /// a generator object instead of running the frame).
    pub generator_like: bool,
    /// The number of positional arguments a call binds by moving them into
    /// the first local slots and nothing else (only positional parameters,
    /// no `*args`/`**kwargs`/keyword-only ones, no cells, not a generator);
    /// `u32::MAX` when calls need the general binding.
    pub simple_argc: u32,
    /// As `simple_argc`, for generator/coroutine code (whose call makes a
    /// generator object holding the frame).
    pub gen_simple_argc: u32,
    /// Local slots (`localsplus`) and value-stack capacity of a frame.
    pub nlocals: u32,
    pub stack_size: u32,
    /// One slot per instruction, made at the first fill
    /// ([`CodeCache::entries_mut`]): code that never runs a cacheable
    /// instruction twice (most of an imported module) costs nothing.
    pub entries: RefCell<Vec<InlineCache>>,
    /// The slots `entries` gets when first filled (0: the code has no
    /// cacheable instruction).
    slots: u32,
}

impl CodeCache {
    pub fn new(code: &egret_frontend::bytecode::CodeObject) -> CodeCache {
        use egret_frontend::bytecode::{LocalKind, Opcode};
        let has_cells = code.localsplus_kinds.iter().any(|k| *k != LocalKind::Local);
        let needs = code.instructions.iter().any(|i| {
            matches!(
                Some(i.op()),
                Some(Opcode::LoadGlobal | Opcode::LoadAttr | Opcode::StoreAttr | Opcode::LoadMethod | Opcode::Call | Opcode::CallKw)
            )
        });
        let slots = if needs { code.instructions.len() as u32 } else { 0 };
        use egret_frontend::bytecode::code_flags;
        let generator_like = code.is_generator_like();
        let plain_params = code.flags & (code_flags::VARARGS | code_flags::VARKEYWORDS) == 0 && code.kwonlyargcount == 0;
        let simple_argc = if plain_params && !has_cells && !generator_like { code.argcount as u32 } else { u32::MAX };
        let gen_simple_argc = if plain_params && !has_cells && generator_like { code.argcount as u32 } else { u32::MAX };
        CodeCache {
            has_cells,
            generator_like,
            simple_argc,
            gen_simple_argc,
            nlocals: code.localsplus_names.len() as u32,
            stack_size: code.max_stack as u32 + 2,
            entries: RefCell::new(Vec::new()),
            slots,
        }
    }

    /// The slots for filling, made on first use.
    pub fn entries_mut(&self) -> std::cell::RefMut<'_, Vec<InlineCache>> {
        let mut e = self.entries.borrow_mut();
        if e.len() < self.slots as usize {
            e.resize(self.slots as usize, InlineCache::Empty);
        }
        e
    }
}

#[cfg(test)]
mod size_tests {
    /// Every instruction of cached code has a slot: keep them small.
    #[test]
    fn inline_cache_slots_stay_at_48_bytes() {
        assert_eq!(std::mem::size_of::<super::InlineCache>(), 48);
    }
}
