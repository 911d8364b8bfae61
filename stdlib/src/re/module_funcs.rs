//! The module-level functions of `re` (`search`, `match`, `sub`, ...) as
//! natives with the compiled-pattern cache, so a call like
//! `re.search(p, s)` costs one native call: cache lookup by the pattern
//! string's (cached) hash, then the Pattern method.
//!
//! The cache is a dict `pattern -> list of Pattern objects` (one per flags
//! value) kept in `vm.extra_types["re._cache"]`; it is cleared when it
//! reaches 512 patterns and by `re.purge()`.

use egret_vm::function::Args;
use egret_vm::value::{Data, Value};
use egret_vm::vm::Vm;
use egret_vm::PyResult;

use super::{do_match, pattern_of, template, Mode, PatternData};

const MAXCACHE: usize = 512;

/// Binds the arguments of a module function to `names`.
fn bind_fn(vm: &Vm, args: &Args, fname: &str, names: &[&str], required: usize) -> PyResult<Vec<Option<Value>>> {
    let pos = args.pos();
    if pos.len() > names.len() {
        return Err(vm.type_error(format!("{}() takes from {} to {} positional arguments but {} were given", fname, required, names.len(), pos.len())));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        match names.iter().position(|n| *n == k) {
            Some(i) => {
                if out[i].is_some() {
                    return Err(vm.type_error(format!("{}() got multiple values for argument '{}'", fname, k)));
                }
                out[i] = Some(v.clone());
            }
            None => return Err(vm.type_error(format!("{}() got an unexpected keyword argument '{}'", fname, k))),
        }
    }
    let missing: Vec<String> = (0..required).filter(|&i| out[i].is_none()).map(|i| format!("'{}'", names[i])).collect();
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            _ => format!("{}, and {}", missing[..missing.len() - 1].join(", "), missing[missing.len() - 1]),
        };
        return Err(vm.type_error(format!(
            "{}() missing {} required positional argument{}: {}",
            fname,
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            list
        )));
    }
    Ok(out)
}

fn flags_value(vm: &mut Vm, f: &Option<Value>) -> PyResult<i64> {
    match f {
        None => Ok(0),
        Some(v) => egret_vm::builtins::str_util::int_arg(vm, v),
    }
}

fn cache_dict(vm: &mut Vm) -> Value {
    if let Some(d) = vm.extra_types.get("re._cache") {
        return Value::Obj(d.clone());
    }
    let d = vm.new_dict();
    if let Some(o) = d.as_obj() {
        vm.extra_types.insert("re._cache", o.clone());
    }
    d
}

fn is_exact_str_or_bytes(vm: &Vm, v: &Value) -> bool {
    match v.as_obj() {
        Some(o) => matches!(o.data, Data::Str(_) | Data::Bytes(_)) && (o.ty.is(&vm.t.str) || o.ty.is(&vm.t.bytes)),
        None => false,
    }
}

trait SameType {
    fn is(&self, other: &egret_vm::value::PyRef) -> bool;
}

impl SameType for egret_vm::value::PyRef {
    fn is(&self, other: &egret_vm::value::PyRef) -> bool {
        std::rc::Rc::ptr_eq(self, other)
    }
}

/// `re._compile`: the cached Pattern for (pattern, flags).
pub fn get_pattern(vm: &mut Vm, pattern: &Value, flags: i64) -> PyResult<Value> {
    if pattern.native::<PatternData>().is_some() {
        if flags != 0 {
            return Err(vm.value_error("cannot process flags argument with a compiled pattern"));
        }
        return Ok(pattern.clone());
    }
    let cacheable = is_exact_str_or_bytes(vm, pattern);
    if !cacheable && pattern.as_pystr().is_none() && !matches!(pattern.as_obj().map(|o| &o.data), Some(Data::Bytes(_))) {
        return Err(vm.type_error("first argument must be string or compiled pattern"));
    }
    let cache = cache_dict(vm);
    if cacheable {
        if let Some(list) = vm.dict_get(&cache, pattern)? {
            if let Some(items) = list.as_list() {
                let items = items.borrow();
                for p in items.iter() {
                    if let Some(pd) = p.native::<PatternData>() {
                        if pd.flags_arg == flags {
                            return Ok(p.clone());
                        }
                    }
                }
            }
        }
    }
    let fl = Value::Int(flags);
    let compiled = super::sre_compile(vm, Args::positional(&[pattern.clone(), fl]))?;
    if flags & super::parser::FLAG_DEBUG as i64 != 0 || !cacheable {
        return Ok(compiled);
    }
    if vm.len(&cache)? >= MAXCACHE {
        vm.call_method0(&cache, "clear")?;
    }
    match vm.dict_get(&cache, pattern)? {
        Some(list) if list.as_list().is_some() => list.as_list().unwrap().borrow_mut().push(compiled.clone()),
        _ => {
            let l = vm.new_list(vec![compiled.clone()]);
            vm.dict_set(&cache, pattern.clone(), l)?;
        }
    }
    Ok(compiled)
}

trait CallMethod0 {
    fn call_method0(&mut self, obj: &Value, name: &str) -> PyResult<Value>;
}

impl CallMethod0 for Vm {
    fn call_method0(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        let n = self.new_str(name);
        let f = self.getattr(obj, &n)?;
        self.call(&f, &[])
    }
}

fn f_compile(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind_fn(vm, &args, "compile", &["pattern", "flags"], 1)?;
    let flags = flags_value(vm, &b[1])?;
    get_pattern(vm, b[0].as_ref().unwrap(), flags)
}

fn matcher_fn(vm: &mut Vm, args: Args, name: &str, mode: Mode) -> PyResult<Value> {
    let b = bind_fn(vm, &args, name, &["pattern", "string", "flags"], 2)?;
    let flags = flags_value(vm, &b[2])?;
    let p = get_pattern(vm, b[0].as_ref().unwrap(), flags)?;
    let s = b[1].clone().unwrap();
    do_match(vm, Args::positional(&[p, s]), mode, name)
}

fn f_search(vm: &mut Vm, args: Args) -> PyResult<Value> {
    matcher_fn(vm, args, "search", Mode::Search)
}
fn f_match(vm: &mut Vm, args: Args) -> PyResult<Value> {
    matcher_fn(vm, args, "match", Mode::Match)
}
fn f_fullmatch(vm: &mut Vm, args: Args) -> PyResult<Value> {
    matcher_fn(vm, args, "fullmatch", Mode::Full)
}

fn f_findall(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind_fn(vm, &args, "findall", &["pattern", "string", "flags"], 2)?;
    let flags = flags_value(vm, &b[2])?;
    let p = get_pattern(vm, b[0].as_ref().unwrap(), flags)?;
    super::p_findall(vm, Args::positional(&[p, b[1].clone().unwrap()]))
}

fn f_finditer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind_fn(vm, &args, "finditer", &["pattern", "string", "flags"], 2)?;
    let flags = flags_value(vm, &b[2])?;
    let p = get_pattern(vm, b[0].as_ref().unwrap(), flags)?;
    super::p_finditer(vm, Args::positional(&[p, b[1].clone().unwrap()]))
}

fn f_split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind_fn(vm, &args, "split", &["pattern", "string", "maxsplit", "flags"], 2)?;
    let flags = flags_value(vm, &b[3])?;
    let p = get_pattern(vm, b[0].as_ref().unwrap(), flags)?;
    let ms = b[2].clone().unwrap_or(Value::Int(0));
    super::p_split(vm, Args::positional(&[p, b[1].clone().unwrap(), ms]))
}

fn subx(vm: &mut Vm, args: Args, n: bool) -> PyResult<Value> {
    let name = if n { "subn" } else { "sub" };
    let b = bind_fn(vm, &args, name, &["pattern", "repl", "string", "count", "flags"], 3)?;
    let flags = flags_value(vm, &b[4])?;
    let p = get_pattern(vm, b[0].as_ref().unwrap(), flags)?;
    let count = b[3].clone().unwrap_or(Value::Int(0));
    template::subx(vm, Args::positional(&[p, b[1].clone().unwrap(), b[2].clone().unwrap(), count]), n)
}

fn f_sub(vm: &mut Vm, args: Args) -> PyResult<Value> {
    subx(vm, args, false)
}
fn f_subn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    subx(vm, args, true)
}

fn f_purge(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let cache = cache_dict(vm);
    vm.call_method0(&cache, "clear")?;
    Ok(Value::None)
}

pub fn add_functions(vm: &mut Vm, m: &Value) {
    vm.add_module_function(m, "compile_cached", f_compile);
    vm.add_module_function(m, "search", f_search);
    vm.add_module_function(m, "match", f_match);
    vm.add_module_function(m, "fullmatch", f_fullmatch);
    vm.add_module_function(m, "findall", f_findall);
    vm.add_module_function(m, "finditer", f_finditer);
    vm.add_module_function(m, "split", f_split);
    vm.add_module_function(m, "sub", f_sub);
    vm.add_module_function(m, "subn", f_subn);
    vm.add_module_function(m, "purge", f_purge);
    let _ = pattern_of;
}
