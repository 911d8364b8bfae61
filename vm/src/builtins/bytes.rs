//! (Owned by the strings engineer: bytes and bytearray: constructors, methods, repr, decode/encode (utf-8, latin-1, ascii, with errors=).)
//!
//! This file: the buffer protocol as Egret has it (`buffer_bytes`: bytes,
//! bytearray, memoryview), constructors, repr, the sequence dunders
//! (indexing, slicing, `+`, `*`, `in`, comparison, hashing, iteration), `%`,
//! bytearray mutation, and a basic read-only `memoryview`. The text-like
//! methods shared by bytes and bytearray are in `str_bytes_methods.rs`.

use super::str_util::{slice_indices, slice_parts};
use crate::function::{Args, NativeFn};
use crate::types::{tdata, Layout};
use crate::value::{Data, NativeData, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::cell::Cell;
use std::rc::Rc;

pub fn init(vm: &mut Vm) {
    for ba in [false, true] {
        let t = if ba { vm.t.bytearray.clone() } else { vm.t.bytes.clone() };
        let methods: &[(&'static str, NativeFn)] = &[
            ("__repr__", bytes_repr),
            ("__len__", bytes_len),
            ("__getitem__", bytes_getitem),
            ("__contains__", bytes_contains),
            ("__iter__", bytes_iter),
            ("__add__", bytes_add),
            ("__mul__", bytes_mul),
            ("__rmul__", bytes_mul),
            ("__mod__", bytes_mod),
            ("__rmod__", bytes_rmod),
            ("__eq__", bytes_eq),
            ("__ne__", bytes_ne),
            ("__lt__", bytes_lt),
            ("__le__", bytes_le),
            ("__gt__", bytes_gt),
            ("__ge__", bytes_ge),
            ("decode", bytes_decode),
        ];
        for (n, f) in methods {
            vm.add_method(&t, n, *f);
        }
        vm.add_staticmethod(&t, "__new__", bytes_new);
        super::str_bytes_methods::init_type(vm, &t);
    }
    let b = vm.t.bytes.clone();
    vm.add_method(&b, "__hash__", bytes_hash);
    vm.add_method(&b, "__bytes__", bytes_bytes);
    vm.add_method(&b, "__getnewargs__", bytes_getnewargs);
    let ba = vm.t.bytearray.clone();
    vm.set_type_attr(&ba, "__hash__", Value::None);
    let mutators: &[(&'static str, NativeFn)] = &[
        ("__init__", bytearray_init),
        ("__setitem__", bytearray_setitem),
        ("__delitem__", bytearray_delitem),
        ("__iadd__", bytearray_iadd),
        ("__imul__", bytearray_imul),
        ("append", bytearray_append),
        ("extend", bytearray_extend),
        ("pop", bytearray_pop),
        ("insert", bytearray_insert),
        ("remove", bytearray_remove),
        ("reverse", bytearray_reverse),
        ("clear", bytearray_clear),
        ("copy", bytearray_copy),
        ("__alloc__", bytearray_alloc),
    ];
    for (n, f) in mutators {
        vm.add_method(&ba, n, *f);
    }
    let it = vm.new_builtin_type("bytes_iterator", None, Layout::Native, 0);
    vm.add_method(&it, "__iter__", iter_self);
    vm.add_method(&it, "__next__", bytes_iter_next);
    vm.extra_types.insert("bytes_iterator", it.clone());
    let it2 = vm.new_builtin_type("bytearray_iterator", None, Layout::Native, 0);
    vm.add_method(&it2, "__iter__", iter_self);
    vm.add_method(&it2, "__next__", bytes_iter_next);
    vm.extra_types.insert("bytearray_iterator", it2);
    super::str_memoryview::init(vm);
}

// ----- buffers ------------------------------------------------------------------

/// The bytes of a bytes-like object (bytes, bytearray, memoryview), or None.
pub fn buffer_bytes(vm: &mut Vm, v: &Value) -> PyResult<Option<Vec<u8>>> {
    let _ = vm;
    let Value::Obj(o) = v else { return Ok(None) };
    Ok(match &o.data {
        Data::Bytes(b) => Some(b.to_vec()),
        Data::ByteArray(b) => Some(b.borrow().clone()),
        _ => super::str_memoryview::memoryview_bytes(v),
    })
}

/// A bytes-like argument, or TypeError "a bytes-like object is required, not 'X'".
pub fn bytes_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match buffer_bytes(vm, v)? {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(v)))),
    }
}

/// The receiver of a bytes/bytearray method: (its bytes, whether it is a bytearray).
pub fn recv(vm: &Vm, a: &Args, name: &str) -> PyResult<(Vec<u8>, bool)> {
    let v = a.pos().first().cloned().unwrap_or(Value::None);
    if let Value::Obj(o) = &v {
        match &o.data {
            Data::Bytes(b) => return Ok((b.to_vec(), false)),
            Data::ByteArray(b) => return Ok((b.borrow().clone(), true)),
            _ => {}
        }
    }
    Err(vm.type_error(format!("descriptor '{}' requires a 'bytes' object but received a '{}'", name, vm.type_name(&v))))
}

/// A new bytes (or bytearray) value.
pub fn mk(vm: &Vm, data: Vec<u8>, bytearray: bool) -> Value {
    if bytearray {
        vm.new_bytearray(data)
    } else {
        vm.new_bytes(data)
    }
}

/// A byte value from an int-like (`ValueError` outside 0..=255).
pub fn byte_of(vm: &mut Vm, v: &Value, msg: &str) -> PyResult<u8> {
    let n = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => b.get() as i64,
        Value::Obj(o) if matches!(o.data, Data::Int(_)) => match vm.index_to_i64(v) {
            Ok(n) => n,
            Err(_) => return Err(vm.value_error(msg.to_string())),
        },
        _ => vm.index_to_i64(v)?,
    };
    if !(0..=255).contains(&n) {
        return Err(vm.value_error(msg.to_string()));
    }
    Ok(n as u8)
}

// ----- constructors ---------------------------------------------------------------

/// The contents for `bytes(...)`/`bytearray(...)` from (source, encoding, errors).
fn construct(vm: &mut Vm, source: Option<&Value>, encoding: Option<&Value>, errors: Option<&Value>, name: &str) -> PyResult<Vec<u8>> {
    let Some(src) = source else {
        if encoding.is_some() || errors.is_some() {
            return Err(vm.type_error(if encoding.is_some() { "encoding without a string argument" } else { "errors without a string argument" }));
        }
        return Ok(Vec::new());
    };
    if let Some(s) = src.as_str() {
        let Some(enc) = encoding else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let enc = super::str::str_arg(vm, enc, &format!("{}() argument 'encoding' ", name))?.to_string();
        let err = match errors {
            Some(e) => super::str::str_arg(vm, e, &format!("{}() argument 'errors' ", name))?.to_string(),
            None => "strict".into(),
        };
        let s = s.to_string();
        return super::str_codecs::encode(vm, &s, &enc, &err);
    }
    if encoding.is_some() {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(vm.type_error("errors without a string argument"));
    }
    if let Some(b) = buffer_bytes(vm, src)? {
        return Ok(b);
    }
    let sty = vm.type_of(src);
    if name == "bytes" {
        if let Some(f) = crate::slots::special(&sty, "__bytes__") {
            let r = vm.call(&f, &[src.clone()])?;
            return match &r {
                Value::Obj(o) if matches!(o.data, Data::Bytes(_)) => Ok(buffer_bytes(vm, &r)?.unwrap_or_default()),
                _ => Err(vm.type_error(format!("__bytes__ returned non-bytes (type {})", vm.type_name(&r)))),
            };
        }
    }
    let int_like = matches!(src, Value::Int(_) | Value::Bool(_)) || matches!(src, Value::Obj(o) if matches!(o.data, Data::Int(_))) || crate::slots::special(&sty, "__index__").is_some();
    if int_like {
        let n = vm.index_to_i64(src).map_err(|e| e)?;
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        if n > (1 << 40) {
            return Err(vm.memory_error());
        }
        return Ok(vec![0; n as usize]);
    }
    if crate::slots::special(&sty, "__iter__").is_none() && crate::slots::special(&sty, "__getitem__").is_none() {
        return Err(vm.type_error(format!("cannot convert '{}' object to {}", vm.type_name(src), name)));
    }
    let items = vm.collect(src)?;
    let mut out = Vec::with_capacity(items.len());
    for it in &items {
        out.push(byte_of(vm, it, "bytes must be in range(0, 256)")?);
    }
    Ok(out)
}

fn ctor_args<'a>(vm: &Vm, a: &Args<'a>, name: &str) -> PyResult<[Option<&'a Value>; 3]> {
    let pos = &a.pos()[1..];
    if pos.len() > 3 {
        return Err(vm.type_error(format!("{}() takes at most 3 arguments ({} given)", name, pos.len())));
    }
    let mut slots: [Option<&Value>; 3] = [pos.first(), pos.get(1), pos.get(2)];
    for (k, v) in a.kwargs() {
        let i = match k {
            "source" => 0,
            "encoding" => 1,
            "errors" => 2,
            _ => return Err(vm.type_error(format!("'{}' is an invalid keyword argument for {}()", k, name))),
        };
        slots[i] = Some(v);
    }
    Ok(slots)
}

fn bytes_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cls = match a.pos().first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => o.clone(),
        _ => return Err(vm.type_error("bytes.__new__(X): X is not a type object")),
    };
    if crate::types::is_subtype(&cls, &vm.t.bytearray) {
        // bytearray fills itself in __init__.
        return Ok(vm.alloc(cls, Data::ByteArray(std::cell::RefCell::new(Vec::new()))));
    }
    let [s, e, r] = ctor_args(vm, &a, "bytes")?;
    let data = construct(vm, s, e, r, "bytes")?;
    if Rc::ptr_eq(&cls, &vm.t.bytes) {
        return Ok(vm.new_bytes(data));
    }
    Ok(vm.alloc(cls, Data::Bytes(data.into_boxed_slice())))
}

fn bytearray_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let [s, e, r] = ctor_args(vm, &a, "bytearray")?;
    let data = construct(vm, s, e, r, "bytearray")?;
    let me = &a.pos()[0];
    if let Value::Obj(o) = me {
        if let Data::ByteArray(b) = &o.data {
            *b.borrow_mut() = data;
        }
    }
    Ok(Value::None)
}

// ----- repr -------------------------------------------------------------------------

/// `repr(b)` body: `b'...'` with CPython's quote choice and escapes.
pub fn repr_bytes(b: &[u8]) -> String {
    repr_bytes_with(b, false)
}

/// `repr` body of bytes, or of a bytearray (which escapes `'` even inside `"` quotes).
pub fn repr_bytes_with(b: &[u8], bytearray: bool) -> String {
    use std::fmt::Write;
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &x in b {
        match x {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if x as char == quote || (bytearray && x == b'\'') => {
                out.push('\\');
                out.push(x as char);
            }
            0x20..=0x7e => out.push(x as char),
            _ => {
                let _ = write!(out, "\\x{:02x}", x);
            }
        }
    }
    out.push(quote);
    out
}

fn bytes_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, "__repr__")?;
    if ba {
        let name = tdata(&vm.type_of(&a.pos()[0])).name();
        return Ok(vm.new_str(format!("{}({})", name, repr_bytes_with(&b, true))));
    }
    Ok(vm.new_str(repr_bytes(&b)))
}

// ----- sequence dunders -------------------------------------------------------------

fn bytes_len(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Int(with_recv(vm, &a, "__len__", |b, _| b.len())? as i64))
}

/// Runs `f` on the receiver's bytes (and whether it is a bytearray)
/// without copying them; `f` must not call back into Python.
fn with_recv<R>(vm: &Vm, a: &Args, name: &str, f: impl FnOnce(&[u8], bool) -> R) -> PyResult<R> {
    if let Some(Value::Obj(o)) = a.pos().first() {
        match &o.data {
            Data::Bytes(b) => return Ok(f(b, false)),
            Data::ByteArray(b) => return Ok(f(&b.borrow(), true)),
            _ => {}
        }
    }
    recv(vm, a, name).map(|(b, ba)| f(&b, ba))
}

fn bytes_getitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    // The receiver is borrowed, never copied whole (slicing a large
    // buffer must cost only the slice); index conversion may run Python
    // code, so the length is re-read after it.
    let (len, ba) = with_recv(vm, &a, "__getitem__", |b, ba| (b.len(), ba))?;
    let key = a.pos().get(1).cloned().unwrap_or(Value::None);
    if let Some(parts) = slice_parts(vm, &key)? {
        let (start, _, step, count) = slice_indices(vm, &parts, len)?;
        let out: Vec<u8> = with_recv(vm, &a, "__getitem__", |b, _| {
            let s = start as usize;
            match (step, b.get(s..s.saturating_add(count as usize))) {
                (1, Some(run)) => run.to_vec(),
                _ => (0..count).filter_map(|k| b.get((start + k as i64 * step) as usize).copied()).collect(),
            }
        })?;
        return Ok(mk(vm, out, ba));
    }
    let i = index_key(vm, &key, if ba { "bytearray" } else { "byte" })?;
    let item = with_recv(vm, &a, "__getitem__", |b, _| {
        let n = b.len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            None
        } else {
            Some(b[j as usize])
        }
    })?;
    match item {
        Some(x) => Ok(Value::Int(x as i64)),
        None => Err(vm.index_error(if ba { "bytearray index out of range" } else { "index out of range" })),
    }
}

fn index_key(vm: &mut Vm, key: &Value, what: &str) -> PyResult<i64> {
    match key {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(b.get() as i64),
        Value::Obj(o) if matches!(o.data, Data::Int(_)) || crate::slots::special(&o.ty, "__index__").is_some() => vm.index_to_i64(key),
        _ => Err(vm.type_error(format!("{} indices must be integers or slices, not {}", what, vm.type_name(key)))),
    }
}

fn bytes_contains(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, _) = recv(vm, &a, "__contains__")?;
    let item = a.pos().get(1).cloned().unwrap_or(Value::None);
    if let Some(n) = buffer_bytes(vm, &item)? {
        return Ok(Value::bool(find_sub(&b, &n, 0).is_some()));
    }
    let is_int = matches!(item, Value::Int(_) | Value::Bool(_)) || matches!(&item, Value::Obj(o) if matches!(o.data, Data::Int(_)) || crate::slots::special(&o.ty, "__index__").is_some());
    if !is_int {
        return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(&item))));
    }
    let x = byte_of(vm, &item, "byte must be in range(0, 256)")?;
    Ok(Value::bool(b.contains(&x)))
}

/// Position of `needle` in `hay` at or after `from`.
pub fn find_sub(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return if from <= hay.len() { Some(from) } else { None };
    }
    if needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| &hay[i..i + needle.len()] == needle)
}

/// Last position of `needle` in `hay`.
pub fn rfind_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).rev().find(|&i| &hay[i..i + needle.len()] == needle)
}

fn bytes_add(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (mut b, ba) = recv(vm, &a, "__add__")?;
    let other = a.pos().get(1).cloned().unwrap_or(Value::None);
    match buffer_bytes(vm, &other)? {
        Some(o) => {
            b.extend_from_slice(&o);
            Ok(mk(vm, b, ba))
        }
        None => Err(vm.type_error(format!("can't concat {} to {}", vm.type_name(&other), vm.type_name(&a.pos()[0])))),
    }
}

fn bytes_mul(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, "__mul__")?;
    let other = a.pos().get(1).cloned().unwrap_or(Value::None);
    let Some(n) = super::str::repeat_count(vm, &other)? else {
        return Err(vm.type_error(format!("can't multiply sequence by non-int of type '{}'", vm.type_name(&other))));
    };
    if n <= 0 {
        return Ok(mk(vm, Vec::new(), ba));
    }
    if (b.len() as u128) * (n as u128) > (isize::MAX as u128) / 2 {
        return Err(vm.memory_error());
    }
    Ok(mk(vm, repeat_bytes(vm, &b, n as usize)?, ba))
}

fn bytes_mod(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, "__mod__")?;
    let arg = a.pos().get(1).cloned().unwrap_or(Value::None);
    let r = super::str_percent::bytes_percent(vm, &b, &arg)?;
    Ok(mk(vm, r, ba))
}

fn bytes_rmod(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(vm.not_implemented.clone())
}

fn bytes_cmp(vm: &mut Vm, a: Args, f: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    let (b, _) = recv(vm, &a, "__eq__")?;
    let other = a.pos().get(1).cloned().unwrap_or(Value::None);
    match &other {
        Value::Obj(o) if matches!(o.data, Data::Bytes(_) | Data::ByteArray(_)) || super::str_memoryview::memoryview_bytes(&other).is_some() => {
            let ob = buffer_bytes(vm, &other)?.unwrap_or_default();
            Ok(Value::bool(f(b.as_slice().cmp(ob.as_slice()))))
        }
        _ => Ok(vm.not_implemented.clone()),
    }
}
fn bytes_eq(vm: &mut Vm, a: Args) -> PyResult<Value> {
    bytes_cmp(vm, a, |o| o.is_eq())
}
fn bytes_ne(vm: &mut Vm, a: Args) -> PyResult<Value> {
    bytes_cmp(vm, a, |o| o.is_ne())
}
fn bytes_lt(vm: &mut Vm, a: Args) -> PyResult<Value> {
    bytes_cmp(vm, a, |o| o.is_lt())
}
fn bytes_le(vm: &mut Vm, a: Args) -> PyResult<Value> {
    bytes_cmp(vm, a, |o| o.is_le())
}
fn bytes_gt(vm: &mut Vm, a: Args) -> PyResult<Value> {
    bytes_cmp(vm, a, |o| o.is_gt())
}
fn bytes_ge(vm: &mut Vm, a: Args) -> PyResult<Value> {
    bytes_cmp(vm, a, |o| o.is_ge())
}

fn bytes_hash(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, _) = recv(vm, &a, "__hash__")?;
    Ok(Value::Int(crate::hash::bytes_hash(&b)))
}

fn bytes_bytes(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, _) = recv(vm, &a, "__bytes__")?;
    let me = &a.pos()[0];
    if matches!(me, Value::Obj(o) if Rc::ptr_eq(&o.ty, &vm.t.bytes)) {
        return Ok(me.clone());
    }
    Ok(vm.new_bytes(b))
}

fn bytes_getnewargs(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, _) = recv(vm, &a, "__getnewargs__")?;
    let c = vm.new_bytes(b);
    Ok(vm.new_tuple(vec![c]))
}

fn bytes_decode(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, _) = recv(vm, &a, "decode")?;
    let args = super::str_util::bind(vm, &a, "decode", &["encoding", "errors"], 0, true)?;
    let enc = match &args[0] {
        Some(v) => super::str::str_arg(vm, v, "decode() argument 'encoding' ")?.to_string(),
        None => "utf-8".into(),
    };
    let err = match &args[1] {
        Some(v) => super::str::str_arg(vm, v, "decode() argument 'errors' ")?.to_string(),
        None => "strict".into(),
    };
    let s = super::str_codecs::decode(vm, &b, &enc, &err)?;
    Ok(vm.new_str(s))
}

// ----- iteration ------------------------------------------------------------------

/// Iterator over a bytes/bytearray (re-reads a bytearray each step).
pub struct BytesIter {
    seq: Value,
    pos: Cell<usize>,
}

impl NativeData for BytesIter {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.seq);
    }
}

fn bytes_iter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, ba) = recv(vm, &a, "__iter__")?;
    let ty = vm.extra_types[if ba { "bytearray_iterator" } else { "bytes_iterator" }].clone();
    Ok(vm.alloc(ty, Data::Native(Box::new(BytesIter { seq: a.pos()[0].clone(), pos: Cell::new(0) }))))
}

fn iter_self(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(a.pos()[0].clone())
}

fn bytes_iter_next(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(it) = a.pos().first().and_then(|v| v.native::<BytesIter>()) else {
        return Err(vm.type_error("expected a bytes iterator"));
    };
    let p = it.pos.get();
    let x = match &it.seq {
        Value::Obj(o) => match &o.data {
            Data::Bytes(b) => b.get(p).copied(),
            Data::ByteArray(b) => b.borrow().get(p).copied(),
            _ => None,
        },
        _ => None,
    };
    match x {
        Some(x) => {
            it.pos.set(p + 1);
            Ok(Value::Int(x as i64))
        }
        None => Err(vm.stop_iteration(Value::None)),
    }
}

// ----- bytearray mutation -------------------------------------------------------------

/// The bytearray payload of the receiver.
fn ba_cell<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a std::cell::RefCell<Vec<u8>>> {
    match a.pos().first() {
        Some(Value::Obj(o)) => match &o.data {
            Data::ByteArray(b) => Ok(b),
            _ => Err(vm.type_error("descriptor requires a 'bytearray' object")),
        },
        _ => Err(vm.type_error("descriptor requires a 'bytearray' object")),
    }
}

fn bytearray_setitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cell = ba_cell(vm, &a)?;
    let key = a.pos().get(1).cloned().unwrap_or(Value::None);
    let value = a.pos().get(2).cloned().unwrap_or(Value::None);
    let len = cell.borrow().len();
    if let Some(parts) = slice_parts(vm, &key)? {
        let new: Vec<u8> = match buffer_bytes(vm, &value)? {
            Some(b) => b,
            None => {
                if matches!(value, Value::Int(_)) || value.as_str().is_some() {
                    return Err(vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)"));
                }
                let items = vm.collect(&value)?;
                let mut v = Vec::new();
                for it in &items {
                    v.push(byte_of(vm, it, "byte must be in range(0, 256)")?);
                }
                v
            }
        };
        let (start, stop, step, count) = slice_indices(vm, &parts, len)?;
        let mut b = cell.borrow_mut();
        if step == 1 {
            let stop = stop.max(start) as usize;
            b.splice(start as usize..stop, new);
            return Ok(Value::None);
        }
        if new.len() != count {
            drop(b);
            return Err(vm.value_error(format!("attempt to assign bytes of size {} to extended slice of size {}", new.len(), count)));
        }
        for (k, x) in new.into_iter().enumerate() {
            b[(start + k as i64 * step) as usize] = x;
        }
        return Ok(Value::None);
    }
    let i = index_key(vm, &key, "bytearray")?;
    let x = byte_of(vm, &value, "byte must be in range(0, 256)")?;
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.index_error("bytearray index out of range"));
    }
    cell.borrow_mut()[j as usize] = x;
    Ok(Value::None)
}

fn bytearray_delitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cell = ba_cell(vm, &a)?;
    let key = a.pos().get(1).cloned().unwrap_or(Value::None);
    let len = cell.borrow().len();
    if let Some(parts) = slice_parts(vm, &key)? {
        let (start, _, step, count) = slice_indices(vm, &parts, len)?;
        let mut idx: Vec<usize> = (0..count).map(|k| (start + k as i64 * step) as usize).collect();
        idx.sort_unstable();
        let mut b = cell.borrow_mut();
        let mut keep = Vec::with_capacity(len - count);
        let mut di = 0;
        for (i, &x) in b.iter().enumerate() {
            if di < idx.len() && idx[di] == i {
                di += 1;
            } else {
                keep.push(x);
            }
        }
        *b = keep;
        return Ok(Value::None);
    }
    let i = index_key(vm, &key, "bytearray")?;
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.index_error("bytearray index out of range"));
    }
    cell.borrow_mut().remove(j as usize);
    Ok(Value::None)
}

fn bytearray_iadd(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cell = ba_cell(vm, &a)?;
    let other = a.pos().get(1).cloned().unwrap_or(Value::None);
    match buffer_bytes(vm, &other)? {
        Some(o) => {
            cell.borrow_mut().extend_from_slice(&o);
            Ok(a.pos()[0].clone())
        }
        None => Err(vm.type_error(format!("can't concat {} to bytearray", vm.type_name(&other)))),
    }
}

fn bytearray_imul(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cell = ba_cell(vm, &a)?;
    let other = a.pos().get(1).cloned().unwrap_or(Value::None);
    let Some(n) = super::str::repeat_count(vm, &other)? else {
        return Err(vm.type_error(format!("can't multiply sequence by non-int of type '{}'", vm.type_name(&other))));
    };
    if n > 0 && (cell.borrow().len() as u128) * (n as u128) > (isize::MAX as u128) / 2 {
        return Err(vm.memory_error());
    }
    let repeated = if n <= 0 { Vec::new() } else { repeat_bytes(vm, &cell.borrow(), n as usize)? };
    let mut b = cell.borrow_mut();
    *b = repeated;
    drop(b);
    Ok(a.pos()[0].clone())
}

fn bytearray_append(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cell = ba_cell(vm, &a)?;
    let args = super::str_util::bind(vm, &a, "bytearray.append", &["item"], 1, false)?;
    let x = byte_of(vm, args[0].as_ref().unwrap_or(&Value::None), "byte must be in range(0, 256)")?;
    cell.borrow_mut().push(x);
    Ok(Value::None)
}

fn bytearray_extend(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cell = ba_cell(vm, &a)?;
    let args = super::str_util::bind(vm, &a, "bytearray.extend", &["iterable_of_ints"], 1, false)?;
    let src = args[0].clone().unwrap_or(Value::None);
    let new = match buffer_bytes(vm, &src)? {
        Some(b) => b,
        None => {
            if src.as_str().is_some() {
                return Err(vm.type_error("expected iterable of integers; got: 'str'"));
            }
            let sty = vm.type_of(&src);
            if crate::slots::special(&sty, "__iter__").is_none() && crate::slots::special(&sty, "__getitem__").is_none() {
                return Err(vm.type_error(format!("can't extend bytearray with {}", vm.type_name(&src))));
            }
            let items = vm.collect(&src)?;
            let mut v = Vec::with_capacity(items.len());
            for it in &items {
                v.push(byte_of(vm, it, "byte must be in range(0, 256)")?);
            }
            v
        }
    };
    cell.borrow_mut().extend_from_slice(&new);
    Ok(Value::None)
}

fn bytearray_pop(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cell = ba_cell(vm, &a)?;
    let args = super::str_util::bind(vm, &a, "pop", &["index"], 0, false)?;
    let i = match &args[0] {
        Some(v) => super::str_util::int_arg(vm, v)?,
        None => -1,
    };
    let len = cell.borrow().len() as i64;
    if len == 0 {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let j = if i < 0 { i + len } else { i };
    if j < 0 || j >= len {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(Value::Int(cell.borrow_mut().remove(j as usize) as i64))
}

fn bytearray_insert(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cell = ba_cell(vm, &a)?;
    let args = super::str_util::bind(vm, &a, "insert", &["index", "item"], 2, false)?;
    let i = super::str_util::int_arg(vm, args[0].as_ref().unwrap_or(&Value::None))?;
    let x = byte_of(vm, args[1].as_ref().unwrap_or(&Value::None), "byte must be in range(0, 256)")?;
    let len = cell.borrow().len() as i64;
    let j = if i < 0 { (i + len).max(0) } else { i.min(len) };
    cell.borrow_mut().insert(j as usize, x);
    Ok(Value::None)
}

fn bytearray_remove(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cell = ba_cell(vm, &a)?;
    let args = super::str_util::bind(vm, &a, "bytearray.remove", &["value"], 1, false)?;
    let x = byte_of(vm, args[0].as_ref().unwrap_or(&Value::None), "byte must be in range(0, 256)")?;
    let pos = cell.borrow().iter().position(|&y| y == x);
    match pos {
        Some(p) => {
            cell.borrow_mut().remove(p);
            Ok(Value::None)
        }
        None => Err(vm.value_error("value not found in bytearray")),
    }
}

fn bytearray_reverse(vm: &mut Vm, a: Args) -> PyResult<Value> {
    ba_cell(vm, &a)?.borrow_mut().reverse();
    Ok(Value::None)
}

fn bytearray_clear(vm: &mut Vm, a: Args) -> PyResult<Value> {
    ba_cell(vm, &a)?.borrow_mut().clear();
    Ok(Value::None)
}

fn bytearray_copy(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = ba_cell(vm, &a)?.borrow().clone();
    Ok(vm.new_bytearray(b))
}

fn bytearray_alloc(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = ba_cell(vm, &a)?.borrow();
    Ok(Value::Int(b.capacity().max(b.len() + 1) as i64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::Config;

    #[test]
    fn repr_and_construct() {
        let mut vm = Vm::new(Config::default());
        assert_eq!(repr_bytes(b"it's"), "b\"it's\"");
        assert_eq!(repr_bytes(b"\x00\x7f\x80\xff\t'\""), "b'\\x00\\x7f\\x80\\xff\\t\\'\"'");
        let ty = Value::Obj(vm.t.bytes.clone());
        let v = vm.call(&ty, &[Value::Int(3)]).unwrap();
        assert_eq!(buffer_bytes(&mut vm, &v).unwrap().unwrap(), vec![0, 0, 0]);
        let l = vm.new_list(vec![Value::Int(65), Value::Int(300)]);
        assert!(vm.call(&ty, &[l]).is_err());
        let bat = Value::Obj(vm.t.bytearray.clone());
        let s = vm.new_str("hi");
        let enc = vm.new_str("ascii");
        let ba = vm.call(&bat, &[s, enc]).unwrap();
        vm.call_method(&ba, "append", &[Value::Int(33)]).unwrap();
        let r = vm.repr_string(&ba).unwrap();
        assert_eq!(r, "bytearray(b'hi!')");
    }
}

/// `b * n`; a size the allocator refuses is a MemoryError (as in CPython),
/// not an abort.
fn repeat_bytes(vm: &Vm, b: &[u8], n: usize) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    out.try_reserve_exact(b.len().saturating_mul(n)).map_err(|_| vm.memory_error())?;
    for _ in 0..n {
        out.extend_from_slice(b);
    }
    Ok(out)
}
