//! Compiling source inside the VM: the frontend's `compile_source` plus the
//! conversion of its [`SyntaxError`] into a Python `SyntaxError` instance.
//! (Owned by the lead; `compile()`, `exec()`, `eval()` and the import system use it.)

use crate::code::Code;
use crate::value::Value;
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use egret_frontend::ast::Mode;
use egret_frontend::{SyntaxError, SyntaxErrorKind};
use std::rc::Rc;

/// Compiles `source` to a runtime code object; a syntax error becomes a Python exception.
/// `future_annotations`: inherited `from __future__ import annotations` (None: not inherited).
pub fn compile(vm: &mut Vm, source: &[u8], filename: &str, mode: Mode, future_annotations: Option<bool>) -> PyResult<Rc<Code>> {
    let options = egret_frontend::CompileOptions { optimize: vm.config.optimize, future_annotations: future_annotations.unwrap_or(false) };
    match egret_frontend::compile_source(source, filename, mode, &options) {
        Ok(code) => Ok(Code::load(vm, code)),
        Err(e) => Err(syntax_error_to_exception(vm, &e)),
    }
}

/// A Python `SyntaxError` (or `IndentationError`/`TabError`) instance for `err`,
/// with CPython's `args` and attributes.
pub fn syntax_error_to_exception(vm: &mut Vm, err: &SyntaxError) -> PyErr {
    if err.kind == SyntaxErrorKind::MemoryError {
        let msg = vm.new_str(err.msg.clone());
        return PyErr(vm.new_exception(vm.e.memory_error.clone(), vec![msg]));
    }
    let cls = match err.kind {
        SyntaxErrorKind::MemoryError => vm.e.memory_error.clone(),
        SyntaxErrorKind::SyntaxError => vm.e.syntax_error.clone(),
        SyntaxErrorKind::IndentationError => vm.e.indentation_error.clone(),
        SyntaxErrorKind::TabError => vm.e.tab_error.clone(),
    };
    let msg = vm.new_str(err.msg.clone());
    let filename = vm.new_str(err.filename.clone());
    let text = match &err.text {
        Some(t) => vm.new_str(t.clone()),
        None => Value::None,
    };
    let int_or_none = |n: u32| if n == 0 { Value::None } else { Value::Int(n as i64) };
    let details = vm.new_tuple(vec![
        filename.clone(),
        Value::Int(err.lineno as i64),
        int_or_none(err.offset),
        text.clone(),
        int_or_none(err.end_lineno),
        int_or_none(err.end_offset),
    ]);
    let exc = vm.new_exception(cls, vec![msg.clone(), details]);
    let _ = vm.set_attr_raw(&exc, "msg", msg);
    let _ = vm.set_attr_raw(&exc, "filename", filename);
    let _ = vm.set_attr_raw(&exc, "lineno", Value::Int(err.lineno as i64));
    let _ = vm.set_attr_raw(&exc, "offset", int_or_none(err.offset));
    let _ = vm.set_attr_raw(&exc, "text", text);
    let _ = vm.set_attr_raw(&exc, "end_lineno", int_or_none(err.end_lineno));
    let _ = vm.set_attr_raw(&exc, "end_offset", int_or_none(err.end_offset));
    let _ = vm.set_attr_raw(&exc, "print_file_and_line", Value::None);
    PyErr(exc)
}
