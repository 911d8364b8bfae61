//! Exception objects' builtin state.
//!
//! An exception instance is an object with [`Data::Exception`](crate::value::Data)
//! holding the fields every `BaseException` has; subclass-specific fields
//! (`StopIteration.value`, `OSError.errno`, `SyntaxError.lineno`, ...) and
//! `__notes__` are ordinary attributes in the instance's attribute store
//! (every exception type has one, as in CPython).

use crate::value::Value;

pub struct ExceptionData {
    /// The `args` tuple.
    pub args: Value,
    /// A traceback object or None.
    pub traceback: Value,
    /// `__cause__`: an exception or None.
    pub cause: Value,
    /// `__context__`: an exception or None.
    pub context: Value,
    pub suppress_context: bool,
}

impl ExceptionData {
    pub fn new(args: Value) -> ExceptionData {
        ExceptionData { args, traceback: Value::None, cause: Value::None, context: Value::None, suppress_context: false }
    }
}
