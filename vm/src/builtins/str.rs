//! (Owned by the strings engineer: str: constructor, every method, __getitem__ with slices, repr, iteration, comparison dunders, hashing via vm.hash.)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}
