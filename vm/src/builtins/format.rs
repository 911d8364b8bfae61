//! (Owned by the strings engineer: the format mini-language (format(), str.format, __format__ of int/float/str/complex), printf-style % formatting for str and bytes.)
//!
//! This file: the `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`
//! parser, `__format__` of str, int, bool, float and complex, float
//! formatting (`float_repr` and the e/f/g/% layouts, built on Rust's
//! correctly rounded `{:e}`/`{:.*e}`/`{:.*}` digits), `vm.format` and the
//! f-string entry point `format_value`. `str.format` lives in `str_format.rs`,
//! `%`-formatting in `str_percent.rs`.

use crate::function::Args;
use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::PyResult;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::rc::Rc;

pub use super::str_format::{str_format, Kwargs};

pub fn init(vm: &mut Vm) {
    let t = vm.t.str.clone();
    vm.add_method(&t, "__format__", str_format_native);
    let t = vm.t.int.clone();
    vm.add_method(&t, "__format__", int_format_native);
    let t = vm.t.bool_.clone();
    vm.add_method(&t, "__format__", int_format_native);
    let t = vm.t.float.clone();
    vm.add_method(&t, "__format__", float_format_native);
    let t = vm.t.complex.clone();
    vm.add_method(&t, "__format__", complex_format_native);
    super::str_codecs::init(vm);
}

// ----- the spec -------------------------------------------------------------

/// A parsed format specification.
#[derive(Clone, Debug, Default)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub z: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

/// Parses `spec` for an object of type `tyname` (used in error messages).
pub fn parse_spec(vm: &Vm, spec: &str, tyname: &str) -> PyResult<Spec> {
    let c: Vec<char> = spec.chars().collect();
    let mut sp = Spec::default();
    let mut i = 0;
    let is_align = |ch: char| matches!(ch, '<' | '>' | '=' | '^');
    if c.len() >= 2 && is_align(c[1]) {
        sp.fill = Some(c[0]);
        sp.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        sp.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        sp.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == 'z' {
        sp.z = true;
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        sp.alt = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        sp.zero = true;
        if sp.fill.is_none() {
            sp.fill = Some('0');
        }
        if sp.align.is_none() {
            sp.align = Some('=');
        }
        i += 1;
    }
    let too_big = || vm.value_error("Too many decimal digits in format string");
    let mut w: usize = 0;
    while i < c.len() && c[i].is_ascii_digit() {
        w = w.checked_mul(10).and_then(|x| x.checked_add(c[i] as usize - '0' as usize)).ok_or_else(too_big)?;
        if w > isize::MAX as usize / 4 {
            return Err(too_big());
        }
        i += 1;
    }
    sp.width = w;
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        sp.grouping = Some(c[i]);
        i += 1;
        if i < c.len() && (c[i] == ',' || c[i] == '_') {
            if c[i] != sp.grouping.unwrap_or(' ') || true {
                return Err(vm.value_error("Cannot specify both ',' and '_'."));
            }
        }
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let start = i;
        let mut p: usize = 0;
        while i < c.len() && c[i].is_ascii_digit() {
            p = p.checked_mul(10).and_then(|x| x.checked_add(c[i] as usize - '0' as usize)).ok_or_else(too_big)?;
            if p > isize::MAX as usize / 4 {
                return Err(too_big());
            }
            i += 1;
        }
        if i == start {
            return Err(vm.value_error("Format specifier missing precision"));
        }
        sp.precision = Some(p);
    }
    if c.len() - i > 1 {
        return Err(vm.value_error(format!("Invalid format specifier '{}' for object of type '{}'", spec, tyname)));
    }
    if i < c.len() {
        sp.ty = Some(c[i]);
    }
    if let (Some(g), Some(t)) = (sp.grouping, sp.ty) {
        let ok = match t {
            'd' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => true,
            'b' | 'o' | 'x' | 'X' => g == '_',
            _ => false,
        };
        if !ok {
            return Err(vm.value_error(format!("Cannot specify '{}' with '{}'.", g, t)));
        }
    }
    Ok(sp)
}

/// Pads `body` (of `len` code points) to the spec's width with its fill and
/// alignment (`default_align` when none was given).
fn align_pad(body: &str, sp: &Spec, default_align: char) -> String {
    let len = body.chars().count();
    if sp.width <= len {
        return body.to_string();
    }
    let fill = sp.fill.unwrap_or(' ');
    let total = sp.width - len;
    let (l, r) = match sp.align.unwrap_or(default_align) {
        '<' => (0, total),
        '^' => (total / 2, total - total / 2),
        _ => (total, 0),
    };
    super::str::pad(body, l, r, fill)
}

// ----- str -----------------------------------------------------------------------

/// `format(s, spec)` for a str.
pub fn format_str(vm: &Vm, s: &str, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let sp = parse_spec(vm, spec, "str")?;
    if let Some(t) = sp.ty {
        if t != 's' {
            return Err(vm.value_error(format!("Unknown format code '{}' for object of type 'str'", t)));
        }
    }
    if sp.sign == Some(' ') {
        return Err(vm.value_error("Space not allowed in string format specifier"));
    }
    if sp.sign.is_some() {
        return Err(vm.value_error("Sign not allowed in string format specifier"));
    }
    if sp.z {
        return Err(vm.value_error("Negative zero coercion (z) not allowed in string format specifier"));
    }
    if sp.alt {
        return Err(vm.value_error("Alternate form (#) not allowed in string format specifier"));
    }
    if let Some(g) = sp.grouping {
        return Err(vm.value_error(format!("Cannot specify '{}' with 's'.", g)));
    }
    if sp.align == Some('=') {
        if sp.zero && spec.find('=').is_none() {
            // '0' flag alone on a str pads on the right.
        } else {
            return Err(vm.value_error("'=' alignment not allowed in string format specifier"));
        }
    }
    let mut sp = sp;
    if sp.align == Some('=') {
        sp.align = Some('<');
    }
    let body: &str = match sp.precision {
        Some(p) => match s.char_indices().nth(p) {
            Some((b, _)) => &s[..b],
            None => s,
        },
        None => s,
    };
    Ok(align_pad(body, &sp, '<'))
}

fn str_format_native(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = super::str::recv(vm, &a, "__format__")?;
    let spec = spec_arg(vm, &a)?;
    if spec.is_empty() {
        // As CPython: an empty spec gives `str(self)` (a subclass's `__str__`).
        return vm.str(&a.pos()[0]);
    }
    Ok(vm.new_str(format_str(vm, &s.s, &spec)?))
}

fn spec_arg(vm: &Vm, a: &Args) -> PyResult<String> {
    match a.pos().get(1) {
        Some(v) => match v.as_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(vm.type_error(format!("argument to __format__ must be str, not {}", vm.type_name(v)))),
        },
        None => Err(vm.type_error("__format__() takes exactly one argument (0 given)")),
    }
}

// ----- numbers: layout ------------------------------------------------------------

/// Inserts `sep` every `group` digits from the right, zero-padding the
/// digits so the result is at least `min_width` long (CPython's rules: the
/// result never starts with a separator).
fn group_digits(digits: &str, sep: Option<char>, group: usize, min_width: usize) -> String {
    let Some(sep) = sep else {
        let n = digits.len();
        return if n < min_width { format!("{}{}", "0".repeat(min_width - n), digits) } else { digits.to_string() };
    };
    if digits.is_empty() && min_width == 0 {
        return String::new();
    }
    let d = digits.as_bytes();
    let mut remaining = d.len();
    let mut mw = min_width as i64;
    let mut groups: Vec<String> = Vec::new();
    loop {
        let l = (group as i64).min((remaining as i64).max(mw).max(1)) as usize;
        let take = l.min(remaining);
        let mut g = "0".repeat(l - take);
        g.push_str(std::str::from_utf8(&d[remaining - take..remaining]).unwrap_or(""));
        remaining -= take;
        groups.push(g);
        mw -= l as i64;
        if remaining == 0 && mw <= 0 {
            break;
        }
        mw -= 1;
    }
    groups.reverse();
    groups.join(&sep.to_string())
}

/// Lays a number out: sign, prefix (`0x`...), integer digits (grouped),
/// the rest (fraction, exponent, `%`), then fill and alignment.
fn layout_number(sign: &str, prefix: &str, int_digits: &str, rest: &str, sp: &Spec, group: usize) -> String {
    let zero_pad = sp.fill == Some('0') && sp.align == Some('=');
    let fixed = sign.len() + prefix.len() + rest.chars().count();
    let min_digits = if zero_pad && sp.width > fixed { sp.width - fixed } else { 0 };
    let digits = group_digits(int_digits, sp.grouping, group, min_digits);
    if sp.align == Some('=') {
        let len = fixed + digits.chars().count();
        let pad = if sp.width > len { sp.width - len } else { 0 };
        let fill = sp.fill.unwrap_or(' ');
        let mut out = String::new();
        out.push_str(sign);
        out.push_str(prefix);
        out.extend(std::iter::repeat(fill).take(pad));
        out.push_str(&digits);
        out.push_str(rest);
        return out;
    }
    let body = format!("{}{}{}{}", sign, prefix, digits, rest);
    align_pad(&body, sp, '>')
}

fn sign_str(neg: bool, sign: Option<char>) -> &'static str {
    if neg {
        "-"
    } else {
        match sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

// ----- ints -----------------------------------------------------------------------

/// An int-like value (int, bool, or an int subclass) as a BigInt.
pub fn as_bigint(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(b.get() as i64)),
        Value::Obj(o) => match &o.data {
            Data::Int(i) => Some(i.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// `format(n, spec)` for an int.
pub fn format_int(vm: &Vm, n: &BigInt, spec: &str) -> PyResult<String> {
    let sp = parse_spec(vm, spec, "int")?;
    let ty = sp.ty.unwrap_or('d');
    match ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let f = n.to_f64().filter(|f| f.is_finite()).ok_or_else(|| vm.overflow_error("int too large to convert to float"))?;
            return format_float_spec(vm, f, &sp);
        }
        'd' | 'n' | 'b' | 'o' | 'x' | 'X' | 'c' => {}
        _ => return Err(vm.value_error(format!("Unknown format code '{}' for object of type 'int'", ty))),
    }
    if sp.precision.is_some() {
        return Err(vm.value_error("Precision not allowed in integer format specifier"));
    }
    if sp.z {
        return Err(vm.value_error("Negative zero coercion (z) not allowed in integer format specifier"));
    }
    if ty == 'c' {
        if sp.sign.is_some() {
            return Err(vm.value_error("Sign not allowed with integer format specifier 'c'"));
        }
        if sp.alt {
            return Err(vm.value_error("Alternate form (#) not allowed with integer format specifier 'c'"));
        }
        if n.to_i64().is_none() {
            return Err(vm.overflow_error("Python int too large to convert to C long"));
        }
        let ch = n.to_u32().filter(|&c| c < 0x110000).and_then(egret_frontend::surrogates::char_for_code_point);
        let Some(ch) = ch else {
            return Err(vm.overflow_error("%c arg not in range(0x110000)"));
        };
        return Ok(layout_number("", "", "", &ch.to_string(), &Spec { grouping: None, ..sp }, 3));
    }
    let (radix, prefix, group) = match ty {
        'b' => (2, "0b", 4),
        'o' => (8, "0o", 4),
        'x' => (16, "0x", 4),
        'X' => (16, "0X", 4),
        _ => (10, "", 3),
    };
    let mut digits = n.abs().to_str_radix(radix);
    if ty == 'X' {
        digits = digits.to_ascii_uppercase();
    }
    let prefix = if sp.alt { prefix } else { "" };
    Ok(layout_number(sign_str(n.is_negative(), sp.sign), prefix, &digits, "", &sp, group))
}

fn int_format_native(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let recv = a.pos().first().cloned().unwrap_or(Value::None);
    let spec = spec_arg(vm, &a)?;
    if spec.is_empty() {
        return vm.str(&recv);
    }
    let Some(n) = as_bigint(&recv) else {
        return Err(vm.type_error(format!("descriptor '__format__' requires a 'int' object but received a '{}'", vm.type_name(&recv))));
    };
    Ok(vm.new_str(format_int(vm, &n, &spec)?))
}

// ----- floats ---------------------------------------------------------------------

/// Shortest round-trip digits of a finite non-negative float and the decimal
/// exponent of the first digit (`x = 0.d1d2... * 10**(exp+1)`).
fn shortest_digits(x: f64) -> (String, i32) {
    let s = format!("{:e}", x);
    split_sci(&s)
}

/// Splits Rust's `d.ddde±X` output into (digits, exponent).
fn split_sci(s: &str) -> (String, i32) {
    let (m, e) = s.split_once('e').unwrap_or((s, "0"));
    let digits: String = m.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits, e.parse().unwrap_or(0))
}

fn exp_str(e: i32, upper: bool) -> String {
    format!("{}{}{:02}", if upper { 'E' } else { 'e' }, if e < 0 { '-' } else { '+' }, e.abs())
}

/// Digits `d1d2...` with exponent `exp` in positional notation.
fn fixed_from_digits(digits: &str, exp: i32) -> (String, String) {
    if exp < 0 {
        let frac = format!("{}{}", "0".repeat((-exp - 1) as usize), digits);
        ("0".to_string(), frac)
    } else {
        let e = exp as usize + 1;
        if digits.len() <= e {
            (format!("{}{}", digits, "0".repeat(e - digits.len())), String::new())
        } else {
            (digits[..e].to_string(), digits[e..].to_string())
        }
    }
}

/// `repr(x)` of a float, CPython's format (shortest round-trip digits;
/// exponent notation when the exponent is < -4 or >= 16).
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let (int, rest) = float_abs_body(x.abs(), 'r', None, false);
    format!("{}{}{}", if x.is_sign_negative() { "-" } else { "" }, int, rest)
}

/// Formats a finite non-negative float: returns (integer digits, rest),
/// where rest is the fraction with its point, the exponent and any `%`.
/// `mode` is one of e E f F g G % r (repr) and `p` (general format without type code).
fn float_abs_body(x: f64, mode: char, precision: Option<usize>, alt: bool) -> (String, String) {
    let upper = matches!(mode, 'E' | 'F' | 'G');
    match mode {
        'e' | 'E' => {
            let p = precision.unwrap_or(6);
            let (d, e) = split_sci(&format!("{:.*e}", p, x));
            let mut rest = String::new();
            if p > 0 || alt {
                rest.push('.');
            }
            rest.push_str(&d[1..]);
            rest.push_str(&exp_str(e, upper));
            (d[..1].to_string(), rest)
        }
        'f' | 'F' | '%' => {
            let p = precision.unwrap_or(6);
            let v = if mode == '%' { x * 100.0 } else { x };
            if !v.is_finite() {
                return (String::new(), "inf%".to_string());
            }
            let s = format!("{:.*}", p, v);
            let (i, f) = s.split_once('.').unwrap_or((&s, ""));
            let mut rest = String::new();
            if p > 0 || alt {
                rest.push('.');
            }
            rest.push_str(f);
            if mode == '%' {
                rest.push('%');
            }
            (i.to_string(), rest)
        }
        _ => {
            // g/G/n, repr ('r') and the no-type general format with precision ('p').
            let (digits, exp, threshold, strip) = if mode == 'r' {
                let (d, e) = shortest_digits(x);
                (d, e, 16, true)
            } else {
                let p = precision.unwrap_or(6).max(1);
                let (d, e) = split_sci(&format!("{:.*e}", p - 1, x));
                let t = if mode == 'p' { p as i32 - 1 } else { p as i32 };
                let t = if mode == 'p' && precision.unwrap_or(0) == 0 { 0 } else { t };
                (d, e, t.max(if mode == 'p' { 0 } else { 1 }), !alt)
            };
            let mut digits = digits;
            if strip {
                while digits.len() > 1 && digits.ends_with('0') {
                    digits.pop();
                }
            }
            let add_dot0 = mode == 'r' || mode == 'p';
            if exp < -4 || exp >= threshold {
                let mut rest = String::new();
                if digits.len() > 1 || alt {
                    rest.push('.');
                    rest.push_str(&digits[1..]);
                }
                rest.push_str(&exp_str(exp, upper));
                (digits[..1].to_string(), rest)
            } else {
                let (i, f) = fixed_from_digits(&digits, exp);
                let mut rest = String::new();
                if !f.is_empty() {
                    rest.push('.');
                    rest.push_str(&f);
                } else if add_dot0 && !alt {
                    rest.push_str(".0");
                } else if alt {
                    rest.push('.');
                    if add_dot0 {
                        rest.push('0');
                    }
                }
                (i, rest)
            }
        }
    }
}

/// Formats a float per a parsed spec (also used for ints with float types).
pub fn format_float_spec(vm: &Vm, x: f64, sp: &Spec) -> PyResult<String> {
    let mode = match sp.ty {
        None => {
            if sp.precision.is_some() {
                'p'
            } else {
                'r'
            }
        }
        Some('n') => {
            if sp.grouping.is_some() {
                return Err(vm.value_error(format!("Cannot specify '{}' with 'n'.", sp.grouping.unwrap_or(','))));
            }
            'g'
        }
        Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) => t,
        Some(t) => return Err(vm.value_error(format!("Unknown format code '{}' for object of type 'float'", t))),
    };
    let neg = x.is_sign_negative() && !x.is_nan();
    if !x.is_finite() {
        let upper = matches!(mode, 'E' | 'F' | 'G');
        let mut body = if x.is_nan() { "nan".to_string() } else { "inf".to_string() };
        if upper {
            body = body.to_uppercase();
        }
        if mode == '%' {
            body.push('%');
        }
        let sp2 = Spec { grouping: None, ..sp.clone() };
        return Ok(layout_number(sign_str(neg, sp.sign), "", "", &body, &sp2, 3));
    }
    let (int, rest) = float_abs_body(x.abs(), mode, sp.precision, sp.alt);
    let mut neg = neg;
    if sp.z && neg && int.chars().chain(rest.chars()).take_while(|c| *c != 'e' && *c != 'E').all(|c| !c.is_ascii_digit() || c == '0') {
        neg = false;
    }
    Ok(layout_number(sign_str(neg, sp.sign), "", &int, &rest, sp, 3))
}

/// `format(x, spec)` for a float.
pub fn format_float(vm: &Vm, x: f64, spec: &str) -> PyResult<String> {
    let sp = parse_spec(vm, spec, "float")?;
    format_float_spec(vm, x, &sp)
}

fn float_of(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(f.get()),
        Value::Obj(o) => match &o.data {
            Data::Float(f) => Some(*f),
            _ => None,
        },
        _ => None,
    }
}

fn float_format_native(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let recv = a.pos().first().cloned().unwrap_or(Value::None);
    let spec = spec_arg(vm, &a)?;
    let Some(x) = float_of(&recv) else {
        return Err(vm.type_error(format!("descriptor '__format__' requires a 'float' object but received a '{}'", vm.type_name(&recv))));
    };
    if spec.is_empty() {
        return vm.str(&recv);
    }
    Ok(vm.new_str(format_float(vm, x, &spec)?))
}

// ----- complex --------------------------------------------------------------------

/// `repr(complex)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let ims = float_repr_no_dot0(im);
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", ims);
    }
    let res = float_repr_no_dot0(re);
    let sign = if im.is_sign_negative() || (im.is_nan() && false) { "" } else { "+" };
    format!("({}{}{}j)", res, sign, ims)
}

/// repr of a float without the ".0" CPython's complex repr omits.
fn float_repr_no_dot0(x: f64) -> String {
    let r = float_repr(x);
    match r.strip_suffix(".0") {
        Some(s) => s.to_string(),
        None => r,
    }
}

/// `format(complex, spec)`.
pub fn format_complex(vm: &Vm, re: f64, im: f64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(complex_repr(re, im));
    }
    let sp = parse_spec(vm, spec, "complex")?;
    if sp.zero || (sp.fill == Some('0') && sp.align == Some('=') && spec.contains('0') && !spec.contains('=')) {
        return Err(vm.value_error("Zero padding is not allowed in complex format specifier"));
    }
    if sp.align == Some('=') {
        return Err(vm.value_error("'=' alignment flag is not allowed in complex format specifier"));
    }
    let mode = match sp.ty {
        None => {
            if sp.precision.is_some() {
                'p'
            } else {
                'r'
            }
        }
        Some('n') => 'g',
        Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G')) => t,
        Some(t) => return Err(vm.value_error(format!("Unknown format code '{}' for object of type 'complex'", t))),
    };
    let skip_re = sp.ty.is_none() && re == 0.0 && re.is_sign_positive();
    let parens = sp.ty.is_none() && !skip_re;
    let part = |x: f64, force_plus: bool| -> String {
        let neg = x.is_sign_negative() && !x.is_nan();
        let sign = if neg { "-" } else if force_plus { "+" } else { sign_str(false, sp.sign) };
        if !x.is_finite() {
            let b = if x.is_nan() { "nan" } else { "inf" };
            return format!("{}{}", sign, if matches!(mode, 'E' | 'F' | 'G') { b.to_uppercase() } else { b.to_string() });
        }
        let m = if mode == 'r' { 'r' } else { mode };
        let (i, mut rest) = float_abs_body(x.abs(), m, sp.precision, sp.alt);
        if mode == 'r' {
            if let Some(s) = rest.strip_suffix(".0") {
                rest = if sp.alt { format!("{}.", s) } else { s.to_string() };
            }
        }
        let neg_zero = sp.z && neg && i.chars().chain(rest.chars()).take_while(|c| *c != 'e' && *c != 'E').all(|c| !c.is_ascii_digit() || c == '0');
        let sign = if neg_zero { if force_plus { "+" } else { sign_str(false, sp.sign) } } else { sign };
        let i = group_digits(&i, sp.grouping, 3, 0);
        format!("{}{}{}", sign, i, rest)
    };
    let mut body = String::new();
    if parens {
        body.push('(');
    }
    if !skip_re {
        body.push_str(&part(re, false));
    }
    body.push_str(&part(im, !skip_re));
    body.push('j');
    if parens {
        body.push(')');
    }
    Ok(align_pad(&body, &sp, '>'))
}

fn complex_format_native(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let recv = a.pos().first().cloned().unwrap_or(Value::None);
    let spec = spec_arg(vm, &a)?;
    let (re, im) = match &recv {
        Value::Obj(o) => match &o.data {
            Data::Complex(r, i) => (*r, *i),
            _ => return Err(vm.type_error("descriptor '__format__' requires a 'complex' object")),
        },
        _ => return Err(vm.type_error("descriptor '__format__' requires a 'complex' object")),
    };
    if spec.is_empty() {
        return vm.str(&recv);
    }
    Ok(vm.new_str(format_complex(vm, re, im, &spec)?))
}

// ----- format() and f-strings ------------------------------------------------------

impl Vm {
    /// `format(value, spec)`: `type(value).__format__(value, spec)`.
    pub fn format(&mut self, value: &Value, spec: &str) -> PyResult<Value> {
        // Fast paths for exact builtin types.
        match value {
            Value::Int(i) if spec.is_empty() => return Ok(self.new_str(i.to_string())),
            Value::Int(i) => return Ok(self.new_str(format_int(self, &BigInt::from(*i), spec)?)),
            Value::Float(f) if !spec.is_empty() => return Ok(self.new_str(format_float(self, f.get(), spec)?)),
            Value::Obj(o) if Rc::ptr_eq(&o.ty, &self.t.str) => {
                if spec.is_empty() {
                    return Ok(value.clone());
                }
                let Data::Str(s) = &o.data else { unreachable!() };
                return Ok(self.new_str(format_str(self, &s.s, spec)?));
            }
            _ => {}
        }
        let ty = self.type_of(value);
        let spec_v = self.new_str(spec);
        match crate::slots::special(&ty, "__format__") {
            Some(f) => {
                let r = self.call(&f, &[value.clone(), spec_v])?;
                if r.as_str().is_none() {
                    return Err(self.type_error(format!("__format__ must return a str, not {}", self.type_name(&r))));
                }
                Ok(r)
            }
            None => object_format(self, value, spec),
        }
    }
}

/// `object.__format__`: `str(self)` for an empty spec, else TypeError.
pub fn object_format(vm: &mut Vm, value: &Value, spec: &str) -> PyResult<Value> {
    if spec.is_empty() {
        return vm.str(value);
    }
    Err(vm.type_error(format!("unsupported format string passed to {}.__format__", vm.type_name(value))))
}

/// The interpreter's `FormatValue`: applies `conversion` (0 none, 1 `!s`,
/// 2 `!r`, 3 `!a`), then `format(value, spec)`.
pub fn format_value(vm: &mut Vm, value: Value, conversion: u8, spec: Option<&Value>) -> PyResult<Value> {
    let v = match conversion {
        1 => vm.str(&value)?,
        2 => vm.repr(&value)?,
        3 => vm.ascii(&value)?,
        _ => value,
    };
    let spec_s = match spec {
        Some(s) => s.as_str().unwrap_or(""),
        None => "",
    };
    if spec_s.is_empty() && matches!(&v, Value::Obj(o) if Rc::ptr_eq(&o.ty, &vm.t.str)) {
        return Ok(v);
    }
    let spec_owned = spec_s.to_string();
    vm.format(&v, &spec_owned)
}

/// Whether `n` (an exact or subclass int) is zero (helper for other modules).
pub fn bigint_is_zero(n: &BigInt) -> bool {
    n.is_zero()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::Config;

    fn ff(x: f64, spec: &str) -> String {
        let vm = Vm::new(Config::default());
        format_float(&vm, x, spec).unwrap()
    }
    fn fi(n: i64, spec: &str) -> String {
        let vm = Vm::new(Config::default());
        format_int(&vm, &BigInt::from(n), spec).unwrap()
    }

    /// Every case of `str_format_cases.txt` (made by CPython 3.12.1).
    #[test]
    fn cpython_format_cases() {
        let vm = Vm::new(Config::default());
        let mut failures = Vec::new();
        let data = include_str!("str_format_cases.txt");
        for line in data.lines() {
            let parts: Vec<&str> = line.splitn(4, '\t').collect();
            let (kind, val, spec, want) = (parts[0], parts[1], parts[2], parts[3]);
            let got = match kind {
                "f" | "r" => {
                    let x = f64::from_bits(u64::from_str_radix(val, 16).unwrap());
                    if kind == "r" {
                        Ok(float_repr(x))
                    } else {
                        format_float(&vm, x, spec)
                    }
                }
                "i" => format_int(&vm, &val.parse::<BigInt>().unwrap(), spec),
                _ => format_str(&vm, val, spec),
            };
            let got = match got {
                Ok(s) => s,
                Err(e) => {
                    let ty = crate::types::tdata(&vm.type_of(&e.0)).name();
                    format!("!{}: {}", ty, super::super::str_util::err_text(&vm, &e))
                }
            };
            if got != want {
                failures.push(format!("{kind} {val} {spec:?}: got {got:?} want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn float_repr_like_cpython() {
        for (x, want) in [(1e16, "1e+16"), (1.0, "1.0"), (0.1 + 0.2, "0.30000000000000004"), (1e-5, "1e-05"), (0.0001, "0.0001"), (1.5e15, "1500000000000000.0"), (-0.0, "-0.0"), (5e-324, "5e-324"), (123456789.0, "123456789.0")] {
            assert_eq!(float_repr(x), want);
        }
    }

    #[test]
    fn float_specs() {
        let cases = [
            (1234.5678, "e", "1.234568e+03"),
            (1234.5678, ".3G", "1.23E+03"),
            (0.000123456, "g", "0.000123456"),
            (123456789.0, "g", "1.23457e+08"),
            (1.0, "#g", "1.00000"),
            (1.0, "#.0e", "1.e+00"),
            (100.0, ".3", "1e+02"),
            (12.0, ".3", "12.0"),
            (3.0, ".0", "3e+00"),
            (10.0, ".1", "1e+01"),
            (1e16, "#", "1.e+16"),
            (2.5, ".0f", "2"),
            (3.5, ".0f", "4"),
            (2.675, ".2f", "2.67"),
            (0.125, ".1%", "12.5%"),
            (-0.0, "z", "0.0"),
            (-0.001, "z.1f", "0.0"),
            (1234.5, "012,.2f", "0,001,234.50"),
            (-1234.5, "012,.2f", "-0,001,234.50"),
            (f64::NEG_INFINITY, "010f", "-000000inf"),
            (f64::NAN, "=+8", "+    nan"),
            (1234567.891, "_.2f", "1_234_567.89"),
            (3.14159, "=10.3f", "     3.142"),
            (1e22, "f", "10000000000000000000000.000000"),
            (0.0, "#.3g", "0.00"),
        ];
        for (x, spec, want) in cases {
            assert_eq!(ff(x, spec), want, "format({x}, {spec:?})");
        }
    }

    #[test]
    fn int_specs() {
        let cases = [
            (1234, "09,", "0,001,234"),
            (1234, "07,", "001,234"),
            (255, "#012_b", "0b0_1111_1111"),
            (12345, "0=12_", "0_000_012_345"),
            (-42, "=8", "-     42"),
            (42, "*^9", "***42****"),
            (-255, "#x", "-0xff"),
            (65, "=5c", "    A"),
            (1234567, "015_", "000_001_234_567"),
            (12, "%", "1200.000000%"),
        ];
        for (n, spec, want) in cases {
            assert_eq!(fi(n, spec), want, "format({n}, {spec:?})");
        }
    }

    #[test]
    fn complex_and_str_specs() {
        let vm = Vm::new(Config::default());
        assert_eq!(format_complex(&vm, 1.0, 2.0, ">10").unwrap(), "    (1+2j)");
        assert_eq!(format_complex(&vm, 0.0, -1.5, "e").unwrap(), "0.000000e+00-1.500000e+00j");
        assert_eq!(format_complex(&vm, 1.5, -2.25, "^20.1f").unwrap(), "      1.5-2.2j      ");
        assert_eq!(format_complex(&vm, 3.0, 0.0, "g").unwrap(), "3+0j");
        assert_eq!(format_complex(&vm, 1.0, 2.0, "#").unwrap(), "(1.+2.j)");
        assert_eq!(complex_repr(-0.0, -1.0), "(-0-1j)");
        assert_eq!(format_str(&vm, "abc", "05").unwrap(), "abc00");
        assert_eq!(format_str(&vm, "python", "^10.2").unwrap(), "    py    ");
        assert!(format_str(&vm, "ab", "=5").is_err());
    }
}
