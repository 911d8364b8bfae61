//! Runtime code objects: the frontend's [`CodeObject`] with its constants and
//! names turned into Python values once, when the code is loaded.

use crate::value::Value;
use crate::vm::Vm;
use egret_frontend::bytecode::{CodeObject, ConstValue};
use std::rc::Rc;

pub struct Code {
    pub code: Rc<CodeObject>,
    /// `code.constants` as values (nested code objects become code values).
    pub consts: Box<[Value]>,
    /// `code.names` as interned str values.
    pub names: Box<[Value]>,
    /// `code.localsplus_names` as interned str values.
    pub localsplus_names: Box<[Value]>,
    /// The interpreter's inline caches and per-code facts (`interp/cache.rs`).
    pub cache: crate::interp::cache::CodeCache,
    /// The instructions the dispatch loop runs: `code.instructions` with
    /// superinstructions fused in (`interp::quicken`).
    pub quick: Box<[egret_frontend::bytecode::Instr]>,
    /// This code's perf trampoline (`py::qualname:file` in the perf map),
    /// made on its first call while perf support is active.
    pub perf_trampoline: std::cell::Cell<Option<egret_perfmap::Trampoline>>,
}

impl Code {
    /// Converts a compiled code object (recursively) for execution.
    pub fn load(vm: &mut Vm, code: Rc<CodeObject>) -> Rc<Code> {
        let consts = code.constants.iter().map(|c| const_value(vm, c)).collect();
        let names = code.names.iter().map(|n| vm.intern(n)).collect();
        let localsplus_names = code.localsplus_names.iter().map(|n| vm.intern(n)).collect();
        let cache = crate::interp::cache::CodeCache::new(&code);
        let quick = crate::interp::quicken::quicken(&code.instructions, &code.constants);
        Rc::new(Code { code, consts, names, localsplus_names, cache, quick, perf_trampoline: std::cell::Cell::new(None) })
    }
}

/// A constant as a Python value.
pub fn const_value(vm: &mut Vm, c: &ConstValue) -> Value {
    match c {
        ConstValue::None => Value::None,
        ConstValue::Bool(b) => Value::bool(*b),
        ConstValue::Int(i) => vm.new_bigint(i.clone()),
        ConstValue::Float(f) => Value::float(*f),
        ConstValue::Complex { real, imag } => vm.new_complex(*real, *imag),
        ConstValue::Str(s) => vm.intern(s),
        ConstValue::Bytes(b) => vm.new_bytes(b.to_vec()),
        ConstValue::Ellipsis => vm.ellipsis.clone(),
        ConstValue::Tuple(items) => {
            let v: Vec<Value> = items.iter().map(|c| const_value(vm, c)).collect();
            vm.new_tuple(v)
        }
        ConstValue::FrozenSet(items) => {
            let v: Vec<Value> = items.iter().map(|c| const_value(vm, c)).collect();
            vm.new_frozenset_from(v).unwrap_or(Value::None)
        }
        ConstValue::Code(code) => {
            let loaded = Code::load(vm, code.clone());
            vm.alloc(vm.t.code.clone(), crate::value::Data::Code(loaded))
        }
    }
}
