//! (Owned by the containers/builtins engineer: object's methods (__init__, __new__, __repr__, __str__, __eq__/__ne__, __hash__, __format__, __reduce_ex__, __dir__, __init_subclass__, __subclasshook__, __class__, __dict__ getset, __getattribute__/__setattr__/__delattr__ natives).)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}
