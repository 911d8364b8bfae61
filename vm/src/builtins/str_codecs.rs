//! (Owned by the containers/builtins engineer.) The built-in codecs behind
//! `str.encode` and `bytes.decode`: utf-8 (and utf-8-sig), utf-16 and utf-32
//! (with and without byte order), latin-1, ascii, the single-byte charmap
//! codecs cp1252, iso8859-15 and cp437, unicode_escape and
//! raw_unicode_escape; the error handlers strict, ignore, replace,
//! backslashreplace, xmlcharrefreplace, namereplace, surrogateescape and
//! surrogatepass with CPython's rules (a handler is looked up only when an
//! error happens); and UnicodeEncodeError/UnicodeDecodeError with CPython's
//! attributes (`encoding`, `object`, `start`, `end`, `reason`) and messages.
//!
//! Encoding works on Python code points: lone surrogates are stored as
//! stand-in characters (`egret_frontend::surrogates`) and mapped back here,
//! so `"\ud800".encode("utf-8", "surrogatepass")` gives b'\xed\xa0\x80' and
//! `surrogateescape` round-trips undecodable bytes.

use super::str_codec_tables;
use crate::function::Args;
use crate::value::Value;
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use egret_frontend::surrogates::{char_for_code_point, code_point, may_contain_surrogates};

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
    Cp1252,
    Iso8859_15,
    Cp437,
    UnicodeEscape,
    RawUnicodeEscape,
}

impl Codec {
    /// The codec's name as CPython reports it in encode errors.
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
            Codec::Cp1252 | Codec::Iso8859_15 | Codec::Cp437 => "charmap",
            Codec::UnicodeEscape => "unicodeescape",
            Codec::RawUnicodeEscape => "rawunicodeescape",
        }
    }

    /// The table of a single-byte charmap codec.
    fn charmap(self) -> Option<&'static [u16; 128]> {
        match self {
            Codec::Cp1252 => Some(&str_codec_tables::CP1252),
            Codec::Iso8859_15 => Some(&str_codec_tables::ISO8859_15),
            Codec::Cp437 => Some(&str_codec_tables::CP437),
            _ => None,
        }
    }

    fn is_utf(self) -> bool {
        matches!(
            self,
            Codec::Utf8 | Codec::Utf8Sig | Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be | Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be
        )
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
        "cp1252" | "windows_1252" | "1252" => Codec::Cp1252,
        "iso8859_15" | "iso_8859_15" | "latin9" | "l9" | "latin_9" => Codec::Iso8859_15,
        "cp437" | "437" | "ibm437" => Codec::Cp437,
        "unicode_escape" | "unicodeescape" => Codec::UnicodeEscape,
        "raw_unicode_escape" | "rawunicodeescape" => Codec::RawUnicodeEscape,
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

/// `\xNN`, `\uNNNN` or `\UNNNNNNNN` for a code point (the backslashreplace form).
fn push_code_point_escape(out: &mut String, cp: u32) {
    use std::fmt::Write;
    let _ = if cp < 0x100 {
        write!(out, "\\x{:02x}", cp)
    } else if cp < 0x10000 {
        write!(out, "\\u{:04x}", cp)
    } else {
        write!(out, "\\U{:08x}", cp)
    };
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
                let mut esc = String::new();
                push_code_point_escape(&mut esc, code_point(c));
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

// ----- encoding -------------------------------------------------------------------

fn is_surrogate_cp(cp: u32) -> bool {
    (0xD800..=0xDFFF).contains(&cp)
}

/// Appends the encoding of one code point; false when the codec cannot encode it.
fn encode_one(codec: Codec, cp: u32, out: &mut Vec<u8>) -> bool {
    match codec {
        Codec::Utf8 | Codec::Utf8Sig => {
            if is_surrogate_cp(cp) {
                return false;
            }
            let mut buf = [0u8; 4];
            let c = char::from_u32(cp).unwrap_or('\u{fffd}');
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            true
        }
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            if is_surrogate_cp(cp) {
                return false;
            }
            let be = codec == Codec::Utf16Be;
            let mut push = |u: u16| out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            if cp >= 0x10000 {
                let v = cp - 0x10000;
                push(0xD800 + (v >> 10) as u16);
                push(0xDC00 + (v & 0x3FF) as u16);
            } else {
                push(cp as u16);
            }
            true
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => {
            if is_surrogate_cp(cp) {
                return false;
            }
            out.extend_from_slice(&if codec == Codec::Utf32Be { cp.to_be_bytes() } else { cp.to_le_bytes() });
            true
        }
        Codec::Latin1 | Codec::Ascii => {
            let limit = if codec == Codec::Ascii { 0x80 } else { 0x100 };
            if cp < limit {
                out.push(cp as u8);
                true
            } else {
                false
            }
        }
        Codec::Cp1252 | Codec::Iso8859_15 | Codec::Cp437 => {
            if cp < 0x80 {
                out.push(cp as u8);
                return true;
            }
            let table = codec.charmap().expect("charmap codec");
            match table.iter().position(|&u| u as u32 == cp && u != 0xFFFF) {
                Some(k) => {
                    out.push(0x80 + k as u8);
                    true
                }
                None => false,
            }
        }
        Codec::UnicodeEscape => {
            let mut s = String::new();
            match cp {
                0x5C => s.push_str("\\\\"),
                0x09 => s.push_str("\\t"),
                0x0A => s.push_str("\\n"),
                0x0D => s.push_str("\\r"),
                0x20..=0x7E => s.push(cp as u8 as char),
                _ => push_code_point_escape(&mut s, cp),
            }
            out.extend_from_slice(s.as_bytes());
            true
        }
        Codec::RawUnicodeEscape => {
            if cp < 0x100 {
                out.push(cp as u8);
            } else {
                let mut s = String::new();
                push_code_point_escape(&mut s, cp);
                out.extend_from_slice(s.as_bytes());
            }
            true
        }
    }
}

/// The reason CPython gives when `codec` cannot encode a character.
fn encode_reason(codec: Codec) -> &'static str {
    match codec {
        Codec::Ascii => "ordinal not in range(128)",
        Codec::Latin1 => "ordinal not in range(256)",
        c if c.charmap().is_some() => "character maps to <undefined>",
        _ => "surrogates not allowed",
    }
}

/// The byte-order mark an encoder writes first.
fn encode_bom(codec: Codec) -> &'static [u8] {
    match codec {
        Codec::Utf8Sig => &[0xef, 0xbb, 0xbf],
        Codec::Utf16 => &[0xff, 0xfe],
        Codec::Utf32 => &[0xff, 0xfe, 0, 0],
        _ => &[],
    }
}

/// `s.encode(encoding, errors)`.
pub fn encode(vm: &mut Vm, s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = lookup(encoding).ok_or_else(|| unknown_encoding(vm, encoding))?;
    // Fast paths: text every codec of the family can take as it is.
    match codec {
        Codec::Utf8 | Codec::Utf8Sig if !may_contain_surrogates(s) => {
            let mut v = encode_bom(codec).to_vec();
            v.extend_from_slice(s.as_bytes());
            return Ok(v);
        }
        Codec::Ascii | Codec::Latin1 | Codec::Cp1252 | Codec::Iso8859_15 | Codec::Cp437 if s.is_ascii() => return Ok(s.as_bytes().to_vec()),
        _ => {}
    }
    let cps: Vec<u32> = s.chars().map(code_point).collect();
    let mut out = Vec::with_capacity(cps.len() + 4);
    out.extend_from_slice(encode_bom(codec));
    let mut i = 0;
    while i < cps.len() {
        if encode_one(codec, cps[i], &mut out) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < cps.len() && !encode_one(codec, cps[j], &mut Vec::new()) {
            j += 1;
        }
        encode_error(vm, codec, errors, s, &cps, i, j, &mut out)?;
        i = j;
    }
    Ok(out)
}

/// Applies the error handler to the unencodable code points `cps[start..end]`.
#[allow(clippy::too_many_arguments)]
fn encode_error(vm: &mut Vm, codec: Codec, errors: &str, s: &str, cps: &[u32], start: usize, end: usize, out: &mut Vec<u8>) -> PyResult<()> {
    let raise = |vm: &mut Vm| {
        let obj = vm.new_str(s);
        unicode_error(vm, false, codec.name(), obj, start, end, encode_reason(codec))
    };
    // The handlers that give replacement text, which the codec then encodes.
    let mut text = String::new();
    match errors {
        "strict" => return Err(raise(vm)),
        "ignore" => return Ok(()),
        "replace" => text.extend(std::iter::repeat('?').take(end - start)),
        "backslashreplace" => {
            for &cp in &cps[start..end] {
                push_code_point_escape(&mut text, cp);
            }
        }
        "xmlcharrefreplace" => {
            for &cp in &cps[start..end] {
                text.push_str(&format!("&#{};", cp));
            }
        }
        "namereplace" => {
            for &cp in &cps[start..end] {
                match char::from_u32(cp).and_then(unicode_names2::name) {
                    Some(name) => text.push_str(&format!("\\N{{{}}}", name)),
                    None => push_code_point_escape(&mut text, cp),
                }
            }
        }
        "surrogateescape" => {
            if cps[start..end].iter().any(|&cp| !(0xDC80..=0xDCFF).contains(&cp)) {
                return Err(raise(vm));
            }
            out.extend(cps[start..end].iter().map(|&cp| (cp - 0xDC00) as u8));
            return Ok(());
        }
        "surrogatepass" => {
            if !codec.is_utf() || cps[start..end].iter().any(|&cp| !is_surrogate_cp(cp)) {
                return Err(raise(vm));
            }
            for &cp in &cps[start..end] {
                match codec {
                    Codec::Utf8 | Codec::Utf8Sig => {
                        out.extend_from_slice(&[0xE0 | (cp >> 12) as u8, 0x80 | ((cp >> 6) & 0x3F) as u8, 0x80 | (cp & 0x3F) as u8])
                    }
                    Codec::Utf16Be => out.extend_from_slice(&(cp as u16).to_be_bytes()),
                    Codec::Utf16 | Codec::Utf16Le => out.extend_from_slice(&(cp as u16).to_le_bytes()),
                    Codec::Utf32Be => out.extend_from_slice(&cp.to_be_bytes()),
                    _ => out.extend_from_slice(&cp.to_le_bytes()),
                }
            }
            return Ok(());
        }
        _ => return Err(unknown_handler(vm, errors)),
    }
    for c in text.chars() {
        if !encode_one(codec, c as u32, out) {
            return Err(raise(vm));
        }
    }
    Ok(())
}

// ----- decoding -------------------------------------------------------------------

/// The codec name CPython reports in decode errors (a BOM-less utf-16/32
/// decoder is the little-endian one unless the BOM says otherwise).
fn decode_name(codec: Codec, big_endian: bool) -> &'static str {
    match codec {
        Codec::Utf16 => {
            if big_endian {
                "utf-16-be"
            } else {
                "utf-16-le"
            }
        }
        Codec::Utf32 => {
            if big_endian {
                "utf-32-be"
            } else {
                "utf-32-le"
            }
        }
        Codec::Utf8Sig => "utf-8",
        c => c.name(),
    }
}

/// One undecodable stretch `[start, end)` of the input.
struct DecodeFailure<'a> {
    codec: Codec,
    name: &'static str,
    start: usize,
    end: usize,
    reason: &'a str,
}

/// Applies the error handler; returns where decoding resumes.
fn decode_error(vm: &mut Vm, b: &[u8], errors: &str, f: DecodeFailure, out: &mut String) -> PyResult<usize> {
    let raise = |vm: &mut Vm| {
        let obj = vm.new_bytes(b.to_vec());
        unicode_error(vm, true, f.name, obj, f.start, f.end, f.reason)
    };
    let stand_in = |cp: u32| char_for_code_point(cp).unwrap_or('\u{fffd}');
    match errors {
        "strict" => Err(raise(vm)),
        "ignore" => Ok(f.end),
        "replace" => {
            out.push('\u{fffd}');
            Ok(f.end)
        }
        "backslashreplace" => {
            for x in &b[f.start..f.end] {
                out.push_str(&format!("\\x{:02x}", x));
            }
            Ok(f.end)
        }
        "surrogateescape" => {
            if b[f.start..f.end].iter().any(|&x| x < 0x80) {
                return Err(raise(vm));
            }
            out.extend(b[f.start..f.end].iter().map(|&x| stand_in(0xDC00 + x as u32)));
            Ok(f.end)
        }
        "surrogatepass" => {
            let p = f.start;
            let unit = match f.codec {
                Codec::Utf8 | Codec::Utf8Sig => {
                    let ok = p + 3 <= b.len() && b[p] == 0xED && (0xA0..=0xBF).contains(&b[p + 1]) && (0x80..=0xBF).contains(&b[p + 2]);
                    ok.then(|| (0xD000 | ((b[p + 1] as u32 & 0x3F) << 6) | (b[p + 2] as u32 & 0x3F), 3))
                }
                Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be if p + 2 <= b.len() => {
                    let u = if f.name.ends_with("be") { u16::from_be_bytes([b[p], b[p + 1]]) } else { u16::from_le_bytes([b[p], b[p + 1]]) } as u32;
                    is_surrogate_cp(u).then_some((u, 2))
                }
                Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be if p + 4 <= b.len() => {
                    let q = [b[p], b[p + 1], b[p + 2], b[p + 3]];
                    let u = if f.name.ends_with("be") { u32::from_be_bytes(q) } else { u32::from_le_bytes(q) };
                    is_surrogate_cp(u).then_some((u, 4))
                }
                _ => None,
            };
            match unit {
                Some((cp, n)) => {
                    out.push(stand_in(cp));
                    Ok(p + n)
                }
                None => Err(raise(vm)),
            }
        }
        "xmlcharrefreplace" | "namereplace" => Err(vm.type_error("don't know how to handle UnicodeDecodeError in error callback")),
        _ => Err(unknown_handler(vm, errors)),
    }
}

/// `b.decode(encoding, errors)`.
pub fn decode(vm: &mut Vm, b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let codec = lookup(encoding).ok_or_else(|| unknown_encoding(vm, encoding))?;
    match codec {
        Codec::Utf8 => decode_utf8(vm, b, 0, errors, codec),
        Codec::Utf8Sig => {
            let skip = if b.starts_with(&[0xef, 0xbb, 0xbf]) { 3 } else { 0 };
            decode_utf8(vm, b, skip, errors, codec)
        }
        Codec::Latin1 => Ok(b.iter().map(|&x| x as char).collect()),
        Codec::Ascii | Codec::Cp1252 | Codec::Iso8859_15 | Codec::Cp437 => {
            if b.is_ascii() {
                return Ok(String::from_utf8(b.to_vec()).unwrap_or_default());
            }
            let table = codec.charmap();
            let reason = if table.is_some() { "character maps to <undefined>" } else { "ordinal not in range(128)" };
            let mut out = String::with_capacity(b.len());
            let mut i = 0;
            while i < b.len() {
                let x = b[i];
                let mapped = if x < 0x80 { Some(x as u32) } else { table.map(|t| t[x as usize - 0x80] as u32).filter(|&u| u != 0xFFFF) };
                match mapped {
                    Some(u) => {
                        out.push(char::from_u32(u).unwrap_or('\u{fffd}'));
                        i += 1;
                    }
                    None => {
                        let f = DecodeFailure { codec, name: codec.name(), start: i, end: i + 1, reason };
                        i = decode_error(vm, b, errors, f, &mut out)?;
                    }
                }
            }
            Ok(out)
        }
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => decode_utf16(vm, b, errors, codec),
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => decode_utf32(vm, b, errors, codec),
        Codec::UnicodeEscape | Codec::RawUnicodeEscape => decode_escapes(vm, b, errors, codec),
    }
}

fn decode_utf16(vm: &mut Vm, b: &[u8], errors: &str, codec: Codec) -> PyResult<String> {
    let mut be = codec == Codec::Utf16Be;
    let mut i = 0;
    if codec == Codec::Utf16 {
        if b.starts_with(&[0xff, 0xfe]) {
            i = 2;
        } else if b.starts_with(&[0xfe, 0xff]) {
            i = 2;
            be = true;
        }
    }
    let name = decode_name(codec, be);
    let unit_at = |p: usize| if be { u16::from_be_bytes([b[p], b[p + 1]]) } else { u16::from_le_bytes([b[p], b[p + 1]]) } as u32;
    let mut out = String::with_capacity(b.len() / 2);
    while i < b.len() {
        let fail = |start: usize, end: usize, reason: &'static str| DecodeFailure { codec, name, start, end, reason };
        if i + 2 > b.len() {
            i = decode_error(vm, b, errors, fail(i, b.len(), "truncated data"), &mut out)?;
            continue;
        }
        let u = unit_at(i);
        if !is_surrogate_cp(u) {
            out.push(char::from_u32(u).unwrap_or('\u{fffd}'));
            i += 2;
        } else if u >= 0xDC00 {
            i = decode_error(vm, b, errors, fail(i, i + 2, "illegal encoding"), &mut out)?;
        } else if i + 4 > b.len() {
            i = decode_error(vm, b, errors, fail(i, b.len(), "unexpected end of data"), &mut out)?;
        } else {
            let low = unit_at(i + 2);
            if (0xDC00..0xE000).contains(&low) {
                let c = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                i += 4;
            } else {
                i = decode_error(vm, b, errors, fail(i, i + 2, "illegal UTF-16 surrogate"), &mut out)?;
            }
        }
    }
    Ok(out)
}

fn decode_utf32(vm: &mut Vm, b: &[u8], errors: &str, codec: Codec) -> PyResult<String> {
    let mut be = codec == Codec::Utf32Be;
    let mut i = 0;
    if codec == Codec::Utf32 {
        if b.starts_with(&[0xff, 0xfe, 0, 0]) {
            i = 4;
        } else if b.starts_with(&[0, 0, 0xfe, 0xff]) {
            i = 4;
            be = true;
        }
    }
    let name = decode_name(codec, be);
    let mut out = String::with_capacity(b.len() / 4);
    while i < b.len() {
        if i + 4 > b.len() {
            let f = DecodeFailure { codec, name, start: i, end: b.len(), reason: "truncated data" };
            i = decode_error(vm, b, errors, f, &mut out)?;
            continue;
        }
        let q = [b[i], b[i + 1], b[i + 2], b[i + 3]];
        let u = if be { u32::from_be_bytes(q) } else { u32::from_le_bytes(q) };
        let reason = if u > 0x10FFFF {
            "code point not in range(0x110000)"
        } else if is_surrogate_cp(u) {
            "code point in surrogate code point range(0xd800, 0xe000)"
        } else {
            out.push(char::from_u32(u).unwrap_or('\u{fffd}'));
            i += 4;
            continue;
        };
        let f = DecodeFailure { codec, name, start: i, end: i + 4, reason };
        i = decode_error(vm, b, errors, f, &mut out)?;
    }
    Ok(out)
}

/// UTF-8 from `b[start..]` (errors report positions in the whole of `b`).
fn decode_utf8(vm: &mut Vm, b: &[u8], start: usize, errors: &str, codec: Codec) -> PyResult<String> {
    if let Ok(s) = std::str::from_utf8(&b[start..]) {
        return Ok(s.to_string());
    }
    let name = decode_name(codec, false);
    let mut out = String::with_capacity(b.len());
    let mut i = start;
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
                i = decode_error(vm, b, errors, DecodeFailure { codec, name, start: p, end, reason }, &mut out)?;
            }
        }
    }
    Ok(out)
}

/// The `unicode_escape` and `raw_unicode_escape` decoders.
fn decode_escapes(vm: &mut Vm, b: &[u8], errors: &str, codec: Codec) -> PyResult<String> {
    let raw = codec == Codec::RawUnicodeEscape;
    let name = codec.name();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x != b'\\' {
            out.push(x as char);
            i += 1;
            continue;
        }
        let start = i;
        if raw {
            // Only \u and \U escape, and only after an odd number of backslashes.
            let kind = b.get(i + 1).copied();
            if !matches!(kind, Some(b'u') | Some(b'U')) {
                out.push('\\');
                i += 1;
                continue;
            }
        }
        let Some(&kind) = b.get(i + 1) else {
            let f = DecodeFailure { codec, name, start, end: b.len(), reason: "\\ at end of string" };
            i = decode_error(vm, b, errors, f, &mut out)?;
            continue;
        };
        i += 2;
        let simple = match kind {
            b'\n' => Some(None),
            b'\\' => Some(Some('\\')),
            b'\'' => Some(Some('\'')),
            b'"' => Some(Some('"')),
            b'a' => Some(Some('\x07')),
            b'b' => Some(Some('\x08')),
            b'f' => Some(Some('\x0c')),
            b'n' => Some(Some('\n')),
            b'r' => Some(Some('\r')),
            b't' => Some(Some('\t')),
            b'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(c) = simple {
            out.extend(c);
            continue;
        }
        match kind {
            b'0'..=b'7' => {
                let mut v = (kind - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            b'x' | b'u' | b'U' => {
                let (n, what) = match kind {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut v: u32 = 0;
                let mut k = 0;
                while k < n && i < b.len() && b[i].is_ascii_hexdigit() {
                    v = v * 16 + (b[i] as char).to_digit(16).unwrap_or(0);
                    i += 1;
                    k += 1;
                }
                if k < n {
                    let f = DecodeFailure { codec, name, start, end: i, reason: what };
                    i = decode_error(vm, b, errors, f, &mut out)?;
                    continue;
                }
                match char_for_code_point(v) {
                    Some(c) => out.push(c),
                    None => {
                        let f = DecodeFailure { codec, name, start, end: i, reason: "illegal Unicode character" };
                        i = decode_error(vm, b, errors, f, &mut out)?;
                    }
                }
            }
            b'N' => {
                let close = b[i..].iter().position(|&c| c == b'}').map(|k| i + k);
                let named = match (b.get(i), close) {
                    (Some(b'{'), Some(close)) if close > i + 1 => {
                        std::str::from_utf8(&b[i + 1..close]).ok().and_then(unicode_names2::character).map(|c| (c, close + 1))
                    }
                    _ => None,
                };
                match named {
                    Some((c, next)) => {
                        out.push(c);
                        i = next;
                    }
                    None => {
                        let end = close.map(|c| c + 1).unwrap_or(b.len());
                        let f = DecodeFailure { codec, name, start, end, reason: "malformed \\N character escape" };
                        i = decode_error(vm, b, errors, f, &mut out)?;
                    }
                }
            }
            other => {
                // Unknown escapes stay as they are (CPython warns).
                out.push('\\');
                out.push(other as char);
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

    #[test]
    fn surrogate_handlers_round_trip() {
        let mut vm = Vm::new(Config::default());
        let bad = b"ok\xff\xfeend\xc3";
        let s = decode(&mut vm, bad, "utf-8", "surrogateescape").unwrap();
        assert_eq!(encode(&mut vm, &s, "utf-8", "surrogateescape").unwrap(), bad);
        let lone = decode(&mut vm, b"\xed\xa0\x80", "utf-8", "surrogatepass").unwrap();
        assert_eq!(lone.chars().map(code_point).collect::<Vec<_>>(), vec![0xD800]);
        assert_eq!(encode(&mut vm, &lone, "utf-16-le", "surrogatepass").unwrap(), vec![0x00, 0xD8]);
        assert!(encode(&mut vm, &lone, "utf-8", "strict").is_err());
        assert_eq!(encode(&mut vm, "a\u{20ac}", "cp1252", "strict").unwrap(), b"a\x80");
        assert_eq!(decode(&mut vm, b"\\n\\u20ac", "unicode_escape", "strict").unwrap(), "\n\u{20ac}");
    }
}
