//! Module objects: a name and a namespace dict.
//!
//! A module object's attribute store is switched to "dict mode" on the
//! module's namespace ([`bind_namespace`]), so every attribute path (the
//! interpreter's `StoreAttr` fast path, `setattr`, `delattr`, `getattr`)
//! reads and writes the module's `__dict__` itself. Also here: the `module`
//! type's `__new__`, `__init__` (`types.ModuleType(name, doc=None)`) and
//! `__repr__`.

use crate::function::Args;
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;

pub struct ModuleData {
    /// The module's `__dict__` (a dict object).
    pub dict: PyRef,
}

/// Makes the attribute store of module object `m` its namespace dict.
pub fn bind_namespace(m: &Value) {
    if let Value::Obj(o) = m {
        if let (Data::Module(md), Some(attrs)) = (&o.data, &o.attrs) {
            attrs.borrow_mut().dict = Some(Value::Obj(md.dict.clone()));
        }
    }
}

/// `module.__new__(cls, *args, **kwargs)`: a module with an empty namespace.
fn module_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = args.pos().first().cloned().unwrap_or(Value::None);
    let Some(cls) = cls.as_type().map(|_| cls.clone()) else {
        return Err(vm.type_error("module.__new__(X): X is not a type object"));
    };
    let Value::Obj(ty) = cls else { unreachable!() };
    let dict = vm.new_dict_ref();
    let m = vm.alloc(ty, Data::Module(Box::new(ModuleData { dict })));
    bind_namespace(&m);
    Ok(m)
}

/// `module.__init__(self, name, doc=None)`.
fn module_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let this = pos.first().cloned().unwrap_or(Value::None);
    if pos.len() > 3 {
        return Err(vm.type_error(format!("module() takes at most 2 arguments ({} given)", pos.len() - 1 + args.kwnames.len())));
    }
    let mut name = pos.get(1).cloned();
    let mut doc = pos.get(2).cloned();
    for (k, v) in args.kwargs() {
        let (slot, p) = match k {
            "name" => (&mut name, 1),
            "doc" => (&mut doc, 2),
            _ => return Err(vm.type_error(format!("module() got an unexpected keyword argument '{k}'"))),
        };
        if slot.is_some() {
            return Err(vm.type_error(format!("argument for module() given by name ('{k}') and position ({p})")));
        }
        *slot = Some(v.clone());
    }
    let Some(name) = name else {
        return Err(vm.type_error("module() missing required argument 'name' (pos 1)"));
    };
    if name.as_str().is_none() {
        return Err(vm.type_error(format!("module() argument 'name' must be str, not {}", vm.type_name(&name))));
    }
    let Some(d) = vm.module_dict(&this) else {
        return Err(vm.type_error("descriptor '__init__' requires a 'module' object"));
    };
    vm.dict_set_str(&d, "__name__", name);
    vm.dict_set_str(&d, "__doc__", doc.unwrap_or(Value::None));
    for k in ["__package__", "__loader__", "__spec__"] {
        vm.dict_set_str(&d, k, Value::None);
    }
    Ok(Value::None)
}

/// `<module 'name' from 'file'>`, `<module 'sys' (built-in)>`, `<module 'name'>`.
fn module_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = args.pos().first().cloned().unwrap_or(Value::None);
    let Some(d) = vm.module_dict(&this) else {
        return Err(vm.type_error("descriptor '__repr__' requires a 'module' object"));
    };
    let name = match vm.dict_get_str(&d, "__name__") {
        Some(n) => vm.repr_string(&n)?,
        None => "'?'".to_string(),
    };
    if let Some(f) = vm.dict_get_str(&d, "__file__") {
        if !f.is_none() {
            let fr = vm.repr_string(&f)?;
            return Ok(vm.new_str(format!("<module {name} from {fr}>")));
        }
    }
    let builtin = match vm.dict_get_str(&d, "__name__") {
        Some(n) => match n.as_str() {
            Some(s) => is_builtin_module_name(vm, s),
            None => false,
        },
        None => false,
    };
    if builtin {
        return Ok(vm.new_str(format!("<module {name} (built-in)>")));
    }
    Ok(vm.new_str(format!("<module {name}>")))
}

fn is_builtin_module_name(vm: &mut Vm, s: &str) -> bool {
    let Some(sys) = crate::import::sys_module(vm, "sys") else { return false };
    let Some(d) = vm.module_dict(&sys) else { return false };
    let Some(names) = vm.dict_get_str(&d, "builtin_module_names") else { return false };
    names.as_tuple().map_or(false, |t| t.iter().any(|n| n.as_str() == Some(s)))
}

pub fn init(vm: &mut Vm) {
    let t = vm.t.module.clone();
    vm.add_staticmethod(&t, "__new__", module_new);
    vm.add_method(&t, "__init__", module_init);
    vm.add_method(&t, "__repr__", module_repr);
}
