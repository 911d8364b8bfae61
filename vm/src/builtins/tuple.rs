//! (Owned by the containers/builtins engineer: tuple.)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}
