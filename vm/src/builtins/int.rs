//! (Owned by the numbers engineer: int and bool: constructor (int(x, base)), every method and dunder, bigints, the 4300-digit limit.)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}
