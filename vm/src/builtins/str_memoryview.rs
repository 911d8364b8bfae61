//! (Owned by the strings engineer.) A basic `memoryview` over bytes and
//! bytearray: one-dimensional, format 'B', itemsize 1. Supports len,
//! indexing (and item assignment on writable views), slicing (a new view),
//! iteration, comparison, tobytes/tolist/hex/release, and the context
//! manager protocol, cast('B'). Not supported: other formats, shapes.

use super::str_util::{slice_indices, slice_parts};
use crate::function::{Args, NativeFn};
use crate::types::Layout;
use crate::value::{Data, NativeData, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::cell::Cell;

pub struct MemoryView {
    /// The exported object (bytes or bytearray).
    obj: Value,
    start: usize,
    len: usize,
    step: isize,
    released: Cell<bool>,
}

impl NativeData for MemoryView {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.obj);
    }
}

impl MemoryView {
    fn bytes(&self) -> Vec<u8> {
        let all: Vec<u8> = match &self.obj {
            Value::Obj(o) => match &o.data {
                Data::Bytes(b) => b.to_vec(),
                Data::ByteArray(b) => b.borrow().clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        (0..self.len).filter_map(|k| all.get((self.start as isize + k as isize * self.step) as usize).copied()).collect()
    }
}

/// The contents of a memoryview value.
pub fn memoryview_bytes(v: &Value) -> Option<Vec<u8>> {
    v.native::<MemoryView>().map(|m| m.bytes())
}

pub fn init(vm: &mut Vm) {
    let t = vm.new_builtin_type("memoryview", None, Layout::Native, 0);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__len__", mv_len),
        ("__getitem__", mv_getitem),
        ("__setitem__", mv_setitem),
        ("__eq__", mv_eq),
        ("__repr__", mv_repr),
        ("__enter__", mv_enter),
        ("__exit__", mv_exit),
        ("tobytes", mv_tobytes),
        ("tolist", mv_tolist),
        ("__iter__", mv_iter),
        ("hex", mv_hex),
        ("release", mv_release),
        ("cast", mv_cast),
    ];
    for (n, f) in methods {
        vm.add_method(&t, n, *f);
    }
    vm.add_method(&t, "__hash__", mv_hash);
    vm.add_staticmethod(&t, "__new__", mv_new);
    let getters: [(&'static str, crate::descriptor::Getter); 6] = [
        ("nbytes", |vm, v| mv_call(vm, v, mv_len)),
        ("readonly", |vm, v| mv_call(vm, v, mv_readonly)),
        ("itemsize", |vm, v| mv_call(vm, v, mv_one)),
        ("ndim", |vm, v| mv_call(vm, v, mv_one)),
        ("format", |vm, v| mv_call(vm, v, mv_format)),
        ("obj", |vm, v| mv_call(vm, v, mv_obj)),
    ];
    for (name, get) in getters {
        let gs = crate::descriptor::GetSet { name, get, set: None, owner: "memoryview" };
        let d = vm.alloc(vm.t.object.clone(), Data::Native(Box::new(gs)));
        vm.set_type_attr(&t, name, d);
    }
    vm.extra_types.insert("memoryview", t.clone());
    let b = Value::Obj(vm.builtins.clone());
    vm.dict_set_str(&b, "memoryview", Value::Obj(t));
}

fn mv_call(vm: &mut Vm, v: &Value, f: NativeFn) -> PyResult<Value> {
    f(vm, Args::positional(std::slice::from_ref(v)))
}

fn this<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a MemoryView> {
    match a.pos().first().and_then(|v| v.native::<MemoryView>()) {
        Some(m) if m.released.get() => Err(vm.value_error("operation forbidden on released memoryview object")),
        Some(m) => Ok(m),
        None => Err(vm.type_error("descriptor requires a 'memoryview' object")),
    }
}

fn mv_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let obj = match a.pos().get(1).or_else(|| a.kwarg("object")) {
        Some(v) => v.clone(),
        None => return Err(vm.type_error("memoryview() missing required argument 'object' (pos 1)")),
    };
    let (base, start, len, step) = if let Some(m) = obj.native::<MemoryView>() {
        (m.obj.clone(), m.start, m.len, m.step)
    } else {
        match &obj {
            Value::Obj(o) if matches!(o.data, Data::Bytes(_) | Data::ByteArray(_)) => {
                let n = super::bytes::buffer_bytes(vm, &obj)?.map_or(0, |b| b.len());
                (obj.clone(), 0, n, 1)
            }
            _ => return Err(vm.type_error(format!("memoryview: a bytes-like object is required, not '{}'", vm.type_name(&obj)))),
        }
    };
    let ty = vm.extra_types["memoryview"].clone();
    Ok(vm.alloc(ty, Data::Native(Box::new(MemoryView { obj: base, start, len, step, released: Cell::new(false) }))))
}

fn mv_len(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &a)?.len as i64))
}
fn mv_readonly(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this(vm, &a)?;
    Ok(Value::bool(!matches!(&m.obj, Value::Obj(o) if matches!(o.data, Data::ByteArray(_)))))
}
fn mv_one(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this(vm, &a)?;
    Ok(Value::Int(1))
}
fn mv_format(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this(vm, &a)?;
    Ok(vm.new_str("B"))
}
fn mv_obj(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(this(vm, &a)?.obj.clone())
}

fn mv_getitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this(vm, &a)?;
    let key = a.pos().get(1).cloned().unwrap_or(Value::None);
    if let Some(parts) = slice_parts(vm, &key)? {
        let (start, _, step, count) = slice_indices(vm, &parts, m.len)?;
        let ty = vm.extra_types["memoryview"].clone();
        let nm = MemoryView {
            obj: m.obj.clone(),
            start: (m.start as isize + start as isize * m.step) as usize,
            len: count,
            step: m.step * step as isize,
            released: Cell::new(false),
        };
        return Ok(vm.alloc(ty, Data::Native(Box::new(nm))));
    }
    let i = super::str_util::int_arg(vm, &key)?;
    let n = m.len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("index out of bounds on dimension 1"));
    }
    let b = m.bytes();
    Ok(Value::Int(b[j as usize] as i64))
}

fn mv_setitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this(vm, &a)?;
    let Value::Obj(o) = &m.obj else { return Err(vm.type_error("cannot modify read-only memory")) };
    let Data::ByteArray(cell) = &o.data else { return Err(vm.type_error("cannot modify read-only memory")) };
    let key = a.pos().get(1).cloned().unwrap_or(Value::None);
    if let Some(parts) = slice_parts(vm, &key)? {
        // view[a:b:c] = bytes-like of exactly the slice's length.
        let (start, _, step, count) = slice_indices(vm, &parts, m.len)?;
        let value = a.pos().get(2).cloned().unwrap_or(Value::None);
        let Some(data) = super::bytes::buffer_bytes(vm, &value)? else {
            return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(&value))));
        };
        if data.len() != count {
            return Err(vm.value_error("memoryview assignment: lvalue and rvalue have different structures"));
        }
        let mut buf = cell.borrow_mut();
        for (k, x) in data.into_iter().enumerate() {
            let j = start as isize + k as isize * step as isize;
            let p = (m.start as isize + j * m.step) as usize;
            if let Some(slot) = buf.get_mut(p) {
                *slot = x;
            }
        }
        return Ok(Value::None);
    }
    let i = super::str_util::int_arg(vm, &key)?;
    let x = super::bytes::byte_of(vm, a.pos().get(2).unwrap_or(&Value::None), "memoryview: invalid value for format 'B'")?;
    let n = m.len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("index out of bounds on dimension 1"));
    }
    let p = (m.start as isize + j as isize * m.step) as usize;
    if let Some(slot) = cell.borrow_mut().get_mut(p) {
        *slot = x;
    }
    Ok(Value::None)
}

fn mv_eq(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this(vm, &a)?;
    let other = a.pos().get(1).cloned().unwrap_or(Value::None);
    match super::bytes::buffer_bytes(vm, &other)? {
        Some(o) => Ok(Value::bool(m.bytes() == o)),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn mv_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = &a.pos()[0];
    let released = v.native::<MemoryView>().map_or(false, |m| m.released.get());
    Ok(vm.new_str(format!("<{}memory at 0x{:x}>", if released { "released " } else { "" }, v.id())))
}

fn mv_enter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this(vm, &a)?;
    Ok(a.pos()[0].clone())
}

fn mv_exit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    mv_release(vm, a)
}

fn mv_release(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if let Some(m) = a.pos().first().and_then(|v| v.native::<MemoryView>()) {
        m.released.set(true);
        return Ok(Value::None);
    }
    Err(vm.type_error("descriptor requires a 'memoryview' object"))
}

/// `m.cast(format)`: only to the unsigned-byte format this view supports.
fn mv_cast(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this(vm, &a)?;
    let format = match a.pos().get(1).or_else(|| a.kwarg("format")) {
        Some(f) => f.clone(),
        None => return Err(vm.type_error("cast() missing required argument 'format' (pos 1)")),
    };
    let Some(format) = format.as_str().map(|f| f.to_string()) else {
        return Err(vm.type_error(format!("cast() argument 'format' must be str, not {}", vm.type_name(&format))));
    };
    if m.step != 1 {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    if format != "B" && format != "@B" {
        return Err(vm.not_implemented_error(format!("memoryview: cast to format '{}' is not supported (only 'B')", format)));
    }
    let view = MemoryView { obj: m.obj.clone(), start: m.start, len: m.len, step: 1, released: Cell::new(false) };
    let ty = vm.extra_types["memoryview"].clone();
    Ok(vm.alloc(ty, Data::Native(Box::new(view))))
}

/// A read-only view hashes as the bytes it shows; a writable one cannot be hashed.
fn mv_hash(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this(vm, &a)?;
    if matches!(&m.obj, Value::Obj(o) if matches!(o.data, Data::ByteArray(_))) {
        return Err(vm.value_error("cannot hash writable memoryview object"));
    }
    let b = vm.new_bytes(m.bytes());
    Ok(Value::Int(vm.hash(&b)?))
}

fn mv_tobytes(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this(vm, &a)?;
    Ok(vm.new_bytes(m.bytes()))
}

fn mv_tolist(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this(vm, &a)?;
    let items = m.bytes().into_iter().map(|x| Value::Int(x as i64)).collect();
    Ok(vm.new_list(items))
}

fn mv_hex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this(vm, &a)?;
    Ok(vm.new_str(m.bytes().iter().map(|x| format!("{:02x}", x)).collect::<String>()))
}

fn mv_iter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let l = mv_tolist(vm, a)?;
    vm.iter(&l)
}
