//! (Owned by the lead: BaseException and subclasses' methods (__init__, __new__, args, __str__, __repr__, with_traceback, add_note, __traceback__, __cause__, __context__, __suppress_context__), StopIteration.value, OSError fields, SyntaxError fields, KeyError str, ExceptionGroup (split, subgroup, derive, exceptions, message).)

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}
