//! `globals()`, `locals()`, and turning a frontend `SyntaxError` into the
//! Python exception (`exec`/`eval`/`compile` live in `exec_builtins.rs`).

use crate::function::Args;
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::SyntaxError;

/// A frontend `SyntaxError` as a Python exception instance with
/// `args = (msg, (filename, lineno, offset, text, end_lineno, end_offset))`
/// and the matching attributes.
pub fn syntax_error_to_exception(vm: &mut Vm, e: &SyntaxError) -> Value {
    crate::compile::syntax_error_to_exception(vm, e).0
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
