//! The `_typing` native module: exposes the interpreter's PEP 695 types
//! (`TypeVar`, `ParamSpec`, `TypeVarTuple`, `TypeAliasType`, `Generic`,
//! `ParamSpecArgs`, `ParamSpecKwargs`) so that `lib/typing.py` reuses the
//! very objects `class C[T]` and `type X = ...` create. Names the
//! interpreter does not provide are simply absent (typing.py then falls
//! back to its own Python classes).

use egret_vm::value::Value;
use egret_vm::vm::Vm;
use egret_vm::PyResult;

const NAMES: &[&str] = &["TypeVar", "ParamSpec", "TypeVarTuple", "TypeAliasType", "Generic", "ParamSpecArgs", "ParamSpecKwargs"];

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_typing");
    let d = vm.module_dict(&m).expect("a new module has a dict");
    for name in NAMES {
        if let Some(t) = vm.extra_types.get(name).cloned() {
            vm.dict_set_str(&d, name, Value::Obj(t));
        }
    }
    Ok(m)
}
