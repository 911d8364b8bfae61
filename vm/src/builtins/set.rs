//! (Owned by the containers/builtins engineer: set and frozenset (all methods and operators).)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}
