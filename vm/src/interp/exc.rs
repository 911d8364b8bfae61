//! Raising and matching exceptions: `raise` (with `from`), implicit
//! chaining (`__context__`, cycles cut as CPython does), `except` type
//! checks, and the `except*` machinery (`CheckEgMatch`, `PrepReraiseStar`).

use super::eval::Control;
use super::frame::Frame;
use crate::code::Code;
use crate::function::Args;
use crate::types::{is_subtype, tdata, type_flags as tf};
use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use std::rc::Rc;

fn is_exception_class(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Obj(o) => matches!(o.data, Data::Type(_)) && is_subtype(o, &vm.e.base_exception),
        _ => false,
    }
}

fn is_exception_instance(vm: &Vm, v: &Value) -> bool {
    vm.is_instance(v, &vm.e.base_exception)
}

/// Sets `exc.__context__` to the handled exception (implicit chaining) the
/// first time `exc` passes through a frame, avoiding reference cycles.
pub fn on_raise_in_frame(vm: &mut Vm, err: PyErr, _code: &Rc<Code>) -> PyErr {
    let handled = super::handled_exception(vm);
    if handled.is_none() || handled.is(&err.0) {
        return err;
    }
    let Some(data) = vm.exception_data(&err.0) else { return err };
    if !data.borrow().context.is_none() {
        return err;
    }
    set_context_avoiding_cycles(vm, &err.0, handled);
    err
}

/// `exc.__context__ = context`, first cutting `exc` out of context's chain.
pub fn set_context_avoiding_cycles(vm: &mut Vm, exc: &Value, context: Value) {
    // Walk context's chain; if it leads back to exc, break the link there.
    let mut o = context.clone();
    let mut steps = 0;
    loop {
        let Some(d) = vm.exception_data(&o) else { break };
        let next = d.borrow().context.clone();
        if next.is_none() {
            break;
        }
        if next.is(exc) {
            d.borrow_mut().context = Value::None;
            break;
        }
        o = next;
        steps += 1;
        if steps > 100_000 {
            break;
        }
    }
    if let Some(d) = vm.exception_data(exc) {
        d.borrow_mut().context = context;
    }
}

/// Makes an exception instance from `raise X` / `raise X()` operands.
pub fn make_exception(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if is_exception_class(vm, &v) {
        let inst = vm.call(&v, &[])?;
        if !is_exception_instance(vm, &inst) {
            let r = super::class::type_repr(vm, &v);
            return Err(vm.type_error(format!(
                "calling {} should have returned an instance of BaseException, not {}",
                r,
                vm.type_name(&inst)
            )));
        }
        return Ok(inst);
    }
    if is_exception_instance(vm, &v) {
        return Ok(v);
    }
    Err(vm.type_error("exceptions must derive from BaseException"))
}

/// `RaiseVarargs`.
pub fn raise_varargs(vm: &mut Vm, f: &mut Frame, argc: u32) -> PyResult<Control> {
    match argc {
        0 => {
            let exc = super::handled_exception(vm);
            if exc.is_none() {
                return Err(vm.runtime_error("No active exception to reraise"));
            }
            Ok(Control::Reraise(PyErr(exc)))
        }
        1 | 2 => {
            let cause = if argc == 2 { Some(f.pop()) } else { None };
            let v = f.pop();
            let exc = make_exception(vm, v)?;
            if let Some(cause) = cause {
                let cause = if cause.is_none() {
                    Value::None
                } else if is_exception_class(vm, &cause) {
                    let c = vm.call(&cause, &[])?;
                    if !is_exception_instance(vm, &c) {
                        let r = super::class::type_repr(vm, &cause);
                        return Err(vm.type_error(format!(
                            "calling {} should have returned an instance of BaseException, not {}",
                            r,
                            vm.type_name(&c)
                        )));
                    }
                    c
                } else if is_exception_instance(vm, &cause) {
                    cause
                } else {
                    return Err(vm.type_error("exception causes must derive from BaseException"));
                };
                if let Some(d) = vm.exception_data(&exc) {
                    let mut d = d.borrow_mut();
                    d.cause = cause;
                    d.suppress_context = true;
                }
            }
            Err(PyErr(exc))
        }
        _ => Err(vm.new_error(&vm.e.system_error.clone(), "bad RAISE_VARARGS oparg")),
    }
}

/// The `except T` operand must be an exception class or a tuple of them.
pub fn check_except_type_valid(vm: &mut Vm, ty: &Value) -> PyResult<()> {
    let ok = match ty.as_tuple() {
        Some(items) => items.iter().all(|t| is_exception_class(vm, t)),
        None => is_exception_class(vm, ty),
    };
    if ok {
        Ok(())
    } else {
        Err(vm.type_error("catching classes that do not inherit from BaseException is not allowed"))
    }
}

/// Whether `exc` is an instance of the class (or a class in the tuple) `ty`.
pub fn exception_matches(vm: &mut Vm, exc: &Value, ty: &Value) -> PyResult<bool> {
    if let Some(items) = ty.as_tuple() {
        for t in items.iter() {
            if exception_matches(vm, exc, t)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    match ty {
        Value::Obj(t) if matches!(t.data, Data::Type(_)) => Ok(vm.is_instance(exc, t)),
        _ => Ok(false),
    }
}

fn check_except_star_type_valid(vm: &mut Vm, ty: &Value) -> PyResult<()> {
    check_except_type_valid(vm, ty)?;
    let bad = match ty.as_tuple() {
        Some(items) => items.iter().any(|t| matches!(t, Value::Obj(o) if is_subtype(o, &vm.e.base_exception_group))),
        None => matches!(ty, Value::Obj(o) if is_subtype(o, &vm.e.base_exception_group)),
    };
    if bad {
        return Err(vm.type_error("catching ExceptionGroup with except* is not allowed. Use except instead."));
    }
    Ok(())
}

/// `CheckEgMatch`: `[eg, type] -> [rest, match]`.
pub fn check_eg_match(vm: &mut Vm, f: &mut Frame) -> PyResult<()> {
    let ty = f.pop();
    let eg = f.pop();
    check_except_star_type_valid(vm, &ty)?;
    let (rest, matched) = if eg.is_none() {
        (Value::None, Value::None)
    } else if exception_matches(vm, &eg, &ty)? {
        if vm.is_instance(&eg, &vm.e.base_exception_group.clone()) {
            (Value::None, eg.clone())
        } else {
            let msg = vm.intern("");
            let excs = vm.new_tuple(vec![eg.clone()]);
            let cls = if vm.is_instance(&eg, &vm.e.exception.clone()) { vm.e.exception_group.clone() } else { vm.e.base_exception_group.clone() };
            let wrapped = vm.call(&Value::Obj(cls), &[msg, excs])?;
            let tb = vm.exception_data(&eg).map(|d| d.borrow().traceback.clone()).unwrap_or(Value::None);
            if let Some(d) = vm.exception_data(&wrapped) {
                d.borrow_mut().traceback = tb;
            }
            (Value::None, wrapped)
        }
    } else if vm.is_instance(&eg, &vm.e.base_exception_group.clone()) {
        let split = vm.getattr_str(&eg, "split")?;
        let pair = vm.call(&split, &[ty.clone()])?;
        match pair.as_tuple() {
            Some([m, r]) => (r.clone(), m.clone()),
            _ => return Err(vm.type_error("ExceptionGroup.split must return a 2-tuple")),
        }
    } else {
        (eg.clone(), Value::None)
    };
    if !matched.is_none() {
        if let Some(slot) = vm.interp.exc_stack.last_mut() {
            *slot = matched.clone();
        }
    }
    f.push(rest);
    f.push(matched);
    Ok(())
}

/// Whether `e` carries the same metadata as `orig` (so it was re-raised, not raised anew).
fn same_metadata(vm: &mut Vm, e: &Value, orig: &Value) -> bool {
    let (Some(a), Some(b)) = (vm.exception_data(e), vm.exception_data(orig)) else { return false };
    let (a, b) = (a.borrow(), b.borrow());
    let same = a.traceback.is(&b.traceback) && a.context.is(&b.context) && a.cause.is(&b.cause);
    drop((a, b));
    let na = vm.get_attr_raw(e, "__notes__").unwrap_or(Value::None);
    let nb = vm.get_attr_raw(orig, "__notes__").unwrap_or(Value::None);
    same && na.is(&nb)
}

fn collect_leaf_ids(vm: &mut Vm, e: &Value, out: &mut Vec<i64>) -> PyResult<()> {
    if vm.is_instance(e, &vm.e.base_exception_group.clone()) {
        let excs = vm.getattr_str(e, "exceptions")?;
        for x in vm.collect(&excs)? {
            collect_leaf_ids(vm, &x, out)?;
        }
    } else {
        out.push(e.id());
    }
    Ok(())
}

fn leaf_in_set(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let (Some(ids), Some(leaf)) = (pos.first(), pos.get(1)) else { return Ok(Value::bool(false)) };
    let id = leaf.id();
    let found = ids.as_tuple().map_or(false, |t| t.iter().any(|v| matches!(v, Value::Int(i) if *i == id)));
    let _ = vm;
    Ok(Value::bool(found))
}

/// CPython's `_PyExc_PrepReraiseStar`: what an `except*` statement raises at its end.
pub fn prep_reraise_star(vm: &mut Vm, orig: Value, excs: Value) -> PyResult<Value> {
    let excs = vm.collect(&excs)?;
    if excs.is_empty() {
        return Ok(Value::None);
    }
    if !vm.is_instance(&orig, &vm.e.base_exception_group.clone()) {
        return Ok(excs[0].clone());
    }
    let mut raised: Vec<Value> = Vec::new();
    let mut reraised: Vec<Value> = Vec::new();
    for e in excs {
        if e.is_none() {
            continue;
        }
        if same_metadata(vm, &e, &orig) {
            reraised.push(e);
        } else {
            raised.push(e);
        }
    }
    let reraised_eg = if reraised.is_empty() {
        Value::None
    } else {
        let mut ids = Vec::new();
        for e in &reraised {
            collect_leaf_ids(vm, e, &mut ids)?;
        }
        let ids_t = vm.new_tuple(ids.into_iter().map(Value::Int).collect());
        let pred = vm.new_builtin("_leaf_in_set", leaf_in_set);
        let pred = vm.bind_builtin_value(&pred, ids_t);
        let split = vm.getattr_str(&orig, "split")?;
        let pair = vm.call(&split, &[pred])?;
        pair.as_tuple().and_then(|t| t.first().cloned()).unwrap_or(Value::None)
    };
    if raised.is_empty() {
        return Ok(reraised_eg);
    }
    if !reraised_eg.is_none() {
        raised.push(reraised_eg);
    }
    if raised.len() == 1 {
        return Ok(raised.pop().unwrap_or(Value::None));
    }
    let msg = vm.intern("");
    let list = vm.new_list(raised);
    vm.call(&Value::Obj(vm.e.base_exception_group.clone()), &[msg, list])
}

impl Vm {
    /// A builtin function with `recv` bound as its first argument.
    pub fn bind_builtin_value(&mut self, f: &Value, recv: Value) -> Value {
        let Value::Obj(o) = f else { return f.clone() };
        let Data::Builtin(b) = &o.data else { return f.clone() };
        let nb = crate::function::Builtin {
            name: b.name,
            func: b.func,
            kind: crate::function::BuiltinKind::Method,
            bound: Some(recv),
            owner: b.owner.clone(),
            doc: b.doc,
        };
        self.alloc(self.t.builtin_function.clone(), Data::Builtin(Box::new(nb)))
    }
}

#[allow(dead_code)]
fn is_heap(t: &crate::value::PyRef) -> bool {
    tdata(t).has_flag(tf::HEAPTYPE)
}
