//! Source decoding: UTF-8 by default, a UTF-8 BOM, and PEP 263 coding
//! cookies (utf-8, latin-1 and ascii families), with CPython's messages.

use crate::error::{SyntaxError, SyntaxErrorKind};
use std::borrow::Cow;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Latin1,
    Ascii,
    /// Index into [`super::codecs::SINGLE_BYTE`].
    Table(usize),
}

/// The encoding named by a coding cookie (CPython's normalisation of names).
fn encoding_by_name(name: &str) -> Option<Encoding> {
    let n = name.to_ascii_lowercase().replace('_', "-");
    if n == "utf-8" || n == "utf8" || n.starts_with("utf-8-") || n == "u8" || n == "utf" || n == "cp65001" {
        return Some(Encoding::Utf8);
    }
    if matches!(n.as_str(), "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" | "latin" | "l1" | "iso-latin-1" | "iso-ir-100" | "csisolatin1" | "iso-8859-1:1987" | "ibm819")
        || n.starts_with("latin-1-")
        || n.starts_with("iso-8859-1-")
        || n.starts_with("iso-latin-1-")
    {
        return Some(Encoding::Latin1);
    }
    if matches!(n.as_str(), "ascii" | "us-ascii" | "646" | "us" | "ansi-x3.4-1968" | "ansi-x3-4-1968" | "ansi-x3.4-1986" | "cp367" | "csascii" | "ibm367" | "iso646-us" | "iso-646.irv:1991" | "iso-ir-6") {
        return Some(Encoding::Ascii);
    }
    super::codecs::SINGLE_BYTE.iter().position(|(names, _)| names.contains(&n.as_str())).map(Encoding::Table)
}

/// The coding cookie on one line, if any (`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`).
fn cookie_of(line: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < line.len() && matches!(line[i], b' ' | b'\t' | 0x0c) {
        i += 1;
    }
    if line.get(i) != Some(&b'#') {
        return None;
    }
    let rest = &line[i..];
    let mut k = 0;
    while k + 6 <= rest.len() {
        if &rest[k..k + 6] == b"coding" && matches!(rest.get(k + 6), Some(b':') | Some(b'=')) {
            let mut j = k + 7;
            while j < rest.len() && matches!(rest[j], b' ' | b'\t') {
                j += 1;
            }
            let s = j;
            while j < rest.len() && (rest[j].is_ascii_alphanumeric() || matches!(rest[j], b'-' | b'_' | b'.')) {
                j += 1;
            }
            if j > s {
                return Some(String::from_utf8_lossy(&rest[s..j]).into_owned());
            }
            return None;
        }
        k += 1;
    }
    None
}

fn is_blank_or_comment(line: &[u8]) -> bool {
    let t: Vec<u8> = line.iter().copied().skip_while(|b| matches!(b, b' ' | b'\t' | 0x0c)).collect();
    t.is_empty() || t[0] == b'#' || t[0] == b'\n' || t[0] == b'\r'
}

/// The coding cookie's name as written (for "encoding problem: NAME").
fn cookie_name(l1: &[u8], l2: &[u8]) -> String {
    cookie_of(l1).or_else(|| cookie_of(l2)).unwrap_or_default()
}

fn err(msg: String, filename: &str, line: u32) -> SyntaxError {
    let mut e = SyntaxError::new(SyntaxErrorKind::SyntaxError, msg);
    e.filename = filename.to_string();
    e.lineno = line;
    e
}

/// Decodes source bytes to text as CPython does when it runs a file (its
/// messages are those of `python3 file.py`; `lineno` is 0 as there).
/// UTF-8 and ASCII sources are borrowed, not copied.
pub fn decode_source<'s>(bytes: &'s [u8], filename: &str) -> Result<Cow<'s, str>, SyntaxError> {
    let (bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let mut lines = body.split_inclusive(|&b| b == b'\n');
    let l1 = lines.next().unwrap_or(b"");
    let l2 = lines.next().unwrap_or(b"");
    let cookie = cookie_of(l1).or_else(|| if is_blank_or_comment(l1) { cookie_of(l2) } else { None });
    let mut enc = Encoding::Utf8;
    if let Some(name) = cookie {
        match encoding_by_name(&name) {
            Some(e) => enc = e,
            None => return Err(err(format!("encoding problem: {}", name), filename, 0)),
        }
        if bom {
            // CPython's `get_normal_name`: only "utf-8" (and "utf-8-*") pass with a BOM.
            let lower = name.to_ascii_lowercase().replace('_', "-");
            let normal = if lower == "utf-8" || lower.starts_with("utf-8-") {
                "utf-8".to_string()
            } else if ["latin-1", "iso-8859-1", "iso-latin-1"].iter().any(|p| lower == *p || lower.starts_with(&format!("{}-", p))) {
                "iso-8859-1".to_string()
            } else {
                name.clone()
            };
            if normal != "utf-8" {
                return Err(err(format!("encoding problem: {} with BOM", normal), filename, 0));
            }
        }
    }
    match enc {
        Encoding::Utf8 => match std::str::from_utf8(body) {
            Ok(s) => Ok(Cow::Borrowed(s)),
            Err(e) => {
                let at = e.valid_up_to();
                let line = body[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                Err(err(
                    format!("Non-UTF-8 code starting with '\\x{:02x}' in file {} on line {}, but no encoding declared; see https://peps.python.org/pep-0263/ for details", body[at], filename, line),
                    filename,
                    0,
                ))
            }
        },
        Encoding::Latin1 => Ok(Cow::Owned(body.iter().map(|&b| b as char).collect())),
        Encoding::Table(i) => {
            let table = &super::codecs::SINGLE_BYTE[i].1;
            let mut out = String::with_capacity(body.len());
            for (p, &b) in body.iter().enumerate() {
                if b < 0x80 {
                    out.push(b as char);
                } else {
                    match char::from_u32(table[b as usize - 0x80] as u32).filter(|&c| c != '\u{ffff}') {
                        Some(c) => out.push(c),
                        None => {
                            let _ = p;
                            return Err(err(format!("encoding problem: {}", cookie_name(l1, l2)), filename, 0));
                        }
                    }
                }
            }
            Ok(Cow::Owned(out))
        }
        Encoding::Ascii => match body.iter().position(|&b| b >= 0x80) {
            None => Ok(Cow::Borrowed(std::str::from_utf8(body).unwrap_or_default())),
            Some(_) => Err(err(format!("encoding problem: {}", cookie_name(l1, l2)), filename, 0)),
        },
    }
}
