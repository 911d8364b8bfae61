//! (Owned by the numbers engineer: complex.)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}
