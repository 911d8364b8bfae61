//! The interpreter: frames and the bytecode loop (being written).
//!
//! Public entry points used by the rest of the VM:
//! - [`call_function`]: call a Python function object (vectorcall style).
//! - [`run_code`]: execute a module-level / `exec` code object in a namespace.
//! - [`current_globals`] / [`current_locals`]: the innermost Python frame's namespaces.

use crate::code::Code;
use crate::value::{PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::rc::Rc;

/// State owned by the interpreter loop.
#[derive(Default)]
pub struct InterpState {}

/// Calls a Python function object with vectorcall-style arguments.
pub fn call_function(vm: &mut Vm, func: &PyRef, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let _ = (func, args, kwnames);
    Err(vm.not_implemented_error("calling Python functions is not implemented yet"))
}

/// Runs a code object whose names resolve in `globals` (a dict) and, when
/// given, `locals` (any mapping; module code uses `globals` for both).
pub fn run_code(vm: &mut Vm, code: Rc<Code>, globals: PyRef, locals: Option<Value>) -> PyResult<Value> {
    let _ = (code, globals, locals);
    Err(vm.not_implemented_error("running code is not implemented yet"))
}

/// The globals dict of the innermost running Python frame.
pub fn current_globals(vm: &Vm) -> Option<PyRef> {
    let _ = vm;
    None
}

/// The locals mapping of the innermost running Python frame (a snapshot dict
/// for function frames, the real namespace for module and class frames).
pub fn current_locals(vm: &mut Vm) -> Option<Value> {
    let _ = vm;
    None
}
