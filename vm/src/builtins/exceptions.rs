//! (Owned by the lead.) `BaseException` and the builtin exception classes:
//! construction, `args`, `str`/`repr`, chaining attributes, notes, and the
//! per-class fields (`StopIteration.value`, `OSError.errno`, `SyntaxError`'s
//! location, `ExceptionGroup`'s `split`/`subgroup`/`derive`).

use crate::descriptor::GetSet;
use crate::exception::ExceptionData;
use crate::function::Args;
use crate::types::{is_subtype, tdata};
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use std::cell::RefCell;
use std::rc::Rc;

pub fn init(vm: &mut Vm) {
    for (name, cls) in vm.e.all() {
        if let Some((_, doc)) = EXCEPTION_DOCS.iter().find(|(n, _)| *n == name) {
            let d = vm.new_str(*doc);
            vm.set_type_attr(&cls, "__doc__", d);
        }
    }
    let be = vm.e.base_exception.clone();
    vm.add_staticmethod(&be, "__new__", base_new);
    vm.add_method(&be, "__init__", base_init);
    vm.add_method(&be, "__str__", base_str);
    vm.add_method(&be, "__repr__", base_repr);
    vm.add_method(&be, "with_traceback", with_traceback);
    vm.add_method(&be, "add_note", add_note);
    vm.add_method(&be, "__reduce__", base_reduce);
    add_getset(vm, &be, "args", get_args, Some(set_args));
    add_getset(vm, &be, "__traceback__", get_traceback, Some(set_traceback));
    add_getset(vm, &be, "__cause__", get_cause, Some(set_cause));
    add_getset(vm, &be, "__context__", get_context, Some(set_context));
    add_getset(vm, &be, "__suppress_context__", get_suppress, Some(set_suppress));

    let ke = vm.e.key_error.clone();
    vm.add_method(&ke, "__str__", key_error_str);
    let si = vm.e.stop_iteration.clone();
    vm.add_method(&si, "__init__", stop_iteration_init);
    let se = vm.e.system_exit.clone();
    vm.add_method(&se, "__init__", system_exit_init);
    let ie = vm.e.import_error.clone();
    vm.add_method(&ie, "__init__", import_error_init);
    vm.add_method(&ie, "__str__", import_error_str);
    let ae = vm.e.attribute_error.clone();
    vm.add_method(&ae, "__init__", attribute_error_init);
    let ne = vm.e.name_error.clone();
    vm.add_method(&ne, "__init__", name_error_init);
    let oe = vm.e.os_error.clone();
    vm.add_staticmethod(&oe, "__new__", os_error_new);
    vm.add_method(&oe, "__init__", os_error_init);
    vm.add_method(&oe, "__str__", os_error_str);
    let sy = vm.e.syntax_error.clone();
    vm.add_method(&sy, "__init__", syntax_error_init);
    vm.add_method(&sy, "__str__", syntax_error_str);
    let ud = vm.e.unicode_decode_error.clone();
    vm.add_method(&ud, "__init__", unicode_error_init);
    vm.add_method(&ud, "__str__", unicode_error_str);
    let ue = vm.e.unicode_encode_error.clone();
    vm.add_method(&ue, "__init__", unicode_error_init);
    vm.add_method(&ue, "__str__", unicode_error_str);

    let beg = vm.e.base_exception_group.clone();
    vm.add_staticmethod(&beg, "__new__", group_new);
    vm.add_method(&beg, "__init__", group_init);
    vm.add_method(&beg, "__str__", group_str);
    vm.add_method(&beg, "__repr__", group_repr);
    vm.add_method(&beg, "derive", group_derive);
    vm.add_method(&beg, "split", group_split);
    vm.add_method(&beg, "subgroup", group_subgroup);
    add_getset(vm, &beg, "message", group_message, None);
    add_getset(vm, &beg, "exceptions", group_exceptions, None);

    let b = Value::Obj(vm.builtins.clone());
    for (name, ty) in vm.e.all() {
        vm.dict_set_str(&b, name, Value::Obj(ty.clone()));
        let m = vm.intern("builtins");
        vm.set_type_attr(&ty, "__module__", m);
    }
    let env = Value::Obj(vm.e.os_error.clone());
    vm.dict_set_str(&b, "EnvironmentError", env.clone());
    vm.dict_set_str(&b, "IOError", env);
}

fn add_getset(vm: &mut Vm, ty: &PyRef, name: &'static str, get: crate::descriptor::Getter, set: Option<crate::descriptor::Setter>) {
    let owner: &'static str = match &*tdata(ty).name() {
        "BaseException" => "BaseException",
        "BaseExceptionGroup" => "BaseExceptionGroup",
        _ => "object",
    };
    let gs = vm.alloc(vm.t.object.clone(), Data::Native(Box::new(GetSet { name, get, set, owner })));
    vm.set_type_attr(ty, name, gs);
}

/// The exception payload of `v` or a TypeError.
fn data<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a RefCell<ExceptionData>> {
    vm.exception_data(v).ok_or_else(|| vm.type_error("descriptor requires a 'BaseException' object"))
}

fn base_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let cls = match pos.first() {
        Some(Value::Obj(c)) if matches!(c.data, Data::Type(_)) => c.clone(),
        _ => return Err(vm.type_error("BaseException.__new__(X): X is not a type object")),
    };
    if !is_subtype(&cls, &vm.e.base_exception) {
        return Err(vm.type_error(format!("BaseException.__new__({}): {} is not a subtype of BaseException", tdata(&cls).name(), tdata(&cls).name())));
    }
    let args = vm.new_tuple(pos[1..].to_vec());
    Ok(vm.alloc(cls, Data::Exception(Box::new(RefCell::new(ExceptionData::new(args))))))
}

fn base_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let this = &pos[0];
    if a.has_kwargs() {
        let ty = vm.type_of(this);
        if Rc::ptr_eq(&ty, &vm.e.base_exception) || !tdata(&ty).has_flag(crate::types::type_flags::HEAPTYPE) {
            return Err(vm.type_error(format!("{}() takes no keyword arguments", tdata(&ty).name())));
        }
    }
    let args = vm.new_tuple(pos[1..].to_vec());
    data(vm, this)?.borrow_mut().args = args;
    Ok(Value::None)
}

pub fn exception_args(vm: &Vm, exc: &Value) -> Vec<Value> {
    vm.exception_data(exc).map(|d| d.borrow().args.as_tuple().map(|t| t.to_vec()).unwrap_or_default()).unwrap_or_default()
}

fn base_str(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = exception_args(vm, &a.pos()[0]);
    match args.len() {
        0 => Ok(vm.new_str("")),
        1 => vm.str(&args[0]),
        _ => {
            let t = vm.new_tuple(args);
            vm.str(&t)
        }
    }
}

fn base_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let this = &a.pos()[0];
    let name = vm.type_name(this);
    let args = exception_args(vm, this);
    let inner = if args.len() == 1 {
        vm.repr_string(&args[0])?
    } else {
        let t = vm.new_tuple(args.clone());
        let r = vm.repr_string(&t)?;
        r[1..r.len() - 1].to_string()
    };
    Ok(vm.new_str(format!("{name}({inner})")))
}

fn base_reduce(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let this = &a.pos()[0];
    let ty = Value::Obj(vm.type_of(this));
    let args = data(vm, this)?.borrow().args.clone();
    Ok(vm.new_pair(ty, args))
}

fn with_traceback(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    if pos.len() != 2 {
        return Err(vm.type_error(format!("BaseException.with_traceback() takes exactly one argument ({} given)", pos.len() - 1)));
    }
    set_traceback(vm, &pos[0], Some(pos[1].clone()))?;
    Ok(pos[0].clone())
}

fn add_note(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    if pos.len() != 2 {
        return Err(vm.type_error(format!("BaseException.add_note() takes exactly one argument ({} given)", pos.len() - 1)));
    }
    let note = &pos[1];
    if note.as_str().is_none() {
        return Err(vm.type_error(format!("note must be a str, not '{}'", vm.type_name(note))));
    }
    let notes = match vm.get_attr_raw(&pos[0], "__notes__") {
        Some(n) => n,
        None => {
            let l = vm.new_list(vec![]);
            let _ = vm.set_attr_raw(&pos[0], "__notes__", l.clone());
            l
        }
    };
    match notes.as_list() {
        Some(l) => l.borrow_mut().push(note.clone()),
        None => return Err(vm.type_error("Cannot add note: __notes__ is not a list")),
    }
    Ok(Value::None)
}

fn get_args(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(data(vm, this)?.borrow().args.clone())
}
fn set_args(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let v = v.ok_or_else(|| vm.type_error("args may not be deleted"))?;
    let items = vm.collect(&v)?;
    let t = vm.new_tuple(items);
    data(vm, this)?.borrow_mut().args = t;
    Ok(())
}
fn get_traceback(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(data(vm, this)?.borrow().traceback.clone())
}
fn set_traceback(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let v = v.ok_or_else(|| vm.type_error("__traceback__ may not be deleted"))?;
    if !v.is_none() && v.native::<crate::traceback::Traceback>().is_none() {
        return Err(vm.type_error("__traceback__ must be a traceback or None"));
    }
    data(vm, this)?.borrow_mut().traceback = v;
    Ok(())
}
fn get_cause(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(data(vm, this)?.borrow().cause.clone())
}
fn set_cause(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let v = v.ok_or_else(|| vm.type_error("__cause__ may not be deleted"))?;
    if !v.is_none() && vm.exception_data(&v).is_none() {
        return Err(vm.type_error("exception cause must be None or derive from BaseException"));
    }
    let d = data(vm, this)?;
    let mut d = d.borrow_mut();
    d.cause = v;
    d.suppress_context = true;
    Ok(())
}
fn get_context(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(data(vm, this)?.borrow().context.clone())
}
fn set_context(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let v = v.ok_or_else(|| vm.type_error("__context__ may not be deleted"))?;
    if !v.is_none() && vm.exception_data(&v).is_none() {
        return Err(vm.type_error("exception context must be None or derive from BaseException"));
    }
    data(vm, this)?.borrow_mut().context = v;
    Ok(())
}
fn get_suppress(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::bool(data(vm, this)?.borrow().suppress_context))
}
fn set_suppress(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let v = v.ok_or_else(|| vm.type_error("__suppress_context__ may not be deleted"))?;
    let b = vm.truthy(&v)?;
    data(vm, this)?.borrow_mut().suppress_context = b;
    Ok(())
}

fn key_error_str(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = exception_args(vm, &a.pos()[0]);
    if args.len() == 1 {
        return vm.repr(&args[0]);
    }
    base_str(vm, a)
}

fn stop_iteration_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    base_init(vm, a)?;
    let pos = a.pos();
    let value = pos.get(1).cloned().unwrap_or(Value::None);
    let _ = vm.set_attr_raw(&pos[0], "value", value);
    Ok(Value::None)
}

fn system_exit_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    base_init(vm, a)?;
    let pos = a.pos();
    let code = match pos.len() {
        1 => Value::None,
        2 => pos[1].clone(),
        _ => vm.new_tuple(pos[1..].to_vec()),
    };
    let _ = vm.set_attr_raw(&pos[0], "code", code);
    Ok(Value::None)
}

/// Sets the keyword-only attributes `names` from `a`'s keywords (None if absent);
/// any other keyword is an error in CPython's words for `cls_name`.
fn keyword_attrs(vm: &mut Vm, a: &Args, this: &Value, names: &[&str], cls_name: &str) -> PyResult<()> {
    for (k, _) in a.kwargs() {
        if !names.contains(&k) {
            return Err(vm.type_error(format!("'{}' is an invalid keyword argument for {}()", k, cls_name)));
        }
    }
    for n in names {
        let v = a.kwarg(n).cloned().unwrap_or(Value::None);
        let _ = vm.set_attr_raw(this, n, v);
    }
    Ok(())
}

fn import_error_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let args = vm.new_tuple(pos[1..].to_vec());
    data(vm, &pos[0])?.borrow_mut().args = args;
    keyword_attrs(vm, &a, &pos[0], &["name", "path"], "ImportError")?;
    let msg = if pos.len() == 2 { pos[1].clone() } else { Value::None };
    let _ = vm.set_attr_raw(&pos[0], "msg", msg);
    Ok(Value::None)
}

fn import_error_str(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let this = &a.pos()[0];
    if let Some(m) = vm.get_attr_raw(this, "msg") {
        if !m.is_none() {
            return vm.str(&m);
        }
    }
    base_str(vm, a)
}

fn attribute_error_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let args = vm.new_tuple(pos[1..].to_vec());
    data(vm, &pos[0])?.borrow_mut().args = args;
    keyword_attrs(vm, &a, &pos[0], &["name", "obj"], "AttributeError")?;
    Ok(Value::None)
}

fn name_error_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let args = vm.new_tuple(pos[1..].to_vec());
    data(vm, &pos[0])?.borrow_mut().args = args;
    keyword_attrs(vm, &a, &pos[0], &["name"], "NameError")?;
    Ok(Value::None)
}

/// `OSError(errno, strerror, ...)` picks the subclass matching the errno.
fn os_error_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let mut cls = match pos.first() {
        Some(Value::Obj(c)) if matches!(c.data, Data::Type(_)) => c.clone(),
        _ => return Err(vm.type_error("OSError.__new__(X): X is not a type object")),
    };
    if Rc::ptr_eq(&cls, &vm.e.os_error) && pos.len() >= 3 {
        if let Value::Int(errno) = pos[1] {
            if let Some(sub) = errno_subclass(vm, errno) {
                cls = sub;
            }
        }
    }
    let args = vm.new_tuple(pos[1..].to_vec());
    Ok(vm.alloc(cls, Data::Exception(Box::new(RefCell::new(ExceptionData::new(args))))))
}

fn errno_subclass(vm: &Vm, errno: i64) -> Option<PyRef> {
    let e = &vm.e;
    Some(match errno {
        2 => e.file_not_found_error.clone(),
        17 => e.file_exists_error.clone(),
        20 => e.not_a_directory_error.clone(),
        21 => e.is_a_directory_error.clone(),
        1 | 13 => e.permission_error.clone(),
        3 => e.process_lookup_error.clone(),
        4 => e.interrupted_error.clone(),
        10 => e.child_process_error.clone(),
        11 | 114 | 115 => e.blocking_io_error.clone(),
        32 | 108 => e.broken_pipe_error.clone(),
        103 => e.connection_aborted_error.clone(),
        104 => e.connection_reset_error.clone(),
        110 => e.timeout_error.clone(),
        111 => e.connection_refused_error.clone(),
        _ => return None,
    })
}

fn os_error_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let this = &pos[0];
    let rest = &pos[1..];
    let (errno, strerror, filename, filename2) = if (2..=5).contains(&rest.len()) {
        (rest[0].clone(), rest[1].clone(), rest.get(2).cloned().unwrap_or(Value::None), rest.get(4).cloned().unwrap_or(Value::None))
    } else {
        (Value::None, Value::None, Value::None, Value::None)
    };
    // CPython keeps only (errno, strerror) in args when a filename is given.
    let args = if rest.len() >= 3 && rest.len() <= 5 { vm.new_tuple(rest[..2].to_vec()) } else { vm.new_tuple(rest.to_vec()) };
    data(vm, this)?.borrow_mut().args = args;
    let _ = vm.set_attr_raw(this, "errno", errno);
    let _ = vm.set_attr_raw(this, "strerror", strerror);
    let _ = vm.set_attr_raw(this, "filename", filename);
    let _ = vm.set_attr_raw(this, "filename2", filename2);
    Ok(Value::None)
}

fn os_error_str(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let this = &a.pos()[0];
    let errno = vm.get_attr_raw(this, "errno").unwrap_or(Value::None);
    let strerror = vm.get_attr_raw(this, "strerror").unwrap_or(Value::None);
    let filename = vm.get_attr_raw(this, "filename").unwrap_or(Value::None);
    let filename2 = vm.get_attr_raw(this, "filename2").unwrap_or(Value::None);
    if !filename.is_none() {
        let e = vm.str_string(&errno)?;
        let s = vm.str_string(&strerror)?;
        let f = vm.repr_string(&filename)?;
        if !filename2.is_none() {
            let f2 = vm.repr_string(&filename2)?;
            return Ok(vm.new_str(format!("[Errno {e}] {s}: {f} -> {f2}")));
        }
        return Ok(vm.new_str(format!("[Errno {e}] {s}: {f}")));
    }
    if !errno.is_none() && !strerror.is_none() {
        let e = vm.str_string(&errno)?;
        let s = vm.str_string(&strerror)?;
        return Ok(vm.new_str(format!("[Errno {e}] {s}")));
    }
    base_str(vm, a)
}

fn syntax_error_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let this = &pos[0];
    let args = vm.new_tuple(pos[1..].to_vec());
    data(vm, this)?.borrow_mut().args = args;
    let msg = pos.get(1).cloned().unwrap_or(Value::None);
    let _ = vm.set_attr_raw(this, "msg", msg);
    let names = ["filename", "lineno", "offset", "text", "end_lineno", "end_offset"];
    let details = match pos.get(2) {
        Some(d) => {
            let items = vm.collect(d)?;
            if items.len() < 4 || items.len() > 6 {
                return Err(vm.index_error("tuple index out of range"));
            }
            items
        }
        None => vec![],
    };
    for (i, n) in names.iter().enumerate() {
        let v = details.get(i).cloned().unwrap_or(Value::None);
        let _ = vm.set_attr_raw(this, n, v);
    }
    let _ = vm.set_attr_raw(this, "print_file_and_line", Value::None);
    Ok(Value::None)
}

fn syntax_error_str(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let this = &a.pos()[0];
    let msg = vm.get_attr_raw(this, "msg").unwrap_or(Value::None);
    let msg = vm.str_string(&msg)?;
    let filename = vm.get_attr_raw(this, "filename").unwrap_or(Value::None);
    let lineno = vm.get_attr_raw(this, "lineno").unwrap_or(Value::None);
    let file = filename.as_str().map(|f| f.rsplit('/').next().unwrap_or(f).to_string());
    let out = match (file, &lineno) {
        (Some(f), Value::Int(l)) => format!("{msg} ({f}, line {l})"),
        (Some(f), _) => format!("{msg} ({f})"),
        (None, Value::Int(l)) => format!("{msg} (line {l})"),
        _ => msg,
    };
    Ok(vm.new_str(out))
}

fn unicode_error_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let this = &pos[0];
    let args = vm.new_tuple(pos[1..].to_vec());
    data(vm, this)?.borrow_mut().args = args;
    if pos.len() == 6 {
        for (i, n) in ["encoding", "object", "start", "end", "reason"].iter().enumerate() {
            let _ = vm.set_attr_raw(this, n, pos[i + 1].clone());
        }
    }
    Ok(Value::None)
}

fn unicode_error_str(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let this = &a.pos()[0];
    let get = |vm: &Vm, n: &str| vm.get_attr_raw(this, n);
    let (Some(enc), Some(obj), Some(Value::Int(start)), Some(Value::Int(end)), Some(reason)) =
        (get(vm, "encoding"), get(vm, "object"), get(vm, "start"), get(vm, "end"), get(vm, "reason"))
    else {
        return base_str(vm, a);
    };
    let enc = vm.str_string(&enc)?;
    let reason = vm.str_string(&reason)?;
    let decoding = vm.is_instance(this, &vm.e.unicode_decode_error.clone());
    if decoding {
        let bytes: Vec<u8> = match obj.as_obj().map(|o| &o.data) {
            Some(Data::Bytes(b)) => b.to_vec(),
            Some(Data::ByteArray(b)) => b.borrow().clone(),
            _ => vec![],
        };
        if end == start + 1 {
            let b = bytes.get(start as usize).copied().unwrap_or(0);
            return Ok(vm.new_str(format!("'{enc}' codec can't decode byte 0x{b:02x} in position {start}: {reason}")));
        }
        return Ok(vm.new_str(format!("'{enc}' codec can't decode bytes in position {start}-{}: {reason}", end - 1)));
    }
    let s = obj.as_str().unwrap_or("").to_string();
    if end == start + 1 {
        let c = egret_frontend::surrogates::code_point(s.chars().nth(start as usize).unwrap_or('\0'));
        let esc = if c <= 0xff {
            format!("\\x{c:02x}")
        } else if c <= 0xffff {
            format!("\\u{c:04x}")
        } else {
            format!("\\U{c:08x}")
        };
        return Ok(vm.new_str(format!("'{enc}' codec can't encode character '{esc}' in position {start}: {reason}")));
    }
    Ok(vm.new_str(format!("'{enc}' codec can't encode characters in position {start}-{}: {reason}", end - 1)))
}

// ----- exception groups --------------------------------------------------------

fn group_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let mut cls = match pos.first() {
        Some(Value::Obj(c)) if matches!(c.data, Data::Type(_)) => c.clone(),
        _ => return Err(vm.type_error("BaseExceptionGroup.__new__(X): X is not a type object")),
    };
    if a.has_kwargs() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", tdata(&cls).name())));
    }
    if pos.len() != 3 {
        return Err(vm.type_error(format!("BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)", pos.len() - 1)));
    }
    let message = &pos[1];
    if message.as_str().is_none() {
        return Err(vm.type_error(format!("BaseExceptionGroup.__new__() argument 1 must be str, not {}", vm.type_name(message))));
    }
    let seq = &pos[2];
    let is_seq = matches!(seq.as_obj().map(|o| &o.data), Some(Data::List(_)) | Some(Data::Tuple(_)))
        || crate::slots::special(&vm.type_of(seq), "__getitem__").is_some() && crate::slots::special(&vm.type_of(seq), "__len__").is_some() && seq.as_dict().is_none();
    if !is_seq {
        return Err(vm.type_error("second argument (exceptions) must be a sequence"));
    }
    let excs = vm.collect(seq)?;
    if excs.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut all_exceptions = true;
    for (i, e) in excs.iter().enumerate() {
        if vm.exception_data(e).is_none() {
            return Err(vm.value_error(format!("Item {i} of second argument (exceptions) is not an exception")));
        }
        if !vm.is_instance(e, &vm.e.exception.clone()) {
            all_exceptions = false;
        }
    }
    if Rc::ptr_eq(&cls, &vm.e.base_exception_group) {
        if all_exceptions {
            cls = vm.e.exception_group.clone();
        }
    } else if is_subtype(&cls, &vm.e.exception) && !all_exceptions {
        if Rc::ptr_eq(&cls, &vm.e.exception_group) {
            return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
        return Err(vm.type_error(format!("Cannot nest BaseExceptions in '{}'", tdata(&cls).name())));
    }
    let args = vm.new_pair(message.clone(), seq.clone());
    let obj = vm.alloc(cls, Data::Exception(Box::new(RefCell::new(ExceptionData::new(args)))));
    let _ = vm.set_attr_raw(&obj, "__egret_message__", message.clone());
    let t = vm.new_tuple(excs);
    let _ = vm.set_attr_raw(&obj, "__egret_exceptions__", t);
    Ok(obj)
}

fn group_init(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn group_message(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(vm.get_attr_raw(this, "__egret_message__").unwrap_or(Value::None))
}

fn group_exceptions(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(vm.get_attr_raw(this, "__egret_exceptions__").unwrap_or(Value::None))
}

fn group_excs(vm: &Vm, this: &Value) -> Vec<Value> {
    vm.get_attr_raw(this, "__egret_exceptions__").and_then(|t| t.as_tuple().map(|t| t.to_vec())).unwrap_or_default()
}

fn group_str(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let this = &a.pos()[0];
    let msg = vm.get_attr_raw(this, "__egret_message__").unwrap_or(Value::None);
    let msg = vm.str_string(&msg)?;
    let n = group_excs(vm, this).len();
    Ok(vm.new_str(format!("{msg} ({n} sub-exception{})", if n == 1 { "" } else { "s" })))
}

fn group_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let this = &a.pos()[0];
    let name = vm.type_name(this);
    let args = exception_args(vm, this);
    let mut parts = Vec::new();
    for x in &args {
        parts.push(vm.repr_string(x)?);
    }
    Ok(vm.new_str(format!("{name}({})", parts.join(", "))))
}

/// `eg.derive(excs)`: a new group of the same message (plain BaseExceptionGroup/ExceptionGroup).
fn group_derive(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let msg = vm.get_attr_raw(&pos[0], "__egret_message__").unwrap_or(Value::None);
    let excs = pos.get(1).cloned().unwrap_or(Value::None);
    let beg = Value::Obj(vm.e.base_exception_group.clone());
    vm.call(&beg, &[msg, excs])
}

/// Copies `__traceback__`, `__cause__`, `__context__` and `__notes__` onto a derived group.
fn copy_group_metadata(vm: &mut Vm, from: &Value, to: &Value) -> PyResult<()> {
    let (tb, cause, ctx) = {
        let d = data(vm, from)?.borrow();
        (d.traceback.clone(), d.cause.clone(), d.context.clone())
    };
    {
        let mut d = data(vm, to)?.borrow_mut();
        d.traceback = tb;
        d.cause = cause;
        d.context = ctx;
    }
    if let Some(notes) = vm.get_attr_raw(from, "__notes__") {
        let _ = vm.set_attr_raw(to, "__notes__", notes);
    }
    Ok(())
}

/// A matcher for split/subgroup: a type, a tuple of types, or a predicate.
fn matches(vm: &mut Vm, cond: &Value, exc: &Value) -> PyResult<bool> {
    match cond {
        Value::Obj(o) if matches!(o.data, Data::Type(_)) => Ok(vm.is_instance(exc, o)),
        Value::Obj(o) if matches!(o.data, Data::Tuple(_)) => {
            for t in cond.as_tuple().unwrap().to_vec() {
                if let Value::Obj(to) = &t {
                    if vm.is_instance(exc, to) {
                        return Ok(true);
                    }
                }
            }
            Ok(false)
        }
        _ => {
            let r = vm.call(cond, &[exc.clone()])?;
            vm.truthy(&r)
        }
    }
}

fn check_condition(vm: &mut Vm, cond: &Value) -> PyResult<()> {
    let ok = match cond {
        Value::Obj(o) => match &o.data {
            Data::Type(_) => is_subtype(o, &vm.e.base_exception),
            Data::Tuple(t) => t.iter().all(|x| matches!(x, Value::Obj(xo) if matches!(xo.data, Data::Type(_)) && is_subtype(xo, &vm.e.base_exception))),
            _ => crate::slots::special(&o.ty, "__call__").is_some() || matches!(o.data, Data::Function(_) | Data::Builtin(_) | Data::BoundMethod(_)),
        },
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(vm.type_error("expected an exception type, a tuple of exception types, or a callable (other than a class)"))
    }
}

/// Splits `eg` into (matching, rest), recursively; either may be None.
pub fn split_group(vm: &mut Vm, eg: &Value, cond: &Value) -> PyResult<(Value, Value)> {
    if matches(vm, cond, eg)? {
        return Ok((eg.clone(), Value::None));
    }
    let is_group = vm.is_instance(eg, &vm.e.base_exception_group.clone());
    if !is_group {
        return Ok((Value::None, eg.clone()));
    }
    let mut yes = Vec::new();
    let mut no = Vec::new();
    for e in group_excs(vm, eg) {
        let (m, r) = split_group(vm, &e, cond)?;
        if !m.is_none() {
            yes.push(m);
        }
        if !r.is_none() {
            no.push(r);
        }
    }
    let make = |vm: &mut Vm, items: Vec<Value>| -> PyResult<Value> {
        if items.is_empty() {
            return Ok(Value::None);
        }
        let l = vm.new_list(items);
        let derive = vm.getattr_str(eg, "derive")?;
        let g = vm.call(&derive, &[l])?;
        copy_group_metadata(vm, eg, &g)?;
        Ok(g)
    };
    let m = make(vm, yes)?;
    let r = make(vm, no)?;
    Ok((m, r))
}

fn group_split(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let cond = pos.get(1).cloned().unwrap_or(Value::None);
    check_condition(vm, &cond)?;
    let (m, r) = split_group(vm, &pos[0], &cond)?;
    Ok(vm.new_pair(m, r))
}

fn group_subgroup(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let cond = pos.get(1).cloned().unwrap_or(Value::None);
    check_condition(vm, &cond)?;
    let (m, _) = split_group(vm, &pos[0], &cond)?;
    Ok(m)
}

/// Raised-exception helpers used across the VM.
impl Vm {
    /// Whether a raised error is an instance of `ty`.
    pub fn err_is(&self, e: &PyErr, ty: &PyRef) -> bool {
        self.is_instance(&e.0, ty)
    }
}
/// CPython 3.12's docstrings of the builtin exception classes.
const EXCEPTION_DOCS: &[(&str, &str)] = &[
    ("ArithmeticError", "Base class for arithmetic errors."),
    ("AssertionError", "Assertion failed."),
    ("AttributeError", "Attribute not found."),
    ("BaseException", "Common base class for all exceptions"),
    ("BaseExceptionGroup", "A combination of multiple unrelated exceptions."),
    ("BlockingIOError", "I/O operation would block."),
    ("BrokenPipeError", "Broken pipe."),
    ("BufferError", "Buffer error."),
    ("BytesWarning", "Base class for warnings about bytes and buffer related problems, mostly\nrelated to conversion from str or comparing to str."),
    ("ChildProcessError", "Child process error."),
    ("ConnectionAbortedError", "Connection aborted."),
    ("ConnectionError", "Connection error."),
    ("ConnectionRefusedError", "Connection refused."),
    ("ConnectionResetError", "Connection reset."),
    ("DeprecationWarning", "Base class for warnings about deprecated features."),
    ("EOFError", "Read beyond end of file."),
    ("EncodingWarning", "Base class for warnings about encodings."),
    ("EnvironmentError", "Base class for I/O related errors."),
    ("Exception", "Common base class for all non-exit exceptions."),
    ("FileExistsError", "File already exists."),
    ("FileNotFoundError", "File not found."),
    ("FloatingPointError", "Floating point operation failed."),
    ("FutureWarning", "Base class for warnings about constructs that will change semantically\nin the future."),
    ("GeneratorExit", "Request that a generator exit."),
    ("IOError", "Base class for I/O related errors."),
    ("ImportError", "Import can't find module, or can't find name in module."),
    ("ImportWarning", "Base class for warnings about probable mistakes in module imports"),
    ("IndentationError", "Improper indentation."),
    ("IndexError", "Sequence index out of range."),
    ("InterruptedError", "Interrupted by signal."),
    ("IsADirectoryError", "Operation doesn't work on directories."),
    ("KeyError", "Mapping key not found."),
    ("KeyboardInterrupt", "Program interrupted by user."),
    ("LookupError", "Base class for lookup errors."),
    ("MemoryError", "Out of memory."),
    ("ModuleNotFoundError", "Module not found."),
    ("NameError", "Name not found globally."),
    ("NotADirectoryError", "Operation only works on directories."),
    ("NotImplementedError", "Method or function hasn't been implemented yet."),
    ("OSError", "Base class for I/O related errors."),
    ("OverflowError", "Result too large to be represented."),
    ("PendingDeprecationWarning", "Base class for warnings about features which will be deprecated\nin the future."),
    ("PermissionError", "Not enough permissions."),
    ("ProcessLookupError", "Process not found."),
    ("RecursionError", "Recursion limit exceeded."),
    ("ReferenceError", "Weak ref proxy used after referent went away."),
    ("ResourceWarning", "Base class for warnings about resource usage."),
    ("RuntimeError", "Unspecified run-time error."),
    ("RuntimeWarning", "Base class for warnings about dubious runtime behavior."),
    ("StopAsyncIteration", "Signal the end from iterator.__anext__()."),
    ("StopIteration", "Signal the end from iterator.__next__()."),
    ("SyntaxError", "Invalid syntax."),
    ("SyntaxWarning", "Base class for warnings about dubious syntax."),
    ("SystemError", "Internal error in the Python interpreter.\n\nPlease report this to the Python maintainer, along with the traceback,\nthe Python version, and the hardware/OS platform and version."),
    ("SystemExit", "Request to exit from the interpreter."),
    ("TabError", "Improper mixture of spaces and tabs."),
    ("TimeoutError", "Timeout expired."),
    ("TypeError", "Inappropriate argument type."),
    ("UnboundLocalError", "Local name referenced but not bound to a value."),
    ("UnicodeDecodeError", "Unicode decoding error."),
    ("UnicodeEncodeError", "Unicode encoding error."),
    ("UnicodeError", "Unicode related error."),
    ("UnicodeTranslateError", "Unicode translation error."),
    ("UnicodeWarning", "Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems."),
    ("UserWarning", "Base class for warnings generated by user code."),
    ("ValueError", "Inappropriate argument value (of correct type)."),
    ("Warning", "Base class for warning categories."),
    ("ZeroDivisionError", "Second argument to a division or modulo operation was zero."),
];
