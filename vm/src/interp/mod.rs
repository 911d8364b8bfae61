//! The interpreter: frames and the bytecode loop (being written).

use crate::value::{PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::bytecode::BinaryOperator;

/// State owned by the interpreter loop.
#[derive(Default)]
pub struct InterpState {}

/// Calls a Python function object with vectorcall-style arguments.
pub fn call_function(vm: &mut Vm, func: &PyRef, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let _ = (func, args, kwnames);
    Err(vm.not_implemented_error("calling Python functions is not implemented yet"))
}

/// An iterator over an object with only `__getitem__` (the old sequence protocol).
pub fn seq_iter(vm: &mut Vm, seq: Value) -> PyResult<Value> {
    let _ = seq;
    Err(vm.not_implemented_error("sequence iteration is not implemented yet"))
}

/// `type[...]`-style generic alias.
pub fn generic_alias(vm: &mut Vm, origin: Value, args: Value) -> PyResult<Value> {
    let _ = (origin, args);
    Err(vm.not_implemented_error("generic aliases are not implemented yet"))
}

/// Fast paths for binary operators on inline values; `None` = take the generic path.
#[inline]
pub fn fast_binary_op(vm: &mut Vm, a: &Value, b: &Value, op: BinaryOperator) -> Option<PyResult<Value>> {
    let _ = (vm, a, b, op);
    None
}
