//! (Owned by the interpreter engineer: function, method, builtin_function_or_method, cell and code types: attributes (__name__, __qualname__, __defaults__, __kwdefaults__, __code__, __closure__, __annotations__, __dict__, __wrapped__ via attrs, __self__, __func__), __repr__, __get__.)

use crate::function::{Args, BuiltinKind, Function};
use crate::interp::generator::add_getset;
use crate::types::{tdata, type_flags as tf};
use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::bytecode::LocalKind;
use std::rc::Rc;

fn arg0(args: &Args) -> Value {
    args.pos().first().cloned().unwrap_or(Value::None)
}

fn func<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a Function> {
    match v {
        Value::Obj(o) => match &o.data {
            Data::Function(f) => Ok(f),
            _ => Err(vm.type_error("expected a function")),
        },
        _ => Err(vm.type_error("expected a function")),
    }
}

// ----- function ----------------------------------------------------------------------

fn f_get_name(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(func(vm, v)?.name.borrow().clone())
}
fn f_set_name(vm: &mut Vm, v: &Value, n: Option<Value>) -> PyResult<()> {
    match n {
        Some(n) if n.as_str().is_some() => {
            *func(vm, v)?.name.borrow_mut() = n;
            Ok(())
        }
        _ => Err(vm.type_error("__name__ must be set to a string object")),
    }
}
fn f_get_qualname(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(func(vm, v)?.qualname.borrow().clone())
}
fn f_set_qualname(vm: &mut Vm, v: &Value, n: Option<Value>) -> PyResult<()> {
    match n {
        Some(n) if n.as_str().is_some() => {
            *func(vm, v)?.qualname.borrow_mut() = n;
            Ok(())
        }
        _ => Err(vm.type_error("__qualname__ must be set to a string object")),
    }
}
fn f_get_defaults(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(func(vm, v)?.defaults.borrow().clone())
}
fn f_set_defaults(vm: &mut Vm, v: &Value, n: Option<Value>) -> PyResult<()> {
    let n = n.unwrap_or(Value::None);
    if !n.is_none() && n.as_tuple().is_none() {
        return Err(vm.type_error("__defaults__ must be set to a tuple object"));
    }
    *func(vm, v)?.defaults.borrow_mut() = n;
    Ok(())
}
fn f_get_kwdefaults(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(func(vm, v)?.kwdefaults.borrow().clone())
}
fn f_set_kwdefaults(vm: &mut Vm, v: &Value, n: Option<Value>) -> PyResult<()> {
    let n = n.unwrap_or(Value::None);
    if !n.is_none() && n.as_dict().is_none() {
        return Err(vm.type_error("__kwdefaults__ must be set to a dict object"));
    }
    *func(vm, v)?.kwdefaults.borrow_mut() = n;
    Ok(())
}
fn f_get_code(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let c = func(vm, v)?.code.clone();
    Ok(vm.alloc(vm.t.code.clone(), Data::Code(c)))
}
/// `f.__code__ = code`: the new code must have as many free variables as
/// the function has closure cells.
fn f_set_code(vm: &mut Vm, v: &Value, n: Option<Value>) -> PyResult<()> {
    let new_code = match &n {
        Some(Value::Obj(o)) => match &o.data {
            Data::Code(c) => c.clone(),
            _ => return Err(vm.type_error("__code__ must be set to a code object")),
        },
        _ => return Err(vm.type_error("__code__ must be set to a code object")),
    };
    let f = func(vm, v)?;
    let nfree = new_code.code.localsplus_kinds.iter().filter(|k| **k == LocalKind::Free).count();
    let nclosure = f.closure.as_ref().map_or(0, |c| c.len());
    if nfree != nclosure {
        let name = f.name.borrow().as_str().unwrap_or("?").to_string();
        return Err(vm.value_error(format!("{name}() requires a code object with {nclosure} free vars, not {nfree}")));
    }
    // SAFETY: `Function::code` has no cell (the call path reads it on every
    // call without borrowing); running frames hold their own `Rc<Code>`, so
    // dropping the old code here frees nothing that is in use. No reference
    // to the field outlives this statement.
    let slot = &f.code as *const Rc<crate::code::Code> as *mut Rc<crate::code::Code>;
    let old = unsafe { std::ptr::replace(slot, new_code) };
    drop(old);
    Ok(())
}

fn f_get_closure(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let cells: Option<Vec<Value>> = func(vm, v)?.closure.as_ref().map(|c| c.iter().cloned().map(Value::Obj).collect());
    Ok(match cells {
        Some(c) => vm.new_tuple(c),
        None => Value::None,
    })
}
fn f_get_globals(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Obj(func(vm, v)?.globals.clone()))
}
fn f_get_builtins(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Obj(func(vm, v)?.builtins.clone()))
}
fn f_get_annotations(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let a = func(vm, v)?.annotations.borrow().clone();
    if a.is_none() {
        let d = vm.new_dict();
        *func(vm, v)?.annotations.borrow_mut() = d.clone();
        return Ok(d);
    }
    Ok(a)
}
fn f_set_annotations(vm: &mut Vm, v: &Value, n: Option<Value>) -> PyResult<()> {
    let n = n.unwrap_or(Value::None);
    if !n.is_none() && n.as_dict().is_none() {
        return Err(vm.type_error("__annotations__ must be set to a dict object"));
    }
    *func(vm, v)?.annotations.borrow_mut() = n;
    Ok(())
}
fn f_get_doc(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(func(vm, v)?.doc.borrow().clone())
}
fn f_set_doc(vm: &mut Vm, v: &Value, n: Option<Value>) -> PyResult<()> {
    *func(vm, v)?.doc.borrow_mut() = n.unwrap_or(Value::None);
    Ok(())
}
fn f_get_module(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(func(vm, v)?.module.borrow().clone())
}
fn f_set_module(vm: &mut Vm, v: &Value, n: Option<Value>) -> PyResult<()> {
    *func(vm, v)?.module.borrow_mut() = n.unwrap_or(Value::None);
    Ok(())
}
fn f_get_type_params(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(func(vm, v)?.type_params.borrow().clone())
}
fn f_set_type_params(vm: &mut Vm, v: &Value, n: Option<Value>) -> PyResult<()> {
    match n {
        Some(t) if t.as_tuple().is_some() => {
            *func(vm, v)?.type_params.borrow_mut() = t;
            Ok(())
        }
        _ => Err(vm.type_error("__type_params__ must be set to a tuple")),
    }
}
fn f_get_dict(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    vm.instance_dict(v).ok_or_else(|| vm.type_error("function has no __dict__"))
}

fn f_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = arg0(&args);
    let q = func(vm, &v)?.qualname.borrow().as_str().unwrap_or("?").to_string();
    Ok(vm.new_str(format!("<function {} at {:#x}>", q, v.id())))
}

fn f_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let f = arg0(&args);
    let obj = pos.get(1).cloned().unwrap_or(Value::None);
    if obj.is_none() {
        return Ok(f);
    }
    Ok(vm.alloc(vm.t.method.clone(), Data::BoundMethod(Box::new((f, obj)))))
}

fn f_call(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = arg0(&args);
    vm.call_kw(&f, &args.args[1..], args.kwnames)
}

// ----- bound methods -------------------------------------------------------------------

fn bound<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a (Value, Value)> {
    match v {
        Value::Obj(o) => match &o.data {
            Data::BoundMethod(m) => Ok(m),
            _ => Err(vm.type_error("expected a method")),
        },
        _ => Err(vm.type_error("expected a method")),
    }
}

fn m_func(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(bound(vm, v)?.0.clone())
}
fn m_self(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(bound(vm, v)?.1.clone())
}

fn m_getattribute(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let m = arg0(&args);
    let name = pos.get(1).cloned().unwrap_or(Value::None);
    let ty = vm.type_of(&m);
    let n = name.as_str().unwrap_or("");
    if crate::types::lookup(&ty, n).is_some() {
        return vm.generic_getattr(&m, &name);
    }
    let f = bound(vm, &m)?.0.clone();
    vm.getattr(&f, &name)
}

fn m_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = arg0(&args);
    let (f, s) = bound(vm, &m)?.clone();
    let name = match vm.getattr_opt(&f, "__qualname__")? {
        Some(q) if q.as_str().is_some() => q.as_str().unwrap_or("").to_string(),
        _ => match vm.getattr_opt(&f, "__name__")? {
            Some(n) => n.as_str().unwrap_or("?").to_string(),
            None => "?".to_string(),
        },
    };
    let sr = vm.repr_string(&s)?;
    Ok(vm.new_str(format!("<bound method {} of {}>", name, sr)))
}

fn m_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = arg0(&args);
    let b = args.pos().get(1).cloned().unwrap_or(Value::None);
    let Ok((f1, s1)) = bound(vm, &a).cloned() else { return Ok(vm.not_implemented.clone()) };
    let Ok((f2, s2)) = bound(vm, &b).cloned() else { return Ok(vm.not_implemented.clone()) };
    Ok(Value::bool(s1.is(&s2) && vm.eq(&f1, &f2)?))
}

fn m_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = arg0(&args);
    let (f, s) = bound(vm, &a)?.clone();
    let h = vm.hash(&f)?;
    Ok(Value::Int(h ^ s.id()))
}

fn m_get(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(arg0(&args))
}

fn m_call(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = arg0(&args);
    vm.call_kw(&f, &args.args[1..], args.kwnames)
}

// ----- builtins ----------------------------------------------------------------------------

fn builtin<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a crate::function::Builtin> {
    match v {
        Value::Obj(o) => match &o.data {
            Data::Builtin(b) => Ok(b),
            _ => Err(vm.type_error("expected a builtin")),
        },
        _ => Err(vm.type_error("expected a builtin")),
    }
}

fn b_name(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let n = builtin(vm, v)?.name;
    Ok(vm.intern(n))
}
fn b_qualname(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let b = builtin(vm, v)?;
    let s = match &b.owner {
        Some(t) => format!("{}.{}", tdata(t).name(), b.name),
        None => b.name.to_string(),
    };
    Ok(vm.new_str(s))
}
fn b_self(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let b = builtin(vm, v)?;
    Ok(match &b.bound {
        Some(s) => s.clone(),
        None => match &b.owner {
            Some(_) => Value::None,
            None => vm.dict_get_str(&Value::Obj(vm.modules.clone()), "builtins").unwrap_or(Value::None),
        },
    })
}
fn b_doc(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let b = builtin(vm, v)?;
    Ok(match b.doc {
        Some(d) => vm.new_str(d),
        None => Value::None,
    })
}
fn b_objclass(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let b = builtin(vm, v)?;
    Ok(b.owner.clone().map(Value::Obj).unwrap_or(Value::None))
}
fn b_module(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let b = builtin(vm, v)?;
    Ok(if b.owner.is_none() { vm.intern("builtins") } else { Value::None })
}

fn b_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = arg0(&args);
    let b = builtin(vm, &v)?;
    let (name, kind, owner, bound_v) = (b.name, b.kind, b.owner.clone(), b.bound.clone());
    let s = match (kind, &bound_v, &owner) {
        (BuiltinKind::Method | BuiltinKind::ClassMethod, None, Some(t)) => format!("<method '{}' of '{}' objects>", name, tdata(t).name()),
        (_, Some(recv), _) if !matches!(recv.as_obj().map(|o| &o.data), Some(Data::Module(_))) => {
            if let Value::Obj(o) = recv {
                if matches!(o.data, Data::Type(_)) {
                    let r = crate::builtins::typeobj::type_repr_string(vm, o);
                    return Ok(vm.new_str(format!("<built-in method {} of type object at {:#x}>", name, recv.id())).clone()).map(|x| {
                        let _ = r;
                        x
                    });
                }
            }
            format!("<built-in method {} of {} object at {:#x}>", name, vm.type_name(recv), recv.id())
        }
        _ => format!("<built-in function {}>", name),
    };
    Ok(vm.new_str(s))
}

fn b_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let f = arg0(&args);
    let obj = pos.get(1).cloned().unwrap_or(Value::None);
    let owner = pos.get(2).cloned().unwrap_or(Value::None);
    vm.descr_get(&f, &obj, &owner)
}

fn b_call(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = arg0(&args);
    vm.call_kw(&f, &args.args[1..], args.kwnames)
}

fn b_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = arg0(&args);
    let b = args.pos().get(1).cloned().unwrap_or(Value::None);
    let (Ok(x), Ok(y)) = (builtin(vm, &a), builtin(vm, &b)) else { return Ok(vm.not_implemented.clone()) };
    let same = x.func as usize == y.func as usize
        && x.name == y.name
        && match (&x.bound, &y.bound) {
            (Some(p), Some(q)) => p.is(q),
            (None, None) => true,
            _ => false,
        };
    Ok(Value::bool(same))
}

fn b_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = arg0(&args);
    let b = builtin(vm, &a)?;
    let h = (b.func as usize as i64) ^ b.bound.as_ref().map_or(0, |v| v.id());
    Ok(Value::Int(h >> 4))
}

// ----- cells -----------------------------------------------------------------------------

fn cell_contents(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match crate::interp::frame::cell_get(v) {
        Some(x) => Ok(x),
        None => Err(vm.value_error("Cell is empty")),
    }
}
fn cell_set_contents(_vm: &mut Vm, v: &Value, n: Option<Value>) -> PyResult<()> {
    crate::interp::frame::cell_set(v, n);
    Ok(())
}
fn cell_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = arg0(&args);
    let s = match crate::interp::frame::cell_get(&c) {
        Some(x) => format!("<cell at {:#x}: {} object at {:#x}>", c.id(), vm.type_name(&x), x.id()),
        None => format!("<cell at {:#x}: empty>", c.id()),
    };
    Ok(vm.new_str(s))
}
fn cell_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.pos().get(1).cloned();
    Ok(Value::Obj(vm.new_cell(v)))
}

// ----- code ------------------------------------------------------------------------------

fn code<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a Rc<crate::code::Code>> {
    match v {
        Value::Obj(o) => match &o.data {
            Data::Code(c) => Ok(c),
            _ => Err(vm.type_error("expected a code object")),
        },
        _ => Err(vm.type_error("expected a code object")),
    }
}

fn names_where(vm: &mut Vm, c: &crate::code::Code, pred: impl Fn(usize, LocalKind) -> bool) -> Value {
    let v: Vec<Value> = c
        .localsplus_names
        .iter()
        .zip(c.code.localsplus_kinds.iter())
        .enumerate()
        .filter(|(i, (_, k))| pred(*i, **k))
        .map(|(_, (n, _))| n.clone())
        .collect();
    vm.new_tuple(v)
}

fn co_name(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let c = code(vm, v)?.clone();
    Ok(vm.new_str(&*c.code.name))
}
fn co_qualname(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let c = code(vm, v)?.clone();
    Ok(vm.new_str(&*c.code.qualname))
}
fn co_filename(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let c = code(vm, v)?.clone();
    Ok(vm.new_str(&*c.code.filename))
}
fn co_firstlineno(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Int(code(vm, v)?.code.first_line as i64))
}
fn co_argcount(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Int(code(vm, v)?.code.argcount as i64))
}
fn co_posonlyargcount(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Int(code(vm, v)?.code.posonlyargcount as i64))
}
fn co_kwonlyargcount(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Int(code(vm, v)?.code.kwonlyargcount as i64))
}
fn co_flags(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Int(code(vm, v)?.code.flags as i64))
}
fn co_stacksize(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Int(code(vm, v)?.code.max_stack as i64))
}
fn co_nlocals(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let c = code(vm, v)?;
    Ok(Value::Int(c.code.localsplus_kinds.iter().filter(|k| **k == LocalKind::Local).count() as i64))
}
fn co_varnames(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let c = code(vm, v)?.clone();
    let nargs = c.code.total_args();
    Ok(names_where(vm, &c, |i, k| k == LocalKind::Local || (k == LocalKind::Cell && i < nargs)))
}
fn co_cellvars(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let c = code(vm, v)?.clone();
    Ok(names_where(vm, &c, |_, k| k == LocalKind::Cell))
}
fn co_freevars(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let c = code(vm, v)?.clone();
    Ok(names_where(vm, &c, |_, k| k == LocalKind::Free))
}
fn co_names(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let c = code(vm, v)?.clone();
    Ok(vm.new_tuple(c.names.to_vec()))
}
fn co_consts(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let c = code(vm, v)?.clone();
    Ok(vm.new_tuple(c.consts.to_vec()))
}
fn co_code(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let c = code(vm, v)?.clone();
    let mut b = Vec::with_capacity(c.code.instructions.len() * 4);
    for i in &c.code.instructions {
        b.extend_from_slice(&i.raw().to_le_bytes());
    }
    Ok(vm.new_bytes(b))
}
fn code_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = arg0(&args);
    let c = code(vm, &v)?.clone();
    Ok(vm.new_str(format!("<code object {} at {:#x}, file \"{}\", line {}>", c.code.name, v.id(), c.code.filename, c.code.first_line)))
}
fn code_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = arg0(&args);
    let b = args.pos().get(1).cloned().unwrap_or(Value::None);
    let (Ok(x), Ok(y)) = (code(vm, &a), code(vm, &b)) else { return Ok(vm.not_implemented.clone()) };
    Ok(Value::bool(Rc::ptr_eq(x, y) || x.code == y.code))
}
fn code_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = arg0(&args);
    let c = code(vm, &a)?;
    Ok(Value::Int(crate::hash::str_hash(&c.code.qualname) ^ c.code.first_line as i64))
}

/// `types.FunctionType(code, globals, name=None, argdefs=None, closure=None)`.
fn f_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let names = ["code", "globals", "name", "argdefs", "closure"];
    let pos = &args.pos()[1..];
    if pos.len() > 5 {
        return Err(vm.type_error(format!("function() takes at most 5 arguments ({} given)", pos.len() + args.kwnames.len())));
    }
    let mut vals: [Option<Value>; 5] = Default::default();
    for (i, v) in pos.iter().enumerate() {
        vals[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        match names.iter().position(|n| *n == k) {
            Some(i) if vals[i].is_none() => vals[i] = Some(v.clone()),
            Some(i) => return Err(vm.type_error(format!("argument for function() given by name ('{k}') and position ({})", i + 1))),
            None => return Err(vm.type_error(format!("function() got an unexpected keyword argument '{k}'"))),
        }
    }
    let Some(code_v) = vals[0].clone() else { return Err(vm.type_error("function() missing required argument 'code' (pos 1)")) };
    let Some(globals) = vals[1].clone() else { return Err(vm.type_error("function() missing required argument 'globals' (pos 2)")) };
    let code = match &code_v {
        Value::Obj(o) => match &o.data {
            Data::Code(c) => c.clone(),
            _ => return Err(vm.type_error(format!("function() argument 'code' must be code, not {}", vm.type_name(&code_v)))),
        },
        _ => return Err(vm.type_error(format!("function() argument 'code' must be code, not {}", vm.type_name(&code_v)))),
    };
    let Value::Obj(gref) = &globals else { return Err(vm.type_error(format!("function() argument 'globals' must be dict, not {}", vm.type_name(&globals)))) };
    if globals.as_dict().is_none() {
        return Err(vm.type_error(format!("function() argument 'globals' must be dict, not {}", vm.type_name(&globals))));
    }
    let name = vals[2].clone().unwrap_or(Value::None);
    if !name.is_none() && name.as_str().is_none() {
        return Err(vm.type_error("arg 3 (name) must be None or string"));
    }
    let defaults = vals[3].clone().unwrap_or(Value::None);
    if !defaults.is_none() && !matches!(&defaults, Value::Obj(o) if matches!(o.data, Data::Tuple(_))) {
        return Err(vm.type_error("arg 4 (defaults) must be None or tuple"));
    }
    let closure_v = vals[4].clone().unwrap_or(Value::None);
    let nfree = code.code.localsplus_kinds.iter().filter(|k| **k == LocalKind::Free).count();
    if nfree > 0 && closure_v.is_none() {
        return Err(vm.type_error("arg 5 (closure) must be tuple"));
    }
    if !closure_v.is_none() && !matches!(&closure_v, Value::Obj(o) if matches!(o.data, Data::Tuple(_))) {
        return Err(vm.type_error("arg 5 (closure) must be None or tuple"));
    }
    let cells: Vec<Value> = closure_v.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    if cells.len() != nfree {
        return Err(vm.value_error(format!("{} requires closure of length {}, not {}", code.code.name, nfree, cells.len())));
    }
    let mut closure = Vec::with_capacity(cells.len());
    for c in &cells {
        match c {
            Value::Obj(o) if matches!(o.data, Data::Cell(_)) => closure.push(o.clone()),
            _ => return Err(vm.type_error(format!("arg 5 (closure) expected cell, found {}", vm.type_name(c)))),
        }
    }
    let builtins = crate::interp::frame::builtins_for(vm, gref);
    let fname = if name.is_none() { vm.new_str(&*code.code.name) } else { name };
    let qualname = vm.new_str(&*code.code.qualname);
    let doc = match code.consts.first() {
        Some(v) if v.as_str().is_some() && code.code.flags & egret_frontend::bytecode::code_flags::OPTIMIZED != 0 => v.clone(),
        _ => Value::None,
    };
    let module = vm.dict_get_str(&globals, "__name__").unwrap_or(Value::None);
    let func = Function {
        code,
        globals: gref.clone(),
        builtins,
        name: std::cell::RefCell::new(fname),
        qualname: std::cell::RefCell::new(qualname),
        defaults: std::cell::RefCell::new(defaults),
        kwdefaults: std::cell::RefCell::new(Value::None),
        closure: if nfree > 0 { Some(closure.into_boxed_slice()) } else { None },
        annotations: std::cell::RefCell::new(Value::None),
        doc: std::cell::RefCell::new(doc),
        module: std::cell::RefCell::new(module),
        type_params: std::cell::RefCell::new(vm.empty_tuple.clone()),
    };
    Ok(vm.alloc(vm.t.function.clone(), Data::Function(Box::new(func))))
}

pub fn init(vm: &mut Vm) {
    let f = vm.t.function.clone();
    vm.add_staticmethod(&f, "__new__", f_new);
    tdata(&f).flags.set(tdata(&f).flags.get() | tf::HAS_ATTRS);
    add_getset(vm, &f, "__name__", f_get_name, Some(f_set_name));
    add_getset(vm, &f, "__qualname__", f_get_qualname, Some(f_set_qualname));
    add_getset(vm, &f, "__defaults__", f_get_defaults, Some(f_set_defaults));
    add_getset(vm, &f, "__kwdefaults__", f_get_kwdefaults, Some(f_set_kwdefaults));
    add_getset(vm, &f, "__code__", f_get_code, Some(f_set_code));
    add_getset(vm, &f, "__closure__", f_get_closure, None);
    add_getset(vm, &f, "__globals__", f_get_globals, None);
    add_getset(vm, &f, "__builtins__", f_get_builtins, None);
    add_getset(vm, &f, "__annotations__", f_get_annotations, Some(f_set_annotations));
    add_getset(vm, &f, "__doc__", f_get_doc, Some(f_set_doc));
    add_getset(vm, &f, "__module__", f_get_module, Some(f_set_module));
    add_getset(vm, &f, "__type_params__", f_get_type_params, Some(f_set_type_params));
    add_getset(vm, &f, "__dict__", f_get_dict, None);
    vm.add_method(&f, "__repr__", f_repr);
    vm.add_method(&f, "__get__", f_get);
    vm.add_method(&f, "__call__", f_call);

    let m = vm.t.method.clone();
    add_getset(vm, &m, "__func__", m_func, None);
    add_getset(vm, &m, "__self__", m_self, None);
    vm.add_method(&m, "__getattribute__", m_getattribute);
    vm.add_method(&m, "__repr__", m_repr);
    vm.add_method(&m, "__eq__", m_eq);
    vm.add_method(&m, "__hash__", m_hash);
    vm.add_method(&m, "__get__", m_get);
    vm.add_method(&m, "__call__", m_call);

    for t in [vm.t.builtin_function.clone(), vm.t.method_descriptor.clone(), vm.t.classmethod_descriptor.clone()] {
        add_getset(vm, &t, "__name__", b_name, None);
        add_getset(vm, &t, "__qualname__", b_qualname, None);
        add_getset(vm, &t, "__doc__", b_doc, None);
        vm.add_method(&t, "__repr__", b_repr);
        vm.add_method(&t, "__call__", b_call);
        vm.add_method(&t, "__eq__", b_eq);
        vm.add_method(&t, "__hash__", b_hash);
    }
    let bf = vm.t.builtin_function.clone();
    add_getset(vm, &bf, "__self__", b_self, None);
    add_getset(vm, &bf, "__module__", b_module, None);
    for t in [vm.t.method_descriptor.clone(), vm.t.classmethod_descriptor.clone()] {
        add_getset(vm, &t, "__objclass__", b_objclass, None);
        vm.add_method(&t, "__get__", b_get);
    }

    let c = vm.t.cell.clone();
    add_getset(vm, &c, "cell_contents", cell_contents, Some(cell_set_contents));
    vm.add_method(&c, "__repr__", cell_repr);
    vm.add_staticmethod(&c, "__new__", cell_new);

    let co = vm.t.code.clone();
    add_getset(vm, &co, "co_name", co_name, None);
    add_getset(vm, &co, "co_qualname", co_qualname, None);
    add_getset(vm, &co, "co_filename", co_filename, None);
    add_getset(vm, &co, "co_firstlineno", co_firstlineno, None);
    add_getset(vm, &co, "co_argcount", co_argcount, None);
    add_getset(vm, &co, "co_posonlyargcount", co_posonlyargcount, None);
    add_getset(vm, &co, "co_kwonlyargcount", co_kwonlyargcount, None);
    add_getset(vm, &co, "co_flags", co_flags, None);
    add_getset(vm, &co, "co_stacksize", co_stacksize, None);
    add_getset(vm, &co, "co_nlocals", co_nlocals, None);
    add_getset(vm, &co, "co_varnames", co_varnames, None);
    add_getset(vm, &co, "co_cellvars", co_cellvars, None);
    add_getset(vm, &co, "co_freevars", co_freevars, None);
    add_getset(vm, &co, "co_names", co_names, None);
    add_getset(vm, &co, "co_consts", co_consts, None);
    add_getset(vm, &co, "co_code", co_code, None);
    vm.add_method(&co, "__repr__", code_repr);
    vm.add_method(&co, "__eq__", code_eq);
    vm.add_method(&co, "__hash__", code_hash);
}
