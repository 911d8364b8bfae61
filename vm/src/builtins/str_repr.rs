//! (Owned by the strings engineer.) `repr()` and `ascii()` of strings, as
//! CPython writes them: single quotes unless the text contains a single quote
//! and no double quote; `\\`, the quote, `\t \n \r` escaped; other control
//! characters and non-printable code points as `\xNN`, `\uNNNN` or
//! `\UNNNNNNNN`; printable non-ASCII kept (escaped too for `ascii()`).

use super::str::recv;
use crate::function::Args;
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

pub fn init(vm: &mut Vm) {
    let t = vm.t.str.clone();
    vm.add_method(&t, "__repr__", str_repr_native);
}

fn str_repr_native(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "__repr__")?;
    Ok(vm.new_str(repr_str(&s.s, false)))
}

/// Appends the escape of one character as CPython's repr writes it.
pub fn push_escaped(out: &mut String, c: char, ascii_only: bool) {
    use std::fmt::Write;
    // Surrogate stand-ins print as the surrogate (they are never printable).
    let cp = egret_frontend::surrogates::code_point(c);
    match c {
        '\\' => out.push_str("\\\\"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        _ if cp < 0x20 || cp == 0x7f => {
            let _ = write!(out, "\\x{:02x}", cp);
        }
        _ if cp < 0x7f => out.push(c),
        _ if !ascii_only && super::str_util::is_printable(c) => out.push(c),
        _ if cp < 0x100 => {
            let _ = write!(out, "\\x{:02x}", cp);
        }
        _ if cp < 0x10000 => {
            let _ = write!(out, "\\u{:04x}", cp);
        }
        _ => {
            let _ = write!(out, "\\U{:08x}", cp);
        }
    }
}

/// `repr(s)` (or `ascii(s)` when `ascii_only`).
pub fn repr_str(s: &str, ascii_only: bool) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        if c == quote {
            out.push('\\');
            out.push(c);
        } else {
            push_escaped(&mut out, c, ascii_only);
        }
    }
    out.push(quote);
    out
}

/// `ascii(obj)` given its repr: non-ASCII characters escaped.
pub fn ascii_of_repr(r: &str) -> String {
    if r.is_ascii() {
        return r.to_string();
    }
    let mut out = String::with_capacity(r.len());
    for c in r.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            push_escaped(&mut out, c, true);
        }
    }
    out
}

impl Vm {
    /// `ascii(v)` as a str value.
    pub fn ascii(&mut self, v: &Value) -> PyResult<Value> {
        let r = self.repr(v)?;
        let s = r.as_str().unwrap_or("");
        if s.is_ascii() {
            return Ok(r);
        }
        Ok(self.new_str(ascii_of_repr(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_like_cpython() {
        assert_eq!(repr_str("it's", false), "\"it's\"");
        assert_eq!(repr_str("both ' and \"", false), "'both \\' and \"'");
        assert_eq!(repr_str("\x00\x7f\u{80}\u{a0}\u{ad}é", false), "'\\x00\\x7f\\x80\\xa0\\xadé'");
        assert_eq!(repr_str("\u{200b}\u{1f600}\u{e0041}", false), "'\\u200b\u{1f600}\\U000e0041'");
        assert_eq!(repr_str("é\u{1f600}", true), "'\\xe9\\U0001f600'");
    }
}
