//! Instance attribute storage with shapes (hidden classes).
//!
//! Instances of Python-defined classes keep their attributes in a vector of
//! values described by a shared [`Shape`]: the ordered list of attribute
//! names. Adding an attribute moves the instance to the child shape reached
//! by that name (a transition cached on the parent), so all instances that
//! were given the same attributes in the same order share one shape. An
//! inline cache can then remember `(type version, shape) -> slot index` and
//! the JIT can turn an attribute load into one guard and one load.
//!
//! When code asks for `__dict__` (or deletes an attribute), the instance
//! switches to *dict mode*: its attributes move into a real `dict`, which
//! from then on is the only store — so the dict and the attributes can never
//! disagree.

use crate::value::Value;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// An ordered set of attribute names shared by many instances.
pub struct Shape {
    pub names: Vec<Rc<str>>,
    transitions: RefCell<Vec<(Rc<str>, Rc<Shape>)>>,
    /// A process-unique number (caches compare it).
    pub id: u64,
}

thread_local! {
    static NEXT_SHAPE_ID: Cell<u64> = const { Cell::new(1) };
}

fn next_id() -> u64 {
    NEXT_SHAPE_ID.with(|c| {
        let id = c.get();
        c.set(id + 1);
        id
    })
}

impl Shape {
    /// A new empty root shape (one per class).
    pub fn root() -> Rc<Shape> {
        Rc::new(Shape { names: Vec::new(), transitions: RefCell::new(Vec::new()), id: next_id() })
    }

    #[inline]
    pub fn index_of(&self, name: &str) -> Option<usize> {
        // Names are usually interned: try pointer equality first.
        let p = name.as_ptr();
        if let Some(i) = self.names.iter().position(|n| n.as_ptr() == p && n.len() == name.len()) {
            return Some(i);
        }
        self.names.iter().position(|n| &**n == name)
    }

    /// The shape with `name` appended (shared through the transition cache).
    pub fn with(self: &Rc<Shape>, name: &Rc<str>) -> Rc<Shape> {
        if let Some((_, s)) = self.transitions.borrow().iter().find(|(n, _)| n == name) {
            return s.clone();
        }
        let mut names = self.names.clone();
        names.push(name.clone());
        let child = Rc::new(Shape { names, transitions: RefCell::new(Vec::new()), id: next_id() });
        self.transitions.borrow_mut().push((name.clone(), child.clone()));
        child
    }
}

/// The attribute store of one instance.
pub struct Attrs {
    pub shape: Rc<Shape>,
    /// One value per `shape.names` entry (shape mode).
    pub values: Vec<Value>,
    /// Dict mode: the instance's `__dict__` (a dict object); `values` is then empty.
    pub dict: Option<Value>,
    /// `__slots__` storage (None = empty slot), indexed by the class's slot descriptors.
    pub slots: Vec<Option<Value>>,
}

impl Attrs {
    pub fn new(root: Rc<Shape>) -> Attrs {
        Attrs { shape: root, values: Vec::new(), dict: None, slots: Vec::new() }
    }
}
