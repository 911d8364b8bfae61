//! (Owned by the containers/builtins engineer.) Dict views
//! (`dict_keys`, `dict_values`, `dict_items`): dynamic length, iteration,
//! reversal, membership, `repr` (`dict_keys([1, 2])`), the `mapping`
//! attribute, and the set operations and comparisons of keys and items
//! views. Also `mappingproxy`, the read-only mapping behind `type.__dict__`.

use super::container_helpers::{add_methods, native_type, repr_enter, repr_leave, self_and_args, self_and_one, self_only, set_unhashable};
use super::iterators::DictIterKind;
use crate::function::Args;
use crate::value::{Data, NativeData, Value};
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::bytecode::CompareOperator;

/// A view of a dict's keys, values or items.
pub struct DictView {
    pub dict: Value,
    pub kind: DictIterKind,
}

impl NativeData for DictView {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.dict);
    }
}

/// A read-only proxy of a mapping.
pub struct MappingProxy {
    pub mapping: Value,
}

impl NativeData for MappingProxy {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.mapping);
    }
}

fn type_key(kind: DictIterKind) -> &'static str {
    match kind {
        DictIterKind::Keys => "dict_keys",
        DictIterKind::Values => "dict_values",
        DictIterKind::Items => "dict_items",
    }
}

pub fn init(vm: &mut Vm) {
    for kind in [DictIterKind::Keys, DictIterKind::Values, DictIterKind::Items] {
        let name = type_key(kind);
        let t = native_type(vm, name, name);
        add_methods(
            vm,
            &t,
            &[("__len__", view_len), ("__iter__", view_iter), ("__reversed__", view_reversed), ("__contains__", view_contains), ("__repr__", view_repr)],
        );
        super::object::add_getset(vm, &t, "mapping", view_mapping, None);
        if kind != DictIterKind::Values {
            add_methods(
                vm,
                &t,
                &[
                    ("__and__", |vm, a| view_setop(vm, a, "intersection_update", false)),
                    ("__rand__", |vm, a| view_setop(vm, a, "intersection_update", true)),
                    ("__or__", |vm, a| view_setop(vm, a, "update", false)),
                    ("__ror__", |vm, a| view_setop(vm, a, "update", true)),
                    ("__sub__", |vm, a| view_setop(vm, a, "difference_update", false)),
                    ("__rsub__", |vm, a| view_setop(vm, a, "difference_update", true)),
                    ("__xor__", |vm, a| view_setop(vm, a, "symmetric_difference_update", false)),
                    ("__rxor__", |vm, a| view_setop(vm, a, "symmetric_difference_update", true)),
                    ("isdisjoint", view_isdisjoint),
                    ("__eq__", |vm, a| view_cmp(vm, a, CompareOperator::Eq)),
                    ("__ne__", |vm, a| view_cmp(vm, a, CompareOperator::Ne)),
                    ("__lt__", |vm, a| view_cmp(vm, a, CompareOperator::Lt)),
                    ("__le__", |vm, a| view_cmp(vm, a, CompareOperator::Le)),
                    ("__gt__", |vm, a| view_cmp(vm, a, CompareOperator::Gt)),
                    ("__ge__", |vm, a| view_cmp(vm, a, CompareOperator::Ge)),
                ],
            );
            set_unhashable(vm, &t);
        }
    }
    let mp = native_type(vm, "mappingproxy", "mappingproxy");
    vm.add_staticmethod(&mp, "__new__", proxy_new);
    add_methods(
        vm,
        &mp,
        &[
            ("__getitem__", proxy_getitem),
            ("__len__", proxy_len),
            ("__iter__", proxy_iter),
            ("__contains__", proxy_contains),
            ("__repr__", proxy_repr),
            ("__str__", proxy_str),
            ("__eq__", proxy_eq),
            ("__or__", proxy_or),
            ("__reversed__", proxy_reversed),
            ("get", proxy_get),
            ("keys", |vm, a| proxy_forward(vm, a, "keys")),
            ("values", |vm, a| proxy_forward(vm, a, "values")),
            ("items", |vm, a| proxy_forward(vm, a, "items")),
            ("copy", |vm, a| proxy_forward(vm, a, "copy")),
        ],
    );
}

pub fn new_view(vm: &mut Vm, dict: Value, kind: DictIterKind) -> Value {
    let ty = super::container_helpers::extra_type(vm, type_key(kind));
    vm.alloc(ty, Data::Native(Box::new(DictView { dict, kind })))
}

/// `mappingproxy(mapping)`.
pub fn new_mappingproxy(vm: &mut Vm, mapping: Value) -> Value {
    let ty = super::container_helpers::extra_type(vm, "mappingproxy");
    vm.alloc(ty, Data::Native(Box::new(MappingProxy { mapping })))
}

fn view<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a DictView> {
    v.native::<DictView>().ok_or_else(|| vm.type_error(format!("expected a dict view, got '{}'", vm.type_name(v))))
}

fn view_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict_keys.__len__", &args)?;
    let v = view(vm, this)?;
    Ok(Value::Int(v.dict.as_dict().map_or(0, |d| d.borrow().len()) as i64))
}

fn view_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict_keys.__iter__", &args)?;
    let v = view(vm, this)?;
    let (d, k) = (v.dict.clone(), v.kind);
    Ok(super::iterators::new_dict_iter(vm, d, k))
}

fn view_reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict_keys.__reversed__", &args)?;
    let v = view(vm, this)?;
    let (d, k) = (v.dict.clone(), v.kind);
    Ok(super::iterators::new_dict_rev_iter(vm, d, k))
}

/// Membership in a view: keys by lookup, items by lookup and value
/// comparison, values by scanning.
pub fn view_has(vm: &mut Vm, v: &DictView, x: &Value) -> PyResult<bool> {
    match v.kind {
        DictIterKind::Keys => Ok(vm.dict_get(&v.dict, x)?.is_some()),
        DictIterKind::Items => {
            let Some(t) = x.as_tuple() else { return Ok(false) };
            if t.len() != 2 {
                return Ok(false);
            }
            let (k, val) = (t[0].clone(), t[1].clone());
            match vm.dict_get(&v.dict, &k)? {
                Some(found) => Ok(found.is(&val) || vm.eq(&found, &val)?),
                None => Ok(false),
            }
        }
        DictIterKind::Values => {
            let vals = v.dict.as_dict().map(|d| d.borrow().values()).unwrap_or_default();
            for item in vals {
                if item.is(x) || vm.eq(&item, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

fn view_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, x) = self_and_one(vm, "dict_keys.__contains__", &args)?;
    let v = view(vm, this)?;
    Ok(Value::bool(view_has(vm, v, x)?))
}

fn view_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "dict_keys.__repr__", &args)?;
    let v = view(vm, this)?;
    let name = type_key(v.kind);
    if !repr_enter(this) {
        return Ok(vm.new_str("..."));
    }
    let items = {
        let it = super::iterators::new_dict_iter(vm, v.dict.clone(), v.kind);
        vm.collect(&it)
    };
    let r = items.and_then(|items| {
        let l = vm.new_list(items);
        vm.repr_string(&l)
    });
    repr_leave(this);
    Ok(vm.new_str(format!("{}({})", name, r?)))
}

fn view_mapping(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let v = view(vm, this)?;
    let d = v.dict.clone();
    Ok(new_mappingproxy(vm, d))
}

/// Whether `v` supports the set-view protocol (set, frozenset, keys/items view).
fn setlike_view(v: &Value) -> bool {
    super::set::is_setlike(v) || v.native::<DictView>().map_or(false, |d| d.kind != DictIterKind::Values)
}

fn view_setop(vm: &mut Vm, args: Args, method: &'static str, reflected: bool) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("expected 1 argument, got {}", p.len().saturating_sub(1))));
    }
    let (left, right) = if reflected { (&p[1], &p[0]) } else { (&p[0], &p[1]) };
    // set(left) op= right
    let result = super::set::new_set_of(vm, left)?;
    let f = vm.getattr_str(&result, method)?;
    vm.call(&f, &[right.clone()])?;
    Ok(result)
}

fn view_isdisjoint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_args(vm, "isdisjoint", "isdisjoint", &args, 1, 1)?;
    let v = view(vm, this)?;
    let it = vm.iter(&other[0])?;
    while let Some(x) = vm.next(&it)? {
        if view_has(vm, v, &x)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

fn len_of(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    vm.len(v)
}

/// Every element of `a` is in `b` (`b` a set-like object).
fn all_in(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    let it = vm.iter(a)?;
    while let Some(x) = vm.next(&it)? {
        if !vm.contains(b, &x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn view_cmp(vm: &mut Vm, args: Args, op: CompareOperator) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("expected 1 argument, got {}", p.len().saturating_sub(1))));
    }
    let (a, b) = (&p[0], &p[1]);
    if !setlike_view(b) {
        return Ok(vm.not_implemented.clone());
    }
    let (la, lb) = (len_of(vm, a)?, len_of(vm, b)?);
    let r = match op {
        CompareOperator::Eq => la == lb && all_in(vm, a, b)?,
        CompareOperator::Ne => !(la == lb && all_in(vm, a, b)?),
        CompareOperator::Lt => la < lb && all_in(vm, a, b)?,
        CompareOperator::Le => la <= lb && all_in(vm, a, b)?,
        CompareOperator::Gt => la > lb && all_in(vm, b, a)?,
        CompareOperator::Ge => la >= lb && all_in(vm, b, a)?,
    };
    Ok(Value::bool(r))
}

// ----- mappingproxy ------------------------------------------------------

fn proxy_of(vm: &Vm, v: &Value) -> PyResult<Value> {
    v.native::<MappingProxy>().map(|p| p.mapping.clone()).ok_or_else(|| vm.type_error("expected a mappingproxy"))
}

fn proxy_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    super::container_helpers::check_pos(vm, "mappingproxy", &p[1.min(p.len())..], 1, 1)?;
    let m = p[1].clone();
    let ty = vm.type_of(&m);
    let is_seq = m.as_list().is_some() || m.as_tuple().is_some();
    if is_seq || crate::slots::special(&ty, "__getitem__").is_none() {
        return Err(vm.type_error(format!("mappingproxy() argument must be a mapping, not {}", vm.type_name(&m))));
    }
    Ok(new_mappingproxy(vm, m))
}

fn proxy_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, k) = self_and_one(vm, "mappingproxy.__getitem__", &args)?;
    let m = proxy_of(vm, this)?;
    vm.getitem(&m, k)
}

fn proxy_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "mappingproxy.__len__", &args)?;
    let m = proxy_of(vm, this)?;
    Ok(Value::Int(vm.len(&m)? as i64))
}

fn proxy_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "mappingproxy.__iter__", &args)?;
    let m = proxy_of(vm, this)?;
    vm.iter(&m)
}

fn proxy_reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "mappingproxy.__reversed__", &args)?;
    let m = proxy_of(vm, this)?;
    let f = vm.getattr_str(&m, "__reversed__")?;
    vm.call(&f, &[])
}

fn proxy_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, k) = self_and_one(vm, "mappingproxy.__contains__", &args)?;
    let m = proxy_of(vm, this)?;
    Ok(Value::bool(vm.contains(&m, k)?))
}

fn proxy_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "mappingproxy.__repr__", &args)?;
    let m = proxy_of(vm, this)?;
    let r = vm.repr_string(&m)?;
    Ok(vm.new_str(format!("mappingproxy({})", r)))
}

fn proxy_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_only(vm, "mappingproxy.__str__", &args)?;
    let m = proxy_of(vm, this)?;
    vm.str(&m)
}

fn proxy_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "mappingproxy.__eq__", &args)?;
    let m = proxy_of(vm, this)?;
    vm.compare(&m, other, CompareOperator::Eq)
}

fn proxy_or(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, other) = self_and_one(vm, "mappingproxy.__or__", &args)?;
    let m = proxy_of(vm, this)?;
    let other = match other.native::<MappingProxy>() {
        Some(p) => p.mapping.clone(),
        None => other.clone(),
    };
    vm.binary_op(&m, &other, egret_frontend::bytecode::BinaryOperator::Or)
}

fn proxy_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, a) = self_and_args(vm, "get", "mappingproxy.get", &args, 1, 2)?;
    let m = proxy_of(vm, this)?;
    let f = vm.getattr_str(&m, "get")?;
    vm.call(&f, a)
}

fn proxy_forward(vm: &mut Vm, args: Args, name: &str) -> PyResult<Value> {
    let this = self_only(vm, "mappingproxy method", &args)?;
    let m = proxy_of(vm, this)?;
    let f = vm.getattr_str(&m, name)?;
    vm.call(&f, &[])
}
