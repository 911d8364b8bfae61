//! Function objects: Python functions, native ("builtin") functions, and the
//! calling convention they share.
//!
//! # Calling convention
//! Every call passes its arguments as one slice, positional arguments first,
//! then the values of keyword arguments, with `kwnames` naming the last
//! `kwnames.len()` values (CPython's vectorcall). Natives get an [`Args`];
//! nothing is allocated to make a call.

use crate::code::Code;
use crate::value::{PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::cell::RefCell;
use std::rc::Rc;

/// A function defined in Python.
pub struct Function {
    pub code: Rc<Code>,
    /// The module globals (a dict object).
    pub globals: PyRef,
    /// The builtins namespace (a dict object).
    pub builtins: PyRef,
    pub name: RefCell<Value>,
    pub qualname: RefCell<Value>,
    /// Tuple or None.
    pub defaults: RefCell<Value>,
    /// Dict or None.
    pub kwdefaults: RefCell<Value>,
    /// Cells for the code's free variables.
    pub closure: Option<Box<[PyRef]>>,
    /// Dict or None (created on demand).
    pub annotations: RefCell<Value>,
    pub doc: RefCell<Value>,
    pub module: RefCell<Value>,
    /// Tuple of PEP 695 type parameters (or empty tuple / None).
    pub type_params: RefCell<Value>,
}

/// Arguments of a native call: `args[..args.len() - kwnames.len()]` are
/// positional; the rest are keyword values named by `kwnames` (str values).
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub args: &'a [Value],
    pub kwnames: &'a [Value],
}

impl<'a> Args<'a> {
    pub fn new(args: &'a [Value], kwnames: &'a [Value]) -> Args<'a> {
        Args { args, kwnames }
    }
    pub fn positional(args: &'a [Value]) -> Args<'a> {
        Args { args, kwnames: &[] }
    }
    /// The positional arguments.
    #[inline]
    pub fn pos(&self) -> &'a [Value] {
        &self.args[..self.args.len() - self.kwnames.len()]
    }
    /// Keyword arguments as (name, value) pairs.
    pub fn kwargs(&self) -> impl Iterator<Item = (&'a str, &'a Value)> {
        let kv = &self.args[self.args.len() - self.kwnames.len()..];
        self.kwnames.iter().map(|n| n.as_str().unwrap_or("")).zip(kv.iter())
    }
    pub fn kwarg(&self, name: &str) -> Option<&'a Value> {
        self.kwargs().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
    #[inline]
    pub fn has_kwargs(&self) -> bool {
        !self.kwnames.is_empty()
    }
}

/// A native function: `fn(vm, args) -> result`. For methods the receiver is
/// the first positional argument.
pub type NativeFn = fn(&mut Vm, Args) -> PyResult<Value>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinKind {
    /// A plain function (module-level builtin, or bound to `self_` already).
    Function,
    /// A method descriptor stored in a type: binds to the instance on lookup.
    Method,
    /// A class method of a builtin type (`dict.fromkeys`): binds to the class.
    ClassMethod,
    /// A static method of a builtin type (`str.maketrans`, `__new__`).
    StaticMethod,
}

pub struct Builtin {
    pub name: &'static str,
    pub func: NativeFn,
    pub kind: BuiltinKind,
    /// The object the builtin is bound to (`[].append` -> the list), passed
    /// as the first argument; or the module of a module-level function (not passed).
    pub bound: Option<Value>,
    /// The type that defines a method (for `__qualname__` and error messages).
    pub owner: Option<PyRef>,
    pub doc: Option<&'static str>,
}
