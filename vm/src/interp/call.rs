//! Argument binding: positional and keyword arguments to a function's
//! parameter slots, with defaults, `*args`, `**kwargs` and CPython 3.12's
//! error messages word for word.

use crate::function::Function;
use crate::value::Value;
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use egret_frontend::bytecode::code_flags;

/// The fast path of argument binding: exactly the positional parameters,
/// no keywords, no `*args`/`**kwargs`/keyword-only parameters.
#[inline(always)]
fn exact_positional(f: &Function, args: &[Value], kwnames: &[Value]) -> bool {
    let co = &f.code.code;
    kwnames.is_empty()
        && args.len() == co.argcount as usize
        && co.flags & (code_flags::VARARGS | code_flags::VARKEYWORDS) == 0
        && co.kwonlyargcount == 0
}

/// Binds `args` (the last `kwnames.len()` being keyword values) into `locals`.
pub fn bind_args(vm: &mut Vm, f: &Function, args: &[Value], kwnames: &[Value], locals: &mut [Option<Value>]) -> PyResult<()> {
    if exact_positional(f, args, kwnames) {
        for (slot, a) in locals.iter_mut().zip(args.iter()) {
            *slot = Some(a.clone());
        }
        return Ok(());
    }
    bind_args_general(vm, f, args, kwnames, locals)
}

/// [`bind_args`] that moves the arguments out of `args` (leaving `None`s)
/// where it can: the interpreter's call path, whose arguments sit on the
/// caller's value stack and are discarded right after.
#[inline]
pub fn bind_args_moving(vm: &mut Vm, f: &Function, args: &mut [Value], kwnames: &[Value], locals: &mut [Option<Value>]) -> PyResult<()> {
    if exact_positional(f, args, kwnames) {
        for (slot, a) in locals.iter_mut().zip(args.iter_mut()) {
            *slot = Some(std::mem::replace(a, Value::None));
        }
        return Ok(());
    }
    bind_args_general(vm, f, args, kwnames, locals)
}

#[cold]
fn bind_args_general(vm: &mut Vm, f: &Function, args: &[Value], kwnames: &[Value], locals: &mut [Option<Value>]) -> PyResult<()> {
    let co = &f.code.code;
    let argcount = co.argcount as usize;
    let posonly = co.posonlyargcount as usize;
    let kwonly = co.kwonlyargcount as usize;
    let npos = args.len() - kwnames.len();
    let has_varargs = co.flags & code_flags::VARARGS != 0;
    let has_varkw = co.flags & code_flags::VARKEYWORDS != 0;
    let total = argcount + kwonly;
    let varargs_slot = total;
    let varkw_slot = total + has_varargs as usize;

    let kwdict = if has_varkw { Some(vm.new_dict()) } else { None };

    // Positional arguments.
    let n = npos.min(argcount);
    for i in 0..n {
        locals[i] = Some(args[i].clone());
    }
    if has_varargs {
        let extra: Vec<Value> = if npos > argcount { args[argcount..npos].to_vec() } else { Vec::new() };
        locals[varargs_slot] = Some(vm.new_tuple(extra));
    } else if npos > argcount {
        return Err(too_many_positional(vm, f, npos, kwnames, locals));
    }

    // Keyword arguments.
    let kwvalues = &args[npos..];
    let mut posonly_as_kw: Vec<String> = Vec::new();
    for (name, value) in kwnames.iter().zip(kwvalues.iter()) {
        let Some(name_s) = name.as_str() else {
            return Err(vm.type_error("keywords must be strings"));
        };
        // Interned names usually match by identity; fall back to text.
        let mut found = None;
        for (i, pn) in f.code.localsplus_names[posonly..total].iter().enumerate() {
            if pn.is(name) {
                found = Some(i + posonly);
                break;
            }
        }
        if found.is_none() {
            found = co.localsplus_names[posonly..total].iter().position(|pn| &**pn == name_s).map(|i| i + posonly);
        }
        match found {
            Some(i) => {
                if locals[i].is_some() {
                    return Err(vm.type_error(format!("{}() got multiple values for argument '{}'", qualname(f), name_s)));
                }
                locals[i] = Some(value.clone());
            }
            None => {
                if let Some(d) = &kwdict {
                    vm.dict_set(d, name.clone(), value.clone())?;
                } else if co.localsplus_names[..posonly].iter().any(|pn| &**pn == name_s) {
                    posonly_as_kw.push(name_s.to_string());
                } else {
                    return Err(vm.type_error(format!("{}() got an unexpected keyword argument '{}'", qualname(f), name_s)));
                }
            }
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(vm.type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qualname(f),
            posonly_as_kw.join(", ")
        )));
    }
    if let Some(d) = kwdict {
        locals[varkw_slot] = Some(d);
    }

    // Defaults for missing positional parameters.
    if npos < argcount {
        let defaults = f.defaults.borrow().clone();
        let defs: &[Value] = defaults.as_tuple().unwrap_or(&[]);
        let first_default = argcount - defs.len().min(argcount);
        let mut missing: Vec<String> = Vec::new();
        for i in npos..argcount {
            if locals[i].is_none() {
                if i >= first_default {
                    locals[i] = Some(defs[i - first_default].clone());
                } else {
                    missing.push(co.localsplus_names[i].to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_error(vm, f, "positional", &missing));
        }
    }
    // Keyword-only defaults.
    if kwonly > 0 {
        let kwdefaults = f.kwdefaults.borrow().clone();
        let mut missing: Vec<String> = Vec::new();
        for i in argcount..total {
            if locals[i].is_none() {
                let name = &co.localsplus_names[i];
                let d = if kwdefaults.as_dict().is_some() { vm.dict_get_str(&kwdefaults, name) } else { None };
                match d {
                    Some(v) => locals[i] = Some(v),
                    None => missing.push(name.to_string()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_error(vm, f, "keyword-only", &missing));
        }
    }
    Ok(())
}

fn qualname(f: &Function) -> String {
    f.qualname.borrow().as_str().unwrap_or("?").to_string()
}

fn missing_error(vm: &mut Vm, f: &Function, kind: &str, names: &[String]) -> PyErr {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{}'", n)).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    };
    let plural = if names.len() == 1 { "" } else { "s" };
    vm.type_error(format!("{}() missing {} required {} argument{}: {}", qualname(f), names.len(), kind, plural, list))
}

fn too_many_positional(vm: &mut Vm, f: &Function, given: usize, kwnames: &[Value], locals: &[Option<Value>]) -> PyErr {
    let co = &f.code.code;
    let argcount = co.argcount as usize;
    let ndefaults = f.defaults.borrow().as_tuple().map_or(0, |t| t.len());
    let kwonly_given = (argcount..argcount + co.kwonlyargcount as usize).filter(|i| {
        let name = &co.localsplus_names[*i];
        kwnames.iter().any(|k| k.as_str() == Some(&**name))
    }).count();
    let _ = locals;
    let takes = if ndefaults > 0 {
        format!("from {} to {} positional arguments", argcount - ndefaults.min(argcount), argcount)
    } else {
        format!("{} positional argument{}", argcount, if argcount == 1 { "" } else { "s" })
    };
    let given_s = if kwonly_given > 0 {
        format!(
            "{} positional argument{} (and {} keyword-only argument{}) were given",
            given,
            if given == 1 { "" } else { "s" },
            kwonly_given,
            if kwonly_given == 1 { "" } else { "s" }
        )
    } else {
        format!("{} {} given", given, if given == 1 { "was" } else { "were" })
    };
    vm.type_error(format!("{}() takes {} but {}", qualname(f), takes, given_s))
}
