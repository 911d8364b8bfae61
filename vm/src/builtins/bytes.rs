//! (Owned by the strings engineer: bytes and bytearray: constructors, methods, repr, decode/encode (utf-8, latin-1, ascii, with errors=).)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}
