//! (Owned by the interpreter engineer: the type type: type(name, bases, ns) / type.__new__ (class creation: layout, __slots__, __set_name__, __init_subclass__, __classcell__), type.__call__, __name__/__qualname__/__module__/__doc__/__mro__/__bases__/__dict__ (mappingproxy), mro(), __subclasses__, __instancecheck__, __subclasscheck__, __prepare__, __or__ (unions), __repr__.)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}

/// `type[...]`-style generic alias (`list[int]` goes through `__class_getitem__`).
pub fn generic_alias(vm: &mut Vm, origin: crate::Value, args: crate::Value) -> crate::PyResult<crate::Value> {
    let _ = (origin, args);
    Err(vm.not_implemented_error("generic aliases are not implemented yet"))
}
