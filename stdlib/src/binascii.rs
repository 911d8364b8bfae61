//! The `binascii` native module: hex (`hexlify`/`unhexlify` with
//! separators), base64 (`b2a_base64`, `a2b_base64` with CPython 3.12's
//! strict mode), uuencode lines, quoted-printable, and the `crc32` and
//! `crc_hqx` checksums; `binascii.Error` (a ValueError) and
//! `binascii.Incomplete`. `base64.py` is built on top of it.

use egret_vm::function::{Args, NativeFn};
use egret_vm::value::{Data, Value};
use egret_vm::vm::Vm;
use egret_vm::{PyErr, PyRef, PyResult};

fn make_class(vm: &mut Vm, key: &'static str, name: &str, base: PyRef) -> PyRef {
    if let Some(t) = vm.extra_types.get(key) {
        return t.clone();
    }
    let n = vm.new_str(name);
    let bases = vm.new_tuple(vec![Value::Obj(base)]);
    let ns = vm.new_dict();
    let m = vm.new_str("binascii");
    vm.dict_set_str(&ns, "__module__", m);
    let cls = vm.call(&Value::Obj(vm.type_type.clone()), &[n, bases, ns]).expect("creating binascii exception");
    let Value::Obj(t) = cls else { unreachable!() };
    vm.extra_types.insert(key, t.clone());
    t
}

fn error(vm: &mut Vm, msg: impl Into<String>) -> PyErr {
    let base = vm.e.value_error.clone();
    let cls = make_class(vm, "binascii.Error", "Error", base);
    let m = vm.new_str(msg.into());
    match vm.call(&Value::Obj(cls), &[m]) {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

/// A bytes-like argument of a b2a_* function.
fn bin_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    egret_vm::builtins::bytes::bytes_arg(vm, v)
}

/// An a2b_* argument: bytes-like, or an ASCII-only str.
pub fn ascii_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(s) = v.as_str() {
        if !s.is_ascii() {
            return Err(vm.value_error("string argument should contain only ASCII characters"));
        }
        return Ok(s.as_bytes().to_vec());
    }
    match egret_vm::builtins::bytes::buffer_bytes(vm, v)? {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!("argument should be bytes, buffer or ASCII string, not '{}'", vm.type_name(v)))),
    }
}

/// Positional-or-keyword binding for simple signatures.
fn bind(vm: &mut Vm, args: &Args, fname: &str, names: &[&str], required: usize) -> PyResult<Vec<Option<Value>>> {
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
            Some(i) if out[i].is_none() => out[i] = Some(v.clone()),
            Some(i) => {
                return Err(vm.type_error(format!("argument for {}() given by name ('{}') and position ({})", fname, k, i + 1)))
            }
            None => return Err(vm.type_error(format!("'{}' is an invalid keyword argument for {}()", k, fname))),
        }
    }
    for (i, n) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(vm.type_error(format!("{}() missing required argument '{}' (pos {})", fname, n, i + 1)));
        }
    }
    Ok(out)
}

// ----- hex -----------------------------------------------------------------------

/// Hex text of `data` with an optional one-byte separator every `per`
/// bytes (counted from the right when positive, from the left when negative).
pub fn hex_with_sep(data: &[u8], sep: Option<u8>, per: i64) -> Vec<u8> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(data.len() * 3);
    let n = data.len();
    for (i, b) in data.iter().enumerate() {
        if let Some(s) = sep {
            if i > 0 && per != 0 {
                let g = per.unsigned_abs() as usize;
                let boundary = if per > 0 { (n - i) % g == 0 } else { i % g == 0 };
                if boundary {
                    out.push(s);
                }
            }
        }
        out.push(DIGITS[(b >> 4) as usize]);
        out.push(DIGITS[(b & 15) as usize]);
    }
    out
}

fn b_hexlify(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "hexlify", &["data", "sep", "bytes_per_sep"], 1)?;
    let data = bin_arg(vm, b[0].as_ref().unwrap())?;
    let sep = match &b[1] {
        None | Some(Value::None) => None,
        Some(s) => {
            let bytes = if let Some(t) = s.as_str() {
                if !t.is_ascii() {
                    return Err(vm.value_error("sep must be ASCII."));
                }
                t.as_bytes().to_vec()
            } else {
                bin_arg(vm, s)?
            };
            if bytes.len() != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            Some(bytes[0])
        }
    };
    let per = match &b[2] {
        Some(v) => vm.index_to_i64(v)?,
        None => 1,
    };
    Ok(vm.new_bytes(hex_with_sep(&data, sep, per)))
}

fn hexval(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn b_unhexlify(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "unhexlify", &["hexstr"], 1)?;
    let data = ascii_arg(vm, b[0].as_ref().unwrap())?;
    if data.len() % 2 != 0 {
        return Err(error(vm, "Odd-length string"));
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks(2) {
        match (hexval(pair[0]), hexval(pair[1])) {
            (Some(h), Some(l)) => out.push(h << 4 | l),
            _ => return Err(error(vm, "Non-hexadecimal digit found")),
        }
    }
    Ok(vm.new_bytes(out))
}

// ----- base64 ---------------------------------------------------------------------

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn b64_encode(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let b0 = chunk[0] as u32;
        let b1 = *chunk.get(1).unwrap_or(&0) as u32;
        let b2 = *chunk.get(2).unwrap_or(&0) as u32;
        let n = (b0 << 16) | (b1 << 8) | b2;
        out.push(B64[(n >> 18) as usize & 63]);
        out.push(B64[(n >> 12) as usize & 63]);
        out.push(if chunk.len() > 1 { B64[(n >> 6) as usize & 63] } else { b'=' });
        out.push(if chunk.len() > 2 { B64[n as usize & 63] } else { b'=' });
    }
    out
}

fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Decodes base64 as CPython's `a2b_base64` does; Err(message) on bad input.
pub fn b64_decode(data: &[u8], strict: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let mut quad_pos = 0;
    let mut left: u32 = 0;
    let mut pads = 0;
    let mut padding_started = false;
    let mut data_chars = 0usize;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if strict && i == 0 {
                return Err("Leading padding not allowed".into());
            }
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err("Excess data after padding".into());
                    }
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err("Only base64 data is allowed".into());
            }
            continue;
        };
        if strict && padding_started {
            return Err("Discontinuous padding not allowed".into());
        }
        pads = 0;
        data_chars += 1;
        let v = v as u32;
        match quad_pos {
            0 => {
                left = v;
                quad_pos = 1;
            }
            1 => {
                out.push(((left << 2) | (v >> 4)) as u8);
                left = v & 0x0f;
                quad_pos = 2;
            }
            2 => {
                out.push(((left << 4) | (v >> 2)) as u8);
                left = v & 0x03;
                quad_pos = 3;
            }
            _ => {
                out.push(((left << 6) | v) as u8);
                left = 0;
                quad_pos = 0;
            }
        }
    }
    if quad_pos == 1 {
        return Err(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
            data_chars
        ));
    }
    if quad_pos != 0 {
        return Err("Incorrect padding".into());
    }
    Ok(out)
}

fn b_b2a_base64(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() != 1 {
        return Err(vm.type_error(format!("b2a_base64() takes exactly 1 positional argument ({} given)", pos.len())));
    }
    let mut newline = true;
    for (k, v) in args.kwargs() {
        if k == "newline" {
            newline = vm.truthy(v)?;
        } else {
            return Err(vm.type_error(format!("'{}' is an invalid keyword argument for b2a_base64()", k)));
        }
    }
    let data = bin_arg(vm, &pos[0])?;
    let mut out = b64_encode(&data);
    if newline {
        out.push(b'\n');
    }
    Ok(vm.new_bytes(out))
}

fn b_a2b_base64(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() != 1 {
        return Err(vm.type_error(format!("a2b_base64() takes exactly 1 positional argument ({} given)", pos.len())));
    }
    let mut strict = false;
    for (k, v) in args.kwargs() {
        if k == "strict_mode" {
            strict = vm.truthy(v)?;
        } else {
            return Err(vm.type_error(format!("'{}' is an invalid keyword argument for a2b_base64()", k)));
        }
    }
    let data = ascii_arg(vm, &pos[0])?;
    match b64_decode(&data, strict) {
        Ok(out) => Ok(vm.new_bytes(out)),
        Err(msg) => Err(error(vm, msg)),
    }
}

// ----- uuencode ---------------------------------------------------------------------

fn b_b2a_uu(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() != 1 {
        return Err(vm.type_error(format!("b2a_uu() takes exactly 1 positional argument ({} given)", pos.len())));
    }
    let mut backtick = false;
    for (k, v) in args.kwargs() {
        if k == "backtick" {
            backtick = vm.truthy(v)?;
        } else {
            return Err(vm.type_error(format!("'{}' is an invalid keyword argument for b2a_uu()", k)));
        }
    }
    let data = bin_arg(vm, &pos[0])?;
    if data.len() > 45 {
        return Err(error(vm, "At most 45 bytes at once"));
    }
    let enc = |v: u32| -> u8 {
        if backtick && v == 0 {
            b'`'
        } else {
            b' ' + v as u8
        }
    };
    let mut out = vec![enc(data.len() as u32)];
    for chunk in data.chunks(3) {
        let b0 = chunk[0] as u32;
        let b1 = *chunk.get(1).unwrap_or(&0) as u32;
        let b2 = *chunk.get(2).unwrap_or(&0) as u32;
        let n = (b0 << 16) | (b1 << 8) | b2;
        for s in [18, 12, 6, 0] {
            out.push(enc((n >> s) & 63));
        }
    }
    out.push(b'\n');
    Ok(vm.new_bytes(out))
}

fn b_a2b_uu(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "a2b_uu", &["data"], 1)?;
    let data = ascii_arg(vm, b[0].as_ref().unwrap())?;
    let Some(&first) = data.first() else {
        return Ok(vm.new_bytes(vec![0; 32]));
    };
    let len = ((first.wrapping_sub(b' ')) & 63) as usize;
    let mut out = Vec::with_capacity(len);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &c in data[1..].iter() {
        if out.len() >= len {
            break;
        }
        if c == b'\n' || c == b'\r' {
            break;
        }
        let v = if c == b'`' { 0 } else { (c.wrapping_sub(b' ')) as u32 & 63 };
        if !(b' '..=b'`').contains(&c) {
            return Err(error(vm, "Illegal char"));
        }
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out.resize(len, 0);
    Ok(vm.new_bytes(out))
}

// ----- quoted-printable --------------------------------------------------------------

fn b_a2b_qp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "a2b_qp", &["data", "header"], 1)?;
    let data = ascii_arg(vm, b[0].as_ref().unwrap())?;
    let header = match &b[1] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c == b'=' {
            if i + 1 < data.len() && data[i + 1] == b'\n' {
                i += 2;
                continue;
            }
            if i + 2 < data.len() + 0 && data[i + 1] == b'\r' && data.get(i + 2) == Some(&b'\n') {
                i += 3;
                continue;
            }
            if i + 1 >= data.len() {
                i += 1;
                continue;
            }
            if let (Some(h), Some(l)) = (hexval(data[i + 1]), data.get(i + 2).and_then(|&x| hexval(x))) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
            out.push(b'=');
            i += 1;
        } else if header && c == b'_' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(vm.new_bytes(out))
}

fn b_b2a_qp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "b2a_qp", &["data", "quotetabs", "istext", "header"], 1)?;
    let data = bin_arg(vm, b[0].as_ref().unwrap())?;
    let flag = |vm: &mut Vm, v: &Option<Value>, d: bool| -> PyResult<bool> {
        match v {
            Some(v) => vm.truthy(v),
            None => Ok(d),
        }
    };
    let quotetabs = flag(vm, &b[1], false)?;
    let istext = flag(vm, &b[2], true)?;
    let header = flag(vm, &b[3], false)?;
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = Vec::new();
    let mut line_len = 0;
    let n = data.len();
    let mut i = 0;
    while i < n {
        let c = data[i];
        let at_eol = i + 1 == n || data[i + 1] == b'\n';
        let needs_quote = c > 126
            || c == b'='
            || (header && c == b'_')
            || (c == b'.' && line_len == 0 && at_eol)
            || (!istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && (quotetabs || at_eol))
            || (c < 32 && c != b'\r' && c != b'\n' && c != b'\t');
        if istext && c == b'\n' {
            out.push(b'\n');
            line_len = 0;
            i += 1;
            continue;
        }
        let piece: Vec<u8> = if needs_quote {
            vec![b'=', HEX[(c >> 4) as usize], HEX[(c & 15) as usize]]
        } else if header && c == b' ' {
            vec![b'_']
        } else {
            vec![c]
        };
        if line_len + piece.len() > 75 && !(i + 1 == n && line_len + piece.len() <= 76) {
            out.extend_from_slice(b"=\n");
            line_len = 0;
        }
        line_len += piece.len();
        out.extend(piece);
        i += 1;
    }
    Ok(vm.new_bytes(out))
}

// ----- checksums ------------------------------------------------------------------

static CRC_TABLE: std::sync::OnceLock<[[u32; 256]; 8]> = std::sync::OnceLock::new();

fn crc_tables() -> &'static [[u32; 256]; 8] {
    CRC_TABLE.get_or_init(|| {
        let mut t = [[0u32; 256]; 8];
        for i in 0..256u32 {
            let mut c = i;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB88320 ^ (c >> 1) } else { c >> 1 };
            }
            t[0][i as usize] = c;
        }
        for i in 0..256 {
            for k in 1..8 {
                let prev = t[k - 1][i];
                t[k][i] = (prev >> 8) ^ t[0][(prev & 0xff) as usize];
            }
        }
        t
    })
}

/// CRC-32 (the zlib/PNG polynomial), continuing from `crc`.
pub fn crc32(data: &[u8], crc: u32) -> u32 {
    let t = crc_tables();
    let mut c = !crc;
    let mut chunks = data.chunks_exact(8);
    for ch in &mut chunks {
        let lo = c ^ u32::from_le_bytes([ch[0], ch[1], ch[2], ch[3]]);
        let hi = u32::from_le_bytes([ch[4], ch[5], ch[6], ch[7]]);
        c = t[7][(lo & 0xff) as usize]
            ^ t[6][((lo >> 8) & 0xff) as usize]
            ^ t[5][((lo >> 16) & 0xff) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][(hi & 0xff) as usize]
            ^ t[2][((hi >> 8) & 0xff) as usize]
            ^ t[1][((hi >> 16) & 0xff) as usize]
            ^ t[0][(hi >> 24) as usize];
    }
    for &b in chunks.remainder() {
        c = t[0][((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

/// The starting value argument of crc32/adler32: any int, taken modulo 2**32.
pub fn u32_start(vm: &mut Vm, v: &Value) -> PyResult<u32> {
    match egret_vm::builtins::container_helpers::to_bigint(vm, v)? {
        Some(n) => {
            let m: num_bigint::BigInt = n & num_bigint::BigInt::from(0xffff_ffffu32);
            Ok(num_traits::ToPrimitive::to_u32(&m).unwrap_or(0))
        }
        None => Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v)))),
    }
}

fn b_crc32(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "crc32", &["data", "crc"], 1)?;
    let start = match &b[1] {
        Some(v) => u32_start(vm, v)?,
        None => 0,
    };
    let data = bin_arg(vm, b[0].as_ref().unwrap())?;
    Ok(Value::Int(crc32(&data, start) as i64))
}

fn b_crc_hqx(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "crc_hqx", &["data", "crc"], 2)?;
    let data = bin_arg(vm, b[0].as_ref().unwrap())?;
    let mut crc = (u32_start(vm, b[1].as_ref().unwrap())? & 0xffff) as u16;
    for &byte in &data {
        crc ^= (byte as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    Ok(Value::Int(crc as i64))
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("binascii");
    let fns: &[(&'static str, NativeFn)] = &[
        ("hexlify", b_hexlify),
        ("b2a_hex", b_hexlify),
        ("unhexlify", b_unhexlify),
        ("a2b_hex", b_unhexlify),
        ("b2a_base64", b_b2a_base64),
        ("a2b_base64", b_a2b_base64),
        ("b2a_uu", b_b2a_uu),
        ("a2b_uu", b_a2b_uu),
        ("b2a_qp", b_b2a_qp),
        ("a2b_qp", b_a2b_qp),
        ("crc32", b_crc32),
        ("crc_hqx", b_crc_hqx),
    ];
    for &(n, f) in fns {
        vm.add_module_function(&m, n, f);
    }
    let ve = vm.e.value_error.clone();
    let err = make_class(vm, "binascii.Error", "Error", ve);
    let exc = vm.e.exception.clone();
    let inc = make_class(vm, "binascii.Incomplete", "Incomplete", exc);
    let d = vm.module_dict(&m).expect("module dict");
    vm.dict_set_str(&d, "Error", Value::Obj(err));
    vm.dict_set_str(&d, "Incomplete", Value::Obj(inc));
    let _ = Data::Empty;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_and_base64() {
        assert_eq!(crc32(b"hello world", 0), 0x0d4a1185);
        assert_eq!(crc32(b"", 0), 0);
        assert_eq!(b64_encode(b"hi"), b"aGk=".to_vec());
        assert_eq!(b64_decode(b"aGk=", false).unwrap(), b"hi".to_vec());
        assert!(b64_decode(b"abc", false).is_err());
        assert_eq!(hex_with_sep(&[1, 0xab, 0xcd], Some(b':'), 2), b"01:abcd".to_vec());
        assert_eq!(hex_with_sep(&[1, 0xab, 0xcd], Some(b':'), -2), b"01ab:cd".to_vec());
    }
}
