//! Structural pattern matching opcodes (`match` statements): class
//! patterns, mapping and sequence checks, key extraction.

use super::frame::Frame;
use crate::types::{is_subtype, lookup, tdata, Layout};
use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::rc::Rc;

fn abc_check(vm: &mut Vm, v: &Value, abc: &str) -> PyResult<bool> {
    let Some(m) = vm.dict_get_str(&Value::Obj(vm.modules.clone()), "collections.abc") else { return Ok(false) };
    let Some(cls) = vm.getattr_opt(&m, abc)? else { return Ok(false) };
    vm.isinstance(v, &cls)
}

pub fn is_mapping(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let ty = vm.type_of(v);
    if tdata(&ty).layout == Layout::Dict {
        return Ok(true);
    }
    match &*tdata(&ty).name() {
        "mappingproxy" | "OrderedDict" | "defaultdict" | "Counter" | "ChainMap" if !tdata(&ty).has_flag(crate::types::type_flags::HEAPTYPE) => {
            return Ok(true)
        }
        _ => {}
    }
    abc_check(vm, v, "Mapping")
}

pub fn is_sequence(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let ty = vm.type_of(v);
    match tdata(&ty).layout {
        Layout::List | Layout::Tuple => return Ok(true),
        Layout::Str | Layout::Bytes | Layout::ByteArray | Layout::Dict => return Ok(false),
        _ => {}
    }
    let builtin = !tdata(&ty).has_flag(crate::types::type_flags::HEAPTYPE);
    if builtin {
        match &*tdata(&ty).name() {
            "range" | "memoryview" | "deque" | "array" => return Ok(true),
            _ => {}
        }
    }
    for t in crate::types::mro_with_self(&ty) {
        let td = tdata(&t);
        if matches!(td.layout, Layout::Str | Layout::Bytes | Layout::ByteArray) {
            return Ok(false);
        }
    }
    abc_check(vm, v, "Sequence")
}

/// `MatchKeys`: `[subject, keys] -> [subject, keys, values_tuple or None]`.
pub fn match_keys(vm: &mut Vm, f: &mut Frame) -> PyResult<()> {
    let keys = f.peek(1).clone();
    let subject = f.peek(2).clone();
    let keys_v = keys.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    if keys_v.is_empty() {
        f.push(vm.empty_tuple.clone());
        return Ok(());
    }
    let get = vm.getattr_str(&subject, "get")?;
    let dummy = vm.alloc(vm.t.object.clone(), Data::Empty);
    let mut seen: Vec<Value> = Vec::new();
    let mut values = Vec::new();
    for k in keys_v {
        for s in &seen {
            if vm.eq(s, &k)? {
                let r = vm.repr_string(&k)?;
                return Err(vm.value_error(format!("mapping pattern checks duplicate key ({})", r)));
            }
        }
        seen.push(k.clone());
        let v = vm.call(&get, &[k, dummy.clone()])?;
        if v.is(&dummy) {
            f.push(Value::None);
            return Ok(());
        }
        values.push(v);
    }
    let t = vm.new_tuple(values);
    f.push(t);
    Ok(())
}

/// `CopyDictWithoutKeys`: `[mapping, keys] -> [mapping, rest]`.
pub fn copy_dict_without_keys(vm: &mut Vm, f: &mut Frame) -> PyResult<()> {
    let keys = f.pop();
    let mapping = f.top().clone();
    let rest = vm.new_dict();
    super::opcodes::dict_update_from(vm, &rest, &mapping)?;
    for k in keys.as_tuple().unwrap_or(&[]).to_vec() {
        vm.dict_del(&rest, &k)?;
    }
    f.push(rest);
    Ok(())
}

fn match_self_type(vm: &Vm, ty: &crate::value::PyRef) -> bool {
    let t = &vm.t;
    [&t.bool_, &t.bytearray, &t.bytes, &t.dict, &t.float, &t.frozenset, &t.int, &t.list, &t.set, &t.str, &t.tuple]
        .iter()
        .any(|b| is_subtype(ty, b))
}

/// `MatchClass(count)`: `[subject, type, names] -> [attrs tuple or None]`.
pub fn match_class(vm: &mut Vm, f: &mut Frame, count: u32) -> PyResult<()> {
    let names = f.pop();
    let cls = f.pop();
    let subject = f.pop();
    let Value::Obj(cls_ref) = &cls else {
        return Err(vm.type_error("called match pattern must be a class"));
    };
    if !matches!(cls_ref.data, Data::Type(_)) {
        return Err(vm.type_error("called match pattern must be a class"));
    }
    if !vm.isinstance(&subject, &cls)? {
        f.push(Value::None);
        return Ok(());
    }
    let cls_name = tdata(cls_ref).name().to_string();
    let mut attrs: Vec<Value> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let count = count as usize;
    if count > 0 {
        let match_args = lookup(cls_ref, "__match_args__");
        let match_args = match match_args {
            Some(m) => Some(vm.getattr_str(&cls, "__match_args__").unwrap_or(m)),
            None => None,
        };
        match match_args {
            Some(ma) => {
                let Some(items) = ma.as_tuple().map(|t| t.to_vec()) else {
                    return Err(vm.type_error(format!("{}.__match_args__ must be a tuple (got {})", cls_name, vm.type_name(&ma))));
                };
                if count > items.len() {
                    let plural = if items.len() == 1 { "" } else { "s" };
                    return Err(vm.type_error(format!(
                        "{}() accepts {} positional sub-pattern{} ({} given)",
                        cls_name,
                        items.len(),
                        plural,
                        count
                    )));
                }
                for name in &items[..count] {
                    let Some(ns) = name.as_str() else {
                        return Err(vm.type_error(format!("__match_args__ elements must be strings (got {})", vm.type_name(name))));
                    };
                    if seen.iter().any(|s| s == ns) {
                        return Err(vm.type_error(format!("{}() got multiple sub-patterns for attribute '{}'", cls_name, ns)));
                    }
                    seen.push(ns.to_string());
                    match vm.getattr_opt(&subject, ns)? {
                        Some(v) => attrs.push(v),
                        None => {
                            f.push(Value::None);
                            return Ok(());
                        }
                    }
                }
            }
            None => {
                if match_self_type(vm, cls_ref) {
                    if count > 1 {
                        return Err(vm.type_error(format!("{}() accepts 1 positional sub-pattern ({} given)", cls_name, count)));
                    }
                    attrs.push(subject.clone());
                } else {
                    return Err(vm.type_error(format!("{}() accepts 0 positional sub-patterns ({} given)", cls_name, count)));
                }
            }
        }
    }
    for name in names.as_tuple().unwrap_or(&[]).to_vec() {
        let ns = name.as_str().unwrap_or("").to_string();
        if seen.iter().any(|s| *s == ns) {
            return Err(vm.type_error(format!("{}() got multiple sub-patterns for attribute '{}'", cls_name, ns)));
        }
        seen.push(ns.clone());
        match vm.getattr_opt(&subject, &ns)? {
            Some(v) => attrs.push(v),
            None => {
                f.push(Value::None);
                return Ok(());
            }
        }
    }
    let _ = Rc::strong_count(cls_ref);
    let t = vm.new_tuple(attrs);
    f.push(t);
    Ok(())
}
