//! Traceback objects and printing exceptions the way CPython 3.12 does.
//! (Owned by the lead.)

use crate::code::Code;
use crate::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

/// Records that `exc` passed through the frame running `code` at instruction
/// `lasti` (called by the interpreter as an exception unwinds each frame,
/// innermost first: the new entry becomes the head of `exc.__traceback__`).
pub fn add_traceback_entry(vm: &mut Vm, exc: &Value, code: &Rc<Code>, lasti: u32) {
    let _ = (vm, exc, code, lasti);
}

/// Prints `exc` with its traceback and chained exceptions to stderr, as
/// CPython's default `sys.excepthook` does.
pub fn print_exception(vm: &mut Vm, exc: &Value) {
    let _ = (vm, exc);
    eprintln!("(exception printing not implemented yet)");
}
