//! (Owned by the strings engineer.) printf-style `%` formatting for str and
//! bytes: `%[(key)][flags][width|*][.precision|*][hlL]type` with the types
//! s r a d i u o x X e E f F g G c % (and b for bytes), a tuple of arguments
//! or a single argument or a mapping, and CPython's errors.

use super::format::as_bigint;
use crate::value::{Data, Value};
use crate::vm::Vm;
use crate::PyResult;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// `fmt % arg` for str.
pub fn str_percent(vm: &mut Vm, fmt: &str, arg: &Value) -> PyResult<String> {
    let out = percent(vm, fmt.as_bytes(), arg, false)?;
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// `fmt % arg` for bytes and bytearray.
pub fn bytes_percent(vm: &mut Vm, fmt: &[u8], arg: &Value) -> PyResult<Vec<u8>> {
    percent(vm, fmt, arg, true)
}

struct Conv {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    prec: Option<usize>,
}

fn is_mapping(vm: &Vm, v: &Value) -> bool {
    if v.as_tuple().is_some() || v.as_str().is_some() {
        return false;
    }
    match v {
        Value::Obj(o) => !matches!(o.data, Data::Bytes(_) | Data::ByteArray(_)) && crate::slots::special(&o.ty, "__getitem__").is_some(),
        _ => {
            let _ = vm;
            false
        }
    }
}

fn percent(vm: &mut Vm, fmt: &[u8], arg: &Value, bytes_mode: bool) -> PyResult<Vec<u8>> {
    let (args, tuple_mode): (Vec<Value>, bool) = match arg.as_tuple() {
        Some(t) => (t.to_vec(), true),
        None => (vec![arg.clone()], false),
    };
    let dict = if is_mapping(vm, arg) { Some(arg.clone()) } else { None };
    let mut argi = 0usize;
    let mut out: Vec<u8> = Vec::with_capacity(fmt.len() + 16);
    let mut i = 0;
    // Byte index -> code point index for error messages.
    let char_pos = |b: usize| -> usize { if bytes_mode { b } else { String::from_utf8_lossy(&fmt[..b]).chars().count() } };
    macro_rules! next_arg {
        () => {{
            if argi >= args.len() {
                return Err(vm.type_error("not enough arguments for format string"));
            }
            argi += 1;
            args[argi - 1].clone()
        }};
    }
    while i < fmt.len() {
        let b = fmt[i];
        if b != b'%' {
            let start = i;
            while i < fmt.len() && fmt[i] != b'%' {
                i += 1;
            }
            out.extend_from_slice(&fmt[start..i]);
            continue;
        }
        i += 1;
        if i >= fmt.len() {
            return Err(vm.value_error("incomplete format"));
        }
        // Mapping key.
        let mut value: Option<Value> = None;
        if fmt[i] == b'(' {
            let mut depth = 1;
            let ks = i + 1;
            i += 1;
            while i < fmt.len() && depth > 0 {
                if fmt[i] == b'(' {
                    depth += 1;
                } else if fmt[i] == b')' {
                    depth -= 1;
                }
                i += 1;
            }
            if depth > 0 {
                return Err(vm.value_error("incomplete format key"));
            }
            let Some(d) = &dict else { return Err(vm.type_error("format requires a mapping")) };
            let key_bytes = &fmt[ks..i - 1];
            let key = if bytes_mode { vm.new_bytes(key_bytes.to_vec()) } else { vm.new_str(String::from_utf8_lossy(key_bytes).into_owned()) };
            value = Some(vm.getitem(d, &key)?);
        }
        let mut c = Conv { left: false, plus: false, space: false, alt: false, zero: false, width: 0, prec: None };
        while i < fmt.len() {
            match fmt[i] {
                b'-' => c.left = true,
                b'+' => c.plus = true,
                b' ' => c.space = true,
                b'#' => c.alt = true,
                b'0' => c.zero = true,
                _ => break,
            }
            i += 1;
        }
        if i < fmt.len() && fmt[i] == b'*' {
            let w = next_arg!();
            let Value::Int(w) = w else { return Err(vm.type_error("* wants int")) };
            if w < 0 {
                c.left = true;
            }
            c.width = w.unsigned_abs() as usize;
            i += 1;
        } else {
            while i < fmt.len() && fmt[i].is_ascii_digit() {
                c.width = c.width.saturating_mul(10).saturating_add((fmt[i] - b'0') as usize);
                i += 1;
            }
        }
        if i < fmt.len() && fmt[i] == b'.' {
            i += 1;
            if i < fmt.len() && fmt[i] == b'*' {
                let p = next_arg!();
                let Value::Int(p) = p else { return Err(vm.type_error("* wants int")) };
                c.prec = Some(p.max(0) as usize);
                i += 1;
            } else {
                let mut p = 0usize;
                while i < fmt.len() && fmt[i].is_ascii_digit() {
                    p = p.saturating_mul(10).saturating_add((fmt[i] - b'0') as usize);
                    i += 1;
                }
                c.prec = Some(p);
            }
        }
        while i < fmt.len() && matches!(fmt[i], b'h' | b'l' | b'L') {
            i += 1;
        }
        if i >= fmt.len() {
            return Err(vm.value_error("incomplete format"));
        }
        let ty_pos = i;
        // The conversion character (a whole code point in str mode).
        let ty_char = if bytes_mode {
            fmt[i] as char
        } else {
            String::from_utf8_lossy(&fmt[i..]).chars().next().unwrap_or('\0')
        };
        i += if bytes_mode { 1 } else { ty_char.len_utf8() };
        if ty_char == '%' && value.is_none() && c.width == 0 && fmt[ty_pos - 1] == b'%' {
            out.push(b'%');
            continue;
        }
        let v = match value.take() {
            Some(v) => v,
            None => {
                if dict.is_some() && !tuple_mode {
                    // A mapping argument used positionally is the mapping itself.
                    if argi == 0 {
                        argi = 1;
                    }
                    arg.clone()
                } else {
                    next_arg!()
                }
            }
        };
        let piece = convert(vm, ty_char, &v, &c, bytes_mode, char_pos(ty_pos))?;
        out.extend_from_slice(&piece);
    }
    if argi < args.len() && dict.is_none() {
        return Err(vm.type_error(format!("not all arguments converted during {} formatting", if bytes_mode { "bytes" } else { "string" })));
    }
    Ok(out)
}

/// Pads a converted piece to the width (text: `count` code points).
fn pad_text(body: &[u8], count: usize, c: &Conv) -> Vec<u8> {
    if c.width <= count {
        return body.to_vec();
    }
    let n = c.width - count;
    let mut out = Vec::with_capacity(body.len() + n);
    if c.left {
        out.extend_from_slice(body);
        out.extend(std::iter::repeat(b' ').take(n));
    } else {
        out.extend(std::iter::repeat(b' ').take(n));
        out.extend_from_slice(body);
    }
    out
}

/// Pads a number: sign and prefix, then zeros (with `0`), then digits.
fn pad_number(sign: &str, prefix: &str, digits: &str, c: &Conv, zero_ok: bool) -> Vec<u8> {
    let len = sign.len() + prefix.len() + digits.len();
    if c.zero && !c.left && zero_ok && c.width > len {
        let mut s = String::with_capacity(c.width);
        s.push_str(sign);
        s.push_str(prefix);
        s.push_str(&"0".repeat(c.width - len));
        s.push_str(digits);
        return s.into_bytes();
    }
    let body = format!("{}{}{}", sign, prefix, digits);
    pad_text(body.as_bytes(), body.len(), c)
}

fn sign_of(neg: bool, c: &Conv) -> &'static str {
    if neg {
        "-"
    } else if c.plus {
        "+"
    } else if c.space {
        " "
    } else {
        ""
    }
}

fn convert(vm: &mut Vm, ty: char, v: &Value, c: &Conv, bytes_mode: bool, pos: usize) -> PyResult<Vec<u8>> {
    match ty {
        's' | 'r' | 'a' | 'b' => {
            let body: Vec<u8> = if bytes_mode {
                match ty {
                    's' | 'b' => match super::bytes::buffer_bytes(vm, v)? {
                        Some(b) => b,
                        None => {
                            let ty_has_bytes = crate::slots::special(&vm.type_of(v), "__bytes__");
                            match ty_has_bytes {
                                Some(f) => {
                                    let r = vm.call(&f, &[v.clone()])?;
                                    super::bytes::buffer_bytes(vm, &r)?.unwrap_or_default()
                                }
                                None => {
                                    return Err(vm.type_error(format!(
                                        // CPython names %b for %s too (they are one conversion for bytes).
                                        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                                        vm.type_name(v)
                                    )))
                                }
                            }
                        }
                    },
                    _ => {
                        let r = vm.ascii(v)?;
                        r.as_str().unwrap_or("").as_bytes().to_vec()
                    }
                }
            } else {
                let r = match ty {
                    's' => vm.str(v)?,
                    'r' => vm.repr(v)?,
                    'a' => vm.ascii(v)?,
                    _ => return Err(unsupported(vm, ty, pos)),
                };
                r.as_str().unwrap_or("").as_bytes().to_vec()
            };
            let mut body = body;
            let mut count = if bytes_mode { body.len() } else { String::from_utf8_lossy(&body).chars().count() };
            if let Some(p) = c.prec {
                if p < count {
                    if bytes_mode {
                        body.truncate(p);
                    } else {
                        let s = String::from_utf8_lossy(&body).into_owned();
                        let cut = s.char_indices().nth(p).map(|(b, _)| b).unwrap_or(s.len());
                        body.truncate(cut);
                    }
                    count = p;
                }
            }
            Ok(pad_text(&body, count, c))
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let n: BigInt = match as_bigint(v) {
                Some(n) => n,
                None => {
                    let is_float = matches!(v, Value::Float(_)) || matches!(v, Value::Obj(o) if matches!(o.data, Data::Float(_)));
                    let ty_obj = vm.type_of(v);
                    if matches!(ty, 'd' | 'i' | 'u') && (is_float || crate::slots::special(&ty_obj, "__int__").is_some()) {
                        let f = match v {
                            Value::Float(f) => Some(f.get()),
                            Value::Obj(o) => match &o.data {
                                Data::Float(f) => Some(*f),
                                _ => None,
                            },
                            _ => None,
                        };
                        match f {
                            Some(f) if f.is_nan() => return Err(vm.value_error("cannot convert float NaN to integer")),
                            Some(f) if f.is_infinite() => return Err(vm.overflow_error("cannot convert float infinity to integer")),
                            Some(f) => float_to_bigint(f.trunc()),
                            None => {
                                let f = crate::slots::special(&ty_obj, "__int__").unwrap_or(Value::None);
                                let r = vm.call(&f, &[v.clone()])?;
                                as_bigint(&r).ok_or_else(|| vm.type_error(format!("__int__ returned non-int (type {})", vm.type_name(&r))))?
                            }
                        }
                    } else if crate::slots::special(&ty_obj, "__index__").is_some() {
                        let i = vm.index_to_i64(v)?;
                        BigInt::from(i)
                    } else if matches!(ty, 'd' | 'i' | 'u') {
                        return Err(vm.type_error(format!("%{} format: a real number is required, not {}", ty, vm.type_name(v))));
                    } else {
                        return Err(vm.type_error(format!("%{} format: an integer is required, not {}", ty, vm.type_name(v))));
                    }
                }
            };
            let (radix, prefix) = match ty {
                'o' => (8, "0o"),
                'x' => (16, "0x"),
                'X' => (16, "0X"),
                _ => (10, ""),
            };
            let mut digits = n.abs().to_str_radix(radix);
            if ty == 'X' {
                digits = digits.to_ascii_uppercase();
            }
            if let Some(p) = c.prec {
                if digits.len() < p {
                    digits = format!("{}{}", "0".repeat(p - digits.len()), digits);
                }
            }
            let prefix = if c.alt { prefix } else { "" };
            Ok(pad_number(sign_of(n.is_negative(), c), prefix, &digits, c, true))
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = match v {
                Value::Float(f) => f.get(),
                Value::Int(i) => *i as f64,
                Value::Bool(b) => b.get() as i64 as f64,
                Value::Obj(o) => match &o.data {
                    Data::Float(f) => *f,
                    Data::Int(i) => i.to_f64().filter(|f| f.is_finite()).ok_or_else(|| vm.overflow_error("int too large to convert to float"))?,
                    _ => {
                        let ty_obj = o.ty.clone();
                        match crate::slots::special(&ty_obj, "__float__") {
                            Some(f) => {
                                let r = vm.call(&f, &[v.clone()])?;
                                match r {
                                    Value::Float(f) => f.get(),
                                    _ => return Err(vm.type_error("__float__ returned non-float")),
                                }
                            }
                            None => return Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v)))),
                        }
                    }
                },
                _ => return Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v)))),
            };
            let neg = x.is_sign_negative() && !x.is_nan();
            if !x.is_finite() {
                let mut b = if x.is_nan() { "nan".to_string() } else { "inf".to_string() };
                if ty.is_ascii_uppercase() {
                    b = b.to_uppercase();
                }
                return Ok(pad_number(sign_of(neg, c), "", &b, c, false));
            }
            let spec = super::format::Spec { alt: c.alt, precision: Some(c.prec.unwrap_or(6)), ty: Some(ty), ..Default::default() };
            let body = super::format::format_float_spec(vm, x.abs(), &spec)?;
            Ok(pad_number(sign_of(neg, c), "", &body, c, true))
        }
        'c' => {
            let ch: Vec<u8> = if bytes_mode {
                match v {
                    Value::Obj(o) if matches!(&o.data, Data::Bytes(b) if b.len() == 1) => {
                        let Data::Bytes(b) = &o.data else { unreachable!() };
                        b.to_vec()
                    }
                    Value::Obj(o) if matches!(&o.data, Data::ByteArray(b) if b.borrow().len() == 1) => {
                        let Data::ByteArray(b) = &o.data else { unreachable!() };
                        b.borrow().clone()
                    }
                    _ => match as_bigint(v) {
                        Some(n) => match n.to_u8() {
                            Some(x) => vec![x],
                            None => return Err(vm.overflow_error("%c arg not in range(256)")),
                        },
                        None => return Err(vm.type_error("%c requires an integer in range(256) or a single byte")),
                    },
                }
            } else if let Some(s) = v.as_pystr() {
                if s.char_len != 1 {
                    return Err(vm.type_error("%c requires int or char"));
                }
                s.s.as_bytes().to_vec()
            } else if let Some(n) = as_bigint(v) {
                match n.to_u32().filter(|&x| x < 0x110000).and_then(egret_frontend::surrogates::char_for_code_point) {
                    Some(ch) => ch.to_string().into_bytes(),
                    None => return Err(vm.overflow_error("%c arg not in range(0x110000)")),
                }
            } else {
                return Err(vm.type_error("%c requires int or char"));
            };
            Ok(pad_text(&ch, 1, c))
        }
        '%' => Ok(pad_text(b"%", 1, c)),
        _ => Err(unsupported(vm, ty, pos)),
    }
}

fn float_to_bigint(f: f64) -> BigInt {
    use num_traits::FromPrimitive;
    BigInt::from_f64(f).unwrap_or_default()
}

fn unsupported(vm: &Vm, ty: char, pos: usize) -> crate::PyErr {
    vm.value_error(format!("unsupported format character '{}' (0x{:x}) at index {}", ty, ty as u32, pos))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::Config;

    #[test]
    fn printf_style() {
        let mut vm = Vm::new(Config::default());
        let t = vm.new_tuple(vec![Value::Int(42), Value::Int(-42), Value::float(3.14159), Value::Int(255)]);
        assert_eq!(str_percent(&mut vm, "%5d|%+05d|%.2f|%#x|%%", &t).unwrap(), "   42|-0042|3.14|0xff|%");
        let t = vm.new_tuple(vec![Value::Int(6), Value::Int(42), Value::Int(2), Value::float(3.14159)]);
        assert_eq!(str_percent(&mut vm, "%*d|%.*f", &t).unwrap(), "    42|3.14");
        assert_eq!(str_percent(&mut vm, "%.3d", &Value::Int(5)).unwrap(), "005");
        let t = vm.new_pair(Value::float(1.0), Value::float(1234.5));
        assert_eq!(str_percent(&mut vm, "%#.3g|%-8.3e|", &t).unwrap(), "1.00|1.234e+03|");
        assert!(str_percent(&mut vm, "%s %s", &Value::Int(1)).is_err());
        let x = vm.new_str("x");
        assert!(str_percent(&mut vm, "%d", &x).is_err());
        assert!(str_percent(&mut vm, "%z", &Value::Int(1)).is_err());
    }
}
