//! Start-up: fills the builtin types' namespaces and the `builtins` module.
//! Each builtin type's module contributes an `init(vm)`; they are called here
//! in dependency order (types first, then the builtins module's functions).

use crate::vm::Vm;

pub fn init_builtin_types(vm: &mut Vm) {
    crate::builtins::object::init(vm);
    crate::builtins::typeobj::init(vm);
    crate::builtins::function::init(vm);
    crate::builtins::descriptors::init(vm);
    crate::builtins::exceptions::init(vm);
    crate::builtins::int::init(vm);
    crate::builtins::float::init(vm);
    crate::builtins::complex::init(vm);
    crate::builtins::numeric::init(vm);
    crate::builtins::str::init(vm);
    crate::builtins::format::init(vm);
    crate::builtins::bytes::init(vm);
    crate::builtins::list::init(vm);
    crate::builtins::tuple::init(vm);
    crate::builtins::dict::init(vm);
    crate::builtins::set::init(vm);
    crate::builtins::range::init(vm);
    crate::builtins::iterators::init(vm);
    crate::builtins::functions::init(vm);
    vm.native_modules.insert("gc".into(), crate::gc::gc_module);
    vm.native_modules.insert("_weakref".into(), crate::weakref::weakref_module);
}
