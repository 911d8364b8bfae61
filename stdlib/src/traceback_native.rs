//! The `_egret_traceback` native module: the interpreter's own traceback
//! printer (vm/src/traceback.rs, with CPython 3.12's caret anchors) exposed
//! to `lib/traceback.py`, so `traceback.format_exception()` and friends
//! produce exactly what an uncaught exception prints.

use egret_vm::function::Args;
use egret_vm::value::Value;
use egret_vm::vm::Vm;
use egret_vm::PyResult;

fn one_arg(vm: &Vm, args: &Args, name: &str) -> PyResult<Value> {
    match args.pos() {
        [v] if !args.has_kwargs() => Ok(v.clone()),
        p => Err(vm.type_error(format!("{}() takes exactly one argument ({} given)", name, p.len()))),
    }
}

fn exception_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    let exc = one_arg(vm, args, name)?;
    if vm.exception_data(&exc).is_none() {
        return Err(vm.type_error(format!("{}() argument must be an exception, not {}", name, vm.type_name(&exc))));
    }
    Ok(exc)
}

/// `format_exception(exc)`: the full report (chain, traceback, message) as one string.
fn format_exception(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let exc = exception_arg(vm, &args, "format_exception")?;
    let text = egret_vm::traceback::format_exception(vm, &exc);
    Ok(vm.new_str(text))
}

/// `format_exception_only(exc)`: the `Type: message` line(s).
fn format_exception_only(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let exc = exception_arg(vm, &args, "format_exception_only")?;
    let text = egret_vm::traceback::format_exception_only(vm, &exc);
    Ok(vm.new_str(text))
}

/// `format_tb(tb)`: the `File ..., line N, in name` entries of a traceback.
fn format_tb(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let tb = one_arg(vm, &args, "format_tb")?;
    let text = egret_vm::traceback::format_tb(vm, &tb);
    Ok(vm.new_str(text))
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_egret_traceback");
    vm.add_module_function(&m, "format_exception", format_exception);
    vm.add_module_function(&m, "format_exception_only", format_exception_only);
    vm.add_module_function(&m, "format_tb", format_tb);
    Ok(m)
}
