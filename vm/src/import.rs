//! The import system: `sys.modules`, `sys.path` search, packages, relative
//! imports, native modules registered by `egret-stdlib`, and the project's
//! embedded pure-Python library. (Owned by the lead.)
//!
//! Resolution order for an absolute name not yet in `sys.modules`:
//! 1. native modules (`vm.native_modules`: `sys`, `math`, `_collections`, ...);
//! 2. for a submodule, the parent package's `__path__`; for a top-level
//!    name, each directory of `sys.path`: `NAME.py`, then `NAME/__init__.py`
//!    (a regular package), remembering `NAME/` without `__init__.py` as a
//!    namespace package candidate;
//! 3. the embedded library (`vm.embedded_sources`), which plays the role of
//!    CPython's installed `Lib/`;
//! 4. a namespace package found in step 2.
//!
//! A module is put in `sys.modules` before its code runs (so circular
//! imports see the partly initialised module) and removed if its code raises.

use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Directory name under which embedded modules' filenames appear.
pub const EMBEDDED_PREFIX: &str = "<egret>/lib";

/// `__import__(name, globals, locals, fromlist, level)`.
pub fn import(vm: &mut Vm, name: &str, globals: Option<&Value>, fromlist: &Value, level: usize) -> PyResult<Value> {
    let absolute = if level > 0 { resolve_relative(vm, name, globals, level)? } else { name.to_string() };
    if absolute.is_empty() {
        return Err(vm.value_error("Empty module name"));
    }
    let module = import_dotted(vm, &absolute)?;
    let fromlist_items = if fromlist.is_none() { vec![] } else { vm.collect(fromlist)? };
    if fromlist_items.is_empty() {
        if level == 0 || !name.is_empty() {
            // `import a.b.c` binds `a`: return the top-level package.
            let top = if level == 0 {
                name.split('.').next().unwrap_or(name).to_string()
            } else {
                let cut = absolute.len() - name.len();
                let first = name.split('.').next().unwrap_or(name);
                format!("{}{}", &absolute[..cut], first)
            };
            return Ok(sys_module(vm, &top).unwrap_or(module));
        }
        return Ok(module);
    }
    // `from pkg import sub`: import submodules named in the fromlist.
    if is_package(vm, &module) {
        for item in fromlist_items {
            let Some(s) = item.as_str().map(|s| s.to_string()) else { continue };
            if s == "*" {
                if let Some(all) = vm.getattr_opt(&module, "__all__")? {
                    for sub in vm.collect(&all)? {
                        if let Some(sub) = sub.as_str().map(|s| s.to_string()) {
                            if vm.getattr_opt(&module, &sub)?.is_none() {
                                let _ = try_import_submodule(vm, &absolute, &sub)?;
                            }
                        }
                    }
                }
                continue;
            }
            if vm.getattr_opt(&module, &s)?.is_none() {
                try_import_submodule(vm, &absolute, &s)?;
            }
        }
    }
    Ok(module)
}

/// Imports `parent.sub`, treating "not found" as no error (fromlist semantics).
fn try_import_submodule(vm: &mut Vm, parent: &str, sub: &str) -> PyResult<()> {
    let full = format!("{parent}.{sub}");
    match import_dotted(vm, &full) {
        Ok(_) => Ok(()),
        Err(e) if vm.is_instance(&e.0, &vm.e.module_not_found_error.clone()) => {
            let missing = vm.get_attr_raw(&e.0, "name").and_then(|n| n.as_str().map(|s| s.to_string()));
            if missing.as_deref() == Some(full.as_str()) {
                Ok(())
            } else {
                Err(e)
            }
        }
        Err(e) => Err(e),
    }
}

fn is_package(vm: &Vm, module: &Value) -> bool {
    vm.module_dict(module).map_or(false, |d| vm.dict_get_str(&d, "__path__").is_some())
}

/// `sys.modules[name]` if present.
pub fn sys_module(vm: &Vm, name: &str) -> Option<Value> {
    vm.dict_get_str(&Value::Obj(vm.modules.clone()), name)
}

fn resolve_relative(vm: &mut Vm, name: &str, globals: Option<&Value>, level: usize) -> PyResult<String> {
    let globals = globals.cloned().unwrap_or(Value::None);
    let mut package = if globals.as_dict().is_some() { vm.dict_get_str(&globals, "__package__") } else { None };
    if package.as_ref().map_or(true, |p| p.is_none()) {
        let modname = if globals.as_dict().is_some() { vm.dict_get_str(&globals, "__name__") } else { None };
        let is_pkg = globals.as_dict().is_some() && vm.dict_get_str(&globals, "__path__").is_some();
        package = modname.and_then(|n| n.as_str().map(|s| {
            if is_pkg {
                s.to_string()
            } else {
                s.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default()
            }
        })).map(|s| vm.new_str(s));
    }
    let package = package.and_then(|p| p.as_str().map(|s| s.to_string())).unwrap_or_default();
    if package.is_empty() {
        return Err(vm.new_error(&vm.e.import_error.clone(), "attempted relative import with no known parent package"));
    }
    let parts: Vec<&str> = package.split('.').collect();
    if level - 1 >= parts.len() {
        return Err(vm.new_error(&vm.e.import_error.clone(), "attempted relative import beyond top-level package"));
    }
    let base = parts[..parts.len() - (level - 1)].join(".");
    Ok(if name.is_empty() { base } else { format!("{base}.{name}") })
}

/// Imports every prefix of a dotted name, returning the last module.
pub fn import_dotted(vm: &mut Vm, absolute: &str) -> PyResult<Value> {
    if let Some(m) = sys_module(vm, absolute) {
        if !m.is_none() {
            return Ok(m);
        }
    }
    let mut module = Value::None;
    let mut so_far = String::new();
    for part in absolute.split('.') {
        let parent = so_far.clone();
        if !so_far.is_empty() {
            so_far.push('.');
        }
        so_far.push_str(part);
        if let Some(m) = sys_module(vm, &so_far) {
            if m.is_none() {
                return Err(not_found(vm, &so_far, &format!("import of {so_far} halted; None in sys.modules")));
            }
            module = m;
            continue;
        }
        let search = if parent.is_empty() {
            None
        } else {
            let pm = module.clone();
            match vm.module_dict(&pm).and_then(|d| vm.dict_get_str(&d, "__path__")) {
                Some(p) => Some(vm.collect(&p)?),
                None => {
                    return Err(not_found(vm, &so_far, &format!("No module named '{so_far}'; '{parent}' is not a package")));
                }
            }
        };
        let m = load_module(vm, &so_far, search)?;
        if !parent.is_empty() {
            let n = vm.intern(part);
            let _ = vm.setattr(&module, &n, m.clone());
        }
        module = m;
    }
    Ok(module)
}

pub fn not_found(vm: &mut Vm, name: &str, msg: &str) -> crate::PyErr {
    let e = vm.new_error(&vm.e.module_not_found_error.clone(), msg.to_string());
    let n = vm.new_str(name);
    let _ = vm.set_attr_raw(&e.0, "name", n);
    e
}

/// Where a module's code comes from.
enum Found {
    File { path: PathBuf, package_dir: Option<PathBuf> },
    Embedded { source: &'static str, is_package: bool },
    Namespace(Vec<PathBuf>),
}

/// Finds module `fullname` given its parent's `__path__` (None: top level, `sys.path`).
fn find(vm: &mut Vm, fullname: &str, search: Option<Vec<Value>>) -> PyResult<Option<Found>> {
    let last = fullname.rsplit('.').next().unwrap_or(fullname);
    let dirs: Vec<PathBuf> = match &search {
        Some(paths) => paths.iter().filter_map(|p| p.as_str().map(PathBuf::from)).collect(),
        None => {
            let sys = sys_module(vm, "sys");
            let path = match sys {
                Some(s) => vm.getattr_opt(&s, "path")?,
                None => None,
            };
            match path {
                Some(p) => vm.collect(&p)?.iter().filter_map(|v| v.as_str().map(PathBuf::from)).collect(),
                None => vec![],
            }
        }
    };
    let mut namespace: Vec<PathBuf> = Vec::new();
    for dir in &dirs {
        if dir.as_os_str().to_string_lossy().starts_with(EMBEDDED_PREFIX) {
            continue;
        }
        let base = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir.clone() };
        let pkg = base.join(last);
        let init = pkg.join("__init__.py");
        if init.is_file() {
            return Ok(Some(Found::File { path: init, package_dir: Some(pkg) }));
        }
        let file = base.join(format!("{last}.py"));
        if file.is_file() {
            return Ok(Some(Found::File { path: file, package_dir: None }));
        }
        if pkg.is_dir() {
            namespace.push(pkg);
        }
    }
    if let Some((source, is_package)) = vm.embedded_sources.get(fullname).copied() {
        return Ok(Some(Found::Embedded { source, is_package }));
    }
    if !namespace.is_empty() {
        return Ok(Some(Found::Namespace(namespace)));
    }
    Ok(None)
}

/// For `-m`: the source, filename and package-ness of module `fullname`
/// (its parent packages are imported first, as runpy does).
pub fn find_module_source(vm: &mut Vm, fullname: &str) -> PyResult<Option<(Vec<u8>, String, bool)>> {
    let search = match fullname.rsplit_once('.') {
        Some((parent, _)) => {
            let pm = import_dotted(vm, parent)?;
            match vm.module_dict(&pm).and_then(|d| vm.dict_get_str(&d, "__path__")) {
                Some(p) => Some(vm.collect(&p)?),
                None => return Ok(None),
            }
        }
        None => None,
    };
    Ok(match find(vm, fullname, search)? {
        Some(Found::File { path, package_dir }) => {
            let bytes = std::fs::read(&path).map_err(|e| vm.os_error(e.to_string()))?;
            Some((bytes, absolute_path(&path), package_dir.is_some()))
        }
        Some(Found::Embedded { source, is_package }) => {
            let rel = fullname.replace('.', "/");
            let fname = if is_package { format!("{EMBEDDED_PREFIX}/{rel}/__init__.py") } else { format!("{EMBEDDED_PREFIX}/{rel}.py") };
            vm.source_cache.insert(fname.clone(), Rc::from(source));
            Some((source.as_bytes().to_vec(), fname, is_package))
        }
        Some(Found::Namespace(_)) => Some((vec![], String::new(), true)),
        None => None,
    })
}

/// Finds and executes module `fullname` (its parent is already imported).
fn load_module(vm: &mut Vm, fullname: &str, search: Option<Vec<Value>>) -> PyResult<Value> {
    if let Some(init) = vm.native_modules.get(fullname).copied() {
        let m = init(vm)?;
        vm.dict_set_str(&Value::Obj(vm.modules.clone()), fullname, m.clone());
        return Ok(m);
    }
    let Some(found) = find(vm, fullname, search)? else {
        return Err(not_found(vm, fullname, &format!("No module named '{fullname}'")));
    };
    let module = vm.new_module(fullname);
    let dict = vm.module_dict(&module).expect("module dict");
    let package = match &found {
        Found::File { package_dir: Some(_), .. } | Found::Embedded { is_package: true, .. } | Found::Namespace(_) => fullname.to_string(),
        _ => fullname.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default(),
    };
    let pv = vm.new_str(package);
    vm.dict_set_str(&dict, "__package__", pv);
    vm.dict_set_str(&dict, "__loader__", Value::None);
    let builtins = Value::Obj(vm.builtins.clone());
    vm.dict_set_str(&dict, "__builtins__", builtins);
    let (source, filename): (Rc<[u8]>, String) = match &found {
        Found::File { path, package_dir } => {
            let fname = absolute_path(path);
            let fv = vm.new_str(fname.clone());
            vm.dict_set_str(&dict, "__file__", fv);
            if let Some(d) = package_dir {
                let dv = vm.new_str(absolute_path(d));
                let l = vm.new_list(vec![dv]);
                vm.dict_set_str(&dict, "__path__", l);
            }
            let bytes = std::fs::read(path).map_err(|e| vm.os_error(format!("{}: {}", fname, e)))?;
            (bytes.into(), fname)
        }
        Found::Embedded { source, is_package } => {
            let rel = fullname.replace('.', "/");
            let fname = if *is_package { format!("{EMBEDDED_PREFIX}/{rel}/__init__.py") } else { format!("{EMBEDDED_PREFIX}/{rel}.py") };
            let fv = vm.new_str(fname.clone());
            vm.dict_set_str(&dict, "__file__", fv);
            if *is_package {
                let dv = vm.new_str(format!("{EMBEDDED_PREFIX}/{rel}"));
                let l = vm.new_list(vec![dv]);
                vm.dict_set_str(&dict, "__path__", l);
            }
            vm.source_cache.insert(fname.clone(), Rc::from(*source));
            (Rc::from(source.as_bytes()), fname)
        }
        Found::Namespace(dirs) => {
            let items: Vec<Value> = dirs.iter().map(|d| vm.new_str(absolute_path(d))).collect();
            let l = vm.new_list(items);
            vm.dict_set_str(&dict, "__path__", l);
            vm.dict_set_str(&Value::Obj(vm.modules.clone()), fullname, module.clone());
            return Ok(module);
        }
    };
    let spec = make_spec(vm, fullname, &filename, vm.dict_get_str(&dict, "__path__"));
    vm.dict_set_str(&dict, "__spec__", spec);
    vm.dict_set_str(&Value::Obj(vm.modules.clone()), fullname, module.clone());
    let result = exec_source(vm, &source, &filename, &dict);
    if let Err(e) = result {
        let key = vm.new_str(fullname);
        let _ = vm.dict_del(&Value::Obj(vm.modules.clone()), &key);
        return Err(e);
    }
    // The module may have replaced itself in sys.modules.
    Ok(sys_module(vm, fullname).unwrap_or(module))
}

fn absolute_path(p: &Path) -> String {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().map(|d| d.join(p)).unwrap_or_else(|_| p.to_path_buf()) };
    normalize(&abs)
}

/// Removes `.` components and `x/..` pairs lexically.
fn normalize(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::RootDir => parts.clear(),
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            std::path::Component::Prefix(_) => {}
        }
    }
    format!("/{}", parts.join("/"))
}

/// A minimal `ModuleSpec`: an object with `name`, `origin`, `parent`,
/// `submodule_search_locations`, `loader`, `has_location`, `cached`.
fn make_spec(vm: &mut Vm, name: &str, origin: &str, path: Option<Value>) -> Value {
    let ty = match vm.extra_types.get("ModuleSpec") {
        Some(t) => t.clone(),
        None => {
            let t = vm.new_builtin_type("ModuleSpec", None, crate::types::Layout::Object, crate::types::type_flags::HAS_ATTRS | crate::types::type_flags::HEAPTYPE);
            vm.extra_types.insert("ModuleSpec", t.clone());
            t
        }
    };
    let spec = vm.alloc(ty, Data::Empty);
    let n = vm.new_str(name);
    let o = vm.new_str(origin);
    let parent = if path.is_some() { name.to_string() } else { name.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default() };
    let p = vm.new_str(parent);
    let _ = vm.set_attr_raw(&spec, "name", n);
    let _ = vm.set_attr_raw(&spec, "origin", o);
    let _ = vm.set_attr_raw(&spec, "parent", p);
    let _ = vm.set_attr_raw(&spec, "submodule_search_locations", path.unwrap_or(Value::None));
    let _ = vm.set_attr_raw(&spec, "loader", Value::None);
    let _ = vm.set_attr_raw(&spec, "cached", Value::None);
    let _ = vm.set_attr_raw(&spec, "has_location", Value::bool(true));
    spec
}

/// Compiles `source` and runs it in the namespace `dict`.
pub fn exec_source(vm: &mut Vm, source: &[u8], filename: &str, dict: &Value) -> PyResult<Value> {
    let code = crate::compile::compile(vm, source, filename, egret_frontend::ast::Mode::Exec, None)?;
    let Value::Obj(g) = dict else { return Err(vm.type_error("globals must be a dict")) };
    crate::interp::run_code(vm, code, g.clone(), None)
}
