//! The `zlib` native module: `crc32`, `adler32`, one-shot `compress` /
//! `decompress` (zlib, raw deflate and gzip containers chosen by `wbits`,
//! on the miniz_oxide deflate implementation), `compressobj` /
//! `decompressobj` streams that buffer their input, `zlib.error` and the
//! usual constants.

use egret_vm::function::{Args, NativeFn};
use egret_vm::types::Layout;
use egret_vm::value::{Data, NativeData, Value};
use egret_vm::vm::Vm;
use egret_vm::{PyErr, PyRef, PyResult};
use std::cell::RefCell;

fn error_class(vm: &mut Vm) -> PyRef {
    if let Some(t) = vm.extra_types.get("zlib.error") {
        return t.clone();
    }
    let n = vm.new_str("error");
    let bases = vm.new_tuple(vec![Value::Obj(vm.e.exception.clone())]);
    let ns = vm.new_dict();
    let m = vm.new_str("zlib");
    vm.dict_set_str(&ns, "__module__", m);
    let cls = vm.call(&Value::Obj(vm.type_type.clone()), &[n, bases, ns]).expect("creating zlib.error");
    let Value::Obj(t) = cls else { unreachable!() };
    vm.extra_types.insert("zlib.error", t.clone());
    t
}

fn error(vm: &mut Vm, msg: impl Into<String>) -> PyErr {
    let cls = error_class(vm);
    let m = vm.new_str(msg.into());
    match vm.call(&Value::Obj(cls), &[m]) {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

fn bind(vm: &mut Vm, args: &Args, fname: &str, names: &[&str], positional_only: usize, required: usize) -> PyResult<Vec<Option<Value>>> {
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    let pos = args.pos();
    if pos.len() > names.len() {
        return Err(vm.type_error(format!("{}() takes at most {} arguments ({} given)", fname, names.len(), pos.len())));
    }
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        match names.iter().position(|n| *n == k) {
            Some(i) if i >= positional_only && out[i].is_none() => out[i] = Some(v.clone()),
            Some(i) if i >= positional_only => {
                return Err(vm.type_error(format!("argument for {}() given by name ('{}') and position ({})", fname, k, i + 1)))
            }
            _ => return Err(vm.type_error(format!("'{}' is an invalid keyword argument for {}()", k, fname))),
        }
    }
    for (i, n) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(vm.type_error(format!("{}() missing required argument '{}' (pos {})", fname, n, i + 1)));
        }
    }
    Ok(out)
}

fn data_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    egret_vm::builtins::bytes::bytes_arg(vm, v)
}

fn int_arg(vm: &mut Vm, v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        Some(v) => vm.index_to_i64(v),
        None => Ok(default),
    }
}

pub fn adler32(data: &[u8], start: u32) -> u32 {
    let mut a = start & 0xffff;
    let mut b = start >> 16;
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += x as u32;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    (b << 16) | a
}

fn z_crc32(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "crc32", &["data", "value"], 2, 1)?;
    let start = match &b[1] {
        Some(v) => crate::binascii::u32_start(vm, v)?,
        None => 0,
    };
    let data = data_arg(vm, b[0].as_ref().unwrap())?;
    Ok(Value::Int(crate::binascii::crc32(&data, start) as i64))
}

fn z_adler32(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "adler32", &["data", "value"], 2, 1)?;
    let start = match &b[1] {
        Some(v) => crate::binascii::u32_start(vm, v)?,
        None => 1,
    };
    let data = data_arg(vm, b[0].as_ref().unwrap())?;
    Ok(Value::Int(adler32(&data, start) as i64))
}

/// The container chosen by `wbits`.
#[derive(Clone, Copy, PartialEq)]
enum Container {
    Zlib,
    Raw,
    Gzip,
    /// Decompression only: zlib or gzip, detected from the header.
    Auto,
}

fn container(vm: &mut Vm, wbits: i64, decompress: bool) -> PyResult<Container> {
    Ok(match wbits {
        0 if decompress => Container::Zlib,
        8..=15 => Container::Zlib,
        -15..=-8 => Container::Raw,
        24..=31 => Container::Gzip,
        40..=47 if decompress => Container::Auto,
        _ => {
            return Err(if decompress {
                error(vm, "Error -2 while preparing to decompress data: inconsistent stream state")
            } else {
                vm.value_error("Invalid initialization option")
            })
        }
    })
}

fn compress_bytes(data: &[u8], level: u8, c: Container) -> Vec<u8> {
    match c {
        Container::Raw => miniz_oxide::deflate::compress_to_vec(data, level),
        Container::Gzip => {
            let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, if level == 9 { 2 } else if level == 1 { 4 } else { 0 }, 3];
            out.extend(miniz_oxide::deflate::compress_to_vec(data, level));
            out.extend_from_slice(&crate::binascii::crc32(data, 0).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out
        }
        _ => {
            let mut out = miniz_oxide::deflate::compress_to_vec_zlib(data, level);
            // zlib's own header: 32K window, the level class in FLEVEL.
            let flg = match level {
                0 | 1 => 0x01,
                2..=5 => 0x5e,
                6 => 0x9c,
                _ => 0xda,
            };
            if out.len() >= 2 {
                out[0] = 0x78;
                out[1] = flg;
            }
            out
        }
    }
}

fn level_arg(vm: &mut Vm, level: i64) -> PyResult<u8> {
    match level {
        -1 => Ok(6),
        0..=9 => Ok(level as u8),
        _ => Err(error(vm, "Bad compression level")),
    }
}

fn z_compress(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "compress", &["data", "level", "wbits"], 1, 1)?;
    let data = data_arg(vm, b[0].as_ref().unwrap())?;
    let level = int_arg(vm, &b[1], -1)?;
    let level = level_arg(vm, level)?;
    let wbits = int_arg(vm, &b[2], 15)?;
    let c = match container(vm, wbits, false) {
        Ok(c) => c,
        Err(_) => return Err(error(vm, "Bad compression level")),
    };
    Ok(vm.new_bytes(compress_bytes(&data, level, c)))
}

/// Length of a gzip member header, or None when it is not one (yet).
fn gzip_header_len(data: &[u8]) -> Option<usize> {
    if data.len() < 10 || data[0] != 0x1f || data[1] != 0x8b || data[2] != 8 {
        return None;
    }
    let flags = data[3];
    let mut p = 10;
    if flags & 4 != 0 {
        let xlen = *data.get(p)? as usize | (*data.get(p + 1)? as usize) << 8;
        p += 2 + xlen;
    }
    for bit in [8u8, 16] {
        if flags & bit != 0 {
            while *data.get(p)? != 0 {
                p += 1;
            }
            p += 1;
        }
    }
    if flags & 2 != 0 {
        p += 2;
    }
    if p > data.len() {
        return None;
    }
    Some(p)
}

/// Inflates `data`: Ok((output, bytes of input consumed)) or Err(message).
fn decompress_bytes(data: &[u8], c: Container) -> Result<(Vec<u8>, usize), String> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let c = if c == Container::Auto {
        if data.first() == Some(&0x1f) {
            Container::Gzip
        } else {
            Container::Zlib
        }
    } else {
        c
    };
    let mut start = 0;
    match c {
        Container::Zlib => {
            if data.len() >= 2 {
                let cmf = data[0];
                let flg = data[1];
                if (cmf as u16 * 256 + flg as u16) % 31 != 0 {
                    return Err("Error -3 while decompressing data: incorrect header check".into());
                }
                if cmf & 0x0f != 8 {
                    return Err("Error -3 while decompressing data: unknown compression method".into());
                }
            }
        }
        Container::Gzip => match gzip_header_len(data) {
            Some(n) => start = n,
            None => {
                if data.len() >= 2 && (data[0] != 0x1f || data[1] != 0x8b) {
                    return Err("Error -3 while decompressing data: incorrect header check".into());
                }
                return Err("Error -5 while decompressing data: incomplete or truncated stream".into());
            }
        },
        _ => {}
    }
    let flags = match c {
        Container::Zlib => inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER | inflate_flags::TINFL_FLAG_COMPUTE_ADLER32,
        _ => 0,
    } | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut state = Box::<DecompressorOxide>::default();
    let mut out = vec![0u8; (data.len() * 3).max(64)];
    let mut in_pos = start;
    let mut out_pos = 0;
    loop {
        let (status, consumed, written) = decompress(&mut state, &data[in_pos..], &mut out, out_pos, flags);
        in_pos += consumed;
        out_pos += written;
        match status {
            TINFLStatus::Done => break,
            TINFLStatus::HasMoreOutput => {
                let n = out.len() * 2;
                out.resize(n, 0);
            }
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                return Err("Error -5 while decompressing data: incomplete or truncated stream".into())
            }
            TINFLStatus::Adler32Mismatch => return Err("Error -3 while decompressing data: incorrect data check".into()),
            _ => return Err("Error -3 while decompressing data: invalid block type".into()),
        }
    }
    out.truncate(out_pos);
    if c == Container::Gzip {
        if data.len() < in_pos + 8 {
            return Err("Error -5 while decompressing data: incomplete or truncated stream".into());
        }
        let crc = u32::from_le_bytes([data[in_pos], data[in_pos + 1], data[in_pos + 2], data[in_pos + 3]]);
        if crc != crate::binascii::crc32(&out, 0) {
            return Err("Error -3 while decompressing data: incorrect data check".into());
        }
        in_pos += 8;
    }
    Ok((out, in_pos))
}

fn z_decompress(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "decompress", &["data", "wbits", "bufsize"], 1, 1)?;
    let data = data_arg(vm, b[0].as_ref().unwrap())?;
    let wbits = int_arg(vm, &b[1], 15)?;
    let bufsize = int_arg(vm, &b[2], 16384)?;
    if bufsize < 0 {
        return Err(vm.value_error("bufsize must be non-negative"));
    }
    let c = container(vm, wbits, true)?;
    match decompress_bytes(&data, c) {
        Ok((out, _)) => Ok(vm.new_bytes(out)),
        Err(m) => Err(error(vm, m)),
    }
}

// ----- streaming objects (buffering) -------------------------------------------------

struct Compressor {
    level: u8,
    container: Container,
    pending: RefCell<Option<Vec<u8>>>,
}

impl NativeData for Compressor {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

struct Decompressor {
    container: Container,
    input: RefCell<Vec<u8>>,
    eof: RefCell<bool>,
    unused: RefCell<Vec<u8>>,
}

impl NativeData for Decompressor {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn z_compressobj(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "compressobj", &["level", "method", "wbits", "memLevel", "strategy", "zdict"], 0, 0)?;
    let level = int_arg(vm, &b[0], -1)?;
    let level = level_arg(vm, level)?;
    let wbits = int_arg(vm, &b[2], 15)?;
    let c = container(vm, wbits, false)?;
    let ty = vm.extra_types["zlib.Compress"].clone();
    Ok(vm.alloc(ty, Data::Native(Box::new(Compressor { level, container: c, pending: RefCell::new(Some(Vec::new())) }))))
}

fn co_compress(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = args.pos()[0].clone();
    let Some(c) = me.native::<Compressor>() else { return Err(vm.type_error("expected Compress")) };
    let Some(v) = args.pos().get(1) else {
        return Err(vm.type_error("compress() takes exactly one argument (0 given)"));
    };
    let data = data_arg(vm, v)?;
    match c.pending.borrow_mut().as_mut() {
        Some(p) => p.extend_from_slice(&data),
        None => return Err(error(vm, "Error -2 while compressing data: inconsistent stream state")),
    }
    Ok(vm.new_bytes(Vec::new()))
}

fn co_flush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = args.pos()[0].clone();
    let Some(c) = me.native::<Compressor>() else { return Err(vm.type_error("expected Compress")) };
    let mode = match args.pos().get(1) {
        Some(v) => vm.index_to_i64(v)?,
        None => 4,
    };
    if mode == 0 {
        return Ok(vm.new_bytes(Vec::new()));
    }
    let data = c.pending.borrow_mut().take();
    match data {
        Some(d) => Ok(vm.new_bytes(compress_bytes(&d, c.level, c.container))),
        None => Err(error(vm, "Error -2 while flushing: inconsistent stream state")),
    }
}

fn z_decompressobj(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "decompressobj", &["wbits", "zdict"], 0, 0)?;
    let wbits = int_arg(vm, &b[0], 15)?;
    let c = container(vm, wbits, true)?;
    let ty = vm.extra_types["zlib.Decompress"].clone();
    Ok(vm.alloc(
        ty,
        Data::Native(Box::new(Decompressor {
            container: c,
            input: RefCell::new(Vec::new()),
            eof: RefCell::new(false),
            unused: RefCell::new(Vec::new()),
        })),
    ))
}

/// Feeds data; returns the whole output once the stream is complete.
fn do_decompress(vm: &mut Vm, d: &Decompressor, data: &[u8], final_: bool) -> PyResult<Vec<u8>> {
    if *d.eof.borrow() {
        d.unused.borrow_mut().extend_from_slice(data);
        return Ok(Vec::new());
    }
    d.input.borrow_mut().extend_from_slice(data);
    let input = d.input.borrow().clone();
    match decompress_bytes(&input, d.container) {
        Ok((out, used)) => {
            *d.eof.borrow_mut() = true;
            *d.unused.borrow_mut() = input[used..].to_vec();
            d.input.borrow_mut().clear();
            Ok(out)
        }
        Err(m) if m.contains("-5") && !final_ => Ok(Vec::new()),
        Err(m) if m.contains("-5") => Ok(Vec::new()),
        Err(m) => Err(error(vm, m)),
    }
}

fn de_decompress(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = args.pos()[0].clone();
    let Some(d) = me.native::<Decompressor>() else { return Err(vm.type_error("expected Decompress")) };
    let Some(v) = args.pos().get(1) else {
        return Err(vm.type_error("decompress() missing required argument 'data' (pos 1)"));
    };
    let data = data_arg(vm, v)?;
    let out = do_decompress(vm, d, &data, false)?;
    Ok(vm.new_bytes(out))
}

fn de_flush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let me = args.pos()[0].clone();
    let Some(d) = me.native::<Decompressor>() else { return Err(vm.type_error("expected Decompress")) };
    let out = do_decompress(vm, d, &[], true)?;
    Ok(vm.new_bytes(out))
}

fn g_eof(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v.native::<Decompressor>() {
        Some(d) => Ok(Value::bool(*d.eof.borrow())),
        None => Err(vm.type_error("expected Decompress")),
    }
}

fn g_unused(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v.native::<Decompressor>() {
        Some(d) => Ok(vm.new_bytes(d.unused.borrow().clone())),
        None => Err(vm.type_error("expected Decompress")),
    }
}

fn g_unconsumed(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v.native::<Decompressor>() {
        Some(_) => Ok(vm.new_bytes(Vec::new())),
        None => Err(vm.type_error("expected Decompress")),
    }
}

fn init_types(vm: &mut Vm) {
    if vm.extra_types.contains_key("zlib.Compress") {
        return;
    }
    let c = vm.new_builtin_type("Compress", None, Layout::Native, 0);
    let m = vm.new_str("zlib");
    vm.set_type_attr(&c, "__module__", m.clone());
    vm.add_method(&c, "compress", co_compress);
    vm.add_method(&c, "flush", co_flush);
    vm.extra_types.insert("zlib.Compress", c);
    let d = vm.new_builtin_type("Decompress", None, Layout::Native, 0);
    vm.set_type_attr(&d, "__module__", m);
    vm.add_method(&d, "decompress", de_decompress);
    vm.add_method(&d, "flush", de_flush);
    egret_vm::builtins::int::add_getter(vm, &d, "eof", "Decompress", g_eof);
    egret_vm::builtins::int::add_getter(vm, &d, "unused_data", "Decompress", g_unused);
    egret_vm::builtins::int::add_getter(vm, &d, "unconsumed_tail", "Decompress", g_unconsumed);
    vm.extra_types.insert("zlib.Decompress", d);
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    init_types(vm);
    let m = vm.new_module("zlib");
    let fns: &[(&'static str, NativeFn)] = &[
        ("crc32", z_crc32),
        ("adler32", z_adler32),
        ("compress", z_compress),
        ("decompress", z_decompress),
        ("compressobj", z_compressobj),
        ("decompressobj", z_decompressobj),
    ];
    for &(n, f) in fns {
        vm.add_module_function(&m, n, f);
    }
    let e = error_class(vm);
    let d = vm.module_dict(&m).expect("module dict");
    vm.dict_set_str(&d, "error", Value::Obj(e));
    let ints: &[(&str, i64)] = &[
        ("MAX_WBITS", 15),
        ("DEFLATED", 8),
        ("DEF_MEM_LEVEL", 8),
        ("DEF_BUF_SIZE", 16384),
        ("Z_NO_COMPRESSION", 0),
        ("Z_BEST_SPEED", 1),
        ("Z_BEST_COMPRESSION", 9),
        ("Z_DEFAULT_COMPRESSION", -1),
        ("Z_FILTERED", 1),
        ("Z_HUFFMAN_ONLY", 2),
        ("Z_RLE", 3),
        ("Z_FIXED", 4),
        ("Z_DEFAULT_STRATEGY", 0),
        ("Z_NO_FLUSH", 0),
        ("Z_PARTIAL_FLUSH", 1),
        ("Z_SYNC_FLUSH", 2),
        ("Z_FULL_FLUSH", 3),
        ("Z_FINISH", 4),
        ("Z_BLOCK", 5),
        ("Z_TREES", 6),
    ];
    for &(n, v) in ints {
        vm.dict_set_str(&d, n, Value::Int(v));
    }
    for (n, v) in [("ZLIB_VERSION", "1.2.13"), ("ZLIB_RUNTIME_VERSION", "1.2.13")] {
        let s = vm.new_str(v);
        vm.dict_set_str(&d, n, s);
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_and_adler() {
        assert_eq!(adler32(b"abc", 1), 0x024d0127);
        let data = b"abcabcabc".repeat(50);
        for c in [Container::Zlib, Container::Raw, Container::Gzip] {
            let z = compress_bytes(&data, 6, c);
            assert_eq!(decompress_bytes(&z, c).unwrap().0, data);
        }
        assert!(decompress_bytes(b"abc", Container::Zlib).is_err());
    }
}
