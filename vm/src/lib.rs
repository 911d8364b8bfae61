//! # egret-vm — the object model and the interpreter
//!
//! Where to start reading:
//! - [`value`]: `Value` (16 bytes: inline None/bool/int/float, or `Rc<Object>`)
//!   and `Object` (type, optional attribute store, `Data` payload).
//! - [`vm`]: the `Vm` — builtin types (`vm.t.*`), exception classes
//!   (`vm.e.*`), constructors for values and exceptions.
//! - [`types`], [`shape`], [`slots`]: type objects, MRO, shapes (hidden
//!   classes) for instance attributes, the special-method cache.
//! - [`ops`]: the object protocol — attribute access, calls, hashing,
//!   comparison, truth, iteration, subscripting, operators — with fast paths
//!   for inline values and generic dunder dispatch for everything else.
//! - [`dict`], [`set`]: CPython-compatible hash tables (same iteration order).
//! - `interp`: frames and the bytecode interpreter loop.
//! - `builtins/`: one module per builtin type, and the `builtins` module.

pub mod alloc;
pub mod builtins;
pub mod code;
pub mod compile;
pub mod descriptor;
pub mod dict;
pub mod exception;
pub mod extra_types;
pub mod function;
pub mod gc;
pub mod hash;
pub mod import;
pub mod init;
pub mod interp;
pub mod module;
pub mod ops;
pub mod set;
pub mod shape;
pub mod slots;
pub mod strbuf;
pub mod stdio;
pub mod sysmodule;
pub mod traceback;
pub mod traceback_anchors;
pub mod types;
pub mod value;
pub mod vm;
pub mod weakref;

pub use interp::InterpState;
pub use value::{Data, Object, PyRef, Value};
pub use vm::Vm;

/// A raised Python exception: the exception instance.
#[derive(Clone, Debug)]
pub struct PyErr(pub Value);

pub type PyResult<T> = Result<T, PyErr>;
