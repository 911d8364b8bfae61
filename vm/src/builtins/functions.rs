//! (Owned by the containers/builtins engineer.) The `builtins` module:
//! fills `vm.builtins` with the constants, every builtin type and exception
//! class, and the builtin functions (`len`, `print`, `repr`, `ascii`,
//! `sorted`, `min`, `max`, `sum`, `any`, `all`, `isinstance`, `issubclass`,
//! `getattr`/`setattr`/`hasattr`/`delattr`, `id`, `hash`, `abs`, `divmod`,
//! `pow`, `round`, `chr`, `ord`, `bin`/`hex`/`oct`, `iter`, `next`,
//! `callable`, `vars`, `dir`, `format`, `input`). The interpreter engineer
//! adds `__build_class__`, `super`, `exec`, `eval`, `compile`, `globals`,
//! `locals`; the lead adds `__import__` and `open`.

use super::container_helpers::{check_pos, is_int, to_bigint};
use crate::function::{Args, NativeFn};
use crate::types::{lookup, mro_with_self, tdata};
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::bytecode::{BinaryOperator, CompareOperator};
use num_bigint::{BigInt, Sign};
use std::rc::Rc;

pub fn init(vm: &mut Vm) {
    let b = Value::Obj(vm.builtins.clone());
    vm.dict_set_str(&b, "None", Value::None);
    vm.dict_set_str(&b, "True", Value::bool(true));
    vm.dict_set_str(&b, "False", Value::bool(false));
    let e = vm.ellipsis.clone();
    vm.dict_set_str(&b, "Ellipsis", e);
    let ni = vm.not_implemented.clone();
    vm.dict_set_str(&b, "NotImplemented", ni);
    let debug = vm.config.optimize == 0;
    vm.dict_set_str(&b, "__debug__", Value::bool(debug));
    let t = &vm.t;
    let types: Vec<(&str, PyRef)> = vec![
        ("object", t.object.clone()),
        ("int", t.int.clone()),
        ("float", t.float.clone()),
        ("complex", t.complex.clone()),
        ("bool", t.bool_.clone()),
        ("str", t.str.clone()),
        ("bytes", t.bytes.clone()),
        ("bytearray", t.bytearray.clone()),
        ("tuple", t.tuple.clone()),
        ("list", t.list.clone()),
        ("dict", t.dict.clone()),
        ("set", t.set.clone()),
        ("frozenset", t.frozenset.clone()),
        ("type", vm.type_type.clone()),
    ];
    for (name, ty) in types {
        vm.dict_set_str(&b, name, Value::Obj(ty));
    }
    for name in ["range", "slice", "enumerate", "zip", "map", "filter", "reversed", "property", "classmethod", "staticmethod", "memoryview", "super"] {
        if let Some(ty) = vm.extra_types.get(name).cloned() {
            vm.dict_set_str(&b, name, Value::Obj(ty));
        }
    }
    for (name, ty) in vm.e.all() {
        vm.dict_set_str(&b, name, Value::Obj(ty));
    }
    let funcs: &[(&'static str, NativeFn)] = &[
        ("len", builtin_len),
        ("print", builtin_print),
        ("repr", builtin_repr),
        ("ascii", builtin_ascii),
        ("sorted", builtin_sorted),
        ("min", |vm, a| min_max(vm, a, true)),
        ("max", |vm, a| min_max(vm, a, false)),
        ("sum", builtin_sum),
        ("any", builtin_any),
        ("all", builtin_all),
        ("isinstance", builtin_isinstance),
        ("issubclass", builtin_issubclass),
        ("getattr", builtin_getattr),
        ("setattr", builtin_setattr),
        ("hasattr", builtin_hasattr),
        ("delattr", builtin_delattr),
        ("id", builtin_id),
        ("hash", builtin_hash),
        ("abs", builtin_abs),
        ("divmod", builtin_divmod),
        ("__import__", builtin_import),
        ("pow", builtin_pow),
        ("round", builtin_round),
        ("chr", builtin_chr),
        ("ord", builtin_ord),
        ("bin", |vm, a| int_to_base(vm, a, "bin", 2)),
        ("oct", |vm, a| int_to_base(vm, a, "oct", 8)),
        ("hex", |vm, a| int_to_base(vm, a, "hex", 16)),
        ("iter", builtin_iter),
        ("next", builtin_next),
        ("callable", builtin_callable),
        ("vars", builtin_vars),
        ("dir", builtin_dir),
        ("format", builtin_format),
        ("input", builtin_input),
    ];
    for (name, f) in funcs {
        let fv = vm.new_builtin(name, *f);
        vm.dict_set_str(&b, name, fv);
    }
}

/// METH_O builtins: `"len() takes exactly one argument (0 given)"`.
fn one_arg<'a>(vm: &Vm, name: &str, args: &Args<'a>) -> PyResult<&'a Value> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
    }
    let p = args.pos();
    if p.len() != 1 {
        return Err(vm.type_error(format!("{}() takes exactly one argument ({} given)", name, p.len())));
    }
    Ok(&p[0])
}

fn positional<'a>(vm: &Vm, name: &str, args: &Args<'a>, min: usize, max: usize) -> PyResult<&'a [Value]> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
    }
    check_pos(vm, name, args.pos(), min, max)?;
    Ok(args.pos())
}

fn builtin_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, "len", &args)?;
    Ok(Value::Int(vm.len(v)? as i64))
}

// ----- output -------------------------------------------------------------

/// Writes to the process's standard output (buffered by Rust's stdout).
pub fn write_stdout(vm: &Vm, s: &str) {
    let _ = vm;
    use std::io::Write;
    let out = std::io::stdout();
    let mut lock = out.lock();
    let _ = lock.write_all(s.as_bytes());
}

/// Flushes the process's standard output.
pub fn flush_stdout() {
    use std::io::Write;
    let _ = std::io::stdout().flush();
}

/// `sys.stdout` when it was replaced by Python code; None when output goes
/// to the real stdout (no `sys` yet, or `sys.stdout is sys.__stdout__`).
fn redirected_stdout(vm: &mut Vm) -> PyResult<Option<Value>> {
    let modules = Value::Obj(vm.modules.clone());
    let Some(sys) = vm.dict_get_str(&modules, "sys") else { return Ok(None) };
    let Some(out) = vm.getattr_opt(&sys, "stdout")? else { return Ok(None) };
    if let Some(orig) = vm.getattr_opt(&sys, "__stdout__")? {
        if orig.is(&out) {
            return Ok(None);
        }
    }
    Ok(Some(out))
}

fn builtin_print(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut sep: Option<String> = None;
    let mut end: Option<String> = None;
    let mut file = Value::None;
    let mut flush = false;
    for (k, v) in args.kwargs() {
        match k {
            "sep" | "end" => {
                let s = if v.is_none() {
                    None
                } else {
                    match v.as_str() {
                        Some(s) => Some(s.to_string()),
                        None => return Err(vm.type_error(format!("{} must be None or a string, not {}", k, vm.type_name(v)))),
                    }
                };
                if k == "sep" {
                    sep = s;
                } else {
                    end = s;
                }
            }
            "file" => file = v.clone(),
            "flush" => flush = vm.truthy(v)?,
            _ => return Err(vm.type_error(format!("'{}' is an invalid keyword argument for print()", k))),
        }
    }
    let sep = sep.unwrap_or_else(|| " ".to_string());
    let end = end.unwrap_or_else(|| "\n".to_string());
    if file.is_none() {
        match redirected_stdout(vm)? {
            Some(f) => file = f,
            None => {
                let modules = Value::Obj(vm.modules.clone());
                if let Some(sys) = vm.dict_get_str(&modules, "sys") {
                    if let Some(out) = vm.getattr_opt(&sys, "stdout")? {
                        if out.is_none() {
                            return Ok(Value::None);
                        }
                    }
                }
            }
        }
    }
    if file.is_none() {
        let mut s = String::new();
        for (i, a) in args.pos().iter().enumerate() {
            if i > 0 {
                s.push_str(&sep);
            }
            if let Some(x) = a.as_str() {
                if super::container_helpers::is_exact(a, &vm.t.str) {
                    s.push_str(x);
                    continue;
                }
            }
            let r = vm.str(a)?;
            s.push_str(r.as_str().unwrap_or(""));
        }
        s.push_str(&end);
        write_stdout(vm, &s);
        if flush {
            flush_stdout();
        }
        return Ok(Value::None);
    }
    let write = vm.getattr_str(&file, "write")?;
    for (i, a) in args.pos().iter().enumerate() {
        if i > 0 {
            let s = vm.new_str(sep.as_str());
            vm.call(&write, &[s])?;
        }
        let r = vm.str(a)?;
        vm.call(&write, &[r])?;
    }
    let e = vm.new_str(end.as_str());
    vm.call(&write, &[e])?;
    if flush {
        let f = vm.getattr_str(&file, "flush")?;
        vm.call(&f, &[])?;
    }
    Ok(Value::None)
}

fn builtin_input(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = positional(vm, "input", &args, 0, 1)?;
    if let Some(prompt) = p.first() {
        let s = vm.str_string(prompt)?;
        match redirected_stdout(vm)? {
            Some(f) => {
                let sv = vm.new_str(s);
                vm.call_method(&f, "write", &[sv])?;
                if let Some(fl) = vm.getattr_opt(&f, "flush")? {
                    vm.call(&fl, &[])?;
                }
            }
            None => write_stdout(vm, &s),
        }
    }
    flush_stdout();
    // A replaced sys.stdin is read through its readline().
    let modules = Value::Obj(vm.modules.clone());
    if let Some(sys) = vm.dict_get_str(&modules, "sys") {
        if let (Some(stdin), Some(orig)) = (vm.getattr_opt(&sys, "stdin")?, vm.getattr_opt(&sys, "__stdin__")?) {
            if !stdin.is(&orig) {
                let line = vm.call_method(&stdin, "readline", &[])?;
                let s = vm.str_string(&line)?;
                if s.is_empty() {
                    return Err(vm.new_error(&vm.e.eof_error.clone(), "EOF when reading a line"));
                }
                return Ok(vm.new_str(s.strip_suffix('\n').unwrap_or(&s)));
            }
        }
    }
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(vm.new_error(&vm.e.eof_error.clone(), "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(vm.new_str(line))
        }
        Err(e) => Err(vm.os_error(e.to_string())),
    }
}

// ----- repr / ascii / format ---------------------------------------------------

fn builtin_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, "repr", &args)?;
    vm.repr(v)
}

/// Escapes non-ASCII characters as `\xNN`, `\uNNNN`, `\UNNNNNNNN`.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{:02x}", n));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{:04x}", n));
        } else {
            out.push_str(&format!("\\U{:08x}", n));
        }
    }
    out
}

fn builtin_ascii(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, "ascii", &args)?;
    let r = vm.repr_string(v)?;
    Ok(vm.new_str(ascii_escape(&r)))
}

/// `format(value, spec)`: `type(value).__format__(value, spec)`.
pub fn format_value(vm: &mut Vm, v: &Value, spec: &Value) -> PyResult<Value> {
    let ty = vm.type_of(v);
    let Some(f) = crate::slots::special(&ty, "__format__") else {
        return Err(vm.type_error(format!("Type {} doesn't define __format__", tdata(&ty).name())));
    };
    let r = vm.call(&f, &[v.clone(), spec.clone()])?;
    if r.as_str().is_none() {
        return Err(vm.type_error(format!("__format__ must return a str, not {}", vm.type_name(&r))));
    }
    Ok(r)
}

fn builtin_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = positional(vm, "format", &args, 1, 2)?;
    let spec = match p.get(1) {
        Some(s) if s.as_str().is_some() => s.clone(),
        Some(s) => return Err(vm.type_error(format!("format() argument 2 must be str, not {}", vm.type_name(s)))),
        None => vm.intern(""),
    };
    format_value(vm, &p[0], &spec)
}

// ----- iteration helpers ----------------------------------------------------------

fn builtin_sorted(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    check_pos(vm, "sorted", p, 1, 1)?;
    let mut key = Value::None;
    let mut reverse = false;
    for (k, v) in args.kwargs() {
        match k {
            "key" => key = v.clone(),
            "reverse" => reverse = super::list::sort_reverse_flag(vm, v)?,
            _ => return Err(vm.type_error(format!("'{}' is an invalid keyword argument for sort()", k))),
        }
    }
    let items = vm.collect(&p[0])?;
    let list = vm.new_list(items);
    super::list::sort_list_in_place(vm, &list, &key, reverse)?;
    Ok(list)
}

/// Where `min`/`max`/`sum` take their items from.
enum ItemSource {
    Slice(Vec<Value>, usize),
    List(Value, usize),
    /// A tuple, walked by index (no iterator object).
    Tuple(Value, usize),
    /// The keys or values of a dict (a dict, or its `keys()`/`values()`
    /// view), walked in place with the checks its iterator makes.
    Dict { dict: Value, pos: usize, values: bool, len_at_start: usize, mutations: u64 },
    /// A set or frozenset walked in place (its iterator's size check).
    Set { set: Value, pos: usize, len_at_start: usize },
    Iter(Value),
}

impl ItemSource {
    #[inline]
    fn next(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        match self {
            ItemSource::Dict { dict, pos, values, len_at_start, mutations } => {
                let Some(d) = dict.as_dict() else { return Ok(None) };
                let dd = d.borrow();
                if dd.len() != *len_at_start || dd.mutations != *mutations {
                    let (now, start) = (dd.len(), *len_at_start);
                    drop(dd);
                    return Err(super::iterators::dict_changed(vm, now, start));
                }
                match dd.next_entry(*pos) {
                    Some((next, e)) => {
                        *pos = next;
                        Ok(Some(if *values { e.value.clone() } else { e.key.clone() }))
                    }
                    None => Ok(None),
                }
            }
            ItemSource::Set { set, pos, len_at_start } => {
                let r = super::set::with_set_data(set, |sd| {
                    if sd.len() != *len_at_start {
                        return Err(());
                    }
                    Ok(sd.next_entry(*pos).map(|(p, v)| (p, v.clone())))
                });
                match r {
                    Some(Ok(Some((p, v)))) => {
                        *pos = p;
                        Ok(Some(v))
                    }
                    Some(Ok(None)) | None => Ok(None),
                    Some(Err(())) => Err(vm.runtime_error("Set changed size during iteration")),
                }
            }
            ItemSource::Slice(items, i) => {
                let v = items.get(*i).cloned();
                *i += 1;
                Ok(v)
            }
            ItemSource::List(list, i) => {
                let v = list.as_list().and_then(|l| l.borrow().get(*i).cloned());
                *i += 1;
                Ok(v)
            }
            ItemSource::Tuple(t, i) => {
                let v = t.as_tuple().and_then(|t| t.get(*i).cloned());
                *i += 1;
                Ok(v)
            }
            ItemSource::Iter(it) => vm.next(it),
        }
    }

    /// Items of `v`: exact lists and tuples by index, dicts, dict key and
    /// value views, sets and frozensets in place, anything else by `iter()`.
    fn of(vm: &mut Vm, v: &Value) -> PyResult<ItemSource> {
        if let Value::Obj(o) = v {
            if o.attrs.is_none() {
                match &o.data {
                    Data::List(_) => return Ok(ItemSource::List(v.clone(), 0)),
                    Data::Tuple(_) if Rc::ptr_eq(&o.ty, &vm.t.tuple) => return Ok(ItemSource::Tuple(v.clone(), 0)),
                    Data::Dict(d) if Rc::ptr_eq(&o.ty, &vm.t.dict) => {
                        let dd = d.borrow();
                        return Ok(ItemSource::Dict { dict: v.clone(), pos: 0, values: false, len_at_start: dd.len(), mutations: dd.mutations });
                    }
                    Data::Set(_) if Rc::ptr_eq(&o.ty, &vm.t.set) => {
                        return Ok(ItemSource::Set { set: v.clone(), pos: 0, len_at_start: super::set::set_len(v) });
                    }
                    Data::FrozenSet(_) if Rc::ptr_eq(&o.ty, &vm.t.frozenset) => {
                        return Ok(ItemSource::Set { set: v.clone(), pos: 0, len_at_start: super::set::set_len(v) });
                    }
                    Data::Native(n) => {
                        let any: &dyn std::any::Any = &**n;
                        if let Some(view) = any.downcast_ref::<super::dict_views::DictView>() {
                            use super::iterators::DictIterKind;
                            if let (Some(d), DictIterKind::Keys | DictIterKind::Values) = (view.dict.as_dict(), view.kind) {
                                let dd = d.borrow();
                                return Ok(ItemSource::Dict {
                                    dict: view.dict.clone(),
                                    pos: 0,
                                    values: view.kind == DictIterKind::Values,
                                    len_at_start: dd.len(),
                                    mutations: dd.mutations,
                                });
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(ItemSource::Iter(vm.iter(v)?))
    }
}

/// The smallest or largest of `items` when every one is an inline int, or
/// every one an inline float without NaNs (`None` otherwise: the generic
/// walk decides, and nothing has been called yet). Ties keep the first, as
/// the generic walk does.
fn extreme_of_numbers(items: &[Value], is_min: bool) -> Option<Value> {
    match items.first()? {
        Value::Int(first) => {
            let mut best = *first;
            for v in &items[1..] {
                let Value::Int(x) = v else { return None };
                if (is_min && *x < best) || (!is_min && *x > best) {
                    best = *x;
                }
            }
            Some(Value::Int(best))
        }
        Value::Float(first) => {
            let mut best = first.get();
            let mut best_value = items[0].clone();
            if best.is_nan() {
                return None;
            }
            for v in &items[1..] {
                let Value::Float(x) = v else { return None };
                let x = x.get();
                if x.is_nan() {
                    return None;
                }
                if (is_min && x < best) || (!is_min && x > best) {
                    best = x;
                    best_value = v.clone();
                }
            }
            Some(best_value)
        }
        _ => None,
    }
}

fn min_max(vm: &mut Vm, args: Args, is_min: bool) -> PyResult<Value> {
    // `min(xs)`/`max(xs)` of an exact list or tuple of machine numbers.
    if let ([Value::Obj(o)], false) = (args.pos(), args.has_kwargs()) {
        if o.attrs.is_none() {
            let r = match &o.data {
                Data::Tuple(t) if Rc::ptr_eq(&o.ty, &vm.t.tuple) => extreme_of_numbers(t, is_min),
                Data::List(l) => extreme_of_numbers(&l.borrow(), is_min),
                _ => None,
            };
            if let Some(r) = r {
                return Ok(r);
            }
        }
    }
    let name = if is_min { "min" } else { "max" };
    let p = args.pos();
    let mut key = Value::None;
    let mut default: Option<Value> = None;
    let nkw = args.kwargs().count();
    if nkw > 2 {
        return Err(vm.type_error(format!("{}() takes at most 2 keyword arguments ({} given)", name, nkw)));
    }
    for (k, v) in args.kwargs() {
        match k {
            "key" => key = v.clone(),
            "default" => default = Some(v.clone()),
            _ => return Err(vm.type_error(format!("'{}' is an invalid keyword argument for {}()", k, name))),
        }
    }
    if p.is_empty() {
        return Err(vm.type_error(format!("{} expected at least 1 argument, got 0", name)));
    }
    if p.len() > 1 && default.is_some() {
        return Err(vm.type_error(format!("Cannot specify a default for {}() with multiple positional arguments", name)));
    }
    // Several arguments are walked in place; one argument is iterated (an
    // exact list by index, which sees mutation as its iterator would).
    let mut source = if p.len() > 1 { ItemSource::Slice(p.to_vec(), 0) } else { ItemSource::of(vm, &p[0])? };
    let op = if is_min { CompareOperator::Lt } else { CompareOperator::Gt };
    let mut best: Option<(Value, Value)> = None;
    while let Some(item) = source.next(vm)? {
        let k = if key.is_none() { item.clone() } else { vm.call(&key, &[item.clone()])? };
        match &best {
            None => best = Some((item, k)),
            Some((_, bk)) => {
                let better = match (&k, bk) {
                    (Value::Int(a), Value::Int(b)) => if is_min { a < b } else { a > b },
                    (Value::Float(a), Value::Float(b)) => if is_min { a.get() < b.get() } else { a.get() > b.get() },
                    _ => {
                        let r = vm.compare(&k, bk, op)?;
                        vm.truthy(&r)?
                    }
                };
                if better {
                    best = Some((item, k));
                }
            }
        }
    }
    match best {
        Some((item, _)) => Ok(item),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{}() iterable argument is empty", name))),
        },
    }
}

/// `start + sum(items)` when every item is an inline int and no partial
/// sum overflows (`None` otherwise, with nothing called).
fn sum_machine_ints(items: &[Value], start: i64) -> Option<i64> {
    let mut acc = start;
    for v in items {
        let Value::Int(i) = v else { return None };
        acc = acc.checked_add(*i)?;
    }
    Some(acc)
}

fn builtin_sum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    let mut start = p.get(1).cloned();
    for (k, v) in args.kwargs() {
        if k == "start" && start.is_none() {
            start = Some(v.clone());
        } else if k == "start" {
            return Err(vm.type_error("argument for sum() given by name ('start') and position (2)"));
        } else {
            return Err(vm.type_error(format!("sum() got an unexpected keyword argument '{}'", k)));
        }
    }
    if p.is_empty() {
        return Err(vm.type_error("sum() takes at least 1 positional argument (0 given)"));
    }
    if p.len() > 2 {
        return Err(vm.type_error(format!("sum() takes at most 2 arguments ({} given)", p.len())));
    }
    let mut result = start.unwrap_or(Value::Int(0));
    if let Value::Obj(o) = &result {
        let what = match &o.data {
            Data::Str(_) => Some("strings [use ''.join(seq) instead]"),
            Data::Bytes(_) => Some("bytes [use b''.join(seq) instead]"),
            Data::ByteArray(_) => Some("bytearray [use b''.join(seq) instead]"),
            _ => None,
        };
        if let Some(w) = what {
            return Err(vm.type_error(format!("sum() can't sum {}", w)));
        }
    }
    // An exact list or tuple of machine ints whose sum fits: one loop over the slice.
    if let (Value::Int(start), Value::Obj(o)) = (&result, &p[0]) {
        if o.attrs.is_none() {
            let r = match &o.data {
                Data::Tuple(t) if Rc::ptr_eq(&o.ty, &vm.t.tuple) => sum_machine_ints(t, *start),
                Data::List(l) => sum_machine_ints(&l.borrow(), *start),
                _ => None,
            };
            if let Some(total) = r {
                return Ok(Value::Int(total));
            }
        }
    }
    let mut source = ItemSource::of(vm, &p[0])?;
    // Exact-int phase.
    if let Value::Int(mut acc) = result {
        loop {
            let Some(item) = source.next(vm)? else { return Ok(Value::Int(acc)) };
            if let Value::Int(i) = item {
                match acc.checked_add(i) {
                    Some(s) => {
                        acc = s;
                        continue;
                    }
                    None => {}
                }
            } else if let Value::Bool(b) = item {
                if let Some(s) = acc.checked_add(b.get() as i64) {
                    acc = s;
                    continue;
                }
            }
            result = match item {
                Value::Float(x) => Value::float(acc as f64 + x.get()),
                _ => vm.binary_op(&Value::Int(acc), &item, BinaryOperator::Add)?,
            };
            break;
        }
    }
    // Float phase: Neumaier's compensated summation, as CPython 3.12.
    if let Value::Float(f) = result {
        let mut total = f.get();
        let mut c = 0.0f64;
        loop {
            let Some(item) = source.next(vm)? else {
                if c != 0.0 && c.is_finite() {
                    total += c;
                }
                return Ok(Value::float(total));
            };
            match item {
                Value::Float(x) => {
                    let x = x.get();
                    let t = total + x;
                    if total.abs() >= x.abs() {
                        c += (total - t) + x;
                    } else {
                        c += (x - t) + total;
                    }
                    total = t;
                    continue;
                }
                Value::Int(i) => {
                    total += i as f64;
                    continue;
                }
                Value::Bool(b) => {
                    total += b.get() as i64 as f64;
                    continue;
                }
                _ => {}
            }
            if c != 0.0 && c.is_finite() {
                total += c;
            }
            result = vm.binary_op(&Value::float(total), &item, BinaryOperator::Add)?;
            break;
        }
    }
    while let Some(item) = source.next(vm)? {
        result = vm.binary_op(&result, &item, BinaryOperator::Add)?;
    }
    Ok(result)
}

fn builtin_any(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, "any", &args)?;
    let it = vm.iter(v)?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

fn builtin_all(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, "all", &args)?;
    let it = vm.iter(v)?;
    while let Some(x) = vm.next(&it)? {
        if !vm.truthy(&x)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

// ----- isinstance / issubclass --------------------------------------------------------

fn is_union(vm: &Vm, v: &Value) -> bool {
    &*vm.type_name(v) == "UnionType"
}

/// A metaclass hook (`__instancecheck__`/`__subclasscheck__`) that differs
/// from `type`'s own.
fn meta_hook(vm: &Vm, cls: &Value, name: &str) -> Option<Value> {
    let meta = vm.type_of(cls);
    let f = lookup(&meta, name)?;
    if let Some(base) = lookup(&vm.type_type, name) {
        if base.is(&f) {
            return None;
        }
    }
    Some(f)
}

/// `isinstance(obj, cls)` decided without calls: `cls` is a class whose
/// metaclass is exactly `type` (so no `__instancecheck__` hook), and either
/// `type(obj)` is a subclass, or `obj` is a value of a builtin layout whose
/// `__class__` cannot differ from its type. `None`: take the general path.
#[inline]
fn isinstance_plain(vm: &Vm, obj: &Value, cls: &Value) -> Option<bool> {
    let Value::Obj(c) = cls else { return None };
    if !matches!(c.data, Data::Type(_)) || !Rc::ptr_eq(&c.ty, &vm.type_type) {
        return None;
    }
    if crate::types::is_subtype(vm.type_ref(obj), c) {
        return Some(true);
    }
    let plain_layout = match obj {
        Value::Obj(o) => {
            o.attrs.is_none()
                && matches!(
                    o.data,
                    Data::Str(_) | Data::Int(_) | Data::Float(_) | Data::Complex(..) | Data::Bytes(_) | Data::ByteArray(_) | Data::Tuple(_)
                        | Data::List(_) | Data::Dict(_) | Data::Set(_) | Data::FrozenSet(_) | Data::Function(_) | Data::Builtin(_)
                )
        }
        _ => true,
    };
    if plain_layout {
        Some(false)
    } else {
        None
    }
}

/// `isinstance(obj, cls)` with tuples, unions and `__instancecheck__`.
pub fn isinstance(vm: &mut Vm, obj: &Value, cls: &Value) -> PyResult<bool> {
    if let Value::Obj(c) = cls {
        if Rc::ptr_eq(vm.type_ref(obj), c) {
            return Ok(true);
        }
    }
    if let Some(r) = isinstance_plain(vm, obj, cls) {
        return Ok(r);
    }
    // A tuple of plain classes: no calls, no recursion guard.
    if let (Some(items), true) = (cls.as_tuple(), super::container_helpers::is_exact(cls, &vm.t.tuple)) {
        let mut all_plain = true;
        for c in items.iter() {
            match isinstance_plain(vm, obj, c) {
                Some(true) => return Ok(true),
                Some(false) => {}
                None => {
                    all_plain = false;
                    break;
                }
            }
        }
        if all_plain {
            return Ok(false);
        }
    }
    if let Some(items) = cls.as_tuple() {
        if super::container_helpers::is_exact(cls, &vm.t.tuple) || true {
            let items = items.to_vec();
            for c in items.iter() {
                if super::container_helpers::guarded(vm, " in __instancecheck__", |vm| isinstance(vm, obj, c))? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
    }
    if let Some(hook) = meta_hook(vm, cls, "__instancecheck__") {
        let r = vm.call(&hook, &[cls.clone(), obj.clone()])?;
        return vm.truthy(&r);
    }
    if let Value::Obj(c) = cls {
        if let Data::Type(_) = &c.data {
            if vm.is_instance(obj, c) {
                return Ok(true);
            }
            // obj.__class__ may differ from type(obj) (proxies).
            if let Some(k) = vm.getattr_opt(obj, "__class__")? {
                if let Value::Obj(ko) = &k {
                    if matches!(ko.data, Data::Type(_)) && !Rc::ptr_eq(ko, vm.type_ref(obj)) {
                        return Ok(crate::types::is_subtype(ko, c));
                    }
                }
            }
            return Ok(false);
        }
    }
    if is_union(vm, cls) {
        let args = vm.getattr_str(cls, "__args__")?;
        return isinstance(vm, obj, &args);
    }
    if vm.getattr_opt(cls, "__bases__")?.is_some() {
        // Abstract classes by duck typing: compare obj.__class__'s bases.
        if let Some(k) = vm.getattr_opt(obj, "__class__")? {
            return abstract_issubclass(vm, &k, cls);
        }
        return Ok(false);
    }
    Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
}

fn abstract_issubclass(vm: &mut Vm, derived: &Value, cls: &Value) -> PyResult<bool> {
    if derived.is(cls) {
        return Ok(true);
    }
    let Some(bases) = vm.getattr_opt(derived, "__bases__")? else { return Ok(false) };
    let Some(items) = bases.as_tuple().map(|t| t.to_vec()) else { return Ok(false) };
    for b in items.iter() {
        if super::container_helpers::guarded(vm, " in __subclasscheck__", |vm| abstract_issubclass(vm, b, cls))? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `issubclass(derived, cls)`.
pub fn issubclass(vm: &mut Vm, derived: &Value, cls: &Value) -> PyResult<bool> {
    if let (Value::Obj(d), Value::Obj(c)) = (derived, cls) {
        if matches!(d.data, Data::Type(_)) && matches!(c.data, Data::Type(_)) && Rc::ptr_eq(&c.ty, &vm.type_type) {
            return Ok(crate::types::is_subtype(d, c));
        }
    }
    if let Some(items) = cls.as_tuple() {
        let items = items.to_vec();
        for c in items.iter() {
            if super::container_helpers::guarded(vm, " in __subclasscheck__", |vm| issubclass(vm, derived, c))? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(hook) = meta_hook(vm, cls, "__subclasscheck__") {
        let r = vm.call(&hook, &[cls.clone(), derived.clone()])?;
        return vm.truthy(&r);
    }
    let derived_is_class = derived.as_type().is_some() || vm.getattr_opt(derived, "__bases__")?.map_or(false, |b| b.as_tuple().is_some());
    if !derived_is_class {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    if let (Value::Obj(d), Value::Obj(c)) = (derived, cls) {
        if matches!(d.data, Data::Type(_)) && matches!(c.data, Data::Type(_)) {
            return Ok(crate::types::is_subtype(d, c));
        }
    }
    if is_union(vm, cls) {
        let args = vm.getattr_str(cls, "__args__")?;
        return issubclass(vm, derived, &args);
    }
    if cls.as_type().is_none() && vm.getattr_opt(cls, "__bases__")?.is_none() {
        return Err(vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"));
    }
    abstract_issubclass(vm, derived, cls)
}

fn builtin_isinstance(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = positional(vm, "isinstance", &args, 2, 2)?;
    Ok(Value::bool(isinstance(vm, &p[0], &p[1])?))
}

fn builtin_issubclass(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = positional(vm, "issubclass", &args, 2, 2)?;
    Ok(Value::bool(issubclass(vm, &p[0], &p[1])?))
}

// ----- attributes ------------------------------------------------------------------

fn attr_name<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a Value> {
    if v.as_str().is_none() {
        return Err(vm.type_error(format!("attribute name must be string, not '{}'", vm.type_name(v))));
    }
    Ok(v)
}

fn builtin_getattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = positional(vm, "getattr", &args, 2, 3)?;
    let name = attr_name(vm, &p[1])?;
    match vm.getattr(&p[0], name) {
        Ok(v) => Ok(v),
        Err(e) if p.len() == 3 && vm.is_instance(&e.0, &vm.e.attribute_error.clone()) => Ok(p[2].clone()),
        Err(e) => Err(e),
    }
}

fn builtin_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = positional(vm, "setattr", &args, 3, 3)?;
    let name = attr_name(vm, &p[1])?;
    vm.setattr(&p[0], name, p[2].clone())?;
    Ok(Value::None)
}

fn builtin_hasattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = positional(vm, "hasattr", &args, 2, 2)?;
    let name = attr_name(vm, &p[1])?;
    match vm.getattr(&p[0], name) {
        Ok(_) => Ok(Value::bool(true)),
        Err(e) if vm.is_instance(&e.0, &vm.e.attribute_error.clone()) => Ok(Value::bool(false)),
        Err(e) => Err(e),
    }
}

fn builtin_delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = positional(vm, "delattr", &args, 2, 2)?;
    let name = attr_name(vm, &p[1])?;
    vm.delattr(&p[0], name)?;
    Ok(Value::None)
}

fn builtin_id(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, "id", &args)?;
    Ok(Value::Int(v.id()))
}

fn builtin_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, "hash", &args)?;
    Ok(Value::Int(vm.hash(v)?))
}

fn builtin_callable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, "callable", &args)?;
    Ok(Value::bool(is_callable(vm, v)))
}

/// `callable(v)`.
pub fn is_callable(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Obj(o) => match &o.data {
            Data::Function(_) | Data::Builtin(_) | Data::BoundMethod(_) | Data::Type(_) => true,
            _ => matches!(crate::slots::special(&o.ty, "__call__"), Some(f) if !f.is_none()),
        },
        _ => {
            let _ = vm;
            false
        }
    }
}

// ----- numbers -------------------------------------------------------------------------

fn builtin_abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, "abs", &args)?;
    match v {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => return Ok(Value::Int(a)),
            None => return Ok(vm.new_bigint(-BigInt::from(*i))),
        },
        Value::Bool(b) => return Ok(Value::Int(b.get() as i64)),
        Value::Float(f) => return Ok(Value::float(f.get().abs())),
        _ => {}
    }
    let ty = vm.type_of(v);
    match crate::slots::special(&ty, "__abs__") {
        Some(f) => vm.call(&f, &[v.clone()]),
        None => {
            if let (Value::Obj(o), true) = (v, is_int(v)) {
                if let Data::Int(b) = &o.data {
                    let a = if b.sign() == Sign::Minus { -b.clone() } else { b.clone() };
                    return Ok(vm.new_bigint(a));
                }
            }
            Err(vm.type_error(format!("bad operand type for abs(): '{}'", tdata(&ty).name())))
        }
    }
}

fn builtin_divmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = positional(vm, "divmod", &args, 2, 2)?;
    let (a, b) = (&p[0], &p[1]);
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        if *y == 0 {
            return Err(vm.zero_division_error("integer division or modulo by zero"));
        }
        if let (Some(q), Some(r)) = (x.checked_div_euclid(*y), x.checked_rem_euclid(*y)) {
            // Euclidean -> floor semantics (the remainder takes the divisor's sign).
            let (q, r) = if r != 0 && (*y < 0) { (q - 1, r + y) } else { (q, r) };
            return Ok(vm.new_pair(Value::Int(q), Value::Int(r)));
        }
    }
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    let fa = crate::slots::special(&ta, "__divmod__");
    let fb = if Rc::ptr_eq(&ta, &tb) { None } else { crate::slots::special(&tb, "__rdivmod__") };
    if let (Some(fb), true) = (&fb, crate::types::is_subtype(&tb, &ta) && !Rc::ptr_eq(&ta, &tb)) {
        let r = vm.call(fb, &[b.clone(), a.clone()])?;
        if !r.is(&vm.not_implemented) {
            return Ok(r);
        }
    }
    if let Some(fa) = fa {
        let r = vm.call(&fa, &[a.clone(), b.clone()])?;
        if !r.is(&vm.not_implemented) {
            return Ok(r);
        }
    }
    if let Some(fb) = fb {
        let r = vm.call(&fb, &[b.clone(), a.clone()])?;
        if !r.is(&vm.not_implemented) {
            return Ok(r);
        }
    }
    Err(vm.type_error(format!("unsupported operand type(s) for divmod(): '{}' and '{}'", tdata(&ta).name(), tdata(&tb).name())))
}

fn builtin_pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    let mut vals: Vec<Option<Value>> = p.iter().cloned().map(Some).collect();
    if p.len() > 3 {
        return Err(vm.type_error(format!("pow() takes at most 3 arguments ({} given)", p.len())));
    }
    vals.resize(3, None);
    for (k, v) in args.kwargs() {
        let i = match k {
            "base" => 0,
            "exp" => 1,
            "mod" => 2,
            _ => return Err(vm.type_error(format!("pow() got an unexpected keyword argument '{}'", k))),
        };
        vals[i] = Some(v.clone());
    }
    let (Some(base), Some(exp)) = (vals[0].clone(), vals[1].clone()) else {
        let missing = if vals[0].is_none() { "base" } else { "exp" };
        return Err(vm.type_error(format!("pow() missing required argument '{}' (pos {})", missing, if missing == "base" { 1 } else { 2 })));
    };
    let modulus = vals[2].clone().unwrap_or(Value::None);
    if modulus.is_none() {
        return vm.binary_op(&base, &exp, BinaryOperator::Power);
    }
    if is_int(&base) && is_int(&exp) && is_int(&modulus) {
        let b = to_bigint(vm, &base)?.unwrap();
        let e = to_bigint(vm, &exp)?.unwrap();
        let m = to_bigint(vm, &modulus)?.unwrap();
        return int_modpow(vm, b, e, m);
    }
    let ty = vm.type_of(&base);
    if let Some(f) = crate::slots::special(&ty, "__pow__") {
        if !(matches!(base, Value::Int(_) | Value::Float(_) | Value::Bool(_))) || is_int(&base) && !is_int(&modulus) {
            let r = vm.call(&f, &[base.clone(), exp.clone(), modulus.clone()])?;
            if !r.is(&vm.not_implemented) {
                return Ok(r);
            }
        }
    }
    if matches!(base, Value::Float(_)) || matches!(exp, Value::Float(_)) || matches!(modulus, Value::Float(_)) || is_int(&base) {
        return Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"));
    }
    Err(vm.type_error(format!(
        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
        vm.type_name(&base),
        vm.type_name(&exp),
        vm.type_name(&modulus)
    )))
}

/// Three-argument `pow` for ints (negative exponents use the modular inverse).
fn int_modpow(vm: &mut Vm, b: BigInt, e: BigInt, m: BigInt) -> PyResult<Value> {
    use num_integer::Integer;
    use num_traits::{One, Signed, Zero};
    if m.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let neg_mod = m.is_negative();
    let am = m.abs();
    let mut base = b.mod_floor(&am);
    let mut e = e;
    if e.is_negative() {
        // Modular inverse via the extended Euclidean algorithm.
        let g = base.extended_gcd(&am);
        if !g.gcd.is_one() {
            return Err(vm.value_error("base is not invertible for the given modulus"));
        }
        base = g.x.mod_floor(&am);
        e = -e;
    }
    let mut r = base.modpow(&e, &am);
    if neg_mod && !r.is_zero() {
        r += &m;
    }
    Ok(vm.new_bigint(r))
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
fn builtin_import(vm: &mut Vm, args: Args) -> PyResult<Value> {
    const NAMES: [&str; 5] = ["name", "globals", "locals", "fromlist", "level"];
    let p = args.pos();
    if p.len() > 5 {
        return Err(vm.type_error(format!("__import__() takes at most 5 arguments ({} given)", p.len())));
    }
    let mut slots: [Option<Value>; 5] = Default::default();
    for (i, v) in p.iter().enumerate() {
        slots[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        match NAMES.iter().position(|n| *n == k) {
            Some(i) if slots[i].is_none() => slots[i] = Some(v.clone()),
            Some(_) => return Err(vm.type_error(format!("argument for __import__() given by name ('{}') and position ({})", k, NAMES.iter().position(|n| *n == k).unwrap_or(0) + 1))),
            None => return Err(vm.type_error(format!("'{}' is an invalid keyword argument for __import__()", k))),
        }
    }
    let Some(name) = slots[0].clone() else { return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)")) };
    let Some(name) = name.as_str().map(|s| s.to_string()) else {
        return Err(vm.type_error(format!("__import__() argument 1 must be str, not {}", vm.type_name(&name))));
    };
    let globals = slots[1].clone().filter(|g| !g.is_none());
    let fromlist = slots[3].clone().unwrap_or(Value::None);
    let level = match &slots[4] {
        Some(l) => vm.index_to_i64(l)?,
        None => 0,
    };
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    if name.is_empty() && level == 0 {
        return Err(vm.value_error("Empty module name"));
    }
    crate::import::import(vm, &name, globals.as_ref(), &fromlist, level as usize)
}

fn builtin_round(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    let mut number = p.first().cloned();
    let mut ndigits = p.get(1).cloned();
    if p.len() > 2 {
        return Err(vm.type_error(format!("round() takes at most 2 arguments ({} given)", p.len())));
    }
    for (k, v) in args.kwargs() {
        match k {
            "number" => number = Some(v.clone()),
            "ndigits" => ndigits = Some(v.clone()),
            _ => return Err(vm.type_error(format!("round() got an unexpected keyword argument '{}'", k))),
        }
    }
    let Some(number) = number else { return Err(vm.type_error("round() missing required argument 'number' (pos 1)")) };
    let ty = vm.type_of(&number);
    let Some(f) = crate::slots::special(&ty, "__round__") else {
        return Err(vm.type_error(format!("type {} doesn't define __round__ method", tdata(&ty).name())));
    };
    match ndigits {
        Some(n) if !n.is_none() => vm.call(&f, &[number.clone(), n]),
        _ => vm.call(&f, &[number.clone()]),
    }
}

fn builtin_chr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, "chr", &args)?;
    let Some(i) = to_bigint(vm, v)? else {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v))));
    };
    let Some(i) = num_traits::ToPrimitive::to_i64(&i) else {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    };
    if !(0..0x110000).contains(&i) {
        return Err(vm.value_error("chr() arg not in range(0x110000)"));
    }
    // Lone surrogates are stored as stand-ins (egret_frontend::surrogates).
    let c = egret_frontend::surrogates::char_for_code_point(i as u32).unwrap_or('\u{FFFD}');
    let mut buf = [0u8; 4];
    let s: &str = c.encode_utf8(&mut buf);
    Ok(vm.intern(s))
}

fn builtin_ord(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, "ord", &args)?;
    if let Some(s) = v.as_pystr() {
        if s.char_len == 1 {
            return Ok(Value::Int(egret_frontend::surrogates::code_point(s.s.chars().next().unwrap_or('\0')) as i64));
        }
        return Err(vm.type_error(format!("ord() expected a character, but string of length {} found", s.char_len)));
    }
    if let Value::Obj(o) = v {
        let bytes: Option<Vec<u8>> = match &o.data {
            Data::Bytes(b) => Some(b.to_vec()),
            Data::ByteArray(b) => Some(b.borrow().clone()),
            _ => None,
        };
        if let Some(b) = bytes {
            if b.len() == 1 {
                return Ok(Value::Int(b[0] as i64));
            }
            return Err(vm.type_error(format!("ord() expected a character, but string of length {} found", b.len())));
        }
    }
    Err(vm.type_error(format!("ord() expected string of length 1, but {} found", vm.type_name(v))))
}

fn int_to_base(vm: &mut Vm, args: Args, name: &str, base: u32) -> PyResult<Value> {
    let v = one_arg(vm, name, &args)?;
    let Some(i) = to_bigint(vm, v)? else {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v))));
    };
    let prefix = match base {
        2 => "0b",
        8 => "0o",
        _ => "0x",
    };
    let digits = i.magnitude().to_str_radix(base);
    let s = if i.sign() == Sign::Minus { format!("-{}{}", prefix, digits) } else { format!("{}{}", prefix, digits) };
    Ok(vm.new_str(s))
}

// ----- iter / next ------------------------------------------------------------------------

fn builtin_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = positional(vm, "iter", &args, 1, 2)?;
    if p.len() == 1 {
        return vm.iter(&p[0]);
    }
    if !is_callable(vm, &p[0]) {
        return Err(vm.type_error("iter(object, sentinel): object must be callable"));
    }
    Ok(super::iterators::callable_iter(vm, p[0].clone(), p[1].clone()))
}

fn builtin_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = positional(vm, "next", &args, 1, 2)?;
    let it = &p[0];
    if let Some(r) = super::iterators::fast_next(vm, it) {
        return match r? {
            Some(v) => Ok(v),
            None => match p.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(vm.stop_iteration(Value::None)),
            },
        };
    }
    let ty = vm.type_of(it);
    let Some(f) = crate::slots::special(&ty, "__next__") else {
        return Err(vm.type_error(format!("'{}' object is not an iterator", tdata(&ty).name())));
    };
    match vm.call(&f, &[it.clone()]) {
        Ok(v) => Ok(v),
        Err(e) if p.len() == 2 && vm.is_instance(&e.0, &vm.e.stop_iteration.clone()) => Ok(p[1].clone()),
        Err(e) => Err(e),
    }
}

// ----- vars / dir ---------------------------------------------------------------------------

fn builtin_vars(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = positional(vm, "vars", &args, 0, 1)?;
    if p.is_empty() {
        return crate::interp::current_locals(vm).ok_or_else(|| vm.type_error("vars(): no locals"));
    }
    match vm.getattr_opt(&p[0], "__dict__")? {
        Some(d) => Ok(d),
        None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
    }
}

/// Attribute names of a class and its bases (`type.__dir__`).
fn class_dir_names(vm: &mut Vm, cls: &PyRef) -> Vec<Value> {
    let _ = vm;
    let mut out = Vec::new();
    for t in mro_with_self(cls) {
        out.extend(tdata(&t).dict.borrow().keys());
    }
    out
}

fn builtin_dir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = positional(vm, "dir", &args, 0, 1)?;
    let mut dedup = true;
    let names: Vec<Value> = if p.is_empty() {
        let locals = crate::interp::current_locals(vm).ok_or_else(|| vm.type_error("dir(): no locals"))?;
        let ks = vm.call_method(&locals, "keys", &[])?;
        vm.collect(&ks)?
    } else {
        let obj = &p[0];
        let ty = vm.type_of(obj);
        let dir_fn = lookup(&ty, "__dir__");
        let object_dir = lookup(&vm.t.object, "__dir__");
        let is_default = match (&dir_fn, &object_dir) {
            (Some(a), Some(b)) => a.is(b),
            _ => true,
        };
        dedup = is_default;
        match (obj, is_default) {
            (Value::Obj(o), true) if matches!(o.data, Data::Type(_)) => class_dir_names(vm, o),
            (Value::Obj(o), true) if matches!(o.data, Data::Module(_)) => {
                let d = super::object::instance_dict_value(vm, obj).unwrap();
                d.as_dict().map(|d| d.borrow().keys()).unwrap_or_default()
            }
            _ => {
                let Some(f) = dir_fn else { return Err(vm.type_error("object does not provide __dir__")) };
                let r = vm.call(&f, &[obj.clone()])?;
                vm.collect(&r)?
            }
        }
    };
    let list = vm.new_list(names);
    super::list::sort_list_in_place(vm, &list, &Value::None, false)?;
    // Duplicates (same name in several classes) appear once; a custom
    // `__dir__`'s result is only sorted, as in CPython.
    if dedup {
        if let Some(l) = list.as_list() {
            let mut v = l.borrow_mut();
            v.dedup_by(|a, b| a.as_str().is_some() && a.as_str() == b.as_str());
        }
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::{Config, Vm};

    fn ints(v: &Value) -> Vec<i64> {
        v.as_list().unwrap().borrow().iter().map(|x| if let Value::Int(i) = x { *i } else { -1 }).collect()
    }

    fn call(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
        let b = Value::Obj(vm.builtins.clone());
        let f = vm.dict_get_str(&b, name).expect(name);
        vm.call(&f, args)
    }

    #[test]
    fn builtins_on_containers() {
        let mut vm = Vm::new(Config::default());
        let l = vm.new_list(vec![Value::Int(3), Value::Int(1), Value::Int(2)]);
        let s = call(&mut vm, "sorted", &[l.clone()]).unwrap();
        assert_eq!(ints(&s), vec![1, 2, 3]);
        assert!(matches!(call(&mut vm, "len", &[l.clone()]).unwrap(), Value::Int(3)));
        assert!(matches!(call(&mut vm, "max", &[l.clone()]).unwrap(), Value::Int(3)));
        assert!(matches!(call(&mut vm, "sum", &[l.clone()]).unwrap(), Value::Int(6)));
        let floats = vm.new_list(vec![Value::float(0.1); 10]);
        assert!(matches!(call(&mut vm, "sum", &[floats]).unwrap(), Value::Float(f) if f.get() == 1.0));
        let h = call(&mut vm, "hex", &[Value::Int(-255)]).unwrap();
        assert_eq!(h.as_str(), Some("-0xff"));
        let empty = vm.new_list(vec![]);
        let e = call(&mut vm, "max", &[empty]).unwrap_err();
        assert!(vm.is_instance(&e.0, &vm.e.value_error.clone()));
        // Self-containing list repr.
        let inner = vm.new_list(vec![]);
        let rec = vm.new_list(vec![inner]);
        rec.as_list().unwrap().borrow_mut().push(rec.clone());
        assert_eq!(vm.repr_string(&rec).unwrap(), "[[], [...]]");
        rec.as_list().unwrap().borrow_mut().pop();
        let r = call(&mut vm, "range", &[Value::Int(0), Value::Int(10), Value::Int(3)]).unwrap();
        assert_eq!(vm.repr_string(&r).unwrap(), "range(0, 10, 3)");
        let lr = call(&mut vm, "list", &[r]).unwrap();
        assert_eq!(ints(&lr), vec![0, 3, 6, 9]);
    }
}
