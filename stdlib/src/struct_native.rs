//! The `_struct` native module behind `lib/struct.py`: converting between
//! Python values and packed binary records described by a format string.
//!
//! A format is an optional byte-order prefix (`@` native size and
//! alignment, `=` native order with standard sizes, `<`, `>`, `!`) and a
//! sequence of `[count]code` items. `pack`, `unpack`, `calcsize`,
//! `pack_into`, `unpack_from`, `iter_unpack` and the `Struct` type follow
//! CPython 3.12, including its `struct.error` messages.

use egret_vm::builtins::container_helpers::to_bigint;
use egret_vm::function::{Args, NativeFn};
use egret_vm::types::Layout;
use egret_vm::value::{Data, NativeData, Value};
use egret_vm::vm::Vm;
use egret_vm::{PyErr, PyRef, PyResult};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::cell::Cell;

/// One `[count]code` item of a format.
#[derive(Clone, Copy)]
struct Item {
    code: u8,
    count: usize,
    /// Byte offset of the item in the record.
    offset: usize,
    /// Size of one element.
    size: usize,
}

/// A parsed format.
#[derive(Clone)]
pub struct RecordFormat {
    items: Vec<Item>,
    size: usize,
    /// Number of Python values packed/unpacked.
    nvalues: usize,
    little: bool,
    native: bool,
}

fn struct_error(vm: &mut Vm, msg: impl Into<String>) -> PyErr {
    let cls = error_class(vm);
    let m = vm.new_str(msg.into());
    match vm.call(&Value::Obj(cls), &[m]) {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

fn error_class(vm: &mut Vm) -> PyRef {
    if let Some(t) = vm.extra_types.get("struct.error") {
        return t.clone();
    }
    let name = vm.new_str("error");
    let bases = vm.new_tuple(vec![Value::Obj(vm.e.exception.clone())]);
    let ns = vm.new_dict();
    let m = vm.new_str("struct");
    vm.dict_set_str(&ns, "__module__", m);
    let cls = vm.call(&Value::Obj(vm.type_type.clone()), &[name, bases, ns]).expect("creating struct.error");
    let Value::Obj(t) = cls else { unreachable!() };
    vm.extra_types.insert("struct.error", t.clone());
    t
}

/// (size, alignment) of a code in native mode.
fn native_size(code: u8) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' | b'd' | b'P' => 8,
        _ => return None,
    })
}

fn standard_size(code: u8) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'l' | b'L' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        _ => return None,
    })
}

fn parse_format(vm: &mut Vm, fmt: &[u8]) -> PyResult<RecordFormat> {
    let (native, little, body) = match fmt.first() {
        Some(b'@') => (true, cfg!(target_endian = "little"), &fmt[1..]),
        Some(b'=') => (false, cfg!(target_endian = "little"), &fmt[1..]),
        Some(b'<') => (false, true, &fmt[1..]),
        Some(b'>') | Some(b'!') => (false, false, &fmt[1..]),
        _ => (true, cfg!(target_endian = "little"), fmt),
    };
    let mut items = Vec::new();
    let mut offset: usize = 0;
    let mut nvalues = 0;
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count: Option<usize> = None;
        if c.is_ascii_digit() {
            let mut n: usize = 0;
            while i < body.len() && body[i].is_ascii_digit() {
                n = match n.checked_mul(10).and_then(|x| x.checked_add((body[i] - b'0') as usize)) {
                    Some(v) => v,
                    None => return Err(struct_error(vm, "total struct size too long")),
                };
                i += 1;
            }
            if i >= body.len() {
                return Err(struct_error(vm, "repeat count given without format specifier"));
            }
            count = Some(n);
        }
        let code = body[i];
        i += 1;
        let size = if native { native_size(code) } else { standard_size(code) };
        let Some(size) = size else {
            return Err(struct_error(vm, "bad char in struct format"));
        };
        let count = count.unwrap_or(1);
        if native && !matches!(code, b's' | b'p' | b'x' | b'c') {
            // Align to the item's natural alignment.
            offset = offset.div_ceil(size) * size;
        }
        let total = match size.checked_mul(count).and_then(|t| t.checked_add(offset)) {
            Some(t) if t <= isize::MAX as usize => t,
            _ => return Err(struct_error(vm, "total struct size too long")),
        };
        items.push(Item { code, count, offset, size });
        nvalues += match code {
            b'x' => 0,
            b's' | b'p' => 1,
            _ => count,
        };
        offset = total;
    }
    Ok(RecordFormat { items, size: offset, nvalues, little, native })
}

fn format_bytes(vm: &mut Vm, v: &Value, what: &str) -> PyResult<Vec<u8>> {
    if let Some(s) = v.as_str() {
        return Ok(s.as_bytes().to_vec());
    }
    if let Value::Obj(o) = v {
        if let Data::Bytes(b) = &o.data {
            return Ok(b.to_vec());
        }
    }
    Err(vm.type_error(format!("{} argument 1 must be a str or bytes object, not {}", what, vm.type_name(v))))
}

// ----- packing ----------------------------------------------------------------

fn int_range(code: u8, size: usize) -> (BigInt, BigInt) {
    let bits = size * 8;
    if code.is_ascii_lowercase() {
        (-(BigInt::from(1) << (bits - 1)), (BigInt::from(1) << (bits - 1)) - 1)
    } else {
        (BigInt::from(0), (BigInt::from(1) << bits) - 1)
    }
}

fn is_float_like(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => true,
        Value::Obj(o) => match &o.data {
            Data::Int(_) | Data::Float(_) => true,
            Data::Str(_) | Data::Bytes(_) | Data::ByteArray(_) => false,
            _ => {
                let ty = vm.type_of(v);
                egret_vm::slots::special(&ty, "__float__").is_some() || egret_vm::slots::special(&ty, "__index__").is_some()
            }
        },
        Value::None => false,
    }
}

/// Rounds `x` to IEEE half precision (round half to even); None on overflow.
fn f64_to_f16(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Some(sign | 0x7c00);
    }
    if a == 0.0 {
        return Some(sign);
    }
    // Work in units of the smallest subnormal (2**-24), or of the value's ulp.
    let (mant, exp) = frexp(a); // a = mant * 2**exp, 0.5 <= mant < 1
    let e = exp - 1; // a = m * 2**e with 1 <= m < 2
    if e < -14 {
        // subnormal: value / 2**-24 rounded to an integer
        let scaled = a * 2f64.powi(24);
        let r = round_half_even(scaled);
        if r >= 1024.0 {
            return Some(sign | 0x0400); // rounds up to the smallest normal
        }
        return Some(sign | r as u16);
    }
    let m = mant * 2.0; // in [1, 2)
    let frac = (m - 1.0) * 1024.0;
    let mut r = round_half_even(frac);
    let mut e = e;
    if r >= 1024.0 {
        r = 0.0;
        e += 1;
    }
    if e > 15 {
        return None;
    }
    Some(sign | (((e + 15) as u16) << 10) | r as u16)
}

fn round_half_even(x: f64) -> f64 {
    let f = x.floor();
    let d = x - f;
    if d > 0.5 || (d == 0.5 && f % 2.0 != 0.0) {
        f + 1.0
    } else {
        f
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1f) as i32;
    let f = (h & 0x3ff) as f64;
    sign * match e {
        0 => f * 2f64.powi(-24),
        31 => {
            if f == 0.0 {
                f64::INFINITY
            } else {
                f64::NAN
            }
        }
        _ => (1.0 + f / 1024.0) * 2f64.powi(e - 15),
    }
}

fn put_uint(out: &mut [u8], v: u64, little: bool) {
    let n = out.len();
    for k in 0..n {
        let byte = (v >> (8 * k)) as u8;
        if little {
            out[k] = byte;
        } else {
            out[n - 1 - k] = byte;
        }
    }
}

fn get_uint(b: &[u8], little: bool) -> u64 {
    let mut v: u64 = 0;
    for k in 0..b.len() {
        let byte = if little { b[b.len() - 1 - k] } else { b[k] };
        v = (v << 8) | byte as u64;
    }
    v
}

fn pack_value(vm: &mut Vm, lay: &RecordFormat, code: u8, size: usize, v: &Value, out: &mut [u8]) -> PyResult<()> {
    match code {
        b'c' => {
            if let Value::Obj(o) = v {
                match &o.data {
                    Data::Bytes(b) if b.len() == 1 => {
                        out[0] = b[0];
                        return Ok(());
                    }
                    Data::ByteArray(b) if b.borrow().len() == 1 => {
                        out[0] = b.borrow()[0];
                        return Ok(());
                    }
                    _ => {}
                }
            }
            Err(struct_error(vm, "char format requires a bytes object of length 1"))
        }
        b'?' => {
            out[0] = vm.truthy(v)? as u8;
            Ok(())
        }
        b'e' | b'f' | b'd' => {
            if !is_float_like(vm, v) {
                return Err(struct_error(vm, "required argument is not a float"));
            }
            let x = egret_vm::builtins::float::float_of(vm, v)?;
            match code {
                b'd' => put_uint(out, x.to_bits(), lay.little),
                b'f' => {
                    let y = x as f32;
                    if y.is_infinite() && x.is_finite() {
                        return Err(vm.overflow_error("float too large to pack with f format"));
                    }
                    put_uint(out, y.to_bits() as u64, lay.little)
                }
                _ => match f64_to_f16(x) {
                    Some(h) => put_uint(out, h as u64, lay.little),
                    None => return Err(vm.overflow_error("float too large to pack with e format")),
                },
            }
            Ok(())
        }
        _ => {
            // integer codes
            let n = match v {
                Value::Int(i) => BigInt::from(*i),
                Value::Bool(b) => BigInt::from(b.get() as i64),
                _ => match to_bigint(vm, v)? {
                    Some(n) => n,
                    None => return Err(struct_error(vm, "required argument is not an integer")),
                },
            };
            if code == b'P' {
                // CPython packs pointers modulo 2**64 without a range error.
                let m: BigInt = n & ((BigInt::from(1) << 64) - BigInt::from(1));
                put_uint(out, m.to_u64().unwrap_or(0), lay.little);
                return Ok(());
            }
            let (lo, hi) = int_range(code, size);
            if n < lo || n > hi {
                return Err(struct_error(vm, format!("'{}' format requires {} <= number <= {}", code as char, lo, hi)));
            }
            let bits = if n < BigInt::from(0) { (n + (BigInt::from(1) << (size * 8))).to_u64().unwrap_or(0) } else { n.to_u64().unwrap_or(0) };
            put_uint(out, bits, lay.little);
            Ok(())
        }
    }
}

fn pack_record(vm: &mut Vm, lay: &RecordFormat, values: &[Value], out: &mut [u8]) -> PyResult<()> {
    if values.len() != lay.nvalues {
        return Err(struct_error(vm, format!("pack expected {} items for packing (got {})", lay.nvalues, values.len())));
    }
    let mut vi = 0;
    for it in &lay.items {
        match it.code {
            b'x' => {}
            b's' | b'p' => {
                let v = &values[vi];
                vi += 1;
                let data: Vec<u8> = match v {
                    Value::Obj(o) => match &o.data {
                        Data::Bytes(b) => b.to_vec(),
                        Data::ByteArray(b) => b.borrow().clone(),
                        _ => return Err(struct_error(vm, format!("argument for '{}' must be a bytes object", it.code as char))),
                    },
                    _ => return Err(struct_error(vm, format!("argument for '{}' must be a bytes object", it.code as char))),
                };
                let field = &mut out[it.offset..it.offset + it.count];
                if it.code == b's' {
                    let n = data.len().min(it.count);
                    field[..n].copy_from_slice(&data[..n]);
                } else if it.count > 0 {
                    let n = data.len().min(it.count - 1).min(255);
                    field[0] = n as u8;
                    field[1..1 + n].copy_from_slice(&data[..n]);
                }
            }
            _ => {
                for k in 0..it.count {
                    let at = it.offset + k * it.size;
                    let v = values[vi].clone();
                    vi += 1;
                    pack_value(vm, lay, it.code, it.size, &v, &mut out[at..at + it.size])?;
                }
            }
        }
    }
    Ok(())
}

fn unpack_record(vm: &mut Vm, lay: &RecordFormat, data: &[u8]) -> Value {
    let mut vals = Vec::with_capacity(lay.nvalues);
    for it in &lay.items {
        match it.code {
            b'x' => {}
            b's' => vals.push(vm.new_bytes(data[it.offset..it.offset + it.count].to_vec())),
            b'p' => {
                if it.count == 0 {
                    vals.push(vm.new_bytes(Vec::new()));
                } else {
                    let n = (data[it.offset] as usize).min(it.count - 1);
                    vals.push(vm.new_bytes(data[it.offset + 1..it.offset + 1 + n].to_vec()));
                }
            }
            _ => {
                for k in 0..it.count {
                    let at = it.offset + k * it.size;
                    let b = &data[at..at + it.size];
                    let raw = get_uint(b, lay.little);
                    let v = match it.code {
                        b'c' => vm.new_bytes(vec![b[0]]),
                        b'?' => Value::bool(raw != 0),
                        b'e' => Value::float(f16_to_f64(raw as u16)),
                        b'f' => Value::float(f32::from_bits(raw as u32) as f64),
                        b'd' => Value::float(f64::from_bits(raw)),
                        c if c.is_ascii_lowercase() => {
                            let shift = 64 - 8 * it.size as u32;
                            Value::Int(((raw << shift) as i64) >> shift)
                        }
                        _ => {
                            if raw > i64::MAX as u64 {
                                vm.new_bigint(BigInt::from(raw))
                            } else {
                                Value::Int(raw as i64)
                            }
                        }
                    };
                    vals.push(v);
                }
            }
        }
    }
    let _ = lay.native;
    vm.new_tuple(vals)
}

// ----- buffers -------------------------------------------------------------------

fn read_buffer(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    egret_vm::builtins::bytes::bytes_arg(vm, v)
}

/// Resolves a possibly negative offset for unpack_from/pack_into.
fn resolve_offset(vm: &mut Vm, offset: i64, buflen: usize, need: usize, packing: bool) -> PyResult<usize> {
    let mut off = offset;
    if off < 0 {
        if off + (buflen as i64) < 0 {
            return Err(struct_error(vm, format!("offset {} out of range for {}-byte buffer", offset, buflen)));
        }
        if (need as i64) > -off {
            let msg = if packing {
                format!("no space to pack {} bytes at offset {}", need, offset)
            } else {
                format!("not enough data to unpack {} bytes at offset {}", need, offset)
            };
            return Err(struct_error(vm, msg));
        }
        off += buflen as i64;
    }
    let off = off as usize;
    if buflen < need || buflen - need < off {
        let msg = if packing {
            format!(
                "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {} (actual buffer size is {})",
                need + off,
                need,
                off,
                buflen
            )
        } else {
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} (actual buffer size is {})",
                need + off,
                need,
                off,
                buflen
            )
        };
        return Err(struct_error(vm, msg));
    }
    Ok(off)
}

// ----- the operations on a parsed layout ------------------------------------------

fn do_pack(vm: &mut Vm, lay: &RecordFormat, values: &[Value]) -> PyResult<Value> {
    let mut out = vec![0u8; lay.size];
    pack_record(vm, lay, values, &mut out)?;
    Ok(vm.new_bytes(out))
}

fn do_unpack(vm: &mut Vm, lay: &RecordFormat, buf: &Value) -> PyResult<Value> {
    let data = read_buffer(vm, buf)?;
    if data.len() != lay.size {
        return Err(struct_error(vm, format!("unpack requires a buffer of {} bytes", lay.size)));
    }
    Ok(unpack_record(vm, lay, &data))
}

fn do_unpack_from(vm: &mut Vm, lay: &RecordFormat, buf: &Value, offset: i64) -> PyResult<Value> {
    let data = read_buffer(vm, buf)?;
    let off = resolve_offset(vm, offset, data.len(), lay.size, false)?;
    Ok(unpack_record(vm, lay, &data[off..off + lay.size]))
}

fn do_pack_into(vm: &mut Vm, lay: &RecordFormat, buf: &Value, offset: i64, values: &[Value]) -> PyResult<Value> {
    let writable = matches!(buf, Value::Obj(o) if matches!(o.data, Data::ByteArray(_)));
    if !writable {
        return Err(vm.type_error(format!("argument must be read-write bytes-like object, not {}", vm.type_name(buf))));
    }
    let mut rec = vec![0u8; lay.size];
    if values.len() != lay.nvalues {
        return Err(struct_error(vm, format!("pack_into expected {} items for packing (got {})", lay.nvalues, values.len())));
    }
    pack_record(vm, lay, values, &mut rec)?;
    let Value::Obj(o) = buf else { unreachable!() };
    let Data::ByteArray(b) = &o.data else { unreachable!() };
    let len = b.borrow().len();
    let off = resolve_offset(vm, offset, len, lay.size, true)?;
    b.borrow_mut()[off..off + lay.size].copy_from_slice(&rec);
    Ok(Value::None)
}

/// The iterator returned by `iter_unpack`.
struct UnpackIter {
    layout: RecordFormat,
    data: Vec<u8>,
    pos: Cell<usize>,
}

impl NativeData for UnpackIter {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn do_iter_unpack(vm: &mut Vm, lay: &RecordFormat, buf: &Value) -> PyResult<Value> {
    if lay.size == 0 {
        return Err(struct_error(vm, "cannot iteratively unpack with a struct of length 0"));
    }
    let data = read_buffer(vm, buf)?;
    if data.len() % lay.size != 0 {
        return Err(struct_error(vm, format!("iterative unpacking requires a buffer of a multiple of {} bytes", lay.size)));
    }
    let ty = vm.extra_types["_struct.unpack_iterator"].clone();
    Ok(vm.alloc(ty, Data::Native(Box::new(UnpackIter { layout: lay.clone(), data, pos: Cell::new(0) }))))
}

fn ui_iter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos()[0].clone())
}

fn ui_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = args.pos()[0].clone();
    let Some(it) = me.native::<UnpackIter>() else { return Err(vm.type_error("expected unpack_iterator")) };
    let p = it.pos.get();
    if p + it.layout.size > it.data.len() {
        return Err(vm.stop_iteration(Value::None));
    }
    it.pos.set(p + it.layout.size);
    let rec = it.data[p..p + it.layout.size].to_vec();
    let lay = it.layout.clone();
    Ok(unpack_record(vm, &lay, &rec))
}

fn ui_length_hint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = args.pos()[0].clone();
    let Some(it) = me.native::<UnpackIter>() else { return Err(vm.type_error("expected unpack_iterator")) };
    Ok(Value::Int(((it.data.len() - it.pos.get()) / it.layout.size) as i64))
}

// ----- module functions -------------------------------------------------------------

fn layout_arg(vm: &mut Vm, v: &Value) -> PyResult<RecordFormat> {
    if let Some(s) = v.native::<PyStruct>() {
        return Ok(s.layout.clone());
    }
    let f = format_bytes(vm, v, "Struct()")?;
    parse_format(vm, &f)
}

fn need_args(vm: &mut Vm, args: &Args, name: &str, n: usize) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
    }
    let got = args.pos().len();
    if got < n {
        return Err(vm.type_error(format!("{} expected {} arguments, got {}", name, n, got)));
    }
    Ok(())
}

fn m_pack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos().is_empty() {
        return Err(vm.type_error("pack expected at least 1 argument, got 0"));
    }
    let lay = layout_arg(vm, &args.pos()[0])?;
    do_pack(vm, &lay, &args.pos()[1..])
}

fn m_unpack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    need_args(vm, &args, "unpack", 2)?;
    let lay = layout_arg(vm, &args.pos()[0])?;
    do_unpack(vm, &lay, &args.pos()[1])
}

fn m_calcsize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    need_args(vm, &args, "calcsize", 1)?;
    let lay = layout_arg(vm, &args.pos()[0])?;
    Ok(Value::Int(lay.size as i64))
}

/// (buffer, offset) of unpack_from(format, /, buffer, offset=0).
fn buffer_offset(vm: &mut Vm, args: &Args, first: usize, name: &str) -> PyResult<(Value, i64)> {
    let pos = args.pos();
    let mut buffer = pos.get(first).cloned();
    let mut offset = pos.get(first + 1).cloned();
    for (k, v) in args.kwargs() {
        match k {
            "buffer" if buffer.is_none() => buffer = Some(v.clone()),
            "offset" if offset.is_none() => offset = Some(v.clone()),
            _ => return Err(vm.type_error(format!("'{}' is an invalid keyword argument for {}()", k, name))),
        }
    }
    let Some(buffer) = buffer else {
        return Err(vm.type_error(format!("{}() missing required argument 'buffer' (pos {})", name, first + 1)));
    };
    let off = match offset {
        Some(o) => vm.index_to_i64(&o)?,
        None => 0,
    };
    Ok((buffer, off))
}

fn m_unpack_from(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos().is_empty() {
        return Err(vm.type_error("unpack_from() missing required argument 'format' (pos 1)"));
    }
    let lay = layout_arg(vm, &args.pos()[0])?;
    let (buf, off) = buffer_offset(vm, &args, 1, "unpack_from")?;
    do_unpack_from(vm, &lay, &buf, off)
}

fn m_pack_into(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() < 3 {
        return Err(vm.type_error(format!("pack_into expected at least 3 arguments, got {}", pos.len())));
    }
    let lay = layout_arg(vm, &pos[0])?;
    let off = vm.index_to_i64(&pos[2])?;
    do_pack_into(vm, &lay, &pos[1], off, &pos[3..])
}

fn m_iter_unpack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    need_args(vm, &args, "iter_unpack", 2)?;
    let lay = layout_arg(vm, &args.pos()[0])?;
    do_iter_unpack(vm, &lay, &args.pos()[1])
}

// ----- the Struct type --------------------------------------------------------------

pub struct PyStruct {
    layout: RecordFormat,
    format: String,
}

impl NativeData for PyStruct {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn this<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a PyStruct> {
    args.pos().first().and_then(|v| v.native::<PyStruct>()).ok_or_else(|| vm.type_error("descriptor requires a '_struct.Struct' object"))
}

fn s_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let cls: PyRef = match pos.first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => o.clone(),
        _ => return Err(vm.type_error("Struct.__new__(X): X is not a type object")),
    };
    let fmt = match (pos.get(1), args.kwarg("format")) {
        (Some(f), None) => f.clone(),
        (None, Some(f)) => f.clone(),
        (None, None) => return Err(vm.type_error("Struct() missing required argument 'format' (pos 1)")),
        (Some(_), Some(_)) => return Err(vm.type_error("argument for Struct() given by name ('format') and position (1)")),
    };
    let f = format_bytes(vm, &fmt, "Struct()")?;
    let layout = parse_format(vm, &f)?;
    let format = String::from_utf8_lossy(&f).into_owned();
    Ok(vm.alloc(cls, Data::Native(Box::new(PyStruct { layout, format }))))
}

fn s_init(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn s_pack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(vm, &args)?;
    do_pack(vm, &s.layout, &args.pos()[1..])
}

fn s_unpack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(vm, &args)?;
    if args.pos().len() != 2 {
        return Err(vm.type_error(format!("unpack() takes exactly one argument ({} given)", args.pos().len() - 1)));
    }
    do_unpack(vm, &s.layout, &args.pos()[1])
}

fn s_unpack_from(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(vm, &args)?;
    let (buf, off) = buffer_offset(vm, &args, 1, "unpack_from")?;
    do_unpack_from(vm, &s.layout, &buf, off)
}

fn s_pack_into(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(vm, &args)?;
    let pos = args.pos();
    if pos.len() < 3 {
        return Err(vm.type_error(format!("pack_into expected at least 2 arguments, got {}", pos.len() - 1)));
    }
    let off = vm.index_to_i64(&pos[2])?;
    do_pack_into(vm, &s.layout, &pos[1], off, &pos[3..])
}

fn s_iter_unpack(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(vm, &args)?;
    if args.pos().len() != 2 {
        return Err(vm.type_error(format!("iter_unpack() takes exactly one argument ({} given)", args.pos().len() - 1)));
    }
    do_iter_unpack(vm, &s.layout, &args.pos()[1])
}

#[allow(dead_code)]
fn s_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(vm, &args)?;
    let f = vm.new_str(s.format.clone());
    let r = vm.repr_string(&f)?;
    Ok(vm.new_str(format!("Struct({})", r)))
}

fn g_format(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v.native::<PyStruct>() {
        Some(s) => Ok(vm.new_str(s.format.clone())),
        None => Err(vm.type_error("descriptor 'format' requires a '_struct.Struct' object")),
    }
}

fn g_size(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v.native::<PyStruct>() {
        Some(s) => Ok(Value::Int(s.layout.size as i64)),
        None => Err(vm.type_error("descriptor 'size' requires a '_struct.Struct' object")),
    }
}

fn init_types(vm: &mut Vm) -> PyRef {
    if let Some(t) = vm.extra_types.get("_struct.Struct") {
        return t.clone();
    }
    let t = vm.new_builtin_type("Struct", None, Layout::Native, egret_vm::types::type_flags::BASETYPE);
    let m = vm.new_str("_struct");
    vm.set_type_attr(&t, "__module__", m);
    vm.add_staticmethod(&t, "__new__", s_new);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", s_init),
        ("pack", s_pack),
        ("unpack", s_unpack),
        ("unpack_from", s_unpack_from),
        ("pack_into", s_pack_into),
        ("iter_unpack", s_iter_unpack),
    ];
    for &(n, f) in methods {
        vm.add_method(&t, n, f);
    }
    egret_vm::builtins::int::add_getter(vm, &t, "format", "Struct", g_format);
    egret_vm::builtins::int::add_getter(vm, &t, "size", "Struct", g_size);
    vm.extra_types.insert("_struct.Struct", t.clone());
    let it = vm.new_builtin_type("unpack_iterator", None, Layout::Native, 0);
    let m = vm.new_str("_struct");
    vm.set_type_attr(&it, "__module__", m);
    vm.add_method(&it, "__iter__", ui_iter);
    vm.add_method(&it, "__next__", ui_next);
    vm.add_method(&it, "__length_hint__", ui_length_hint);
    vm.extra_types.insert("_struct.unpack_iterator", it);
    t
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_struct");
    let fns: &[(&'static str, NativeFn)] = &[
        ("pack", m_pack),
        ("unpack", m_unpack),
        ("calcsize", m_calcsize),
        ("unpack_from", m_unpack_from),
        ("pack_into", m_pack_into),
        ("iter_unpack", m_iter_unpack),
    ];
    for &(n, f) in fns {
        vm.add_module_function(&m, n, f);
    }
    let t = init_types(vm);
    let e = error_class(vm);
    let d = vm.module_dict(&m).expect("module dict");
    vm.dict_set_str(&d, "Struct", Value::Obj(t));
    vm.dict_set_str(&d, "error", Value::Obj(e));
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_floats() {
        assert_eq!(f64_to_f16(1.0), Some(0x3c00));
        assert_eq!(f64_to_f16(65504.0), Some(0x7bff));
        assert_eq!(f64_to_f16(65520.0), None);
        assert_eq!(f64_to_f16(0.1), Some(0x2e66));
        assert_eq!(f64_to_f16(5.96e-8), Some(0x0001));
        assert_eq!(f16_to_f64(0x3c00), 1.0);
    }
}
