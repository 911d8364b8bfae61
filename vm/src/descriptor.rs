//! Descriptor payloads the attribute machinery recognises natively:
//! `property`, `classmethod`, `staticmethod`, and native getters/setters
//! (`GetSet`) that builtin types use for attributes like `complex.real`.

use crate::value::{NativeData, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::cell::RefCell;

pub struct Property {
    pub fget: RefCell<Value>,
    pub fset: RefCell<Value>,
    pub fdel: RefCell<Value>,
    pub doc: RefCell<Value>,
    /// Set by `__set_name__`.
    pub name: RefCell<Value>,
}

pub struct ClassMethod(pub RefCell<Value>);
pub struct StaticMethod(pub RefCell<Value>);

pub type Getter = fn(&mut Vm, &Value) -> PyResult<Value>;
pub type Setter = fn(&mut Vm, &Value, Option<Value>) -> PyResult<()>;

/// A native attribute of a builtin type (a data descriptor when it has a setter).
pub struct GetSet {
    pub name: &'static str,
    pub get: Getter,
    pub set: Option<Setter>,
    /// The type that defines it (for error messages).
    pub owner: &'static str,
}

impl NativeData for Property {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.fget.borrow());
        visit(&self.fset.borrow());
        visit(&self.fdel.borrow());
        visit(&self.doc.borrow());
    }
    fn clear(&self) {
        *self.fget.borrow_mut() = Value::None;
        *self.fset.borrow_mut() = Value::None;
        *self.fdel.borrow_mut() = Value::None;
    }
}

impl NativeData for ClassMethod {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.0.borrow());
    }
    fn clear(&self) {
        *self.0.borrow_mut() = Value::None;
    }
}

impl NativeData for StaticMethod {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.0.borrow());
    }
    fn clear(&self) {
        *self.0.borrow_mut() = Value::None;
    }
}

impl NativeData for GetSet {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
