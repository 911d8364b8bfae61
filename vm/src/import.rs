//! The import system: `sys.modules`, `sys.path` search, packages, relative
//! imports, native modules registered by `egret-stdlib`, and the project's
//! embedded pure-Python library. (Owned by the lead.)

use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

/// `__import__(name, globals, locals, fromlist, level)`.
pub fn import(vm: &mut Vm, name: &str, globals: Option<&Value>, fromlist: &Value, level: usize) -> PyResult<Value> {
    let _ = (globals, fromlist, level);
    Err(vm.new_error(&vm.e.module_not_found_error.clone(), format!("No module named '{}'", name)))
}
