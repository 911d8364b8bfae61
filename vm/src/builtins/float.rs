//! (Owned by the numbers engineer: float: constructor, repr (shortest round-trip, CPython's format), every method and dunder, hex/fromhex, as_integer_ratio, is_integer, round.)
//!
//! `float` values are `Value::Float` (float-subclass instances are
//! `Data::Float` objects). `repr` is the shortest string that round-trips
//! (Rust's formatter finds the digits; [`float_repr`] lays them out the way
//! CPython does). `round(x, n)` is computed exactly with big integers, so
//! halfway cases follow the exact binary value as CPython's dtoa-based code does.

use crate::builtins::int::{float_to_int, is_py_space};
use crate::builtins::numeric::{self as num, float_operand, float_ref, int_ref};
use crate::function::Args;
use crate::types::is_subtype;
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::rc::Rc;

// ----- repr ---------------------------------------------------------------------

/// The shortest round-trip digits of a finite non-zero `|f|` and the decimal
/// exponent of the first digit (`1234.5` -> ("12345", 3)).
pub fn shortest_digits(f: f64) -> (String, i32) {
    let s = format!("{:e}", f.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    (digits, exp.parse().unwrap_or(0))
}

/// `repr(f)`: CPython's `float_repr_style = 'short'` format.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let (digits, exp) = shortest_digits(f);
    let mut out = String::with_capacity(24);
    if f < 0.0 {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let point = exp as usize + 1;
            if digits.len() <= point {
                out.push_str(&digits);
                out.extend(std::iter::repeat('0').take(point - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..point]);
                out.push('.');
                out.push_str(&digits[point..]);
            }
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat('0').take((-exp - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
    out
}

// ----- parsing -------------------------------------------------------------------

/// A quiet NaN with a payload no other `fresh_nan` has returned. Floats are
/// inline values whose identity (`is`, `id()`, the NaN hash) is their bit
/// pattern, so distinct payloads make each `float("nan")` a distinct object as
/// in CPython: `{nan: 1}` keeps one key per NaN object, and `nan in [nan]`
/// holds by identity.
pub fn fresh_nan() -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT_PAYLOAD: AtomicU64 = AtomicU64::new(1);
    let payload = NEXT_PAYLOAD.fetch_add(1, Ordering::Relaxed) & ((1u64 << 51) - 1);
    f64::from_bits(0x7FF8_0000_0000_0000 | payload.max(1))
}

/// Parses `float(s)` text (already a Rust str): whitespace, sign, `inf`/`nan`
/// spellings, underscores between digits, Unicode decimal digits.
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim_matches(is_py_space);
    let mut ascii = String::with_capacity(t.len());
    for c in t.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            let d = crate::builtins::int::decimal_digit_value(c)?;
            ascii.push(char::from(b'0' + d as u8));
        }
    }
    let (neg, body) = match ascii.as_bytes().first() {
        Some(b'-') => (true, &ascii[1..]),
        Some(b'+') => (false, &ascii[1..]),
        _ => (false, &ascii[..]),
    };
    let lower = body.to_ascii_lowercase();
    let v = match lower.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => fresh_nan(),
        _ => {
            let cleaned = check_decimal_syntax(body)?;
            cleaned.parse::<f64>().ok()?
        }
    };
    Some(if neg { -v } else { v })
}

/// Validates `digits[.digits][e[sign]digits]` with single underscores between
/// digits; returns the text without underscores.
fn check_decimal_syntax(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut out = String::with_capacity(s.len());
    // Reads digits with underscores between them; returns how many digits.
    let read_digits = |i: &mut usize, out: &mut String| -> Option<usize> {
        let mut n = 0;
        while *i < b.len() {
            let c = b[*i];
            if c.is_ascii_digit() {
                out.push(c as char);
                n += 1;
                *i += 1;
            } else if c == b'_' && n > 0 && *i + 1 < b.len() && b[*i + 1].is_ascii_digit() {
                *i += 1;
            } else {
                break;
            }
        }
        if *i < b.len() && b[*i] == b'_' {
            return None;
        }
        Some(n)
    };
    let int_digits = read_digits(&mut i, &mut out)?;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        out.push('.');
        i += 1;
        frac_digits = read_digits(&mut i, &mut out)?;
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        out.push('e');
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            out.push(b[i] as char);
            i += 1;
        }
        if read_digits(&mut i, &mut out)? == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    Some(out)
}

/// `float.fromhex` parsing; `Err(true)` = overflow, `Err(false)` = bad syntax.
pub fn parse_hex_float(s: &str) -> Result<f64, bool> {
    let t = s.trim_matches(is_py_space);
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(if neg { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    if lower == "nan" {
        return Ok(f64::NAN);
    }
    let b = lower.strip_prefix("0x").unwrap_or(&lower).as_bytes();
    let mut i = 0;
    let mut mant = BigUint::zero();
    let mut ndigits = 0;
    let mut frac = 0i64;
    while i < b.len() && b[i].is_ascii_hexdigit() {
        mant = (mant << 4u8) + BigUint::from((b[i] as char).to_digit(16).unwrap());
        ndigits += 1;
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_hexdigit() {
            mant = (mant << 4u8) + BigUint::from((b[i] as char).to_digit(16).unwrap());
            ndigits += 1;
            frac += 1;
            i += 1;
        }
    }
    if ndigits == 0 {
        return Err(false);
    }
    let mut exp: i64 = 0;
    if i < b.len() && b[i] == b'p' {
        i += 1;
        let mut eneg = false;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            eneg = b[i] == b'-';
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            exp = (exp * 10 + (b[i] - b'0') as i64).min(1 << 40);
            i += 1;
        }
        if i == start {
            return Err(false);
        }
        if eneg {
            exp = -exp;
        }
    }
    if i != b.len() {
        return Err(false);
    }
    let e = exp - 4 * frac;
    let v = if mant.is_zero() {
        0.0
    } else if e + (mant.bits() as i64) < -1200 {
        0.0
    } else {
        num::round_to_f64(&mant, e, false).ok_or(true)?
    };
    Ok(if neg { -v } else { v })
}

/// `float.hex()`.
pub fn float_hex(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, e) = if exp == 0 { (0, -1022) } else { (1, exp - 1023) };
    format!("{sign}0x{lead}.{frac:013x}p{}{}", if e < 0 { "-" } else { "+" }, e.abs())
}

// ----- construction ------------------------------------------------------------------

/// `float(x)` for any object.
pub fn float_of(vm: &mut Vm, x: &Value) -> PyResult<f64> {
    match x {
        Value::Float(f) => return Ok(f.get()),
        Value::Int(i) => return Ok(*i as f64),
        Value::Bool(b) => return Ok(b.get() as i64 as f64),
        Value::Obj(o) => {
            let text = match &o.data {
                Data::Str(s) => Some(s.as_str().to_string()),
                Data::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
                Data::ByteArray(b) => Some(String::from_utf8_lossy(&b.borrow()).into_owned()),
                _ => None,
            };
            if let Some(t) = text {
                return match parse_float(&t) {
                    Some(f) => Ok(f),
                    None => {
                        let r = vm.repr_string(x)?;
                        Err(vm.value_error(format!("could not convert string to float: {r}")))
                    }
                };
            }
            if Rc::ptr_eq(&o.ty, &vm.t.int) {
                if let Some(i) = int_ref(x) {
                    return i.to_f64().ok_or_else(|| vm.overflow_error("int too large to convert to float"));
                }
            }
        }
        Value::None => {}
    }
    let ty = vm.type_of(x);
    if let Some(f) = crate::slots::special(&ty, "__float__") {
        let r = vm.call(&f, &[x.clone()])?;
        return match float_ref(&r) {
            Some(v) => Ok(v),
            None => Err(vm.type_error(format!("{}.__float__ returned non-float (type {})", vm.type_name(x), vm.type_name(&r)))),
        };
    }
    if crate::slots::special(&ty, "__index__").is_some() {
        let b = num::index_bigint(vm, x)?;
        return num::big_to_f64(&b).ok_or_else(|| vm.overflow_error("int too large to convert to float"));
    }
    Err(vm.type_error(format!("float() argument must be a string or a real number, not '{}'", vm.type_name(x))))
}

/// A float result for class `cls` (plain for `float`, else a subclass instance).
pub fn float_for_class(vm: &mut Vm, cls: &PyRef, f: f64) -> Value {
    if Rc::ptr_eq(cls, &vm.t.float) {
        Value::float(f)
    } else {
        vm.alloc(cls.clone(), Data::Float(f))
    }
}

fn float_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let cls = match pos.first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => o.clone(),
        Some(v) => return Err(vm.type_error(format!("float.__new__(X): X is not a type object ({})", vm.type_name(v)))),
        None => return Err(vm.type_error("float.__new__(): not enough arguments")),
    };
    if !is_subtype(&cls, &vm.t.float) {
        let n = crate::types::tdata(&cls).name();
        return Err(vm.type_error(format!("float.__new__({n}): {n} is not a subtype of float")));
    }
    if args.has_kwargs() {
        return Err(vm.type_error("float() takes no keyword arguments"));
    }
    let f = match pos.len() {
        1 => 0.0,
        2 => float_of(vm, &pos[1])?,
        n => return Err(vm.type_error(format!("float expected at most 1 argument, got {}", n - 1))),
    };
    Ok(float_for_class(vm, &cls, f))
}

// ----- rounding ---------------------------------------------------------------------

/// `round(x, ndigits)` for a float, correctly rounded (half-even on the exact value).
pub fn round_float(vm: &mut Vm, x: f64, ndigits: i64) -> PyResult<f64> {
    if !x.is_finite() || x == 0.0 {
        return Ok(x);
    }
    if ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0f64.copysign(x));
    }
    let (m, e) = num::f64_decompose(x);
    let ten_n = num_traits::Pow::pow(BigInt::from(10), ndigits.unsigned_abs() as u32);
    let mut numer = BigInt::from(m);
    let mut denom = BigInt::from(1);
    if e >= 0 {
        numer <<= e as usize;
    } else {
        denom <<= (-e) as usize;
    }
    if ndigits >= 0 {
        numer *= &ten_n;
    } else {
        denom *= &ten_n;
    }
    let k = num::div_round_half_even(&numer, &denom);
    if k.is_zero() {
        return Ok(0.0f64.copysign(x));
    }
    let r = if ndigits >= 0 {
        num::int_true_div(num::IntRef::Big(&k), num::IntRef::Big(&ten_n)).map_err(|_| ())
    } else {
        num::big_to_f64(&(k * ten_n)).ok_or(())
    };
    r.map_err(|_| vm.overflow_error("rounded value too large to represent"))
}

fn float_round(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = args.pos().len();
    if args.has_kwargs() || !(1..=2).contains(&n) {
        return Err(vm.type_error(format!("__round__ expected at most 1 argument, got {}", n.saturating_sub(1))));
    }
    let x = self_float(vm, &args, "__round__")?;
    match args.pos().get(1) {
        None | Some(Value::None) => {
            let r = x.round_ties_even();
            float_to_int(vm, r)
        }
        Some(v) => {
            let nd = num::index_bigint(vm, v)?;
            let nd = nd.to_i64().unwrap_or(if nd.is_negative() { i64::MIN } else { i64::MAX });
            Ok(Value::float(round_float(vm, x, nd)?))
        }
    }
}

// ----- method plumbing ------------------------------------------------------------------

fn self_float(vm: &Vm, args: &Args, name: &str) -> PyResult<f64> {
    match args.pos().first() {
        Some(v) => float_ref(v).ok_or_else(|| {
            vm.type_error(format!("descriptor '{}' for 'float' objects doesn't apply to a '{}' object", name, vm.type_name(v)))
        }),
        None => Err(vm.type_error(format!("unbound method float.{}() needs an argument", name))),
    }
}

fn check_nargs(vm: &Vm, args: &Args, name: &str, n: usize) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("float.{}() takes no keyword arguments", name)));
    }
    let got = args.pos().len();
    if got != n + 1 {
        return Err(vm.type_error(format!("expected {} argument{}, got {}", n, if n == 1 { "" } else { "s" }, got.saturating_sub(1))));
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum FOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    DivMod,
    Pow,
}

/// `a op b` on floats with CPython's errors.
fn float_arith(vm: &mut Vm, a: f64, b: f64, op: FOp) -> PyResult<Value> {
    Ok(Value::float(match op {
        FOp::Add => a + b,
        FOp::Sub => a - b,
        FOp::Mul => a * b,
        FOp::Div => {
            if b == 0.0 {
                return Err(vm.zero_division_error("float division by zero"));
            }
            a / b
        }
        FOp::FloorDiv => {
            if b == 0.0 {
                return Err(vm.zero_division_error("float floor division by zero"));
            }
            num::float_divmod(a, b).0
        }
        FOp::Mod => {
            if b == 0.0 {
                return Err(vm.zero_division_error("float modulo"));
            }
            num::float_divmod(a, b).1
        }
        FOp::DivMod => {
            if b == 0.0 {
                return Err(vm.zero_division_error("float divmod()"));
            }
            let (q, r) = num::float_divmod(a, b);
            return Ok(vm.new_pair(Value::float(q), Value::float(r)));
        }
        FOp::Pow => return num::float_pow(vm, a, b),
    }))
}

fn binop(vm: &mut Vm, args: Args, name: &str, op: FOp, reflected: bool) -> PyResult<Value> {
    if matches!(op, FOp::Pow) {
        let n = args.pos().len();
        if args.has_kwargs() || !(2..=3).contains(&n) {
            return Err(vm.type_error(format!("expected 1 or 2 arguments, got {}", n.saturating_sub(1))));
        }
        if args.pos().get(2).map_or(false, |m| !m.is_none()) {
            return Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"));
        }
    } else {
        check_nargs(vm, &args, name, 1)?;
    }
    let a = self_float(vm, &args, name)?;
    let b = match float_operand(vm, &args.pos()[1]) {
        Some(r) => r?,
        None => return Ok(vm.not_implemented.clone()),
    };
    if reflected {
        float_arith(vm, b, a, op)
    } else {
        float_arith(vm, a, b, op)
    }
}

macro_rules! float_binops {
    ($($fwd:ident, $rev:ident, $name:literal, $rname:literal, $op:expr;)*) => {
        $(
            fn $fwd(vm: &mut Vm, args: Args) -> PyResult<Value> { binop(vm, args, $name, $op, false) }
            fn $rev(vm: &mut Vm, args: Args) -> PyResult<Value> { binop(vm, args, $rname, $op, true) }
        )*
        const FLOAT_BINOPS: &[(&str, &str, crate::function::NativeFn, crate::function::NativeFn)] = &[
            $(($name, $rname, $fwd, $rev),)*
        ];
    };
}

float_binops! {
    f_add, f_radd, "__add__", "__radd__", FOp::Add;
    f_sub, f_rsub, "__sub__", "__rsub__", FOp::Sub;
    f_mul, f_rmul, "__mul__", "__rmul__", FOp::Mul;
    f_div, f_rdiv, "__truediv__", "__rtruediv__", FOp::Div;
    f_floordiv, f_rfloordiv, "__floordiv__", "__rfloordiv__", FOp::FloorDiv;
    f_mod, f_rmod, "__mod__", "__rmod__", FOp::Mod;
    f_divmod, f_rdivmod, "__divmod__", "__rdivmod__", FOp::DivMod;
    f_pow, f_rpow, "__pow__", "__rpow__", FOp::Pow;
}

/// Compares a float with a float or int operand exactly; `None` = NotImplemented.
pub fn float_compare(a: f64, other: &Value) -> Option<Option<std::cmp::Ordering>> {
    if let Some(b) = float_ref(other) {
        return Some(a.partial_cmp(&b));
    }
    let i = int_ref(other)?;
    Some(num::cmp_int_float(i, a).map(|o| o.reverse()))
}

fn float_cmp(vm: &mut Vm, args: Args, name: &str, test: fn(std::cmp::Ordering) -> bool, ne: bool) -> PyResult<Value> {
    check_nargs(vm, &args, name, 1)?;
    let a = self_float(vm, &args, name)?;
    match float_compare(a, &args.pos()[1]) {
        None => Ok(vm.not_implemented.clone()),
        Some(None) => Ok(Value::bool(ne)),
        Some(Some(o)) => Ok(Value::bool(test(o))),
    }
}

fn f_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    float_cmp(vm, args, "__eq__", |o| o.is_eq(), false)
}
fn f_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    float_cmp(vm, args, "__ne__", |o| o.is_ne(), true)
}
fn f_lt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    float_cmp(vm, args, "__lt__", |o| o.is_lt(), false)
}
fn f_le(vm: &mut Vm, args: Args) -> PyResult<Value> {
    float_cmp(vm, args, "__le__", |o| o.is_le(), false)
}
fn f_gt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    float_cmp(vm, args, "__gt__", |o| o.is_gt(), false)
}
fn f_ge(vm: &mut Vm, args: Args) -> PyResult<Value> {
    float_cmp(vm, args, "__ge__", |o| o.is_ge(), false)
}

fn f_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__repr__", 0)?;
    let x = self_float(vm, &args, "__repr__")?;
    Ok(vm.new_str(float_repr(x)))
}

fn f_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__hash__", 0)?;
    let x = self_float(vm, &args, "__hash__")?;
    let id = args.pos()[0].id() >> 4;
    Ok(Value::Int(crate::hash::float_hash(x, id)))
}

fn f_bool(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__bool__", 0)?;
    Ok(Value::bool(self_float(vm, &args, "__bool__")? != 0.0))
}

macro_rules! float_unary {
    ($($fname:ident, $name:literal, |$vm:ident, $x:ident| $body:expr;)*) => {
        $(
            fn $fname($vm: &mut Vm, args: Args) -> PyResult<Value> {
                check_nargs($vm, &args, $name, 0)?;
                let $x = self_float($vm, &args, $name)?;
                $body
            }
        )*
    };
}

float_unary! {
    f_neg, "__neg__", |vm, x| Ok(Value::float(-x));
    f_pos, "__pos__", |vm, x| Ok(Value::float(x));
    f_abs, "__abs__", |vm, x| Ok(Value::float(x.abs()));
    f_float, "__float__", |vm, x| Ok(Value::float(x));
    f_int, "__int__", |vm, x| float_to_int(vm, x);
    f_floor, "__floor__", |vm, x| float_to_int(vm, x.floor());
    f_ceil, "__ceil__", |vm, x| float_to_int(vm, x.ceil());
    f_is_integer, "is_integer", |vm, x| Ok(Value::bool(x.is_finite() && x.trunc() == x));
    f_hex, "hex", |vm, x| Ok(vm.new_str(float_hex(x)));
    f_getnewargs, "__getnewargs__", |vm, x| Ok(vm.new_tuple(vec![Value::float(x)]));
    f_as_integer_ratio, "as_integer_ratio", |vm, x| float_as_integer_ratio(vm, x);
}

/// `float.as_integer_ratio()`: the exact fraction in lowest terms.
pub fn float_as_integer_ratio(vm: &mut Vm, x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    let (n, d) = float_ratio(x);
    let (n, d) = (vm.new_bigint(n), vm.new_bigint(d));
    Ok(vm.new_pair(n, d))
}

/// The exact (numerator, denominator) of a finite float, in lowest terms.
pub fn float_ratio(x: f64) -> (BigInt, BigInt) {
    if x == 0.0 {
        return (BigInt::zero(), BigInt::from(1));
    }
    let (mut m, mut e) = num::f64_decompose(x);
    let tz = m.trailing_zeros().min(63) as i32;
    m >>= tz;
    e += tz;
    if e >= 0 {
        (BigInt::from(m) << e as usize, BigInt::from(1))
    } else {
        (BigInt::from(m), BigInt::from(1) << (-e) as usize)
    }
}

fn f_trunc(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__trunc__", 0)?;
    let x = self_float(vm, &args, "__trunc__")?;
    float_to_int(vm, x)
}

fn f_fromhex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kwargs() || args.pos().len() != 2 {
        return Err(vm.type_error(format!("float.fromhex() takes exactly one argument ({} given)", args.pos().len().saturating_sub(1))));
    }
    let Some(s) = args.pos()[1].as_str() else {
        return Err(vm.type_error(format!("fromhex() argument must be str, not {}", vm.type_name(&args.pos()[1]))));
    };
    let f = match parse_hex_float(s) {
        Ok(f) => f,
        Err(true) => return Err(vm.overflow_error("hexadecimal value too large to represent as a float")),
        Err(false) => return Err(vm.value_error("invalid hexadecimal floating-point string")),
    };
    match &args.pos()[0] {
        Value::Obj(cls) if !Rc::ptr_eq(cls, &vm.t.float) => {
            let cls = args.pos()[0].clone();
            vm.call(&cls, &[Value::float(f)])
        }
        _ => Ok(Value::float(f)),
    }
}

fn f_getformat(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match args.pos().get(1).and_then(|v| v.as_str()) {
        Some("double") | Some("float") => Ok(vm.new_str("IEEE, little-endian")),
        Some(_) => Err(vm.value_error("__getformat__() argument 1 must be 'double' or 'float'")),
        None => Err(vm.type_error("__getformat__() argument must be str")),
    }
}

fn get_real(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    float_ref(v).map(Value::float).ok_or_else(|| vm.type_error("descriptor requires a 'float' object"))
}
fn get_imag(_vm: &mut Vm, _v: &Value) -> PyResult<Value> {
    Ok(Value::float(0.0))
}

pub fn init(vm: &mut Vm) {
    let fl = vm.t.float.clone();
    vm.add_staticmethod(&fl, "__new__", float_new);
    for &(name, rname, f, r) in FLOAT_BINOPS {
        vm.add_method(&fl, name, f);
        vm.add_method(&fl, rname, r);
    }
    let methods: &[(&'static str, crate::function::NativeFn)] = &[
        ("__eq__", f_eq),
        ("__ne__", f_ne),
        ("__lt__", f_lt),
        ("__le__", f_le),
        ("__gt__", f_gt),
        ("__ge__", f_ge),
        ("__repr__", f_repr),
        ("__hash__", f_hash),
        ("__bool__", f_bool),
        ("__neg__", f_neg),
        ("__pos__", f_pos),
        ("__abs__", f_abs),
        ("__float__", f_float),
        ("__int__", f_int),
        ("__trunc__", f_trunc),
        ("__floor__", f_floor),
        ("__ceil__", f_ceil),
        ("__round__", float_round),
        ("__getnewargs__", f_getnewargs),
        ("conjugate", f_float),
        ("is_integer", f_is_integer),
        ("as_integer_ratio", f_as_integer_ratio),
        ("hex", f_hex),
    ];
    for &(name, f) in methods {
        vm.add_method(&fl, name, f);
    }
    vm.add_classmethod(&fl, "fromhex", f_fromhex);
    vm.add_classmethod(&fl, "__getformat__", f_getformat);
    crate::builtins::int::add_getter(vm, &fl, "real", "float", get_real);
    crate::builtins::int::add_getter(vm, &fl, "imag", "float", get_imag);
}

/// Keeps `Integer` in use for big-int helpers shared with `round`.
#[allow(dead_code)]
fn is_even(b: &BigInt) -> bool {
    b.is_even()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::Config;

    #[test]
    fn repr_matches_cpython() {
        let cases: &[(f64, &str)] = &[
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1.5e16, "1.5e+16"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (5e-324, "5e-324"),
            (-0.0, "-0.0"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (0.1 + 0.2, "0.30000000000000004"),
            (100.0, "100.0"),
            (f64::NAN, "nan"),
        ];
        for (f, s) in cases {
            assert_eq!(float_repr(*f), *s);
        }
    }

    #[test]
    fn parse_and_hex() {
        assert_eq!(parse_float("  1_0.5 "), Some(10.5));
        assert_eq!(parse_float("1_0e1_0"), Some(1e11));
        assert_eq!(parse_float("-Infinity"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_float("١.٥"), Some(1.5));
        for bad in ["1e", "1.2.3", "0x10", "1_", "_1", "", ".", "1__0", "1e-_5", "infinit"] {
            assert_eq!(parse_float(bad), None, "{bad}");
        }
        assert_eq!(float_hex(0.1), "0x1.999999999999ap-4");
        assert_eq!(float_hex(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(parse_hex_float("0x1.8p1"), Ok(3.0));
        assert_eq!(parse_hex_float("-0x1p-1074"), Ok(-5e-324));
        assert_eq!(parse_hex_float("0x3p-1076"), Ok(5e-324));
        assert_eq!(parse_hex_float("0x1p1024"), Err(true));
        assert_eq!(parse_hex_float(" 0x1.fffffffffffffp+1023 "), Ok(f64::MAX));
    }

    #[test]
    fn rounding() {
        let mut vm = Vm::new(Config::default());
        assert_eq!(round_float(&mut vm, 2.675, 2).unwrap(), 2.67);
        assert_eq!(round_float(&mut vm, 0.125, 2).unwrap(), 0.12);
        assert_eq!(round_float(&mut vm, 0.375, 2).unwrap(), 0.38);
        assert_eq!(round_float(&mut vm, 1234.5678, -2).unwrap(), 1200.0);
        assert_eq!(round_float(&mut vm, 5e-324, 323).unwrap(), 0.0);
        assert_eq!(round_float(&mut vm, 5e-324, 324).unwrap(), 5e-324);
        assert!(round_float(&mut vm, 1.7976931348623157e308, -308).is_err());
        assert_eq!(float_ratio(0.1).1, BigInt::from(1u64 << 55));
    }
}
