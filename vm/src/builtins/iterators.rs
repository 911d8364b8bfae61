//! (Owned by the containers/builtins engineer: iterator types: list/tuple/str/dict/set/range iterators, enumerate, zip (strict=), map, filter, reversed, the sequence iterator for __getitem__ objects (used by vm.iter).)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}

/// An iterator over an object with only `__getitem__` (the old sequence protocol).
pub fn seq_iter(vm: &mut Vm, seq: crate::Value) -> crate::PyResult<crate::Value> {
    let _ = seq;
    Err(vm.not_implemented_error("sequence iteration is not implemented yet"))
}
