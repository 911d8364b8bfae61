//! (Owned by the strings engineer: str: constructor, every method, __getitem__ with slices, repr, iteration, comparison dunders, hashing via vm.hash.)
//!
//! Strings are UTF-8 (`PyStr`); every position Python sees is a code-point
//! offset. ASCII strings (byte length == char length) index in O(1); other
//! strings convert offsets by walking the UTF-8. Search, split and the
//! padding methods are here; case mapping, classification and the other
//! transformations are in `str_methods.rs`, `repr`/`ascii` in `str_repr.rs`.
//!
//! Known gap: Rust strings cannot hold lone surrogates (`'\ud800'`), so
//! such strings are whatever the frontend made of them.

use super::str_util::{bind, byte_offset, char_index, int_arg, is_space, slice_indices, slice_parts, start_end};
use crate::function::{Args, NativeFn};
use crate::types::{tdata, type_flags as tf, Layout};
use crate::value::{Data, NativeData, PyStr, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::cell::Cell;
use std::rc::Rc;

pub fn init(vm: &mut Vm) {
    let t = vm.t.str.clone();
    let methods: &[(&'static str, NativeFn)] = &[
        ("__len__", str_len),
        ("__getitem__", str_getitem),
        ("__contains__", str_contains),
        ("__iter__", str_iter),
        ("__add__", str_add),
        ("__mul__", str_mul),
        ("__rmul__", str_mul),
        ("__eq__", str_eq),
        ("__ne__", str_ne),
        ("__lt__", str_lt),
        ("__le__", str_le),
        ("__gt__", str_gt),
        ("__ge__", str_ge),
        ("__hash__", str_hash),
        ("__str__", str_str),
        ("__getnewargs__", str_getnewargs),
        ("__sizeof__", str_sizeof),
        ("find", str_find),
        ("rfind", str_rfind),
        ("index", str_index),
        ("rindex", str_rindex),
        ("count", str_count),
        ("startswith", str_startswith),
        ("endswith", str_endswith),
        ("split", str_split),
        ("rsplit", str_rsplit),
        ("splitlines", str_splitlines),
        ("join", str_join),
        ("replace", str_replace),
        ("partition", str_partition),
        ("rpartition", str_rpartition),
        ("strip", str_strip),
        ("lstrip", str_lstrip),
        ("rstrip", str_rstrip),
        ("removeprefix", str_removeprefix),
        ("removesuffix", str_removesuffix),
        ("center", str_center),
        ("ljust", str_ljust),
        ("rjust", str_rjust),
        ("zfill", str_zfill),
        ("expandtabs", str_expandtabs),
    ];
    for (n, f) in methods {
        vm.add_method(&t, n, *f);
    }
    vm.add_staticmethod(&t, "__new__", str_new);
    super::str_methods::init(vm);
    super::str_repr::init(vm);
    for name in ["str_ascii_iterator", "str_iterator"] {
        let it = vm.new_builtin_type(name, None, Layout::Native, 0);
        vm.add_method(&it, "__iter__", iter_self);
        vm.add_method(&it, "__next__", str_iter_next);
        vm.add_method(&it, "__length_hint__", str_iter_length_hint);
        vm.extra_types.insert(name, it);
    }
    let _ = tf::BASETYPE;
}

// ----- helpers ------------------------------------------------------------

/// The receiver of a str method (`self`), with CPython's descriptor error.
pub fn recv<'a>(vm: &Vm, a: &Args<'a>, name: &str) -> PyResult<&'a PyStr> {
    match a.pos().first() {
        Some(v) => match v.as_pystr() {
            Some(s) => Ok(s),
            None => Err(vm.type_error(format!("descriptor '{}' for 'str' objects doesn't apply to a '{}' object", name, vm.type_name(v)))),
        },
        None => Err(vm.type_error(format!("unbound method str.{}() needs an argument", name))),
    }
}

/// A str argument, or TypeError "must be str, not X" with `prefix` before it.
pub fn str_arg<'a>(vm: &Vm, v: &'a Value, prefix: &str) -> PyResult<&'a str> {
    match v.as_str() {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!("{}must be str, not {}", prefix, vm.type_name(v)))),
    }
}

/// Whether `v` is an exact (not subclass) str.
pub fn is_exact_str(vm: &Vm, v: &Value) -> bool {
    matches!(v, Value::Obj(o) if Rc::ptr_eq(&o.ty, &vm.t.str))
}

/// The code points `[start, end)` of `s` as a `&str`.
pub fn char_slice(s: &PyStr, start: usize, end: usize) -> &str {
    if s.is_ascii() {
        return &s.s[start..end];
    }
    let b0 = byte_offset(s, start);
    let rest = &s.s[b0..];
    let b1 = rest.char_indices().nth(end - start).map(|(b, _)| b).unwrap_or(rest.len());
    &rest[..b1]
}

fn new_s(vm: &Vm, s: String) -> PyResult<Value> {
    Ok(vm.new_str(s))
}

/// Returns `self` unchanged when it is an exact str, else an exact copy.
fn same_or_copy(vm: &Vm, v: &Value, s: &str) -> Value {
    if is_exact_str(vm, v) {
        v.clone()
    } else {
        vm.new_str(s)
    }
}

// ----- constructor ----------------------------------------------------------

fn str_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let cls = match pos.first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => o.clone(),
        _ => return Err(vm.type_error("str.__new__(X): X is not a type object")),
    };
    if !crate::types::is_subtype(&cls, &vm.t.str) {
        return Err(vm.type_error(format!("str.__new__({}): {} is not a subtype of str", tdata(&cls).name(), tdata(&cls).name())));
    }
    if pos.len() > 4 {
        return Err(vm.type_error(format!("str() takes at most 3 arguments ({} given)", pos.len() - 1)));
    }
    let mut slots: [Option<Value>; 3] = [pos.get(1).cloned(), pos.get(2).cloned(), pos.get(3).cloned()];
    for (k, v) in a.kwargs() {
        let i = match k {
            "object" => 0,
            "encoding" => 1,
            "errors" => 2,
            _ => return Err(vm.type_error(format!("'{}' is an invalid keyword argument for str()", k))),
        };
        if slots[i].is_some() {
            return Err(vm.type_error(format!("argument for str() given by name ('{}') and position ({})", k, i + 1)));
        }
        slots[i] = Some(v.clone());
    }
    let text: Value = if slots[1].is_none() && slots[2].is_none() {
        match &slots[0] {
            None => vm.new_str(""),
            Some(o) => vm.str(o)?,
        }
    } else {
        let encoding = match &slots[1] {
            Some(v) => str_arg(vm, v, "str() argument 'encoding' ")?.to_string(),
            None => "utf-8".to_string(),
        };
        let errors = match &slots[2] {
            Some(v) => str_arg(vm, v, "str() argument 'errors' ")?.to_string(),
            None => "strict".to_string(),
        };
        let obj = slots[0].clone().unwrap_or_else(|| vm.new_bytes(vec![]));
        if obj.as_str().is_some() {
            return Err(vm.type_error("decoding str is not supported"));
        }
        let bytes = match super::bytes::buffer_bytes(vm, &obj)? {
            Some(b) => b,
            None => return Err(vm.type_error(format!("decoding to str: need a bytes-like object, {} found", vm.type_name(&obj)))),
        };
        let s = super::str_codecs::decode(vm, &bytes, &encoding, &errors)?;
        vm.new_str(s)
    };
    if Rc::ptr_eq(&cls, &vm.t.str) {
        return Ok(text);
    }
    let s = text.as_str().unwrap_or("").to_string();
    Ok(vm.alloc(cls, Data::Str(PyStr::new(s))))
}

// ----- dunders ------------------------------------------------------------

fn str_len(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Int(recv(vm, &a, "__len__")?.char_len as i64))
}

fn str_str(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "__str__")?;
    Ok(same_or_copy(vm, &a.pos()[0], &s.s))
}

fn str_getnewargs(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "__getnewargs__")?;
    let c = vm.new_str(&*s.s);
    Ok(vm.new_tuple(vec![c]))
}

fn str_sizeof(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "__sizeof__")?;
    let max = s.s.chars().map(|c| c as u32).max().unwrap_or(0);
    let (head, width) = if max < 0x80 { (40, 1) } else if max < 0x100 { (56, 1) } else if max < 0x10000 { (56, 2) } else { (56, 4) };
    Ok(Value::Int(head + (s.char_len as i64 + 1) * width))
}

fn str_hash(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "__hash__")?;
    let h = s.hash.get();
    if h != -1 {
        return Ok(Value::Int(h));
    }
    let h = crate::hash::str_hash(&s.s);
    s.hash.set(h);
    Ok(Value::Int(h))
}

/// `s[i]` / `s[a:b:c]`.
pub fn str_getitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "__getitem__")?;
    let key = a.pos().get(1).cloned().unwrap_or(Value::None);
    if let Some(parts) = slice_parts(vm, &key)? {
        let (start, _stop, step, count) = slice_indices(vm, &parts, s.char_len)?;
        if count == 0 {
            return Ok(vm.new_str_copy(""));
        }
        if step == 1 {
            if count == s.char_len {
                return Ok(same_or_copy(vm, &a.pos()[0], &s.s));
            }
            return Ok(vm.new_str_copy(char_slice(s, start as usize, start as usize + count)));
        }
        let mut out = String::with_capacity(count);
        if s.is_ascii() {
            let b = s.s.as_bytes();
            for k in 0..count {
                out.push(b[(start + k as i64 * step) as usize] as char);
            }
        } else {
            let chars: Vec<char> = s.s.chars().collect();
            for k in 0..count {
                out.push(chars[(start + k as i64 * step) as usize]);
            }
        }
        return Ok(vm.new_str(out));
    }
    let i = match &key {
        Value::Int(i) => *i,
        Value::Bool(b) => b.get() as i64,
        Value::Obj(o) if matches!(o.data, Data::Int(_)) || crate::slots::special(&o.ty, "__index__").is_some() => match vm.index_to_i64(&key) {
            Ok(i) => i,
            Err(e) if vm.is_instance(&e.0, &vm.e.overflow_error.clone()) => {
                return Err(vm.index_error("cannot fit 'int' into an index-sized integer"))
            }
            Err(e) => return Err(e),
        },
        _ => return Err(vm.type_error(format!("string indices must be integers, not '{}'", vm.type_name(&key)))),
    };
    let n = s.char_len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("string index out of range"));
    }
    let j = j as usize;
    let c = if s.is_ascii() { s.s.as_bytes()[j] as char } else { s.s.chars().nth(j).unwrap_or('\0') };
    let mut buf = [0u8; 4];
    Ok(vm.new_str_copy(&*c.encode_utf8(&mut buf)))
}

fn str_contains(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "__contains__")?;
    let item = a.pos().get(1).cloned().unwrap_or(Value::None);
    match item.as_str() {
        Some(n) => Ok(Value::bool(s.s.contains(n))),
        None => Err(vm.type_error(format!("'in <string>' requires string as left operand, not {}", vm.type_name(&item)))),
    }
}

/// Whether a binary dunder should defer to the other operand's reflected method.
fn defers_to(vm: &Vm, other: &Value, rname: &'static str) -> bool {
    let _ = vm;
    match other {
        Value::Obj(o) => tdata(&o.ty).has_flag(tf::HEAPTYPE) && crate::slots::special(&o.ty, rname).is_some(),
        _ => false,
    }
}

fn str_add(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "__add__")?;
    let other = a.pos().get(1).cloned().unwrap_or(Value::None);
    match other.as_str() {
        Some(o) => {
            if o.is_empty() && is_exact_str(vm, &a.pos()[0]) {
                return Ok(a.pos()[0].clone());
            }
            let mut r = String::with_capacity(s.s.len() + o.len());
            r.push_str(&s.s);
            r.push_str(o);
            Ok(vm.new_str(r))
        }
        None => {
            if defers_to(vm, &other, "__radd__") {
                return Ok(vm.not_implemented.clone());
            }
            Err(vm.type_error(format!("can only concatenate str (not \"{}\") to str", vm.type_name(&other))))
        }
    }
}

/// A repeat count for `seq * n` (int or `__index__`); None when not an int.
pub fn repeat_count(vm: &mut Vm, other: &Value) -> PyResult<Option<i64>> {
    match other {
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(b.get() as i64)),
        Value::Obj(o) if matches!(o.data, Data::Int(_)) || crate::slots::special(&o.ty, "__index__").is_some() => match vm.index_to_i64(other) {
            Ok(i) => Ok(Some(i)),
            Err(e) if vm.is_instance(&e.0, &vm.e.overflow_error.clone()) => {
                Err(vm.overflow_error(format!("cannot fit '{}' into an index-sized integer", vm.type_name(other))))
            }
            Err(e) => Err(e),
        },
        _ => Ok(None),
    }
}

fn str_mul(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "__mul__")?;
    let other = a.pos().get(1).cloned().unwrap_or(Value::None);
    let Some(n) = repeat_count(vm, &other)? else {
        if defers_to(vm, &other, "__rmul__") {
            return Ok(vm.not_implemented.clone());
        }
        return Err(vm.type_error(format!("can't multiply sequence by non-int of type '{}'", vm.type_name(&other))));
    };
    if n <= 0 || s.s.is_empty() {
        return Ok(vm.new_str(""));
    }
    if n == 1 {
        return Ok(same_or_copy(vm, &a.pos()[0], &s.s));
    }
    let total = (s.s.len() as u128) * (n as u128);
    if total > (isize::MAX as u128) / 2 {
        return Err(vm.memory_error());
    }
    // A request the allocator refuses is a MemoryError, as in CPython.
    let mut out = String::new();
    out.try_reserve_exact(total as usize).map_err(|_| vm.memory_error())?;
    for _ in 0..n {
        out.push_str(&s.s);
    }
    Ok(vm.new_str(out))
}

fn compare(vm: &mut Vm, a: Args, name: &str, f: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    let s = recv(vm, &a, name)?;
    let other = a.pos().get(1).cloned().unwrap_or(Value::None);
    match other.as_str() {
        // UTF-8 byte order is code-point order.
        Some(o) => Ok(Value::bool(f(s.s.as_bytes().cmp(o.as_bytes())))),
        None => Ok(vm.not_implemented.clone()),
    }
}
fn str_eq(vm: &mut Vm, a: Args) -> PyResult<Value> {
    compare(vm, a, "__eq__", |o| o.is_eq())
}
fn str_ne(vm: &mut Vm, a: Args) -> PyResult<Value> {
    compare(vm, a, "__ne__", |o| o.is_ne())
}
fn str_lt(vm: &mut Vm, a: Args) -> PyResult<Value> {
    compare(vm, a, "__lt__", |o| o.is_lt())
}
fn str_le(vm: &mut Vm, a: Args) -> PyResult<Value> {
    compare(vm, a, "__le__", |o| o.is_le())
}
fn str_gt(vm: &mut Vm, a: Args) -> PyResult<Value> {
    compare(vm, a, "__gt__", |o| o.is_gt())
}
fn str_ge(vm: &mut Vm, a: Args) -> PyResult<Value> {
    compare(vm, a, "__ge__", |o| o.is_ge())
}

// ----- iteration ------------------------------------------------------------

/// The payload of `str_iterator` / `str_ascii_iterator`: the string and the
/// byte offset of the next character.
pub struct StrIter {
    s: Value,
    pos: Cell<usize>,
}

impl NativeData for StrIter {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.s);
    }
}

fn str_iter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    recv(vm, &a, "__iter__")?;
    Ok(new_str_iter(vm, &a.pos()[0]))
}

/// `iter(s)` for a str `s` (`vm.iter`'s path for exact strs).
pub fn new_str_iter(vm: &mut Vm, s: &Value) -> Value {
    let ascii = s.as_pystr().map_or(true, |p| p.is_ascii());
    let name = if ascii { "str_ascii_iterator" } else { "str_iterator" };
    let ty = vm.extra_types[name].clone();
    vm.alloc(ty, Data::Native(Box::new(StrIter { s: s.clone(), pos: Cell::new(0) })))
}

/// The next character of a str iterator (None at the end).
#[inline]
pub fn str_iter_advance(vm: &Vm, it: &StrIter) -> Option<Value> {
    let s = it.s.as_str().unwrap_or("");
    let p = it.pos.get();
    let c = s.get(p..)?.chars().next()?;
    it.pos.set(p + c.len_utf8());
    let mut buf = [0u8; 4];
    Some(vm.new_str_with_len(c.encode_utf8(&mut buf), 1))
}

fn iter_self(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(a.pos()[0].clone())
}

fn str_iter_next(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(it) = a.pos().first().and_then(|v| v.native::<StrIter>()) else {
        return Err(vm.type_error("expected a str iterator"));
    };
    match str_iter_advance(vm, it) {
        Some(c) => Ok(c),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn str_iter_length_hint(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(it) = a.pos().first().and_then(|v| v.native::<StrIter>()) else {
        return Err(vm.type_error("expected a str iterator"));
    };
    let s = it.s.as_str().unwrap_or("");
    Ok(Value::Int(s[it.pos.get()..].chars().count() as i64))
}

// ----- searching ----------------------------------------------------------

/// Parses `(sub[, start[, end]])` for the find family.
fn find_args<'a>(vm: &mut Vm, a: &Args<'a>, name: &str) -> PyResult<(&'a PyStr, &'a Value, usize, usize, bool)> {
    let s = recv(vm, a, name)?;
    if a.has_kwargs() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
    }
    let pos = a.pos();
    if pos.len() < 2 {
        return Err(vm.type_error(format!("{}() takes at least 1 argument (0 given)", name)));
    }
    if pos.len() > 4 {
        return Err(vm.type_error(format!("{}() takes at most 3 arguments ({} given)", name, pos.len() - 1)));
    }
    let (st, en, empty) = start_end(vm, &pos.get(2).cloned(), &pos.get(3).cloned(), s.char_len)?;
    Ok((s, &pos[1], st, en, empty))
}

/// Finds `needle` in code points `[st, en)`; the code-point index of the match.
fn find_in(s: &PyStr, needle: &str, st: usize, en: usize, reverse: bool) -> Option<usize> {
    let b0 = byte_offset(s, st);
    let b1 = if s.is_ascii() { en } else { b0 + char_slice(s, st, en).len() };
    let hay = &s.s[b0..b1];
    let r = if reverse { hay.rfind(needle) } else { hay.find(needle) };
    r.map(|b| st + char_index(hay, b))
}

fn find_common(vm: &mut Vm, a: Args, name: &str, reverse: bool, raise: bool) -> PyResult<Value> {
    let (s, sub, st, en, empty) = find_args(vm, &a, name)?;
    let needle = str_arg(vm, sub, "")?;
    let r = if empty { None } else { find_in(s, needle, st, en, reverse) };
    match r {
        Some(i) => Ok(Value::Int(i as i64)),
        None if raise => Err(vm.value_error("substring not found")),
        None => Ok(Value::Int(-1)),
    }
}

fn str_find(vm: &mut Vm, a: Args) -> PyResult<Value> {
    find_common(vm, a, "find", false, false)
}
fn str_rfind(vm: &mut Vm, a: Args) -> PyResult<Value> {
    find_common(vm, a, "rfind", true, false)
}
fn str_index(vm: &mut Vm, a: Args) -> PyResult<Value> {
    find_common(vm, a, "index", false, true)
}
fn str_rindex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    find_common(vm, a, "rindex", true, true)
}

fn str_count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (s, sub, st, en, empty) = find_args(vm, &a, "count")?;
    let needle = str_arg(vm, sub, "")?;
    if empty {
        return Ok(Value::Int(0));
    }
    if needle.is_empty() {
        return Ok(Value::Int((en - st + 1) as i64));
    }
    let hay = char_slice(s, st, en);
    Ok(Value::Int(hay.matches(needle).count() as i64))
}

fn tailmatch(vm: &mut Vm, a: Args, name: &str, end: bool) -> PyResult<Value> {
    let (s, prefix, st, en, empty) = find_args(vm, &a, name)?;
    let test = |p: &str| -> bool {
        if empty {
            return false;
        }
        let plen = if p.is_ascii() { p.len() } else { p.chars().count() };
        if en < st + plen {
            return false;
        }
        if plen == 0 {
            return true;
        }
        let window = if end { char_slice(s, en - plen, en) } else { char_slice(s, st, st + plen) };
        window == p
    };
    if let Some(p) = prefix.as_str() {
        return Ok(Value::bool(test(p)));
    }
    if let Some(items) = prefix.as_tuple() {
        for it in items {
            match it.as_str() {
                Some(p) => {
                    if test(p) {
                        return Ok(Value::bool(true));
                    }
                }
                None => return Err(vm.type_error(format!("tuple for {} must only contain str, not {}", name, vm.type_name(it)))),
            }
        }
        return Ok(Value::bool(false));
    }
    Err(vm.type_error(format!("{} first arg must be str or a tuple of str, not {}", name, vm.type_name(prefix))))
}

fn str_startswith(vm: &mut Vm, a: Args) -> PyResult<Value> {
    tailmatch(vm, a, "startswith", false)
}
fn str_endswith(vm: &mut Vm, a: Args) -> PyResult<Value> {
    tailmatch(vm, a, "endswith", true)
}

// ----- splitting and joining ----------------------------------------------

fn split_args<'a>(vm: &mut Vm, a: &Args<'a>, name: &str) -> PyResult<(&'a PyStr, Option<&'a str>, i64)> {
    let s = recv(vm, a, name)?;
    let b = bind(vm, a, name, &["sep", "maxsplit"], 0, true)?;
    let sep_v: Option<&'a Value> = match a.pos().get(1) {
        Some(v) => Some(v),
        None => a.kwarg("sep"),
    };
    let sep = match sep_v {
        None | Some(Value::None) => None,
        Some(v) => match v.as_str() {
            Some(s) => Some(s),
            None => return Err(vm.type_error(format!("must be str or None, not {}", vm.type_name(v)))),
        },
    };
    let maxsplit = match &b[1] {
        Some(v) => int_arg(vm, v)?,
        None => -1,
    };
    if sep == Some("") {
        return Err(vm.value_error("empty separator"));
    }
    Ok((s, sep, if maxsplit < 0 { i64::MAX } else { maxsplit }))
}

/// `str.split()` without a separator: runs of whitespace, at most `max` splits.
pub fn split_whitespace(s: &str, max: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(is_space);
    let mut n = 0;
    while !rest.is_empty() {
        if n >= max {
            out.push(rest);
            return out;
        }
        match rest.find(is_space) {
            Some(i) => {
                out.push(&rest[..i]);
                rest = rest[i..].trim_start_matches(is_space);
                n += 1;
            }
            None => {
                out.push(rest);
                return out;
            }
        }
    }
    out
}

/// `str.rsplit()` without a separator (result in order).
pub fn rsplit_whitespace(s: &str, max: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_end_matches(is_space);
    let mut n = 0;
    while !rest.is_empty() {
        if n >= max {
            out.push(rest);
            break;
        }
        match rest.rfind(is_space) {
            Some(i) => {
                let c = rest[i..].chars().next().map_or(1, |c| c.len_utf8());
                out.push(&rest[i + c..]);
                rest = rest[..i].trim_end_matches(is_space);
                n += 1;
            }
            None => {
                out.push(rest);
                break;
            }
        }
    }
    out.reverse();
    out
}

/// A list of new strs; `ascii` says the parts come from an ASCII text (so
/// their lengths in code points are their byte lengths).
/// Whether an ASCII byte is whitespace for `str.split()` (`str.isspace`).
#[inline(always)]
fn is_ascii_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f)
}

/// `s.split()` of an ASCII text, straight into a list of new strs (a byte
/// loop: no character decoding, no vector of slices).
fn split_whitespace_ascii_list(vm: &Vm, s: &str) -> Value {
    let b = s.as_bytes();
    let mut items = Vec::new();
    let mut i = 0;
    let n = b.len();
    loop {
        while i < n && is_ascii_space_byte(b[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        let start = i;
        while i < n && !is_ascii_space_byte(b[i]) {
            i += 1;
        }
        // ASCII bytes: every index is a char boundary.
        items.push(vm.new_str_with_len(&s[start..i], i - start));
    }
    vm.new_list(items)
}

fn list_of_strs(vm: &Vm, parts: Vec<&str>, ascii: bool) -> Value {
    let items = if ascii {
        parts.into_iter().map(|p| vm.new_str_with_len(p, p.len())).collect()
    } else {
        parts.into_iter().map(|p| vm.new_str_copy(p)).collect()
    };
    vm.new_list(items)
}

fn str_split(vm: &mut Vm, a: Args) -> PyResult<Value> {
    // `s.split()`: no argument binding.
    if let ([Value::Obj(o)], false) = (a.pos(), a.has_kwargs()) {
        if let Data::Str(s) = &o.data {
            if s.is_ascii() {
                return Ok(split_whitespace_ascii_list(vm, &s.s));
            }
            let parts = split_whitespace(&s.s, i64::MAX);
            return Ok(list_of_strs(vm, parts, s.is_ascii()));
        }
    }
    let (s, sep, max) = split_args(vm, &a, "split")?;
    let parts: Vec<&str> = match sep {
        None if max == i64::MAX && s.is_ascii() => return Ok(split_whitespace_ascii_list(vm, &s.s)),
        None => split_whitespace(&s.s, max),
        // A one-byte separator is searched with memchr (a char pattern).
        Some(sep) if sep.len() == 1 => {
            let c = sep.as_bytes()[0] as char;
            if max as u128 >= s.s.len() as u128 + 1 {
                s.s.split(c).collect()
            } else {
                s.s.splitn(max as usize + 1, c).collect()
            }
        }
        Some(sep) => {
            if max as u128 >= s.s.len() as u128 + 1 {
                s.s.split(sep).collect()
            } else {
                s.s.splitn(max as usize + 1, sep).collect()
            }
        }
    };
    Ok(list_of_strs(vm, parts, s.is_ascii()))
}

fn str_rsplit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (s, sep, max) = split_args(vm, &a, "rsplit")?;
    let parts: Vec<&str> = match sep {
        None => rsplit_whitespace(&s.s, max),
        Some(sep) => {
            let mut v: Vec<&str> =
                if max as u128 >= s.s.len() as u128 + 1 { s.s.rsplit(sep).collect() } else { s.s.rsplitn(max as usize + 1, sep).collect() };
            v.reverse();
            v
        }
    };
    Ok(list_of_strs(vm, parts, s.is_ascii()))
}

fn str_splitlines(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "splitlines")?;
    if let Some((k, _)) = a.kwargs().find(|(k, _)| *k != "keepends") {
        return Err(vm.type_error(format!("'{}' is an invalid keyword argument for splitlines()", k)));
    }
    let keep = if a.pos().len() == 1 && !a.has_kwargs() {
        false
    } else {
        let b = bind(vm, &a, "splitlines", &["keepends"], 0, true)?;
        match &b[0] {
            Some(v) => vm.truthy(v)?,
            None => false,
        }
    };
    let text = &s.s;
    if s.is_ascii() {
        return Ok(splitlines_ascii(vm, text, keep));
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if super::str_util::is_linebreak(c) {
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(_, '\n')) = iter.peek() {
                    iter.next();
                    end += 1;
                }
            }
            out.push(vm.new_str_copy(if keep { &text[start..end] } else { &text[start..i] }));
            start = end;
        }
    }
    if start < text.len() {
        out.push(vm.new_str_copy(&text[start..]));
    }
    Ok(vm.new_list(out))
}

/// `splitlines` of an ASCII text: a byte loop (the ASCII line breaks are
/// \n, \r, \r\n, \v, \f, \x1c, \x1d and \x1e).
fn splitlines_ascii(vm: &Vm, text: &str, keep: bool) -> Value {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if matches!(c, b'\n' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1e) {
            let mut end = i + 1;
            if c == b'\r' && b.get(i + 1) == Some(&b'\n') {
                end += 1;
            }
            let line = if keep { &text[start..end] } else { &text[start..i] };
            out.push(vm.new_str_with_len(line, line.len()));
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        out.push(vm.new_str_with_len(&text[start..], b.len() - start));
    }
    vm.new_list(out)
}

fn str_join(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "join")?;
    let iterable = match (a.pos(), a.has_kwargs()) {
        ([_, it], false) => it.clone(),
        _ => {
            let b = bind(vm, &a, "str.join", &["iterable"], 1, false)?;
            b[0].clone().unwrap_or(Value::None)
        }
    };
    let items = match vm.collect(&iterable) {
        Ok(v) => v,
        Err(e) => {
            let ty = vm.type_of(&iterable);
            if crate::slots::special(&ty, "__iter__").is_none() && crate::slots::special(&ty, "__getitem__").is_none() {
                return Err(vm.type_error("can only join an iterable"));
            }
            return Err(e);
        }
    };
    if items.len() == 1 && is_exact_str(vm, &items[0]) {
        return Ok(items[0].clone());
    }
    // One pass for the lengths (and the type check), one to copy.
    let mut bytes = 0;
    let mut chars = 0;
    for (i, it) in items.iter().enumerate() {
        let Some(p) = it.as_pystr() else {
            return Err(vm.type_error(format!("sequence item {}: expected str instance, {} found", i, vm.type_name(it))));
        };
        bytes += p.s.len();
        chars += p.char_len;
    }
    if items.len() > 1 {
        bytes += s.s.len() * (items.len() - 1);
        chars += s.char_len * (items.len() - 1);
    }
    let mut out = String::with_capacity(bytes);
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&s.s);
        }
        out.push_str(it.as_str().unwrap_or(""));
    }
    Ok(vm.new_string_with_len(out, chars))
}

fn str_replace(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "replace")?;
    if a.has_kwargs() {
        return Err(vm.type_error("replace() takes no keyword arguments"));
    }
    let pos = a.pos();
    if pos.len() < 3 {
        return Err(vm.type_error(format!("replace expected at least 2 arguments, got {}", pos.len() - 1)));
    }
    if pos.len() > 4 {
        return Err(vm.type_error(format!("replace expected at most 3 arguments, got {}", pos.len() - 1)));
    }
    let old = str_arg(vm, &pos[1], "replace() argument 1 ")?;
    let new = str_arg(vm, &pos[2], "replace() argument 2 ")?;
    let count = match pos.get(3) {
        Some(v) => int_arg(vm, v)?,
        None => -1,
    };
    let count = if count < 0 { usize::MAX } else { count as usize };
    if count == 0 {
        return Ok(same_or_copy(vm, &pos[0], &s.s));
    }
    if old.is_empty() {
        let mut out = String::new();
        let mut n = 0;
        for c in s.s.chars() {
            if n < count {
                out.push_str(new);
                n += 1;
            }
            out.push(c);
        }
        if n < count {
            out.push_str(new);
        }
        return new_s(vm, out);
    }
    if count == usize::MAX {
        return new_s(vm, s.s.replace(old, new));
    }
    new_s(vm, s.s.replacen(old, new, count))
}

fn partition_common(vm: &mut Vm, a: Args, name: &str, reverse: bool) -> PyResult<Value> {
    let s = recv(vm, &a, name)?;
    let b = bind(vm, &a, &qualified_method_name(name), &["sep"], 1, false)?;
    let sepv = b[0].clone().unwrap_or(Value::None);
    let sep = str_arg(vm, &sepv, "")?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if reverse { s.s.rfind(sep) } else { s.s.find(sep) };
    let parts = match found {
        Some(i) => [vm.new_str_copy(&s.s[..i]), vm.new_str_copy(sep), vm.new_str_copy(&s.s[i + sep.len()..])],
        None => {
            let whole = same_or_copy(vm, &a.pos()[0], &s.s);
            if reverse {
                [vm.new_str(""), vm.new_str(""), whole]
            } else {
                [whole, vm.new_str(""), vm.new_str("")]
            }
        }
    };
    Ok(vm.new_tuple(parts.to_vec()))
}

fn str_partition(vm: &mut Vm, a: Args) -> PyResult<Value> {
    partition_common(vm, a, "partition", false)
}
fn str_rpartition(vm: &mut Vm, a: Args) -> PyResult<Value> {
    partition_common(vm, a, "rpartition", true)
}

// ----- stripping and padding ------------------------------------------------

/// `str.<name>` for argument errors, without formatting on the hot path.
fn qualified_method_name(name: &str) -> std::borrow::Cow<'static, str> {
    std::borrow::Cow::Borrowed(match name {
        "strip" => "str.strip",
        "lstrip" => "str.lstrip",
        "rstrip" => "str.rstrip",
        "partition" => "str.partition",
        "rpartition" => "str.rpartition",
        "removeprefix" => "str.removeprefix",
        "removesuffix" => "str.removesuffix",
        _ => return std::borrow::Cow::Owned(format!("str.{}", name)),
    })
}

fn strip_common(vm: &mut Vm, a: Args, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let s = recv(vm, &a, name)?;
    // At most one positional argument and no keywords: no binding needed.
    let chars_arg: Option<Value> = if !a.has_kwargs() && a.pos().len() <= 2 {
        a.pos().get(1).cloned()
    } else if !a.has_kwargs() {
        return Err(vm.type_error(format!("{} expected at most 1 argument, got {}", name, a.pos().len() - 1)));
    } else {
        let mut b = bind(vm, &a, &qualified_method_name(name), &["chars"], 0, false)?;
        b[0].take()
    };
    let text: &str = &s.s;
    let r = match &chars_arg {
        None | Some(Value::None) => {
            let mut t = text;
            if left {
                t = t.trim_start_matches(is_space);
            }
            if right {
                t = t.trim_end_matches(is_space);
            }
            t
        }
        Some(v) => {
            let Some(chars) = v.as_str() else {
                return Err(vm.type_error(format!("{} arg must be None or str", name)));
            };
            let mut t = text;
            if chars.is_ascii() {
                // An ASCII set strips by bytes (a non-ASCII character's
                // bytes are never ASCII, so it is never stripped).
                let set = chars.as_bytes();
                let b = t.as_bytes();
                let mut start = 0;
                let mut end = b.len();
                if left {
                    while start < end && set.contains(&b[start]) {
                        start += 1;
                    }
                }
                if right {
                    while end > start && set.contains(&b[end - 1]) {
                        end -= 1;
                    }
                }
                t = &t[start..end];
            } else {
                let set: Vec<char> = chars.chars().collect();
                if left {
                    t = t.trim_start_matches(|c| set.contains(&c));
                }
                if right {
                    t = t.trim_end_matches(|c| set.contains(&c));
                }
            }
            t
        }
    };
    if r.len() == text.len() {
        return Ok(same_or_copy(vm, &a.pos()[0], text));
    }
    if s.is_ascii() {
        return Ok(vm.new_str_with_len(r, r.len()));
    }
    Ok(vm.new_str_copy(r))
}

fn str_strip(vm: &mut Vm, a: Args) -> PyResult<Value> {
    strip_common(vm, a, "strip", true, true)
}
fn str_lstrip(vm: &mut Vm, a: Args) -> PyResult<Value> {
    strip_common(vm, a, "lstrip", true, false)
}
fn str_rstrip(vm: &mut Vm, a: Args) -> PyResult<Value> {
    strip_common(vm, a, "rstrip", false, true)
}

fn affix_common(vm: &mut Vm, a: Args, name: &str, prefix: bool) -> PyResult<Value> {
    let s = recv(vm, &a, name)?;
    let b = bind(vm, &a, &qualified_method_name(name), &["affix"], 1, false)?;
    let v = b[0].clone().unwrap_or(Value::None);
    let affix = str_arg(vm, &v, &format!("{}() argument ", name))?;
    let r = if prefix { s.s.strip_prefix(affix) } else { s.s.strip_suffix(affix) };
    match r {
        Some(r) if !affix.is_empty() => Ok(vm.new_str_copy(r)),
        _ => Ok(same_or_copy(vm, &a.pos()[0], &s.s)),
    }
}

fn str_removeprefix(vm: &mut Vm, a: Args) -> PyResult<Value> {
    affix_common(vm, a, "removeprefix", true)
}
fn str_removesuffix(vm: &mut Vm, a: Args) -> PyResult<Value> {
    affix_common(vm, a, "removesuffix", false)
}

/// `(width, fillchar)` of center/ljust/rjust.
fn pad_args<'a>(vm: &mut Vm, a: &Args<'a>, name: &str) -> PyResult<(&'a PyStr, usize, char)> {
    let s = recv(vm, a, name)?;
    if a.has_kwargs() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
    }
    let pos = a.pos();
    if pos.len() < 2 {
        return Err(vm.type_error(format!("{} expected at least 1 argument, got 0", name)));
    }
    if pos.len() > 3 {
        return Err(vm.type_error(format!("{} expected at most 2 arguments, got {}", name, pos.len() - 1)));
    }
    let width = int_arg(vm, &pos[1])?;
    let fill = match pos.get(2) {
        None => ' ',
        Some(v) => match v.as_pystr() {
            Some(f) if f.char_len == 1 => f.s.chars().next().unwrap_or(' '),
            Some(_) => return Err(vm.type_error("The fill character must be exactly one character long")),
            None => return Err(vm.type_error(format!("The fill character must be a unicode character, not {}", vm.type_name(v)))),
        },
    };
    Ok((s, width.max(0) as usize, fill))
}

/// Pads `s` (of `len` code points) with `left` and `right` fill characters.
pub fn pad(s: &str, left: usize, right: usize, fill: char) -> String {
    let mut out = String::with_capacity(s.len() + (left + right) * fill.len_utf8());
    out.extend(std::iter::repeat(fill).take(left));
    out.push_str(s);
    out.extend(std::iter::repeat(fill).take(right));
    out
}

fn str_center(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (s, width, fill) = pad_args(vm, &a, "center")?;
    if width <= s.char_len {
        return Ok(same_or_copy(vm, &a.pos()[0], &s.s));
    }
    let marg = width - s.char_len;
    let left = marg / 2 + (marg & width & 1);
    new_s(vm, pad(&s.s, left, marg - left, fill))
}
fn str_ljust(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (s, width, fill) = pad_args(vm, &a, "ljust")?;
    if width <= s.char_len {
        return Ok(same_or_copy(vm, &a.pos()[0], &s.s));
    }
    new_s(vm, pad(&s.s, 0, width - s.char_len, fill))
}
fn str_rjust(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (s, width, fill) = pad_args(vm, &a, "rjust")?;
    if width <= s.char_len {
        return Ok(same_or_copy(vm, &a.pos()[0], &s.s));
    }
    new_s(vm, pad(&s.s, width - s.char_len, 0, fill))
}

fn str_zfill(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "zfill")?;
    let b = bind(vm, &a, "str.zfill", &["width"], 1, false)?;
    let width = int_arg(vm, b[0].as_ref().unwrap_or(&Value::Int(0)))?;
    if width <= s.char_len as i64 {
        return Ok(same_or_copy(vm, &a.pos()[0], &s.s));
    }
    let fill = width as usize - s.char_len;
    let (sign, rest) = match s.s.as_bytes().first() {
        Some(b'+') | Some(b'-') => s.s.split_at(1),
        _ => ("", &*s.s),
    };
    let mut out = String::with_capacity(width as usize);
    out.push_str(sign);
    out.extend(std::iter::repeat('0').take(fill));
    out.push_str(rest);
    new_s(vm, out)
}

fn str_expandtabs(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "expandtabs")?;
    let b = bind(vm, &a, "expandtabs", &["tabsize"], 0, true)?;
    let tab = match &b[0] {
        Some(v) => int_arg(vm, v)?,
        None => 8,
    };
    if tab > i32::MAX as i64 || tab < i32::MIN as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    let mut out = String::with_capacity(s.s.len());
    let mut col: i64 = 0;
    for c in s.s.chars() {
        match c {
            '\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    out.extend(std::iter::repeat(' ').take(n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    new_s(vm, out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::vm::Config;

    /// Calls method `name` of `recv` with positional `args`.
    pub fn call(vm: &mut Vm, recv: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
        let f = vm.getattr_str(recv, name)?;
        vm.call(&f, args)
    }

    pub fn s(vm: &Vm, x: &str) -> Value {
        vm.new_str(x)
    }

    pub fn text(v: &Value) -> String {
        v.as_str().expect("a str").to_string()
    }

    fn strs(vm: &mut Vm, v: &Value) -> Vec<String> {
        vm.collect(v).unwrap().iter().map(text).collect()
    }

    #[test]
    fn search_and_split() {
        let mut vm = Vm::new(Config::default());
        let ab = s(&vm, "abracadabra");
        let a = s(&vm, "a");
        assert!(matches!(call(&mut vm, &ab, "find", &[a.clone(), Value::Int(1), Value::Int(3)]).unwrap(), Value::Int(-1)));
        assert!(matches!(call(&mut vm, &ab, "rfind", &[a.clone()]).unwrap(), Value::Int(10)));
        let e = s(&vm, "");
        assert!(matches!(call(&mut vm, &ab, "find", &[e.clone(), Value::Int(12)]).unwrap(), Value::Int(-1)));
        assert!(matches!(call(&mut vm, &ab, "count", &[e.clone()]).unwrap(), Value::Int(12)));
        let g = s(&vm, "αβγαβγ");
        let ga = s(&vm, "γα");
        assert!(matches!(call(&mut vm, &g, "rfind", &[ga]).unwrap(), Value::Int(2)));
        let ws = s(&vm, "  alpha  beta\tgamma\n delta  ");
        let r = call(&mut vm, &ws, "rsplit", &[Value::None, Value::Int(1)]).unwrap();
        assert_eq!(strs(&mut vm, &r), vec!["  alpha  beta\tgamma", "delta"]);
        let r = call(&mut vm, &ws, "split", &[Value::None, Value::Int(1)]).unwrap();
        assert_eq!(strs(&mut vm, &r), vec!["alpha", "beta\tgamma\n delta  "]);
        let aa = s(&vm, "aaaaa");
        let sep = s(&vm, "aa");
        let r = call(&mut vm, &aa, "rsplit", &[sep]).unwrap();
        assert_eq!(strs(&mut vm, &r), vec!["a", "", ""]);
        let t = s(&vm, "a\r\nb\x0bc\u{2028}");
        let r = call(&mut vm, &t, "splitlines", &[Value::bool(true)]).unwrap();
        assert_eq!(strs(&mut vm, &r), vec!["a\r\n", "b\x0b", "c\u{2028}"]);
    }

    #[test]
    fn indexing_and_padding() {
        let mut vm = Vm::new(Config::default());
        let e = s(&vm, "a\u{1f600}b");
        assert_eq!(text(&vm.getitem(&e, &Value::Int(-2)).unwrap()), "\u{1f600}");
        assert!(vm.getitem(&e, &Value::Int(3)).is_err());
        let x = s(&vm, "abc");
        let star = s(&vm, "*");
        assert_eq!(text(&call(&mut vm, &x, "center", &[Value::Int(6), star]).unwrap()), "*abc**");
        let m = s(&vm, "-42");
        assert_eq!(text(&call(&mut vm, &m, "zfill", &[Value::Int(6)]).unwrap()), "-00042");
        let t = s(&vm, "a\tbc\tdef\tg");
        assert_eq!(text(&call(&mut vm, &t, "expandtabs", &[Value::Int(4)]).unwrap()), "a   bc  def g");
        let r = s(&vm, "abc");
        let em = s(&vm, "");
        let dash = s(&vm, "-");
        assert_eq!(text(&call(&mut vm, &r, "replace", &[em, dash, Value::Int(2)]).unwrap()), "-a-bc");
    }
}
