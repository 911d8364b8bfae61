//! (Owned by the numbers engineer: fast_binary_op for inline ints/floats (used by the interpreter on every BinaryOp), shared numeric helpers (int/float conversions, true division, floor division/modulo sign rules, pow).)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}

/// Fast paths for binary operators on inline values; `None` = take the generic path.
#[inline]
pub fn fast_binary_op(
    vm: &mut Vm,
    a: &crate::Value,
    b: &crate::Value,
    op: egret_frontend::bytecode::BinaryOperator,
) -> Option<crate::PyResult<crate::Value>> {
    let _ = (vm, a, b, op);
    None
}
