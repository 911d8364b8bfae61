//! (Owned by the containers/builtins engineer: range and slice types (slice.indices).)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}
