//! (Owned by the interpreter engineer: function, method, builtin_function_or_method, cell and code types: attributes (__name__, __qualname__, __defaults__, __kwdefaults__, __code__, __closure__, __annotations__, __dict__, __wrapped__ via attrs, __self__, __func__), __repr__, __get__.)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}
