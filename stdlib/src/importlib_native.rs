//! The `_egret_importlib` native module: the hooks `lib/importlib/` needs
//! into Egret's import system (`vm/src/import.rs`): whether a name is a
//! native (built-in) module, where a module's source is (file on sys.path
//! or the embedded library), and running source in a module namespace
//! (`exec_module`, used by loaders and `importlib.reload`).

use egret_vm::function::Args;
use egret_vm::value::Value;
use egret_vm::vm::Vm;
use egret_vm::PyResult;

fn str_arg(vm: &mut Vm, args: &Args, i: usize, fname: &str) -> PyResult<String> {
    match args.pos().get(i) {
        Some(v) => match v.as_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(vm.type_error(format!("{}() argument {} must be str, not {}", fname, i + 1, vm.type_name(v)))),
        },
        None => Err(vm.type_error(format!("{}() missing required argument {}", fname, i + 1))),
    }
}

/// `is_builtin(name)`: True for modules implemented natively.
fn is_builtin(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = str_arg(vm, &args, 0, "is_builtin")?;
    Ok(Value::bool(vm.native_modules.contains_key(&name)))
}

/// `builtin_names()`: the names of the native modules.
fn builtin_names(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let mut names: Vec<String> = vm.native_modules.keys().cloned().collect();
    names.sort();
    let items = names.into_iter().map(|n| vm.new_str(n)).collect();
    Ok(vm.new_tuple(items))
}

/// `find_source(fullname)`: (source text, filename, is_package) of a
/// Python module, or None (parents are imported first).
fn find_source(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = str_arg(vm, &args, 0, "find_source")?;
    match egret_vm::import::find_module_source(vm, &name)? {
        Some((source, filename, is_package)) => {
            if filename.is_empty() {
                // a namespace package: no source
                let f = vm.new_str("");
                return Ok(vm.new_tuple(vec![Value::None, f, Value::bool(true)]));
            }
            let text = vm.new_str(String::from_utf8_lossy(&source).into_owned());
            let f = vm.new_str(filename);
            Ok(vm.new_tuple(vec![text, f, Value::bool(is_package)]))
        }
        None => Ok(Value::None),
    }
}

/// `exec_source(source, filename, namespace)`: compiles and runs source in a dict.
fn exec_source(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let source = str_arg(vm, &args, 0, "exec_source")?;
    let filename = str_arg(vm, &args, 1, "exec_source")?;
    let Some(ns) = args.pos().get(2).cloned() else {
        return Err(vm.type_error("exec_source() missing required argument 3"));
    };
    egret_vm::import::exec_source(vm, source.as_bytes(), &filename, &ns)?;
    Ok(Value::None)
}

/// `init_builtin(name)`: a fresh instance of a native module.
fn init_builtin(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = str_arg(vm, &args, 0, "init_builtin")?;
    match vm.native_modules.get(&name).copied() {
        Some(init) => init(vm),
        None => Ok(Value::None),
    }
}

/// `new_module(name)`: an empty module object.
fn new_module(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = str_arg(vm, &args, 0, "new_module")?;
    Ok(vm.new_module(&name))
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_egret_importlib");
    vm.add_module_function(&m, "new_module", new_module);
    vm.add_module_function(&m, "is_builtin", is_builtin);
    vm.add_module_function(&m, "builtin_names", builtin_names);
    vm.add_module_function(&m, "find_source", find_source);
    vm.add_module_function(&m, "exec_source", exec_source);
    vm.add_module_function(&m, "init_builtin", init_builtin);
    Ok(m)
}
