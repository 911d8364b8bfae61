//! The `exec`, `eval`, `compile`, `globals` and `locals` builtins, and
//! turning a frontend `SyntaxError` into the Python exception.

use crate::code::Code;
use crate::function::Args;
use crate::value::{Data, PyRef};
use egret_frontend::ast::Mode;
use std::rc::Rc;
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::SyntaxError;

/// A frontend `SyntaxError` as a Python exception instance with
/// `args = (msg, (filename, lineno, offset, text, end_lineno, end_offset))`
/// and the matching attributes.
pub fn syntax_error_to_exception(vm: &mut Vm, e: &SyntaxError) -> Value {
    crate::compile::syntax_error_to_exception(vm, e).0
}

fn builtin_globals(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    match super::current_globals(vm) {
        Some(g) => Ok(Value::Obj(g)),
        None => Err(vm.new_error(&vm.e.system_error.clone(), "globals(): no current frame")),
    }
}

fn builtin_locals(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    match super::current_locals(vm) {
        Some(l) => Ok(l),
        None => Err(vm.new_error(&vm.e.system_error.clone(), "locals(): no current frame")),
    }
}

/// Source text of a `str`/`bytes`/`bytearray` argument.
fn source_bytes(v: &Value) -> Option<Vec<u8>> {
    if let Some(s) = v.as_str() {
        return Some(s.as_bytes().to_vec());
    }
    match v {
        Value::Obj(o) => match &o.data {
            Data::Bytes(b) => Some(b.to_vec()),
            Data::ByteArray(b) => Some(b.borrow().clone()),
            _ => None,
        },
        _ => None,
    }
}

fn code_of(v: &Value) -> Option<Rc<Code>> {
    match v {
        Value::Obj(o) => match &o.data {
            Data::Code(c) => Some(c.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn arg<'a>(args: &Args<'a>, i: usize, name: &str) -> Option<&'a Value> {
    args.pos().get(i).or_else(|| args.kwarg(name))
}

fn builtin_compile(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (Some(src), Some(filename), Some(mode)) = (arg(&args, 0, "source"), arg(&args, 1, "filename"), arg(&args, 2, "mode")) else {
        return Err(vm.type_error("compile() missing required argument 'source' (pos 1)"));
    };
    let flags = match arg(&args, 3, "flags") {
        Some(f) => vm.index_to_i64(f)?,
        None => 0,
    };
    let mode = match mode.as_str() {
        Some("exec") => Mode::Exec,
        Some("eval") => Mode::Eval,
        Some("single") => Mode::Single,
        _ => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    let filename = match filename.as_str() {
        Some(s) => s.to_string(),
        None => vm.str_string(filename)?,
    };
    if let Some(c) = code_of(src) {
        return Ok(vm.alloc(vm.t.code.clone(), Data::Code(c)));
    }
    if flags & 0x400 != 0 {
        return Err(vm.not_implemented_error("compile() with PyCF_ONLY_AST is not supported"));
    }
    let Some(bytes) = source_bytes(src) else {
        return Err(vm.type_error("compile() arg 1 must be a string, bytes or AST object"));
    };
    if bytes.contains(&0) {
        return Err(vm.new_error(&vm.e.syntax_error.clone(), "source code string cannot contain null bytes"));
    }
    let inherit = flags & 0x100_0000 != 0;
    let code = crate::compile::compile(vm, &bytes, &filename, mode, Some(inherit))?;
    Ok(vm.alloc(vm.t.code.clone(), Data::Code(code)))
}

/// The (globals, locals) namespaces for `exec`/`eval`.
fn namespaces(vm: &mut Vm, func: &str, globals: Option<&Value>, locals: Option<&Value>) -> PyResult<(PyRef, Option<Value>)> {
    let globals = globals.filter(|g| !g.is_none()).cloned();
    let locals = locals.filter(|l| !l.is_none()).cloned();
    let (g, l) = match globals {
        Some(g) => {
            let Value::Obj(go) = &g else { return Err(vm.type_error(format!("{}() globals must be a dict, not {}", func, vm.type_name(&g)))) };
            if !matches!(go.data, Data::Dict(_)) {
                return Err(vm.type_error(format!("{}() globals must be a dict, not {}", func, vm.type_name(&g))));
            }
            let l = locals.unwrap_or_else(|| g.clone());
            (go.clone(), l)
        }
        None => {
            let Some(g) = super::current_globals(vm) else {
                return Err(vm.new_error(&vm.e.system_error.clone(), "globals and locals cannot be NULL"));
            };
            let l = match locals {
                Some(l) => l,
                None => super::current_locals(vm).unwrap_or_else(|| Value::Obj(g.clone())),
            };
            (g, l)
        }
    };
    if l.as_dict().is_none() {
        let lt = vm.type_of(&l);
        if crate::slots::special(&lt, "__getitem__").is_none() {
            return Err(vm.type_error(format!("locals must be a mapping")));
        }
    }
    let gv = Value::Obj(g.clone());
    if vm.dict_get_str(&gv, "__builtins__").is_none() {
        let b = Value::Obj(vm.builtins.clone());
        vm.dict_set_str(&gv, "__builtins__", b);
    }
    Ok((g, Some(l)))
}

fn builtin_exec(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(src) = arg(&args, 0, "source") else {
        return Err(vm.type_error("exec expected at least 1 argument, got 0"));
    };
    let (g, l) = namespaces(vm, "exec", arg(&args, 1, "globals"), arg(&args, 2, "locals"))?;
    let code = match code_of(src) {
        Some(c) => c,
        None => {
            let Some(bytes) = source_bytes(src) else {
                return Err(vm.type_error(format!("exec() arg 1 must be a string, bytes or code object")));
            };
            crate::compile::compile(vm, &bytes, "<string>", Mode::Exec, None)?
        }
    };
    if code.code.localsplus_kinds.iter().any(|k| *k == egret_frontend::bytecode::LocalKind::Free) {
        return Err(vm.type_error("code object passed to exec() may not contain free variables"));
    }
    super::run_code(vm, code, g, l)?;
    Ok(Value::None)
}

fn builtin_eval(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(src) = arg(&args, 0, "source") else {
        return Err(vm.type_error("eval expected at least 1 argument, got 0"));
    };
    let (g, l) = namespaces(vm, "eval", arg(&args, 1, "globals"), arg(&args, 2, "locals"))?;
    let code = match code_of(src) {
        Some(c) => c,
        None => {
            let Some(bytes) = source_bytes(src) else {
                return Err(vm.type_error("eval() arg 1 must be a string, bytes or code object"));
            };
            let start = bytes.iter().position(|b| *b != b' ' && *b != b'\t').unwrap_or(bytes.len());
            crate::compile::compile(vm, &bytes[start..], "<string>", Mode::Eval, None)?
        }
    };
    super::run_code(vm, code, g, l)
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
fn builtin_import(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    if pos.len() > 5 {
        return Err(vm.type_error(format!("__import__() takes at most 5 arguments ({} given)", pos.len() + a.kwnames.len())));
    }
    let names = ["name", "globals", "locals", "fromlist", "level"];
    let mut vals: [Option<Value>; 5] = Default::default();
    for (i, v) in pos.iter().enumerate() {
        vals[i] = Some(v.clone());
    }
    for (k, v) in a.kwargs() {
        match names.iter().position(|n| *n == k) {
            Some(i) if vals[i].is_none() => vals[i] = Some(v.clone()),
            Some(_) => return Err(vm.type_error(format!("argument for __import__() given by name ('{k}') and position ({})", names.iter().position(|n| *n == k).unwrap_or(0) + 1))),
            None => return Err(vm.type_error(format!("__import__() got an unexpected keyword argument '{k}'"))),
        }
    }
    let Some(name) = vals[0].clone() else {
        return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)"));
    };
    let Some(name_s) = name.as_str().map(|s| s.to_string()) else {
        return Err(vm.type_error(format!("__import__() argument 1 must be str, not {}", vm.type_name(&name))));
    };
    let globals = vals[1].clone().filter(|g| !g.is_none());
    let fromlist = vals[3].clone().unwrap_or(Value::None);
    let level = match &vals[4] {
        None => 0,
        Some(v) => vm.index_to_i64(v)?,
    };
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    if name_s.is_empty() && level == 0 {
        return Err(vm.value_error("Empty module name"));
    }
    crate::import::import(vm, &name_s, globals.as_ref(), &fromlist, level as usize)
}

pub fn init(vm: &mut Vm) {
    let b = Value::Obj(vm.builtins.clone());
    for (name, f) in [
        ("compile", builtin_compile as crate::function::NativeFn),
        ("exec", builtin_exec),
        ("eval", builtin_eval),
        ("__import__", builtin_import),
    ] {
        let v = vm.new_builtin(name, f);
        vm.dict_set_str(&b, name, v);
    }
    let b = Value::Obj(vm.builtins.clone());
    let g = vm.new_builtin("globals", builtin_globals);
    vm.dict_set_str(&b, "globals", g);
    let l = vm.new_builtin("locals", builtin_locals);
    vm.dict_set_str(&b, "locals", l);
}
