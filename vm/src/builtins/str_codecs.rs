//! (Owned by the strings engineer.) The built-in codecs behind `str.encode`
//! and `bytes.decode`: utf-8 (and utf-8-sig), latin-1, ascii, utf-16 and
//! utf-32 (with and without byte order), with the error handlers strict,
//! ignore, replace, backslashreplace, xmlcharrefreplace (encode) and
//! CPython's UnicodeEncodeError/UnicodeDecodeError (attributes `encoding`,
//! `object`, `start`, `end`, `reason` and their messages).
//!
//! Known gaps: handlers that produce or consume lone surrogates
//! (surrogateescape, surrogatepass) cannot work on Rust strings and raise
//! the original error; namereplace needs the Unicode name database.

use crate::function::Args;
use crate::value::Value;
use crate::vm::Vm;
use crate::{PyErr, PyResult};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Codec {
    Utf8,
    Utf8Sig,
    Latin1,
    Ascii,
    Utf16,
    Utf16Le,
    Utf16Be,
    Utf32,
    Utf32Le,
    Utf32Be,
}

impl Codec {
    /// The codec's canonical name as CPython reports it in errors.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Utf8Sig => "utf-8-sig",
            Codec::Latin1 => "latin-1",
            Codec::Ascii => "ascii",
            Codec::Utf16 => "utf-16",
            Codec::Utf16Le => "utf-16-le",
            Codec::Utf16Be => "utf-16-be",
            Codec::Utf32 => "utf-32",
            Codec::Utf32Le => "utf-32-le",
            Codec::Utf32Be => "utf-32-be",
        }
    }
}

/// Looks a codec up by any of its aliases (case, `-`, ` ` and `_` insensitive).
pub fn lookup(name: &str) -> Option<Codec> {
    let n: String = name.trim().to_ascii_lowercase().chars().map(|c| if c == '-' || c == ' ' { '_' } else { c }).collect();
    Some(match n.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => Codec::Utf8,
        "utf_8_sig" | "utf8_sig" => Codec::Utf8Sig,
        "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso_8859_1" | "iso8859" | "8859" | "cp819" | "iso_ir_100" | "csisolatin1" => Codec::Latin1,
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "iso646_us" | "cp367" | "csascii" => Codec::Ascii,
        "utf_16" | "utf16" | "u16" => Codec::Utf16,
        "utf_16_le" | "utf_16le" | "utf16le" => Codec::Utf16Le,
        "utf_16_be" | "utf_16be" | "utf16be" => Codec::Utf16Be,
        "utf_32" | "utf32" | "u32" => Codec::Utf32,
        "utf_32_le" | "utf_32le" | "utf32le" => Codec::Utf32Le,
        "utf_32_be" | "utf_32be" | "utf32be" => Codec::Utf32Be,
        _ => return None,
    })
}

fn unknown_encoding(vm: &Vm, name: &str) -> PyErr {
    vm.new_error(&vm.e.lookup_error, format!("unknown encoding: {}", name))
}

fn unknown_handler(vm: &Vm, name: &str) -> PyErr {
    vm.new_error(&vm.e.lookup_error, format!("unknown error handler name '{}'", name))
}

/// Builds a UnicodeEncodeError/UnicodeDecodeError with CPython's attributes.
fn unicode_error(vm: &mut Vm, decode: bool, codec: &str, object: Value, start: usize, end: usize, reason: &str) -> PyErr {
    let ty = if decode { vm.e.unicode_decode_error.clone() } else { vm.e.unicode_encode_error.clone() };
    let enc = vm.new_str(codec);
    let reason_v = vm.new_str(reason);
    let exc = vm.new_exception(ty, vec![enc.clone(), object.clone(), Value::Int(start as i64), Value::Int(end as i64), reason_v.clone()]);
    let _ = vm.set_attr_raw(&exc, "encoding", enc);
    let _ = vm.set_attr_raw(&exc, "object", object);
    let _ = vm.set_attr_raw(&exc, "start", Value::Int(start as i64));
    let _ = vm.set_attr_raw(&exc, "end", Value::Int(end as i64));
    let _ = vm.set_attr_raw(&exc, "reason", reason_v);
    PyErr(exc)
}

/// `str(UnicodeEncodeError)` / `str(UnicodeDecodeError)`.
fn unicode_error_str(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let e = a.pos().first().cloned().unwrap_or(Value::None);
    let decode = vm.is_instance(&e, &vm.e.unicode_decode_error.clone());
    let get = |vm: &mut Vm, n: &str| vm.get_attr_raw(&e, n);
    let (Some(enc), Some(obj), Some(Value::Int(start)), Some(Value::Int(end)), Some(reason)) =
        (get(vm, "encoding"), get(vm, "object"), get(vm, "start"), get(vm, "end"), get(vm, "reason"))
    else {
        let args = vm.exception_data(&e).map(|d| d.borrow().args.clone());
        return match args.as_ref().and_then(|t| t.as_tuple()).map(|t| t.to_vec()) {
            Some(t) if t.len() == 1 => vm.str(&t[0]),
            Some(t) if t.is_empty() => Ok(vm.new_str("")),
            _ => {
                let a = args.unwrap_or(Value::None);
                vm.str(&a)
            }
        };
    };
    let enc = vm.str_string(&enc)?;
    let reason = vm.str_string(&reason)?;
    let (start, end) = (start.max(0) as usize, end.max(0) as usize);
    let msg = if decode {
        let bytes = super::bytes::buffer_bytes(vm, &obj)?.unwrap_or_default();
        if start < bytes.len() && end == start + 1 {
            format!("'{}' codec can't decode byte 0x{:02x} in position {}: {}", enc, bytes[start], start, reason)
        } else {
            format!("'{}' codec can't decode bytes in position {}-{}: {}", enc, start, end.saturating_sub(1), reason)
        }
    } else {
        let s = obj.as_str().unwrap_or("");
        let c = s.chars().nth(start);
        match c {
            Some(c) if end == start + 1 => {
                let cp = c as u32;
                let esc = if cp < 0x100 { format!("\\x{:02x}", cp) } else if cp < 0x10000 { format!("\\u{:04x}", cp) } else { format!("\\U{:08x}", cp) };
                format!("'{}' codec can't encode character '{}' in position {}: {}", enc, esc, start, reason)
            }
            _ => format!("'{}' codec can't encode characters in position {}-{}: {}", enc, start, end.saturating_sub(1), reason),
        }
    };
    Ok(vm.new_str(msg))
}

pub fn init(vm: &mut Vm) {
    for ty in [vm.e.unicode_encode_error.clone(), vm.e.unicode_decode_error.clone()] {
        if crate::types::tdata(&ty).own_attr("__str__").is_none() {
            vm.add_method(&ty, "__str__", unicode_error_str);
        }
    }
}

fn check_handler(vm: &Vm, errors: &str) -> PyResult<()> {
    match errors {
        "strict" | "ignore" | "replace" | "backslashreplace" | "xmlcharrefreplace" | "surrogateescape" | "surrogatepass" | "namereplace" => Ok(()),
        _ => Err(unknown_handler(vm, errors)),
    }
}

/// `s.encode(encoding, errors)`.
pub fn encode(vm: &mut Vm, s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = lookup(encoding).ok_or_else(|| unknown_encoding(vm, encoding))?;
    let limit: u32 = match codec {
        Codec::Utf8 => return Ok(s.as_bytes().to_vec()),
        Codec::Utf8Sig => {
            let mut v = vec![0xef, 0xbb, 0xbf];
            v.extend_from_slice(s.as_bytes());
            return Ok(v);
        }
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            let mut v = Vec::with_capacity(s.len() * 2 + 2);
            let be = codec == Codec::Utf16Be;
            if codec == Codec::Utf16 {
                v.extend_from_slice(&[0xff, 0xfe]);
            }
            for u in s.encode_utf16() {
                v.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            return Ok(v);
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => {
            let mut v = Vec::with_capacity(s.len() * 4 + 4);
            let be = codec == Codec::Utf32Be;
            if codec == Codec::Utf32 {
                v.extend_from_slice(&[0xff, 0xfe, 0, 0]);
            }
            for c in s.chars() {
                let u = c as u32;
                v.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            return Ok(v);
        }
        Codec::Latin1 => 0x100,
        Codec::Ascii => 0x80,
    };
    if s.is_ascii() {
        return Ok(s.as_bytes().to_vec());
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j] as u32 >= limit {
            j += 1;
        }
        match errors {
            "strict" | "surrogateescape" | "surrogatepass" => {
                let obj = vm.new_str(s);
                let reason = format!("ordinal not in range({})", limit);
                return Err(unicode_error(vm, false, codec.name(), obj, i, j, &reason));
            }
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat(b'?').take(j - i)),
            "backslashreplace" | "namereplace" => {
                for &c in &chars[i..j] {
                    let mut e = String::new();
                    super::str_repr::push_escaped(&mut e, c, true);
                    out.extend_from_slice(e.as_bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &c in &chars[i..j] {
                    out.extend_from_slice(format!("&#{};", c as u32).as_bytes());
                }
            }
            _ => return Err(unknown_handler(vm, errors)),
        }
        i = j;
    }
    Ok(out)
}

/// `b.decode(encoding, errors)`.
pub fn decode(vm: &mut Vm, b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let codec = lookup(encoding).ok_or_else(|| unknown_encoding(vm, encoding))?;
    match codec {
        Codec::Utf8 => decode_utf8(vm, b, errors, codec),
        Codec::Utf8Sig => {
            let b = b.strip_prefix(&[0xef, 0xbb, 0xbf][..]).unwrap_or(b);
            decode_utf8(vm, b, errors, codec)
        }
        Codec::Latin1 => Ok(b.iter().map(|&x| x as char).collect()),
        Codec::Ascii => {
            if b.is_ascii() {
                return Ok(String::from_utf8(b.to_vec()).unwrap_or_default());
            }
            let mut out = String::with_capacity(b.len());
            for (i, &x) in b.iter().enumerate() {
                if x < 0x80 {
                    out.push(x as char);
                    continue;
                }
                decode_error(vm, b, errors, codec, i, i + 1, "ordinal not in range(128)", &mut out)?;
            }
            Ok(out)
        }
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            let (mut be, mut data) = (codec == Codec::Utf16Be, b);
            if codec == Codec::Utf16 {
                if data.starts_with(&[0xff, 0xfe]) {
                    data = &data[2..];
                } else if data.starts_with(&[0xfe, 0xff]) {
                    data = &data[2..];
                    be = true;
                }
            }
            let off = b.len() - data.len();
            let units: Vec<u16> = data.chunks_exact(2).map(|c| if be { u16::from_be_bytes([c[0], c[1]]) } else { u16::from_le_bytes([c[0], c[1]]) }).collect();
            let mut out = String::with_capacity(units.len());
            let mut i = 0;
            while i < units.len() {
                let u = units[i];
                if (0xd800..0xdc00).contains(&u) {
                    if i + 1 < units.len() && (0xdc00..0xe000).contains(&units[i + 1]) {
                        let c = 0x10000 + (((u as u32) - 0xd800) << 10) + (units[i + 1] as u32 - 0xdc00);
                        out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                        i += 2;
                        continue;
                    }
                    if i + 1 >= units.len() && data.len() % 2 == 0 {
                        let p = off + 2 * i;
                        decode_error(vm, b, errors, codec, p, b.len(), "unexpected end of data", &mut out)?;
                        i += 1;
                        continue;
                    }
                    let p = off + 2 * i;
                    decode_error(vm, b, errors, codec, p, p + 2, "illegal encoding", &mut out)?;
                    i += 1;
                    continue;
                }
                if (0xdc00..0xe000).contains(&u) {
                    let p = off + 2 * i;
                    decode_error(vm, b, errors, codec, p, p + 2, "illegal encoding", &mut out)?;
                    i += 1;
                    continue;
                }
                out.push(char::from_u32(u as u32).unwrap_or('\u{fffd}'));
                i += 1;
            }
            if data.len() % 2 == 1 {
                decode_error(vm, b, errors, codec, b.len() - 1, b.len(), "truncated data", &mut out)?;
            }
            Ok(out)
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => {
            let (mut be, mut data) = (codec == Codec::Utf32Be, b);
            if codec == Codec::Utf32 {
                if data.starts_with(&[0xff, 0xfe, 0, 0]) {
                    data = &data[4..];
                } else if data.starts_with(&[0, 0, 0xfe, 0xff]) {
                    data = &data[4..];
                    be = true;
                }
            }
            let off = b.len() - data.len();
            let mut out = String::with_capacity(data.len() / 4);
            for (k, c) in data.chunks_exact(4).enumerate() {
                let u = if be { u32::from_be_bytes([c[0], c[1], c[2], c[3]]) } else { u32::from_le_bytes([c[0], c[1], c[2], c[3]]) };
                match char::from_u32(u) {
                    Some(ch) => out.push(ch),
                    None => {
                        let p = off + 4 * k;
                        let reason = if u > 0x10ffff { "code point not in range(0x110000)" } else { "code point in surrogate code point range(0xd800, 0xe000)" };
                        decode_error(vm, b, errors, codec, p, p + 4, reason, &mut out)?;
                    }
                }
            }
            let rem = data.len() % 4;
            if rem != 0 {
                decode_error(vm, b, errors, codec, b.len() - rem, b.len(), "truncated data", &mut out)?;
            }
            Ok(out)
        }
    }
}

/// Applies the error handler to undecodable bytes `[start, end)`.
#[allow(clippy::too_many_arguments)]
fn decode_error(vm: &mut Vm, b: &[u8], errors: &str, codec: Codec, start: usize, end: usize, reason: &str, out: &mut String) -> PyResult<()> {
    match errors {
        "strict" | "surrogateescape" | "surrogatepass" => {
            let obj = vm.new_bytes(b.to_vec());
            Err(unicode_error(vm, true, codec.name(), obj, start, end, reason))
        }
        "ignore" => Ok(()),
        "replace" => {
            out.push('\u{fffd}');
            Ok(())
        }
        "backslashreplace" => {
            for x in &b[start..end] {
                out.push_str(&format!("\\x{:02x}", x));
            }
            Ok(())
        }
        "xmlcharrefreplace" | "namereplace" => {
            let obj = vm.new_bytes(b.to_vec());
            let e = unicode_error(vm, true, codec.name(), obj, start, end, reason);
            let _ = e;
            Err(vm.type_error(format!("don't know how to handle UnicodeDecodeError in error callback")))
        }
        _ => Err(unknown_handler(vm, errors)),
    }
}

fn decode_utf8(vm: &mut Vm, b: &[u8], errors: &str, codec: Codec) -> PyResult<String> {
    if let Ok(s) = std::str::from_utf8(b) {
        return Ok(s.to_string());
    }
    check_handler(vm, errors)?;
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match std::str::from_utf8(&b[i..]) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&b[i..i + good]).unwrap_or(""));
                let p = i + good;
                let (end, reason) = match e.error_len() {
                    Some(n) => {
                        let lead = b[p];
                        let valid_lead = (0xc2..=0xf4).contains(&lead);
                        (p + n, if n == 1 && !valid_lead { "invalid start byte" } else { "invalid continuation byte" })
                    }
                    None => (b.len(), "unexpected end of data"),
                };
                decode_error(vm, b, errors, codec, p, end, reason, &mut out)?;
                i = end;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::Config;

    #[test]
    fn codecs_and_errors() {
        let mut vm = Vm::new(Config::default());
        assert_eq!(encode(&mut vm, "café €", "ascii", "replace").unwrap(), b"caf? ?");
        assert_eq!(encode(&mut vm, "é", "ascii", "backslashreplace").unwrap(), b"\\xe9");
        assert_eq!(encode(&mut vm, "A", "utf-32-le", "strict").unwrap(), vec![65, 0, 0, 0]);
        assert_eq!(decode(&mut vm, b"\xf0\x9f\x98", "utf-8", "replace").unwrap(), "\u{fffd}");
        assert_eq!(decode(&mut vm, b"\xc0\xaf", "utf-8", "replace").unwrap(), "\u{fffd}\u{fffd}");
        assert_eq!(decode(&mut vm, b"ok\xff\xfeend\xc3", "utf-8", "backslashreplace").unwrap(), "ok\\xff\\xfeend\\xc3");
        let e = decode(&mut vm, b"\xed\xa0\x80", "utf-8", "strict").unwrap_err();
        assert_eq!(vm.str_string(&e.0).unwrap(), "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte");
        let e = encode(&mut vm, "ab\u{e9}\u{e9}", "ascii", "strict").unwrap_err();
        assert_eq!(vm.str_string(&e.0).unwrap(), "'ascii' codec can't encode characters in position 2-3: ordinal not in range(128)");
        assert!(decode(&mut vm, b"\xff", "utf-8", "bogus").is_err());
        assert!(lookup("UTF8").is_some() && lookup("no-such").is_none());
    }
}
