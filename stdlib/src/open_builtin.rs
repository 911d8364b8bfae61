//! The builtin `open()`: the file classes are Python (`lib/_fileio.py`,
//! re-exported by `io`); this native entry imports `io` on first use and
//! forwards the call to `io._fileio_open`, so `open` needs no import.

use egret_vm::function::Args;
use egret_vm::value::Value;
use egret_vm::vm::Vm;
use egret_vm::PyResult;

fn builtin_open(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let io = egret_vm::import::import_dotted(vm, "io")?;
    let f = vm.getattr_str(&io, "_fileio_open")?;
    vm.call_kw(&f, args.args, args.kwnames)
}

/// Adds `open` to the builtins namespace (unless the VM already has one).
pub fn install(vm: &mut Vm) {
    let d = Value::Obj(vm.builtins.clone());
    if vm.dict_get_str(&d, "open").is_none() {
        let f = vm.new_builtin("open", builtin_open);
        vm.dict_set_str(&d, "open", f);
    }
}
