//! `globals()`, `locals()`, and turning a frontend `SyntaxError` into the
//! Python exception (`exec`/`eval`/`compile` live in `exec_builtins.rs`).

use crate::function::Args;
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::{SyntaxError, SyntaxErrorKind};

/// A frontend `SyntaxError` as a Python exception instance with
/// `args = (msg, (filename, lineno, offset, text, end_lineno, end_offset))`
/// and the matching attributes.
pub fn syntax_error_to_exception(vm: &mut Vm, e: &SyntaxError) -> Value {
    let cls = match e.kind {
        SyntaxErrorKind::SyntaxError => vm.e.syntax_error.clone(),
        SyntaxErrorKind::IndentationError => vm.e.indentation_error.clone(),
        SyntaxErrorKind::TabError => vm.e.tab_error.clone(),
    };
    let msg = vm.new_str(e.msg.as_str());
    let filename = vm.new_str(e.filename.as_str());
    let lineno = Value::Int(e.lineno as i64);
    let offset = Value::Int(e.offset as i64);
    let text = match &e.text {
        Some(t) => vm.new_str(t.as_str()),
        None => Value::None,
    };
    let end_lineno = Value::Int(e.end_lineno as i64);
    let end_offset = Value::Int(e.end_offset as i64);
    let details = vm.new_tuple(vec![filename.clone(), lineno.clone(), offset.clone(), text.clone(), end_lineno.clone(), end_offset.clone()]);
    let exc = vm.new_exception(cls, vec![msg.clone(), details]);
    let _ = vm.set_attr_raw(&exc, "msg", msg);
    let _ = vm.set_attr_raw(&exc, "filename", filename);
    let _ = vm.set_attr_raw(&exc, "lineno", lineno);
    let _ = vm.set_attr_raw(&exc, "offset", offset);
    let _ = vm.set_attr_raw(&exc, "text", text);
    let _ = vm.set_attr_raw(&exc, "end_lineno", end_lineno);
    let _ = vm.set_attr_raw(&exc, "end_offset", end_offset);
    let _ = vm.set_attr_raw(&exc, "print_file_and_line", Value::None);
    exc
}

fn builtin_globals(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    match super::current_globals(vm) {
        Some(g) => Ok(Value::Obj(g)),
        None => Err(vm.new_error(&vm.e.system_error.clone(), "globals(): no current frame")),
    }
}

fn builtin_locals(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    match super::current_locals(vm) {
        Some(l) => Ok(l),
        None => Err(vm.new_error(&vm.e.system_error.clone(), "locals(): no current frame")),
    }
}

pub fn init(vm: &mut Vm) {
    let b = Value::Obj(vm.builtins.clone());
    let g = vm.new_builtin("globals", builtin_globals);
    vm.dict_set_str(&b, "globals", g);
    let l = vm.new_builtin("locals", builtin_locals);
    vm.dict_set_str(&b, "locals", l);
}
