//! (Owned by the containers/builtins engineer: property (getter/setter/deleter, __set_name__, doc), classmethod, staticmethod types (constructors, __func__, __wrapped__, __isabstractmethod__).)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}
