//! PEP 695 objects: `TypeVar`, `ParamSpec`, `TypeVarTuple`,
//! `TypeAliasType` and `Generic`, as the `CallIntrinsic` opcodes of generic
//! functions, classes and `type` statements make them. The `typing` module
//! reuses these types (`vm.extra_types["TypeVar"]`, ...).
//!
//! Bounds, constraints and alias values are evaluated lazily: the compiler
//! passes a function that computes them, called on first access.

use crate::function::Args;
use crate::types::{tdata, type_flags as tf, Layout};
use crate::value::{Data, NativeData, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::cell::RefCell;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    TypeVar,
    ParamSpec,
    TypeVarTuple,
}

pub struct TypeParam {
    pub kind: ParamKind,
    pub name: Value,
    /// The bound (or a function computing it, until evaluated).
    pub bound: RefCell<Value>,
    pub bound_lazy: RefCell<bool>,
    pub constraints: RefCell<Value>,
    pub constraints_lazy: RefCell<bool>,
    pub covariant: bool,
    pub contravariant: bool,
    pub infer_variance: bool,
}

impl NativeData for TypeParam {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.name);
        visit(&self.bound.borrow());
        visit(&self.constraints.borrow());
    }
}

pub struct TypeAlias {
    pub name: Value,
    pub type_params: Value,
    pub value: RefCell<Value>,
    pub lazy: RefCell<bool>,
    pub module: Value,
}

impl NativeData for TypeAlias {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.name);
        visit(&self.type_params);
        visit(&self.value.borrow());
    }
}

fn ty(vm: &Vm, name: &'static str) -> crate::value::PyRef {
    vm.extra_types.get(name).cloned().expect("typing types are created at start-up")
}

fn new_param(vm: &mut Vm, kind: ParamKind, name: Value, bound: Value, bound_lazy: bool, constraints: Value, cl: bool, co: bool, contra: bool, infer: bool) -> Value {
    let t = ty(vm, match kind {
        ParamKind::TypeVar => "TypeVar",
        ParamKind::ParamSpec => "ParamSpec",
        ParamKind::TypeVarTuple => "TypeVarTuple",
    });
    let p = TypeParam {
        kind,
        name,
        bound: RefCell::new(bound),
        bound_lazy: RefCell::new(bound_lazy),
        constraints: RefCell::new(constraints),
        constraints_lazy: RefCell::new(cl),
        covariant: co,
        contravariant: contra,
        infer_variance: infer,
    };
    vm.alloc(t, Data::Native(Box::new(p)))
}

/// `CallIntrinsic1 TypeVar` / `TypeVarWithBound` / `TypeVarWithConstraints`.
pub fn make_typevar(vm: &mut Vm, name: Value, bound_fn: Value, constraints_fn: Value) -> PyResult<Value> {
    let bl = !bound_fn.is_none();
    let cl = !constraints_fn.is_none();
    let constraints = if cl { constraints_fn } else { vm.empty_tuple.clone() };
    Ok(new_param(vm, ParamKind::TypeVar, name, bound_fn, bl, constraints, cl, false, false, true))
}

pub fn make_paramspec(vm: &mut Vm, name: Value) -> PyResult<Value> {
    let e = vm.empty_tuple.clone();
    Ok(new_param(vm, ParamKind::ParamSpec, name, Value::None, false, e, false, false, false, true))
}

pub fn make_typevartuple(vm: &mut Vm, name: Value) -> PyResult<Value> {
    let e = vm.empty_tuple.clone();
    Ok(new_param(vm, ParamKind::TypeVarTuple, name, Value::None, false, e, false, false, false, true))
}

/// `CallIntrinsic1 TypeAlias` on `(name, type_params or None, value function)`.
pub fn make_type_alias(vm: &mut Vm, args: Value) -> PyResult<Value> {
    let Some([name, params, func]) = args.as_tuple() else {
        return Err(vm.type_error("TypeAlias intrinsic expects a 3-tuple"));
    };
    let params = if params.is_none() { vm.empty_tuple.clone() } else { params.clone() };
    let module = match super::current_globals(vm) {
        Some(g) => vm.dict_get_str(&Value::Obj(g), "__name__").unwrap_or(Value::None),
        None => Value::None,
    };
    let a = TypeAlias { name: name.clone(), type_params: params, value: RefCell::new(func.clone()), lazy: RefCell::new(true), module };
    let t = ty(vm, "TypeAliasType");
    Ok(vm.alloc(t, Data::Native(Box::new(a))))
}

/// `CallIntrinsic1 SubscriptGeneric`: `Generic[*params]`.
/// As CPython, this makes `typing._GenericAlias(Generic, params)` (with each
/// `TypeVarTuple` replaced by `Unpack[Ts]`).
pub fn subscript_generic(vm: &mut Vm, params: Value) -> PyResult<Value> {
    let items = params.as_tuple().map(|t| t.to_vec()).unwrap_or_else(|| vec![params.clone()]);
    let mut unpacked = Vec::with_capacity(items.len());
    for p in items {
        if p.native::<TypeParam>().map_or(false, |tp| tp.kind == ParamKind::TypeVarTuple) {
            unpacked.push(unpack_typevartuple(vm, &p)?);
        } else {
            unpacked.push(p);
        }
    }
    let params = vm.new_tuple(unpacked);
    let g = Value::Obj(ty(vm, "Generic"));
    call_typing(vm, "_GenericAlias", &[g, params])
}

/// Calls `typing.<name>(*args)`: the runtime parts of generics live in
/// `typing.py`, which the native objects call into as CPython's do.
pub fn call_typing(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
    let m = crate::import::import_dotted(vm, "typing")?;
    let f = vm.getattr_str(&m, name)?;
    vm.call(&f, args)
}

/// `typing.Unpack[ts]`.
fn unpack_typevartuple(vm: &mut Vm, ts: &Value) -> PyResult<Value> {
    let m = crate::import::import_dotted(vm, "typing")?;
    let u = vm.getattr_str(&m, "Unpack")?;
    vm.getitem(&u, ts)
}

fn param<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a TypeParam> {
    v.native::<TypeParam>().ok_or_else(|| vm.type_error("expected a type parameter"))
}

fn self_of(args: &Args) -> Value {
    args.pos().first().cloned().unwrap_or(Value::None)
}

fn tp_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = self_of(&args);
    let p = param(vm, &v)?;
    let n = p.name.as_str().unwrap_or("?").to_string();
    let s = match p.kind {
        ParamKind::TypeVarTuple => n,
        _ if p.infer_variance => n,
        _ if p.covariant => format!("+{}", n),
        _ if p.contravariant => format!("-{}", n),
        _ => format!("~{}", n),
    };
    Ok(vm.new_str(s))
}

fn tp_name(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(param(vm, v)?.name.clone())
}

fn tp_bound(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let p = param(vm, v)?;
    if *p.bound_lazy.borrow() {
        let f = p.bound.borrow().clone();
        let b = vm.call(&f, &[])?;
        let p = param(vm, v)?;
        *p.bound.borrow_mut() = b;
        *p.bound_lazy.borrow_mut() = false;
    }
    Ok(param(vm, v)?.bound.borrow().clone())
}

fn tp_constraints(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let p = param(vm, v)?;
    if *p.constraints_lazy.borrow() {
        let f = p.constraints.borrow().clone();
        let c = vm.call(&f, &[])?;
        let p = param(vm, v)?;
        *p.constraints.borrow_mut() = c;
        *p.constraints_lazy.borrow_mut() = false;
    }
    Ok(param(vm, v)?.constraints.borrow().clone())
}

fn tp_covariant(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::bool(param(vm, v)?.covariant))
}
fn tp_contravariant(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::bool(param(vm, v)?.contravariant))
}
fn tp_infer_variance(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::bool(param(vm, v)?.infer_variance))
}
fn tp_module(vm: &mut Vm, _v: &Value) -> PyResult<Value> {
    Ok(vm.intern("typing"))
}

fn truthy_kw(vm: &mut Vm, args: &Args, name: &str) -> PyResult<bool> {
    match args.kwarg(name) {
        Some(v) => vm.truthy(v),
        None => Ok(false),
    }
}

/// `TypeVar(name, *constraints, bound=None, covariant=False, contravariant=False, infer_variance=False)`.
fn typevar_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let Some(name) = pos.get(1).cloned().filter(|n| n.as_str().is_some()) else {
        return Err(vm.type_error("TypeVar() argument 'name' must be str"));
    };
    let constraints = vm.new_tuple(pos[2..].to_vec());
    if pos.len() == 3 {
        return Err(vm.type_error("A single constraint is not allowed"));
    }
    let bound = args.kwarg("bound").cloned().unwrap_or(Value::None);
    let co = truthy_kw(vm, &args, "covariant")?;
    let contra = truthy_kw(vm, &args, "contravariant")?;
    let infer = truthy_kw(vm, &args, "infer_variance")?;
    if co && contra {
        return Err(vm.value_error("Bivariant types are not supported."));
    }
    if infer && (co || contra) {
        return Err(vm.value_error("Variance cannot be specified with infer_variance."));
    }
    if !bound.is_none() && pos.len() > 2 {
        return Err(vm.type_error("Constraints cannot be combined with bound=..."));
    }
    Ok(new_param(vm, ParamKind::TypeVar, name, bound, false, constraints, false, co, contra, infer))
}

fn paramspec_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = args.pos().get(1).cloned().unwrap_or(Value::None);
    let bound = args.kwarg("bound").cloned().unwrap_or(Value::None);
    let co = truthy_kw(vm, &args, "covariant")?;
    let contra = truthy_kw(vm, &args, "contravariant")?;
    let infer = truthy_kw(vm, &args, "infer_variance")?;
    let e = vm.empty_tuple.clone();
    Ok(new_param(vm, ParamKind::ParamSpec, name, bound, false, e, false, co, contra, infer))
}

fn typevartuple_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = args.pos().get(1).cloned().unwrap_or(Value::None);
    let e = vm.empty_tuple.clone();
    Ok(new_param(vm, ParamKind::TypeVarTuple, name, Value::None, false, e, false, false, false, false))
}

fn tp_or(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    crate::builtins::typeobj::make_union(vm, pos[0].clone(), pos.get(1).cloned().unwrap_or(Value::None))
}

fn tp_ror(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    crate::builtins::typeobj::make_union(vm, pos.get(1).cloned().unwrap_or(Value::None), pos[0].clone())
}

fn tp_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = self_of(&args);
    Ok(param(vm, &v)?.name.clone())
}

// ----- TypeAliasType ---------------------------------------------------------------

fn alias<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a TypeAlias> {
    v.native::<TypeAlias>().ok_or_else(|| vm.type_error("expected a TypeAliasType"))
}

fn ta_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = self_of(&args);
    Ok(alias(vm, &v)?.name.clone())
}
fn ta_name(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(alias(vm, v)?.name.clone())
}
fn ta_params(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(alias(vm, v)?.type_params.clone())
}
fn ta_module(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(alias(vm, v)?.module.clone())
}
fn ta_value(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let a = alias(vm, v)?;
    if *a.lazy.borrow() {
        let f = a.value.borrow().clone();
        let r = vm.call(&f, &[])?;
        let a = alias(vm, v)?;
        *a.value.borrow_mut() = r;
        *a.lazy.borrow_mut() = false;
    }
    Ok(alias(vm, v)?.value.borrow().clone())
}

fn ta_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = &args.pos()[1..];
    if pos.len() > 2 {
        return Err(vm.type_error(format!("typealias() takes exactly 2 positional arguments ({} given)", pos.len())));
    }
    let mut name = pos.first().cloned();
    let mut value = pos.get(1).cloned();
    let mut params = None;
    for (k, v) in args.kwargs() {
        let slot = match k {
            "name" => &mut name,
            "value" => &mut value,
            "type_params" => &mut params,
            _ => return Err(vm.type_error(format!("typealias() got an unexpected keyword argument '{k}'"))),
        };
        if slot.is_some() {
            let p = if k == "name" { 1 } else { 2 };
            return Err(vm.type_error(format!("argument for typealias() given by name ('{k}') and position ({p})")));
        }
        *slot = Some(v.clone());
    }
    let Some(name) = name else {
        return Err(vm.type_error("typealias() missing required argument 'name' (pos 1)"));
    };
    let Some(value) = value else {
        return Err(vm.type_error("typealias() missing required argument 'value' (pos 2)"));
    };
    if name.as_str().is_none() {
        return Err(vm.type_error(format!("typealias() argument 'name' must be str, not {}", vm.type_name(&name))));
    }
    let params = match params {
        None => vm.empty_tuple.clone(),
        Some(p) => {
            if !matches!(&p, Value::Obj(o) if matches!(o.data, Data::Tuple(_))) {
                return Err(vm.type_error("type_params must be a tuple"));
            }
            p
        }
    };
    let module = match super::current_globals(vm) {
        Some(g) => vm.dict_get_str(&Value::Obj(g), "__name__").unwrap_or(Value::None),
        None => Value::None,
    };
    let a = TypeAlias { name, type_params: params, value: RefCell::new(value), lazy: RefCell::new(false), module };
    let t = ty(vm, "TypeAliasType");
    Ok(vm.alloc(t, Data::Native(Box::new(a))))
}

fn ta_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let empty = alias(vm, &pos[0])?.type_params.as_tuple().map_or(true, |t| t.is_empty());
    if empty {
        return Err(vm.type_error("Only generic type aliases are subscriptable"));
    }
    crate::builtins::typeobj::generic_alias(vm, pos[0].clone(), pos.get(1).cloned().unwrap_or(Value::None))
}

// ----- Generic ------------------------------------------------------------------------

fn generic_class_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let params = pos.get(1).cloned().unwrap_or(Value::None);
    call_typing(vm, "_generic_class_getitem", &[pos[0].clone(), params])
}

/// `Generic.__init_subclass__`: `typing._generic_init_subclass` (sets `__parameters__`).
fn generic_init_subclass(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = crate::import::import_dotted(vm, "typing")?;
    let f = vm.getattr_str(&m, "_generic_init_subclass")?;
    vm.call_kw(&f, args.args, args.kwnames)
}

// ----- substitution hooks (typing.py does the work, as in CPython) -------------------

fn tv_typing_subst(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let this = self_of(&args);
    let arg = pos.get(1).cloned().unwrap_or(Value::None);
    let f = match param(vm, &this)?.kind {
        ParamKind::TypeVar => "_typevar_subst",
        ParamKind::ParamSpec => "_paramspec_subst",
        ParamKind::TypeVarTuple => return Err(vm.type_error("Substitution of bare TypeVarTuple is not supported")),
    };
    call_typing(vm, f, &[this, arg])
}

fn tv_typing_prepare_subst(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let this = self_of(&args);
    let alias = pos.get(1).cloned().unwrap_or(Value::None);
    let a = pos.get(2).cloned().unwrap_or(Value::None);
    let f = match param(vm, &this)?.kind {
        ParamKind::ParamSpec => "_paramspec_prepare_subst",
        _ => "_typevartuple_prepare_subst",
    };
    call_typing(vm, f, &[this, alias, a])
}

/// `iter(Ts)` yields `Unpack[Ts]` (so `*Ts` works in subscripts).
fn tvt_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_of(&args);
    let u = unpack_typevartuple(vm, &this)?;
    let l = vm.new_list(vec![u]);
    vm.iter(&l)
}

fn ps_args(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    call_typing(vm, "ParamSpecArgs", &[v.clone()])
}
fn ps_kwargs(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    call_typing(vm, "ParamSpecKwargs", &[v.clone()])
}

fn tp_mro_entries(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = self_of(&args);
    let n = vm.type_name(&this);
    let n = n.rsplit('.').next().unwrap_or(&n).to_string();
    Err(vm.type_error(format!("Cannot subclass an instance of {n}")))
}

/// A builtin type of the `typing` module: named `typing.X` (the module comes
/// from the name, as CPython's `tp_name`), with `__qualname__` `X`.
fn typing_type(vm: &mut Vm, name: &str, layout: Layout, flags: u32) -> crate::value::PyRef {
    let t = vm.new_builtin_type(&format!("typing.{name}"), None, layout, flags);
    *tdata(&t).qualname.borrow_mut() = name.into();
    t
}

/// The setter of a read-only member (`TypeVar.__name__`).
fn readonly_attribute(vm: &mut Vm, _v: &Value, _new: Option<Value>) -> PyResult<()> {
    Err(vm.new_error(&vm.e.attribute_error.clone(), "readonly attribute"))
}

pub fn init(vm: &mut Vm) {
    let add = super::generator::add_getset;
    for (name, newf) in [
        ("TypeVar", typevar_new as crate::function::NativeFn),
        ("ParamSpec", paramspec_new),
        ("TypeVarTuple", typevartuple_new),
    ] {
        let t = typing_type(vm, name, Layout::Native, 0);
        vm.add_staticmethod(&t, "__new__", newf);
        vm.add_method(&t, "__repr__", tp_repr);
        vm.add_method(&t, "__reduce__", tp_reduce);
        add(vm, &t, "__name__", tp_name, Some(readonly_attribute));
        if name != "TypeVarTuple" {
            vm.add_method(&t, "__or__", tp_or);
            vm.add_method(&t, "__ror__", tp_ror);
            add(vm, &t, "__bound__", tp_bound, None);
            add(vm, &t, "__covariant__", tp_covariant, None);
            add(vm, &t, "__contravariant__", tp_contravariant, None);
            add(vm, &t, "__infer_variance__", tp_infer_variance, None);
        }
        if name == "TypeVar" {
            add(vm, &t, "__constraints__", tp_constraints, None);
        }
        add(vm, &t, "__module__", tp_module, None);
        vm.add_method(&t, "__typing_subst__", tv_typing_subst);
        vm.add_method(&t, "__mro_entries__", tp_mro_entries);
        if name != "TypeVar" {
            vm.add_method(&t, "__typing_prepare_subst__", tv_typing_prepare_subst);
        }
        if name == "TypeVarTuple" {
            vm.add_method(&t, "__iter__", tvt_iter);
        }
        if name == "ParamSpec" {
            add(vm, &t, "args", ps_args, None);
            add(vm, &t, "kwargs", ps_kwargs, None);
        }
        vm.extra_types.insert(name, t);
    }
    let t = typing_type(vm, "TypeAliasType", Layout::Native, 0);
    vm.add_staticmethod(&t, "__new__", ta_new);
    vm.add_method(&t, "__repr__", ta_repr);
    vm.add_method(&t, "__getitem__", ta_getitem);
    vm.add_method(&t, "__reduce__", ta_repr);
    vm.add_method(&t, "__or__", tp_or);
    vm.add_method(&t, "__ror__", tp_ror);
    add(vm, &t, "__name__", ta_name, None);
    add(vm, &t, "__value__", ta_value, None);
    add(vm, &t, "__type_params__", ta_params, None);
    add(vm, &t, "__parameters__", ta_params, None);
    add(vm, &t, "__module__", ta_module, None);
    vm.extra_types.insert("TypeAliasType", t);
    let g = typing_type(vm, "Generic", Layout::Object, tf::BASETYPE);
    vm.add_classmethod(&g, "__class_getitem__", generic_class_getitem);
    vm.add_classmethod(&g, "__init_subclass__", generic_init_subclass);
    let _ = tdata(&g);
    vm.extra_types.insert("Generic", g);
}
