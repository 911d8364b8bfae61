//! Inline caches: one slot per instruction of a code object, filled the
//! first time an instruction runs and checked by cheap guards afterwards
//! (the idea of CPython's PEP 659 specialisation, without rewriting the
//! bytecode).
//!
//! - `LoadGlobal`: the value, guarded by the identity and `version` of the
//!   globals and builtins dicts (a dict's version changes on every write).
//! - `LoadAttr`/`StoreAttr` on instances of Python classes: the slot index in
//!   the instance's shape, guarded by the type's version tag (which changes
//!   whenever the namespace of the type or a base changes) and the shape id.
//! - `LoadMethod`: the plain function found on the type, guarded by the type
//!   version and the instance's shape (which must not shadow the name).
//!
//! The JIT reads the same entries to specialise traces.

use crate::shape::Shape;
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Default)]
pub enum InlineCache {
    #[default]
    Empty,
    Global { globals: usize, gver: u64, builtins: usize, bver: u64, value: Value },
    /// Instance attribute at `index` of the shape `shape_id`.
    InstanceAttr { type_version: u64, shape_id: u64, index: u32 },
    /// A function found on the type; the instance's shape `shape_id` does not shadow it.
    Method { type_version: u64, shape_id: u64, func: Value },
    /// Adding a new attribute: shape `shape_id` becomes `new_shape`.
    AddAttr { type_version: u64, shape_id: u64, new_shape: Rc<Shape> },
}

/// Per-code-object interpreter data.
pub struct CodeCache {
    /// Some slot is a cell or free variable (frame entry must make cells).
    pub has_cells: bool,
    pub entries: RefCell<Vec<InlineCache>>,
}

impl CodeCache {
    pub fn new(code: &egret_frontend::bytecode::CodeObject) -> CodeCache {
        use egret_frontend::bytecode::{LocalKind, Opcode};
        let has_cells = code.localsplus_kinds.iter().any(|k| *k != LocalKind::Local);
        let needs = code.instructions.iter().any(|i| {
            matches!(
                Opcode::from_u8(i.0 as u8),
                Some(Opcode::LoadGlobal | Opcode::LoadAttr | Opcode::StoreAttr | Opcode::LoadMethod)
            )
        });
        let entries = if needs { vec![InlineCache::Empty; code.instructions.len()] } else { Vec::new() };
        CodeCache { has_cells, entries: RefCell::new(entries) }
    }
}
