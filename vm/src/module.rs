//! Module objects: a name and a namespace dict.

use crate::value::PyRef;

pub struct ModuleData {
    /// The module's `__dict__` (a dict object).
    pub dict: PyRef,
}
