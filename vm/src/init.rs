//! Start-up: fills the builtin types' namespaces and the `builtins` module.
//! Each builtin type's module contributes an `init(vm)`; they are called here
//! in dependency order.

use crate::vm::Vm;

pub fn init_builtin_types(vm: &mut Vm) {
    let _ = vm;
}
