//! (Owned by the numbers engineer: float: constructor, repr (shortest round-trip, CPython's format), every method and dunder, hex/fromhex, as_integer_ratio, is_integer, round.)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}
