//! The `_egret_traceback` native module: the interpreter's own traceback
//! printer (vm/src/traceback.rs, with CPython 3.12's caret anchors) exposed
//! to `lib/traceback.py`, so `traceback.format_exception()` and friends
//! produce exactly what an uncaught exception prints. Also the per-entry
//! helpers behind `traceback.extract_tb()` / `FrameSummary` (positions and
//! the formatted text of one entry) and `linecache`'s source lookup (files
//! on disk, sources the interpreter compiled, the embedded library).

use egret_vm::function::Args;
use egret_vm::traceback::{self, Traceback};
use egret_vm::value::Data;
use std::cell::RefCell;
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

/// `tb_entry(tb)`: `(filename, name, lineno, end_lineno, colno, end_colno,
/// text)` of one traceback entry; columns are UTF-8 byte offsets (None when
/// unknown) and `text` is the entry as the traceback printer formats it.
fn tb_entry(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let tbv = one_arg(vm, &args, "tb_entry")?;
    let Some(tb) = tbv.native::<Traceback>() else {
        return Err(vm.type_error(format!("tb_entry() argument must be a traceback, not {}", vm.type_name(&tbv))));
    };
    let code = tb.code.clone();
    let lasti = tb.lasti;
    let frame = tb.frame.borrow().clone();
    let loc = code.code.locations.get(lasti as usize).copied();
    let col = |c: u32| if c == u32::MAX { Value::None } else { Value::Int(c as i64) };
    let (line, end_line, colno, end_colno) = match loc {
        Some(l) => (Value::Int(l.line as i64), if l.end_line == 0 { Value::None } else { Value::Int(l.end_line as i64) }, col(l.col), col(l.end_col)),
        None => (Value::Int(0), Value::None, Value::None, Value::None),
    };
    let single = Traceback { code: code.clone(), lasti, frame: RefCell::new(frame), next: RefCell::new(Value::None) };
    let ty = traceback::traceback_type(vm);
    let single = vm.alloc(ty, Data::Native(Box::new(single)));
    let text = traceback::format_tb(vm, &single);
    let items = vec![
        vm.new_str(code.code.filename.to_string()),
        vm.new_str(code.code.name.to_string()),
        line,
        end_line,
        colno,
        end_colno,
        vm.new_str(text),
    ];
    Ok(vm.new_tuple(items))
}

/// The source text of `filename`: what the interpreter compiled, the file
/// on disk, or the embedded library module it names.
fn source_text(vm: &Vm, filename: &str) -> Option<String> {
    if let Some(src) = vm.source_cache.get(filename) {
        return Some(src.to_string());
    }
    if let Some(rest) = filename.strip_prefix("<egret>/lib/") {
        let rest = rest.strip_suffix(".py")?;
        let (module, want_pkg) = match rest.strip_suffix("/__init__") {
            Some(pkg) => (pkg.replace('/', "."), true),
            None => (rest.replace('/', "."), false),
        };
        if let Some((src, is_pkg)) = vm.embedded_sources.get(&module) {
            if *is_pkg == want_pkg {
                return Some(src.to_string());
            }
        }
        return None;
    }
    std::fs::read_to_string(filename).ok()
}

/// `source_lines(filename)`: the file's lines with their line endings (the
/// last one given a newline), or None when there is no source.
fn source_lines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = one_arg(vm, &args, "source_lines")?;
    let Some(filename) = name.as_str().map(|s| s.to_string()) else {
        return Err(vm.type_error(format!("source_lines() argument must be str, not {}", vm.type_name(&name))));
    };
    let Some(text) = source_text(vm, &filename) else { return Ok(Value::None) };
    let mut lines: Vec<Value> = Vec::new();
    for l in text.split_inclusive('\n') {
        if l.ends_with('\n') {
            lines.push(vm.new_str(l));
        } else {
            lines.push(vm.new_str(format!("{l}\n")));
        }
    }
    Ok(vm.new_list(lines))
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_egret_traceback");
    vm.add_module_function(&m, "tb_entry", tb_entry);
    vm.add_module_function(&m, "source_lines", source_lines);
    vm.add_module_function(&m, "format_exception", format_exception);
    vm.add_module_function(&m, "format_exception_only", format_exception_only);
    vm.add_module_function(&m, "format_tb", format_tb);
    Ok(m)
}
