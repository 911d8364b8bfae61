//! Function creation (`MakeFunction`, `SetFunctionAttribute`),
//! `CallFunctionEx` (`f(*args, **kwargs)`), and the `CallIntrinsic1/2`
//! helpers.

use super::eval::Control;
use super::frame::Frame;
use crate::function::Function;
use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::bytecode::{code_flags, FunctionAttribute, Intrinsic1, Intrinsic2};
use std::cell::RefCell;
use std::rc::Rc;

pub fn make_function(vm: &mut Vm, f: &mut Frame) -> PyResult<()> {
    let code_v = f.pop();
    let code = match &code_v {
        Value::Obj(o) => match &o.data {
            Data::Code(c) => c.clone(),
            _ => return Err(vm.type_error("MakeFunction expects a code object")),
        },
        _ => return Err(vm.type_error("MakeFunction expects a code object")),
    };
    let name = vm.new_str(&*code.code.name);
    let qualname = vm.new_str(&*code.code.qualname);
    let doc = match code.consts.first() {
        Some(v) if v.as_str().is_some() && code.code.flags & code_flags::OPTIMIZED != 0 => v.clone(),
        _ => Value::None,
    };
    let module = vm.dict_get_str(&Value::Obj(f.globals.clone()), "__name__").unwrap_or(Value::None);
    let func = Function {
        code,
        globals: f.globals.clone(),
        builtins: f.builtins.clone(),
        name: RefCell::new(name),
        qualname: RefCell::new(qualname),
        defaults: RefCell::new(Value::None),
        kwdefaults: RefCell::new(Value::None),
        closure: None,
        annotations: RefCell::new(Value::None),
        doc: RefCell::new(doc),
        module: RefCell::new(module),
        type_params: RefCell::new(vm.empty_tuple.clone()),
    };
    let v = vm.alloc(vm.t.function.clone(), Data::Function(Box::new(func)));
    f.push(v);
    Ok(())
}

pub fn set_function_attribute(vm: &mut Vm, f: &mut Frame, arg: u32) -> PyResult<()> {
    let mut func = f.pop();
    let value = f.pop();
    if arg == FunctionAttribute::Closure as u32 {
        let cells: Vec<crate::value::PyRef> = value.as_tuple().unwrap_or(&[]).iter().filter_map(|c| c.as_obj().cloned()).collect();
        let Value::Obj(o) = &mut func else { return Err(vm.type_error("expected a function")) };
        match Rc::get_mut(o) {
            Some(obj) => {
                if let Data::Function(fd) = &mut obj.data {
                    fd.closure = Some(cells.into_boxed_slice());
                }
            }
            None => return Err(vm.new_error(&vm.e.system_error.clone(), "closure set on a shared function object")),
        }
        f.push(func);
        return Ok(());
    }
    let Some(fd) = func.as_obj().and_then(|o| match &o.data {
        Data::Function(fd) => Some(fd),
        _ => None,
    }) else {
        return Err(vm.type_error("expected a function"));
    };
    match arg {
        a if a == FunctionAttribute::Defaults as u32 => *fd.defaults.borrow_mut() = value,
        a if a == FunctionAttribute::KwDefaults as u32 => *fd.kwdefaults.borrow_mut() = value,
        a if a == FunctionAttribute::Annotations as u32 => {
            let ann = if let Some(items) = value.as_tuple() {
                let items = items.to_vec();
                let d = vm.new_dict();
                for pair in items.chunks(2) {
                    if let [k, v] = pair {
                        vm.dict_set(&d, k.clone(), v.clone())?;
                    }
                }
                d
            } else {
                value
            };
            *fd.annotations.borrow_mut() = ann;
        }
        _ => return Err(vm.new_error(&vm.e.system_error.clone(), "bad SetFunctionAttribute argument")),
    }
    f.push(func);
    Ok(())
}

/// `f(*args, **kwargs)`.
pub fn call_function_ex(vm: &mut Vm, f: &mut Frame, arg: u32) -> PyResult<Control> {
    let kwargs = if arg & 1 != 0 { Some(f.pop()) } else { None };
    let args = f.pop();
    let callable = f.pop();
    let _null = f.pop();
    let mut argv: Vec<Value> = match args.as_tuple() {
        Some(t) => t.to_vec(),
        None => {
            let ty = vm.type_of(&args);
            if crate::slots::special(&ty, "__iter__").is_none() && crate::slots::special(&ty, "__getitem__").is_none() {
                let fs = super::opcodes::function_str(vm, &callable);
                return Err(vm.type_error(format!("{} argument after * must be an iterable, not {}", fs, vm.type_name(&args))));
            }
            vm.collect(&args)?
        }
    };
    let mut kwnames: Vec<Value> = Vec::new();
    if let Some(kw) = kwargs {
        let kw = if kw.as_dict().is_some() {
            kw
        } else {
            if vm.getattr_opt(&kw, "keys")?.is_none() {
                let fs = super::opcodes::function_str(vm, &callable);
                return Err(vm.type_error(format!("{} argument after ** must be a mapping, not {}", fs, vm.type_name(&kw))));
            }
            let d = vm.new_dict();
            super::opcodes::dict_update_from(vm, &d, &kw)?;
            d
        };
        let items = kw.as_dict().map(|d| d.borrow().items()).unwrap_or_default();
        for (k, v) in items {
            if k.as_str().is_none() {
                let fs = super::opcodes::function_str(vm, &callable);
                return Err(vm.type_error(format!("{} keywords must be strings", fs)));
            }
            kwnames.push(k);
            argv.push(v);
        }
    }
    if let Value::Obj(o) = &callable {
        if let Data::Function(func) = &o.data {
            if !func.code.code.is_generator_like() {
                if vm.recursion_depth >= vm.recursion_limit {
                    return Err(vm.recursion_error("maximum recursion depth exceeded"));
                }
                let frame = super::frame::new_function_frame(vm, o, func, &argv, &kwnames)?;
                return Ok(Control::CallFrame(frame));
            }
        }
    }
    let r = vm.call_kw(&callable, &argv, &kwnames)?;
    f.push(r);
    Ok(Control::Next)
}

fn display_hook(vm: &mut Vm, v: Value) -> PyResult<()> {
    let sys = vm.dict_get_str(&Value::Obj(vm.modules.clone()), "sys");
    if let Some(sys) = sys {
        if let Some(hook) = vm.getattr_opt(&sys, "displayhook")? {
            vm.call(&hook, &[v])?;
            return Ok(());
        }
    }
    if !v.is_none() {
        let r = vm.repr_string(&v)?;
        println!("{}", r);
        vm.dict_set_str(&Value::Obj(vm.builtins.clone()), "_", v);
    }
    Ok(())
}

pub fn call_intrinsic1(vm: &mut Vm, f: &mut Frame, arg: u32) -> PyResult<()> {
    let v = f.pop();
    let which = Intrinsic1::from_arg(arg).ok_or_else(|| vm.new_error(&vm.e.system_error.clone(), "bad intrinsic"))?;
    let r = match which {
        Intrinsic1::Print => {
            display_hook(vm, v)?;
            Value::None
        }
        Intrinsic1::ImportStar => {
            super::opcodes::import_star(vm, f, &v)?;
            Value::None
        }
        Intrinsic1::StopIterationError => {
            let flags = f.code.code.flags;
            let kind = if flags & code_flags::COROUTINE != 0 {
                super::generator::GenKind::Coroutine
            } else if flags & code_flags::ASYNC_GENERATOR != 0 {
                super::generator::GenKind::AsyncGenerator
            } else {
                super::generator::GenKind::Generator
            };
            super::generator::convert_stop_iteration(vm, kind, crate::PyErr(v)).0
        }
        Intrinsic1::AsyncGenWrap => super::generator::wrap_async_gen_value(vm, v),
        Intrinsic1::UnaryPositive => vm.unary_op(&v, "__pos__", "+")?,
        Intrinsic1::ListToTuple => {
            let items = v.as_list().map(|l| l.borrow().clone()).unwrap_or_default();
            vm.new_tuple(items)
        }
        Intrinsic1::TypeVar => super::typing_intrinsics::make_typevar(vm, v, Value::None, Value::None)?,
        Intrinsic1::ParamSpec => super::typing_intrinsics::make_paramspec(vm, v)?,
        Intrinsic1::TypeVarTuple => super::typing_intrinsics::make_typevartuple(vm, v)?,
        Intrinsic1::SubscriptGeneric => super::typing_intrinsics::subscript_generic(vm, v)?,
        Intrinsic1::TypeAlias => super::typing_intrinsics::make_type_alias(vm, v)?,
    };
    f.push(r);
    Ok(())
}

pub fn call_intrinsic2(vm: &mut Vm, f: &mut Frame, arg: u32) -> PyResult<()> {
    let v1 = f.pop();
    let v2 = f.pop();
    let which = Intrinsic2::from_arg(arg).ok_or_else(|| vm.new_error(&vm.e.system_error.clone(), "bad intrinsic"))?;
    let r = match which {
        Intrinsic2::PrepReraiseStar => super::exc::prep_reraise_star(vm, v2, v1)?,
        Intrinsic2::TypeVarWithBound => super::typing_intrinsics::make_typevar(vm, v2, v1, Value::None)?,
        Intrinsic2::TypeVarWithConstraints => super::typing_intrinsics::make_typevar(vm, v2, Value::None, v1)?,
        Intrinsic2::SetFunctionTypeParams => {
            let (func, params) = if matches!(&v1, Value::Obj(o) if matches!(o.data, Data::Function(_))) { (v1, v2) } else { (v2, v1) };
            if let Some(Data::Function(fd)) = func.as_obj().map(|o| &o.data) {
                *fd.type_params.borrow_mut() = params;
            }
            func
        }
    };
    f.push(r);
    Ok(())
}
