//! (Owned by the strings engineer: the format mini-language (format(), str.format, __format__ of int/float/str/complex), printf-style % formatting for str and bytes.)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}
