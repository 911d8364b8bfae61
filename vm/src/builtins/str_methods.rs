//! (Owned by the strings engineer.) str methods that map characters: case
//! mapping (upper, lower with the final-sigma rule, casefold, title,
//! capitalize, swapcase), the `is*` predicates, translate/maketrans, encode,
//! and the entry points of str.format / format_map / `%` (implemented in
//! `format.rs` and `str_percent.rs`).

use super::str::{recv, str_arg};
use super::str_util::*;
use crate::function::{Args, NativeFn};
use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::PyResult;

pub fn init(vm: &mut Vm) {
    let t = vm.t.str.clone();
    let methods: &[(&'static str, NativeFn)] = &[
        ("upper", str_upper),
        ("lower", str_lower),
        ("casefold", str_casefold),
        ("title", str_title),
        ("capitalize", str_capitalize),
        ("swapcase", str_swapcase),
        ("isalpha", str_isalpha),
        ("isalnum", str_isalnum),
        ("isdecimal", str_isdecimal),
        ("isdigit", str_isdigit),
        ("isnumeric", str_isnumeric),
        ("isspace", str_isspace),
        ("isprintable", str_isprintable),
        ("isascii", str_isascii),
        ("isidentifier", str_isidentifier),
        ("islower", str_islower),
        ("isupper", str_isupper),
        ("istitle", str_istitle),
        ("translate", str_translate),
        ("encode", str_encode),
        ("format", str_format),
        ("format_map", str_format_map),
        ("__mod__", str_mod),
        ("__rmod__", str_rmod),
    ];
    for (n, f) in methods {
        vm.add_method(&t, n, *f);
    }
    vm.add_staticmethod(&t, "maketrans", str_maketrans);
}

/// The receiver of a method taking no arguments.
fn noarg<'a>(vm: &Vm, a: &Args<'a>, name: &str) -> PyResult<&'a str> {
    let s = recv(vm, a, name)?;
    if a.has_kwargs() {
        return Err(vm.type_error(format!("str.{}() takes no keyword arguments", name)));
    }
    if a.pos().len() > 1 {
        return Err(vm.type_error(format!("str.{}() takes no arguments ({} given)", name, a.pos().len() - 1)));
    }
    Ok(&s.s)
}

pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_upper(&mut out, c);
    }
    out
}

pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        push_lower_at(&mut out, &chars, i);
    }
    out
}

/// Case mappings of a short ASCII text done on its bytes as one 128-bit
/// number (SWAR): no byte loop, no buffer in memory.
#[derive(Clone, Copy)]
enum ShortCase {
    Lower,
    Upper,
    Capitalize,
}

/// 0x20 at every byte of `x` (ASCII bytes, zero padding) in `lo..=hi`.
/// No addition carries out of its byte: every byte is below 0x80 and the
/// added constants below 0x40.
#[inline(always)]
fn ascii_range_bits(x: u128, lo: u8, hi: u8) -> u128 {
    let rep = |b: u8| u128::from_le_bytes([b; 16]);
    let at_least_lo = x + rep(0x80 - lo);
    let above_hi = x + rep(0x7f - hi);
    ((at_least_lo & !above_hi) & rep(0x80)) >> 2
}

/// `s.lower()`, `s.upper()` or `s.capitalize()` of an ASCII text of at most
/// 15 bytes (`None` for any other text).
fn short_ascii_case(vm: &Vm, s: &str, case: ShortCase) -> Option<Value> {
    if s.len() > super::str_util::INLINE_STR_MAX || !s.is_ascii() {
        return None;
    }
    let x = crate::strbuf::short_text_bits(s.as_bytes());
    let mapped = match case {
        ShortCase::Lower => x | ascii_range_bits(x, b'A', b'Z'),
        ShortCase::Upper => x & !ascii_range_bits(x, b'a', b'z'),
        ShortCase::Capitalize => {
            let lower = x | ascii_range_bits(x, b'A', b'Z');
            lower & !(ascii_range_bits(lower, b'a', b'z') & 0xff)
        }
    };
    Some(vm.new_short_ascii_str(mapped, s.len()))
}

fn str_upper(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = noarg(vm, &a, "upper")?;
    if let Some(v) = short_ascii_case(vm, s, ShortCase::Upper) {
        return Ok(v);
    }
    if let Some(v) = ascii_mapped(vm, s, |_, b| b.to_ascii_uppercase()) {
        return Ok(v);
    }
    Ok(vm.new_str(upper(s)))
}
fn str_lower(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = noarg(vm, &a, "lower")?;
    if let Some(v) = short_ascii_case(vm, s, ShortCase::Lower) {
        return Ok(v);
    }
    if let Some(v) = ascii_mapped(vm, s, |_, b| b.to_ascii_lowercase()) {
        return Ok(v);
    }
    Ok(vm.new_str(lower(s)))
}

/// An ASCII text mapped byte by byte, built on the stack when short
/// (None for a non-ASCII text).
fn ascii_mapped(vm: &Vm, s: &str, f: impl Fn(usize, u8) -> u8) -> Option<Value> {
    if !s.is_ascii() {
        return None;
    }
    let mut buf = [0u8; super::str_util::INLINE_STR_MAX];
    if s.len() <= buf.len() {
        for (i, (d, &b)) in buf.iter_mut().zip(s.as_bytes()).enumerate() {
            *d = f(i, b);
        }
        let bytes = &buf[..s.len()];
        if !bytes.is_ascii() {
            return None;
        }
        // SAFETY: ASCII bytes are UTF-8 (checked just above, a cheaper scan than `from_utf8`).
        let t = unsafe { std::str::from_utf8_unchecked(bytes) };
        return Some(vm.new_str_with_len(t, s.len()));
    }
    let out: Vec<u8> = s.bytes().enumerate().map(|(i, b)| f(i, b)).collect();
    let t = String::from_utf8(out).ok()?;
    Some(vm.new_string_with_len(t, s.len()))
}
fn str_casefold(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = noarg(vm, &a, "casefold")?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_fold(&mut out, c);
    }
    Ok(vm.new_str(out))
}

fn str_title(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = noarg(vm, &a, "title")?;
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            push_lower_at(&mut out, &chars, i);
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    Ok(vm.new_str(out))
}

fn str_capitalize(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = noarg(vm, &a, "capitalize")?;
    if let Some(v) = short_ascii_case(vm, s, ShortCase::Capitalize) {
        return Ok(v);
    }
    // ASCII: the first byte upper-cased (an ASCII letter's title case is
    // its upper case), the rest lower-cased.
    if let Some(v) = ascii_mapped(vm, s, |i, b| if i == 0 { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() }) {
        return Ok(v);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        if i == 0 {
            push_title(&mut out, chars[0]);
        } else {
            push_lower_at(&mut out, &chars, i);
        }
    }
    Ok(vm.new_str(out))
}

fn str_swapcase(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = noarg(vm, &a, "swapcase")?;
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_upper(c) {
            push_lower_at(&mut out, &chars, i);
        } else if is_lower(c) {
            push_upper(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Ok(vm.new_str(out))
}

fn all_chars(vm: &Vm, a: &Args, name: &str, f: fn(char) -> bool) -> PyResult<Value> {
    let s = noarg(vm, a, name)?;
    Ok(Value::bool(!s.is_empty() && s.chars().all(f)))
}
fn str_isalpha(vm: &mut Vm, a: Args) -> PyResult<Value> {
    all_chars(vm, &a, "isalpha", is_alpha)
}
fn str_isalnum(vm: &mut Vm, a: Args) -> PyResult<Value> {
    all_chars(vm, &a, "isalnum", |c| is_alpha(c) || is_numeric(c))
}
fn str_isdecimal(vm: &mut Vm, a: Args) -> PyResult<Value> {
    all_chars(vm, &a, "isdecimal", is_decimal)
}
fn str_isdigit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    all_chars(vm, &a, "isdigit", is_digit)
}
fn str_isnumeric(vm: &mut Vm, a: Args) -> PyResult<Value> {
    all_chars(vm, &a, "isnumeric", is_numeric)
}
fn str_isspace(vm: &mut Vm, a: Args) -> PyResult<Value> {
    all_chars(vm, &a, "isspace", is_space)
}
fn str_isprintable(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = noarg(vm, &a, "isprintable")?;
    Ok(Value::bool(s.chars().all(is_printable)))
}
fn str_isascii(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = noarg(vm, &a, "isascii")?;
    Ok(Value::bool(s.is_ascii()))
}

/// `str.isidentifier()`.
pub fn is_identifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if c == '_' || is_id_start(c) => it.all(is_id_continue),
        _ => false,
    }
}
fn str_isidentifier(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = noarg(vm, &a, "isidentifier")?;
    Ok(Value::bool(is_identifier(s)))
}

fn str_islower(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = noarg(vm, &a, "islower")?;
    let mut cased = false;
    for c in s.chars() {
        if is_upper(c) || is_titlecase(c) {
            return Ok(Value::bool(false));
        }
        if is_lower(c) {
            cased = true;
        }
    }
    Ok(Value::bool(cased))
}
fn str_isupper(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = noarg(vm, &a, "isupper")?;
    let mut cased = false;
    for c in s.chars() {
        if is_lower(c) || is_titlecase(c) {
            return Ok(Value::bool(false));
        }
        if is_upper(c) {
            cased = true;
        }
    }
    Ok(Value::bool(cased))
}
fn str_istitle(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = noarg(vm, &a, "istitle")?;
    let (mut cased, mut prev) = (false, false);
    for c in s.chars() {
        if is_upper(c) || is_titlecase(c) {
            if prev {
                return Ok(Value::bool(false));
            }
            prev = true;
            cased = true;
        } else if is_lower(c) {
            if !prev {
                return Ok(Value::bool(false));
            }
            prev = true;
            cased = true;
        } else {
            prev = false;
        }
    }
    Ok(Value::bool(cased))
}

// ----- translate / maketrans --------------------------------------------------

fn str_translate(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "translate")?;
    let b = bind(vm, &a, "str.translate", &["table"], 1, false)?;
    let table = b[0].clone().unwrap_or(Value::None);
    let lookup_error = vm.e.lookup_error.clone();
    let mut out = String::with_capacity(s.s.len());
    for c in s.s.chars() {
        match vm.getitem(&table, &Value::Int(c as i64)) {
            Ok(Value::None) => {}
            Ok(v) => {
                if let Some(r) = v.as_str() {
                    out.push_str(r);
                } else if matches!(v, Value::Int(_) | Value::Bool(_)) || matches!(&v, Value::Obj(o) if matches!(o.data, Data::Int(_))) {
                    let n = vm.index_to_i64(&v).unwrap_or(-1);
                    match u32::try_from(n).ok().and_then(egret_frontend::surrogates::char_for_code_point) {
                        Some(ch) => out.push(ch),
                        None => return Err(vm.value_error("character mapping must be in range(0x110000)")),
                    }
                } else {
                    return Err(vm.type_error("character mapping must return integer, None or str"));
                }
            }
            Err(e) if vm.is_instance(&e.0, &lookup_error) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(vm.new_str(out))
}

fn str_maketrans(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    if a.has_kwargs() {
        return Err(vm.type_error("maketrans() takes no keyword arguments"));
    }
    if pos.is_empty() || pos.len() > 3 {
        return Err(vm.type_error(format!("maketrans expected at {} 1 argument, got {}", if pos.is_empty() { "least" } else { "most 3" }, pos.len())));
    }
    let out = vm.new_dict();
    if pos.len() == 1 {
        let d = &pos[0];
        if d.as_dict().is_none() {
            return Err(vm.type_error("if you give only one argument to maketrans it must be a dict"));
        }
        let items = {
            let keys = vm.collect(d)?;
            let mut v = Vec::new();
            for k in keys {
                let val = vm.getitem(d, &k)?;
                v.push((k, val));
            }
            v
        };
        for (k, v) in items {
            let key = if let Some(ks) = k.as_pystr() {
                if ks.char_len != 1 {
                    return Err(vm.value_error("string keys in translate table must be of length 1"));
                }
                Value::Int(ks.s.chars().next().map_or(0, |c| c as i64))
            } else if matches!(k, Value::Int(_) | Value::Bool(_)) || matches!(&k, Value::Obj(o) if matches!(o.data, Data::Int(_))) {
                k.clone()
            } else {
                return Err(vm.type_error("keys in translate table must be strings or integers"));
            };
            vm.dict_set(&out, key, v)?;
        }
        return Ok(out);
    }
    let x = str_arg(vm, &pos[0], "maketrans() argument 1 ")?;
    let y = str_arg(vm, &pos[1], "maketrans() argument 2 ")?;
    if x.chars().count() != y.chars().count() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (cx, cy) in x.chars().zip(y.chars()) {
        vm.dict_set(&out, Value::Int(cx as i64), Value::Int(cy as i64))?;
    }
    if let Some(z) = pos.get(2) {
        let z = str_arg(vm, z, "maketrans() argument 3 ")?;
        for c in z.chars() {
            vm.dict_set(&out, Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(out)
}

// ----- encode and formatting entry points ------------------------------------

fn str_encode(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "encode")?;
    let b = bind(vm, &a, "encode", &["encoding", "errors"], 0, true)?;
    let encoding = match &b[0] {
        Some(v) => str_arg(vm, v, "encode() argument 'encoding' ")?.to_string(),
        None => "utf-8".into(),
    };
    let errors = match &b[1] {
        Some(v) => str_arg(vm, v, "encode() argument 'errors' ")?.to_string(),
        None => "strict".into(),
    };
    let bytes = super::str_codecs::encode(vm, &s.s, &encoding, &errors)?;
    Ok(vm.new_bytes(bytes))
}

fn str_format(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "format")?;
    let pos = &a.pos()[1..];
    let kwargs: Vec<(&str, &Value)> = a.kwargs().collect();
    let r = super::format::str_format(vm, &s.s, pos, super::format::Kwargs::Pairs(&kwargs))?;
    Ok(vm.new_str(r))
}

fn str_format_map(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "format_map")?;
    let b = bind(vm, &a, "str.format_map", &["mapping"], 1, false)?;
    let m = b[0].clone().unwrap_or(Value::None);
    let r = super::format::str_format(vm, &s.s, &[], super::format::Kwargs::Mapping(&m))?;
    Ok(vm.new_str(r))
}

fn str_mod(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = recv(vm, &a, "__mod__")?;
    let arg = a.pos().get(1).cloned().unwrap_or(Value::None);
    let r = super::str_percent::str_percent(vm, &s.s, &arg)?;
    Ok(vm.new_str(r))
}

fn str_rmod(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(vm.not_implemented.clone())
}

#[cfg(test)]
mod tests {
    use super::super::str::tests::{call, s, text};
    use crate::value::Value;
    use crate::vm::{Config, Vm};

    #[test]
    fn case_mapping() {
        let mut vm = Vm::new(Config::default());
        let cases = [
            ("straße", "upper", "STRASSE"),
            ("ΣΑΣ ΣΑΣ.", "lower", "σας σας."),
            ("ΑΣ Σ", "lower", "ας σ"),
            ("ﬁnance", "title", "Finance"),
            ("they're bill's friends", "title", "They'Re Bill'S Friends"),
            ("ǆungla", "capitalize", "ǅungla"),
            ("ǅ", "swapcase", "ǅ"),
            ("ß", "casefold", "ss"),
            ("İ", "lower", "i\u{307}"),
        ];
        for (x, m, want) in cases {
            let v = s(&vm, x);
            assert_eq!(text(&call(&mut vm, &v, m, &[]).unwrap()), want, "{x}.{m}()");
        }
        let d = s(&vm, "ǅ");
        assert!(matches!(call(&mut vm, &d, "istitle", &[]).unwrap(), Value::Bool(crate::value::B64::TRUE)));
        assert!(matches!(call(&mut vm, &d, "isupper", &[]).unwrap(), Value::Bool(crate::value::B64::FALSE)));
        let id = s(&vm, "x\u{b2}");
        assert!(matches!(call(&mut vm, &id, "isidentifier", &[]).unwrap(), Value::Bool(crate::value::B64::FALSE)));
    }
}
