//! (Owned by the numbers engineer: int and bool: constructor (int(x, base)), every method and dunder, bigints, the 4300-digit limit.)
//!
//! `int` values are `Value::Int(i64)` when they fit, otherwise `Data::Int`
//! big ints (also used for instances of int subclasses); `bool` values are
//! `Value::Bool`. Arithmetic on two small ints goes through the inline
//! fast path in `numeric.rs`; the dunders here handle everything (small,
//! big, bool and subclass operands) with CPython's semantics and messages.
//! Parsing and printing honour the int/str digit limit (`sys.set_int_max_str_digits`).

use crate::builtins::numeric::{self as num, int_ref, IntRef};
use crate::descriptor::GetSet;
use crate::function::Args;
use crate::types::{is_subtype, Layout};
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::{PyErr, PyResult};
use egret_frontend::bytecode::BinaryOperator as Op;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cell::Cell;
use std::rc::Rc;

// ----- the int <-> str digit limit -------------------------------------------

pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;
pub const MAX_STR_DIGITS_THRESHOLD: usize = 640;

thread_local! {
    static MAX_STR_DIGITS: Cell<usize> = const { Cell::new(DEFAULT_MAX_STR_DIGITS) };
}

/// `sys.get_int_max_str_digits()`.
pub fn get_int_max_str_digits() -> usize {
    MAX_STR_DIGITS.with(|c| c.get())
}

/// `sys.set_int_max_str_digits(n)` (0 = no limit).
pub fn set_int_max_str_digits(vm: &mut Vm, n: &Value) -> PyResult<()> {
    let n = vm.index_to_i64(n)?;
    if n != 0 && n < MAX_STR_DIGITS_THRESHOLD as i64 {
        return Err(vm.value_error(format!("maxdigits must be 0 or larger than {}", MAX_STR_DIGITS_THRESHOLD)));
    }
    MAX_STR_DIGITS.with(|c| c.set(n as usize));
    Ok(())
}

/// `sys.get_int_max_str_digits()` as a native function.
pub fn sys_get_int_max_str_digits(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(get_int_max_str_digits() as i64))
}

/// `sys.set_int_max_str_digits(maxdigits)` as a native function.
pub fn sys_set_int_max_str_digits(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = match (args.pos(), args.kwarg("maxdigits")) {
        ([v], None) | ([], Some(v)) => v.clone(),
        _ => return Err(vm.type_error("set_int_max_str_digits() takes exactly one argument")),
    };
    set_int_max_str_digits(vm, &v)?;
    Ok(Value::None)
}

fn limit_error(vm: &Vm, has: Option<usize>) -> PyErr {
    let lim = get_int_max_str_digits();
    match has {
        Some(n) => vm.value_error(format!(
            "Exceeds the limit ({lim} digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit"
        )),
        None => vm.value_error(format!(
            "Exceeds the limit ({lim} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        )),
    }
}

/// Decimal string of an int, subject to the digit limit.
pub fn int_to_decimal(vm: &Vm, i: IntRef) -> PyResult<String> {
    match i {
        IntRef::Small(x) => Ok(x.to_string()),
        IntRef::Big(b) => {
            let lim = get_int_max_str_digits();
            if lim > 0 {
                // log10(2) ~ 0.30103: reject clearly-too-long values before converting.
                let bits = b.bits() as f64;
                if (bits - 1.0) * 0.30102999566398 > (lim + 1) as f64 {
                    return Err(limit_error(vm, None));
                }
            }
            let s = b.to_string();
            let digits = s.len() - b.is_negative() as usize;
            if lim > 0 && digits > lim {
                return Err(limit_error(vm, None));
            }
            Ok(s)
        }
    }
}

/// Digits of an int in `radix` (2..=36), lower case, with a leading `-` when negative, no prefix.
pub fn int_to_str_radix(i: IntRef, radix: u32) -> String {
    match i {
        IntRef::Small(x) => {
            let b = BigInt::from(x);
            b.to_str_radix(radix)
        }
        IntRef::Big(b) => b.to_str_radix(radix),
    }
}

/// `bin()`/`oct()`/`hex()` text: `-0x1f` style (radix 2, 8 or 16).
pub fn int_to_prefixed(i: IntRef, radix: u32) -> String {
    let prefix = match radix {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => "",
    };
    let s = int_to_str_radix(i, radix);
    match s.strip_prefix('-') {
        Some(rest) => format!("-{prefix}{rest}"),
        None => format!("{prefix}{s}"),
    }
}

// ----- parsing -----------------------------------------------------------------

pub enum IntParseError {
    Invalid,
    TooManyDigits(usize),
}

/// Python's `str.isspace` for the characters that matter when stripping numbers.
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// First code points of the Unicode decimal-digit (Nd) runs of ten.
const DECIMAL_ZEROS: &[u32] = &[
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040,
    0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0,
    0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8,
    0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E950, 0x1FBF0,
];

/// The value of a Unicode decimal digit (`'٣'` -> 3), ASCII included.
pub fn decimal_digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    let cp = c as u32;
    if cp < 0x660 {
        return None;
    }
    for &z in DECIMAL_ZEROS {
        if cp >= z && cp < z + 10 {
            return Some(cp - z);
        }
    }
    None
}

fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_alphanumeric() {
        return c.to_digit(36);
    }
    decimal_digit_value(c)
}

/// Parses int literal text as `int(s, base)` does (`base` 0 or 2..=36).
pub fn parse_int(s: &str, base: u32) -> Result<BigInt, IntParseError> {
    let s = s.trim_matches(is_py_space);
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower2: String = s.chars().take(2).collect::<String>().to_ascii_lowercase();
    let mut base = base;
    let mut body = s;
    let mut after_prefix = false;
    let prefix_base = match lower2.as_str() {
        "0x" => 16,
        "0o" => 8,
        "0b" => 2,
        _ => 0,
    };
    if prefix_base != 0 && (base == 0 || base == prefix_base) {
        base = prefix_base;
        body = &s[2..];
        after_prefix = true;
    }
    let zero_rule = base == 0;
    if base == 0 {
        base = 10;
    }
    let mut digits: Vec<u8> = Vec::with_capacity(body.len());
    let mut prev_underscore = false;
    for (i, c) in body.chars().enumerate() {
        if c == '_' {
            if prev_underscore || (i == 0 && !after_prefix) {
                return Err(IntParseError::Invalid);
            }
            prev_underscore = true;
            continue;
        }
        prev_underscore = false;
        match digit_value(c) {
            Some(d) if d < base => digits.push(d as u8),
            _ => return Err(IntParseError::Invalid),
        }
    }
    if digits.is_empty() || prev_underscore {
        return Err(IntParseError::Invalid);
    }
    if zero_rule && digits[0] == 0 && digits.iter().any(|&d| d != 0) {
        return Err(IntParseError::Invalid);
    }
    let lim = get_int_max_str_digits();
    if lim > 0 && !base.is_power_of_two() && digits.len() > lim {
        return Err(IntParseError::TooManyDigits(digits.len()));
    }
    let v = BigInt::from_radix_be(if neg { Sign::Minus } else { Sign::Plus }, &digits, base).ok_or(IntParseError::Invalid)?;
    Ok(v)
}

/// `int(text, base)` for a str/bytes value, with CPython's error messages.
fn int_from_text(vm: &mut Vm, orig: &Value, text: &str, base: u32) -> PyResult<BigInt> {
    match parse_int(text, base) {
        Ok(b) => Ok(b),
        Err(IntParseError::TooManyDigits(n)) => Err(limit_error(vm, Some(n))),
        Err(IntParseError::Invalid) => {
            let mut r = vm.repr_string(orig)?;
            if r.chars().count() > 200 {
                r = r.chars().take(200).collect();
            }
            Err(vm.value_error(format!("invalid literal for int() with base {}: {}", base, r)))
        }
    }
}

/// The text of a str, bytes or bytearray value (bytes decoded as Latin-1-free ASCII).
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Obj(o) => match &o.data {
            Data::Str(s) => Some(s.as_str().to_string()),
            Data::Bytes(b) => Some(b.iter().map(|&c| if c < 128 { c as char } else { '\u{fffd}' }).collect()),
            Data::ByteArray(b) => Some(b.borrow().iter().map(|&c| if c < 128 { c as char } else { '\u{fffd}' }).collect()),
            _ => None,
        },
        _ => None,
    }
}

// ----- construction --------------------------------------------------------------

/// Wraps an int result for class `cls`: a plain int for `int`, else a subclass instance.
pub fn int_for_class(vm: &mut Vm, cls: &PyRef, b: BigInt) -> Value {
    if Rc::ptr_eq(cls, &vm.t.int) {
        vm.new_bigint(b)
    } else {
        vm.alloc(cls.clone(), Data::Int(b))
    }
}

/// `int(x)`: the int value of any object (no base).
pub fn int_of(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    match x {
        Value::Int(_) => return Ok(x.clone()),
        Value::Bool(b) => return Ok(Value::Int(b.get() as i64)),
        Value::Float(f) => return float_to_int(vm, f.get()),
        Value::None => {}
        Value::Obj(o) => {
            if Rc::ptr_eq(&o.ty, &vm.t.int) {
                return Ok(x.clone());
            }
            if let Data::Str(_) | Data::Bytes(_) | Data::ByteArray(_) = &o.data {
                let t = text_of(x).unwrap_or_default();
                let b = int_from_text(vm, x, &t, 10)?;
                return Ok(vm.new_bigint(b));
            }
        }
    }
    let ty = vm.type_of(x);
    if let Some(f) = crate::slots::special(&ty, "__int__") {
        let r = vm.call(&f, &[x.clone()])?;
        return match int_ref(&r) {
            Some(i) => Ok(vm.new_bigint(i.to_big())),
            None => Err(vm.type_error(format!("__int__ returned non-int (type {})", vm.type_name(&r)))),
        };
    }
    if crate::slots::special(&ty, "__index__").is_some() {
        return num::index_value(vm, x);
    }
    if let Some(f) = crate::slots::special(&ty, "__trunc__") {
        let r = vm.call(&f, &[x.clone()])?;
        if let Some(i) = int_ref(&r) {
            return Ok(vm.new_bigint(i.to_big()));
        }
        let rty = vm.type_of(&r);
        if crate::slots::special(&rty, "__index__").is_none() {
            return Err(vm.type_error(format!("__trunc__ returned non-Integral (type {})", vm.type_name(&r))));
        }
        return num::index_value(vm, &r);
    }
    Err(vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name(x)
    )))
}

/// `int(f)` for a float: truncation, with CPython's errors for NaN and infinities.
pub fn float_to_int(vm: &mut Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return Ok(Value::Int(t as i64));
    }
    Ok(vm.new_bigint(num::f64_to_bigint(t)))
}

fn int_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let cls = match pos.first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => o.clone(),
        Some(v) => {
            return Err(vm.type_error(format!("int.__new__(X): X is not a type object ({})", vm.type_name(v))));
        }
        None => return Err(vm.type_error("int.__new__(): not enough arguments")),
    };
    if !is_subtype(&cls, &vm.t.int) {
        let n = crate::types::tdata(&cls).name();
        return Err(vm.type_error(format!("int.__new__({n}): {n} is not a subtype of int")));
    }
    let mut x = pos.get(1).cloned();
    let mut base = pos.get(2).cloned();
    if pos.len() > 3 {
        return Err(vm.type_error(format!("int() takes at most 2 arguments ({} given)", pos.len() - 1)));
    }
    for (k, v) in args.kwargs() {
        match k {
            "base" if base.is_none() => base = Some(v.clone()),
            "base" => return Err(vm.type_error("argument for int() given by name ('base') and position (2)")),
            _ => return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for int()"))),
        }
    }
    let value = match (x.take(), base) {
        (None, None) => Value::Int(0),
        (None, Some(_)) => return Err(vm.type_error("int() missing string argument")),
        (Some(x), None) => int_of(vm, &x)?,
        (Some(x), Some(b)) => {
            let b = vm.index_to_i64(&b).map_err(|e| e)?;
            if b != 0 && !(2..=36).contains(&b) {
                return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            match text_of(&x) {
                Some(t) => {
                    let r = int_from_text(vm, &x, &t, b as u32)?;
                    vm.new_bigint(r)
                }
                None => return Err(vm.type_error("int() can't convert non-string with explicit base")),
            }
        }
    };
    if Rc::ptr_eq(&cls, &vm.t.int) {
        return Ok(value);
    }
    let b = int_ref(&value).map(|i| i.to_big()).unwrap_or_default();
    Ok(vm.alloc(cls, Data::Int(b)))
}

fn bool_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("bool() takes no keyword arguments"));
    }
    let pos = args.pos();
    match pos.len() {
        0 | 1 => Ok(Value::bool(false)),
        2 => Ok(Value::bool(vm.truthy(&pos[1])?)),
        n => Err(vm.type_error(format!("bool expected at most 1 argument, got {}", n - 1))),
    }
}

// ----- arithmetic core -------------------------------------------------------------

fn big_shift_count(vm: &mut Vm, b: IntRef) -> PyResult<Option<u64>> {
    if b.is_negative() {
        return Err(vm.value_error("negative shift count"));
    }
    Ok(b.to_i64().map(|x| x as u64))
}

/// `a op b` for two ints (any size), with CPython's semantics.
pub fn int_binop(vm: &mut Vm, a: IntRef, b: IntRef, op: Op) -> PyResult<Value> {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if op != Op::Power || y >= 0 {
            if let Some(r) = num::fast_binary_op(vm, &Value::Int(x), &Value::Int(y), op) {
                return r;
            }
        }
    }
    match op {
        Op::Add => Ok(vm.new_bigint(big_add(a, b))),
        Op::Subtract => Ok(vm.new_bigint(big_sub(a, b))),
        Op::Multiply => Ok(vm.new_bigint(big_mul(a, b))),
        Op::FloorDivide | Op::Remainder => {
            if b.is_zero() {
                let msg = if op == Op::Remainder { "integer modulo by zero" } else { "integer division or modulo by zero" };
                return Err(vm.zero_division_error(msg));
            }
            let (q, r) = big_div_mod_floor(a, b);
            Ok(vm.new_bigint(if op == Op::FloorDivide { q } else { r }))
        }
        Op::TrueDivide => {
            if b.is_zero() {
                return Err(vm.zero_division_error("division by zero"));
            }
            num::int_true_div(a, b)
                .map(Value::float)
                .map_err(|_| vm.overflow_error("integer division result too large for a float"))
        }
        Op::And => Ok(vm.new_bigint(a.to_big() & b.to_big())),
        Op::Or => Ok(vm.new_bigint(a.to_big() | b.to_big())),
        Op::Xor => Ok(vm.new_bigint(a.to_big() ^ b.to_big())),
        Op::Lshift => {
            let count = big_shift_count(vm, b)?;
            if a.is_zero() {
                return Ok(Value::Int(0));
            }
            match count {
                Some(c) if c <= (1 << 32) => Ok(vm.new_bigint(a.to_big() << c)),
                _ => Err(vm.overflow_error("too many digits in integer")),
            }
        }
        Op::Rshift => {
            let count = big_shift_count(vm, b)?;
            let av = a.to_big();
            match count {
                Some(c) if c < av.bits() + 1 => Ok(vm.new_bigint(av >> c)),
                _ => Ok(Value::Int(if av.is_negative() { -1 } else { 0 })),
            }
        }
        Op::Power => int_pow(vm, a, b),
        _ => Ok(vm.not_implemented.clone()),
    }
}

// ----- big-int arithmetic without copying the operands --------------------------
//
// `IntRef::to_big` clones a big operand; for numbers of thousands of digits
// (pidigits) the copies cost as much as the arithmetic. These work on the
// borrowed digits and allocate only the result.

/// `a + b` (at least one operand big, or the machine add overflowed).
fn big_add(a: IntRef, b: IntRef) -> BigInt {
    match (a, b) {
        (IntRef::Big(x), IntRef::Big(y)) => x + y,
        (IntRef::Big(x), IntRef::Small(y)) | (IntRef::Small(y), IntRef::Big(x)) => x + y,
        (IntRef::Small(x), IntRef::Small(y)) => BigInt::from(x) + y,
    }
}

/// `a - b`.
fn big_sub(a: IntRef, b: IntRef) -> BigInt {
    match (a, b) {
        (IntRef::Big(x), IntRef::Big(y)) => x - y,
        (IntRef::Big(x), IntRef::Small(y)) => x - y,
        (IntRef::Small(x), IntRef::Big(y)) => x - y,
        (IntRef::Small(x), IntRef::Small(y)) => BigInt::from(x) - y,
    }
}

/// `a * b`.
fn big_mul(a: IntRef, b: IntRef) -> BigInt {
    match (a, b) {
        (IntRef::Big(x), IntRef::Big(y)) => x * y,
        (IntRef::Big(x), IntRef::Small(y)) | (IntRef::Small(y), IntRef::Big(x)) => x * y,
        (IntRef::Small(x), IntRef::Small(y)) => BigInt::from(x) * y,
    }
}

/// Orders two ints without copying big ones.
pub fn cmp_int_refs(a: IntRef, b: IntRef) -> std::cmp::Ordering {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => x.cmp(&y),
        (IntRef::Big(x), IntRef::Big(y)) => x.cmp(y),
        (IntRef::Big(x), IntRef::Small(y)) => big_cmp_small(x, y),
        (IntRef::Small(x), IntRef::Big(y)) => big_cmp_small(y, x).reverse(),
    }
}

fn big_cmp_small(x: &BigInt, y: i64) -> std::cmp::Ordering {
    match x.to_i64() {
        Some(v) => v.cmp(&y),
        // Too large for an i64: its sign decides.
        None if x.is_negative() => std::cmp::Ordering::Less,
        None => std::cmp::Ordering::Greater,
    }
}

/// `(a // b, a % b)` with Python's floor rules; `b != 0`.
pub fn big_div_mod_floor(a: IntRef, b: IntRef) -> (BigInt, BigInt) {
    match (a, b) {
        (IntRef::Big(x), IntRef::Big(y)) => match div_small_quotient(x, y) {
            Some(qr) => qr,
            None => x.div_mod_floor(y),
        },
        (IntRef::Big(x), IntRef::Small(y)) => x.div_mod_floor(&BigInt::from(y)),
        (IntRef::Small(x), IntRef::Big(y)) => BigInt::from(x).div_mod_floor(y),
        (IntRef::Small(x), IntRef::Small(y)) => BigInt::from(x).div_mod_floor(&BigInt::from(y)),
    }
}

/// `(a >> shift)` truncated to 128 bits, read from the top digits only.
fn shifted_top_bits(x: &BigInt, shift: u64) -> u128 {
    let first = (shift / 64) as usize;
    let offset = shift % 64;
    let count = x.iter_u64_digits().len();
    let mut words = [0u64; 3];
    for (j, d) in x.iter_u64_digits().rev().enumerate() {
        let i = count - 1 - j;
        if i < first {
            break;
        }
        if i - first < 3 {
            words[i - first] = d;
        }
    }
    let low = ((words[1] as u128) << 64) | words[0] as u128;
    if offset == 0 {
        low
    } else {
        (low >> offset) | ((words[2] as u128) << (128 - offset))
    }
}

/// Floor division of a non-negative big int by a positive one when the
/// quotient is below 2^60: the quotient is estimated from the top 128 bits
/// of `a` and the top 64 bits of `b` (off by at most one), then corrected
/// with one multiply-subtract. O(n), where the general algorithm
/// (Burnikel-Ziegler in num-bigint) does much more work for a quotient of
/// one digit. `None` when the case does not apply.
fn div_small_quotient(a: &BigInt, b: &BigInt) -> Option<(BigInt, BigInt)> {
    if a.sign() == Sign::Minus || b.sign() != Sign::Plus {
        return None;
    }
    let (na, nb) = (a.bits(), b.bits());
    if nb < 128 {
        return None;
    }
    if na < nb {
        return Some((BigInt::zero(), a.clone()));
    }
    if na - nb > 60 {
        return None;
    }
    let shift = nb - 64;
    let top_b = shifted_top_bits(b, shift);
    let top_a = shifted_top_bits(a, shift);
    let mut q = (top_a / top_b) as u64;
    let mut r = a - b * q;
    while r.sign() == Sign::Minus {
        q -= 1;
        r += b;
    }
    while &r >= b {
        q += 1;
        r -= b;
    }
    Some((BigInt::from(q), r))
}

/// `a ** b` for ints (negative exponents give a float).
pub fn int_pow(vm: &mut Vm, a: IntRef, b: IntRef) -> PyResult<Value> {
    if b.is_negative() {
        let af = a.to_f64().ok_or_else(|| vm.overflow_error("int too large to convert to float"))?;
        let bf = b.to_f64().ok_or_else(|| vm.overflow_error("int too large to convert to float"))?;
        return num::float_pow(vm, af, bf);
    }
    let base = a.to_big();
    if base.is_zero() {
        return Ok(Value::Int(if b.is_zero() { 1 } else { 0 }));
    }
    if base.is_one() {
        return Ok(Value::Int(1));
    }
    if base == BigInt::from(-1) {
        let odd = match b {
            IntRef::Small(e) => e & 1 == 1,
            IntRef::Big(e) => e.is_odd(),
        };
        return Ok(Value::Int(if odd { -1 } else { 1 }));
    }
    let e = match b.to_i64() {
        Some(e) if (base.bits() as u128) * (e as u128) < (1u128 << 36) => e as u32,
        _ => return Err(vm.memory_error()),
    };
    Ok(vm.new_bigint(num_traits::Pow::pow(base, e)))
}

/// `pow(a, b, m)` for ints.
pub fn int_pow_mod(vm: &mut Vm, a: IntRef, b: IntRef, m: IntRef) -> PyResult<Value> {
    if m.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let m = m.to_big();
    let mabs = m.abs();
    let mut base = a.to_big().mod_floor(&mabs);
    let mut e = b.to_big();
    if e.is_negative() {
        base = match mod_inverse(&base, &mabs) {
            Some(inv) => inv,
            None => return Err(vm.value_error("base is not invertible for the given modulus")),
        };
        e = -e;
    }
    if mabs.is_one() {
        return Ok(Value::Int(0));
    }
    let mut r = base.modpow(&e, &mabs);
    if m.is_negative() && !r.is_zero() {
        r -= &mabs;
    }
    Ok(vm.new_bigint(r))
}

/// The inverse of `a` modulo `m` (`m > 0`, `0 <= a < m`), if it exists.
pub fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = &old_r / &r;
        let nr = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, nr);
        let ns = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, ns);
    }
    if !old_r.is_one() {
        if m.is_one() {
            return Some(BigInt::zero());
        }
        return None;
    }
    Some(old_s.mod_floor(m))
}

// ----- method plumbing ---------------------------------------------------------------

/// The int payload of `self` for a method of `int` (TypeError otherwise).
fn self_int<'a>(vm: &Vm, args: &'a Args, name: &str) -> PyResult<IntRef<'a>> {
    match args.pos().first() {
        Some(v) => int_ref(v).ok_or_else(|| {
            vm.type_error(format!("descriptor '{}' for 'int' objects doesn't apply to a '{}' object", name, vm.type_name(v)))
        }),
        None => Err(vm.type_error(format!("unbound method int.{}() needs an argument", name))),
    }
}

fn check_nargs(vm: &Vm, args: &Args, name: &str, n: usize) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("int.{}() takes no keyword arguments", name)));
    }
    let got = args.pos().len();
    if got != n + 1 {
        return Err(vm.type_error(format!("expected {} argument{}, got {}", n, if n == 1 { "" } else { "s" }, got.saturating_sub(1))));
    }
    Ok(())
}

macro_rules! int_binops {
    ($($fwd:ident, $rev:ident, $name:literal, $rname:literal, $op:expr;)*) => {
        $(
            fn $fwd(vm: &mut Vm, args: Args) -> PyResult<Value> {
                check_nargs(vm, &args, $name, 1)?;
                let a = self_int(vm, &args, $name)?;
                match int_ref(&args.pos()[1]) {
                    Some(b) => int_binop(vm, a, b, $op),
                    None => Ok(vm.not_implemented.clone()),
                }
            }
            fn $rev(vm: &mut Vm, args: Args) -> PyResult<Value> {
                check_nargs(vm, &args, $rname, 1)?;
                let a = self_int(vm, &args, $rname)?;
                match int_ref(&args.pos()[1]) {
                    Some(b) => int_binop(vm, b, a, $op),
                    None => Ok(vm.not_implemented.clone()),
                }
            }
        )*
        const INT_BINOPS: &[(&str, &str, crate::function::NativeFn, crate::function::NativeFn)] = &[
            $(($name, $rname, $fwd, $rev),)*
        ];
    };
}

int_binops! {
    int_add, int_radd, "__add__", "__radd__", Op::Add;
    int_sub, int_rsub, "__sub__", "__rsub__", Op::Subtract;
    int_mul, int_rmul, "__mul__", "__rmul__", Op::Multiply;
    int_floordiv, int_rfloordiv, "__floordiv__", "__rfloordiv__", Op::FloorDivide;
    int_mod, int_rmod, "__mod__", "__rmod__", Op::Remainder;
    int_truediv, int_rtruediv, "__truediv__", "__rtruediv__", Op::TrueDivide;
    int_lshift, int_rlshift, "__lshift__", "__rlshift__", Op::Lshift;
    int_rshift, int_rrshift, "__rshift__", "__rrshift__", Op::Rshift;
}

fn bitop(vm: &mut Vm, args: Args, name: &str, op: Op, reflected: bool) -> PyResult<Value> {
    check_nargs(vm, &args, name, 1)?;
    let a = self_int(vm, &args, name)?;
    let other = &args.pos()[1];
    let Some(b) = int_ref(other) else { return Ok(vm.not_implemented.clone()) };
    if let (Value::Bool(x), Value::Bool(y)) = (&args.pos()[0], other) {
        return Ok(Value::bool(match op {
            Op::And => x.get() & y.get(),
            Op::Or => x.get() | y.get(),
            _ => x.get() ^ y.get(),
        }));
    }
    if reflected {
        int_binop(vm, b, a, op)
    } else {
        int_binop(vm, a, b, op)
    }
}

fn int_and(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bitop(vm, args, "__and__", Op::And, false)
}
fn int_rand(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bitop(vm, args, "__rand__", Op::And, true)
}
fn int_or(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bitop(vm, args, "__or__", Op::Or, false)
}
fn int_ror(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bitop(vm, args, "__ror__", Op::Or, true)
}
fn int_xor(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bitop(vm, args, "__xor__", Op::Xor, false)
}
fn int_rxor(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bitop(vm, args, "__rxor__", Op::Xor, true)
}

fn int_divmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__divmod__", 1)?;
    let a = self_int(vm, &args, "__divmod__")?;
    match int_ref(&args.pos()[1]) {
        Some(b) => divmod_ints(vm, a, b),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn int_rdivmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__rdivmod__", 1)?;
    let a = self_int(vm, &args, "__rdivmod__")?;
    match int_ref(&args.pos()[1]) {
        Some(b) => divmod_ints(vm, b, a),
        None => Ok(vm.not_implemented.clone()),
    }
}

/// `divmod(a, b)` for ints.
pub fn divmod_ints(vm: &mut Vm, a: IntRef, b: IntRef) -> PyResult<Value> {
    if b.is_zero() {
        return Err(vm.zero_division_error("integer division or modulo by zero"));
    }
    let (q, r) = big_div_mod_floor(a, b);
    let (q, r) = (vm.new_bigint(q), vm.new_bigint(r));
    Ok(vm.new_pair(q, r))
}

fn pow_args(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Option<Value>> {
    let n = args.pos().len();
    if args.has_kwargs() || !(2..=3).contains(&n) {
        return Err(vm.type_error(format!("expected 1 or 2 arguments, got {}", n.saturating_sub(1))));
    }
    let _ = name;
    Ok(args.pos().get(2).cloned().filter(|m| !m.is_none()))
}

fn int_pow_method(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = pow_args(vm, &args, "__pow__")?;
    let a = self_int(vm, &args, "__pow__")?;
    let Some(b) = int_ref(&args.pos()[1]) else { return Ok(vm.not_implemented.clone()) };
    match m {
        None => int_binop(vm, a, b, Op::Power),
        Some(m) => match int_ref(&m) {
            Some(m) => int_pow_mod(vm, a, b, m),
            None => Ok(vm.not_implemented.clone()),
        },
    }
}

fn int_rpow_method(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = pow_args(vm, &args, "__rpow__")?;
    let a = self_int(vm, &args, "__rpow__")?;
    let Some(b) = int_ref(&args.pos()[1]) else { return Ok(vm.not_implemented.clone()) };
    match m {
        None => int_binop(vm, b, a, Op::Power),
        Some(m) => match int_ref(&m) {
            Some(m) => int_pow_mod(vm, b, a, m),
            None => Ok(vm.not_implemented.clone()),
        },
    }
}

// ----- comparisons ---------------------------------------------------------------------

fn int_cmp(vm: &mut Vm, args: Args, name: &str, test: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    check_nargs(vm, &args, name, 1)?;
    let a = self_int(vm, &args, name)?;
    let Some(b) = int_ref(&args.pos()[1]) else { return Ok(vm.not_implemented.clone()) };
    let ord = match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => x.cmp(&y),
        _ => cmp_int_refs(a, b),
    };
    Ok(Value::bool(test(ord)))
}

fn int_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_cmp(vm, args, "__eq__", |o| o.is_eq())
}
fn int_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_cmp(vm, args, "__ne__", |o| o.is_ne())
}
fn int_lt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_cmp(vm, args, "__lt__", |o| o.is_lt())
}
fn int_le(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_cmp(vm, args, "__le__", |o| o.is_le())
}
fn int_gt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_cmp(vm, args, "__gt__", |o| o.is_gt())
}
fn int_ge(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_cmp(vm, args, "__ge__", |o| o.is_ge())
}

// ----- unary and conversions --------------------------------------------------------------

/// The exact-int value of `self` (for `__int__`, `__index__`, `__pos__`, ...).
fn plain(vm: &Vm, a: IntRef) -> Value {
    match a {
        IntRef::Small(x) => Value::Int(x),
        IntRef::Big(b) => vm.new_bigint(b.clone()),
    }
}

fn int_plain(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__int__", 0)?;
    let a = self_int(vm, &args, "__int__")?;
    Ok(plain(vm, a))
}

fn int_neg(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__neg__", 0)?;
    match self_int(vm, &args, "__neg__")? {
        IntRef::Small(x) if x != i64::MIN => Ok(Value::Int(-x)),
        a => Ok(vm.new_bigint(-a.to_big())),
    }
}

fn int_abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__abs__", 0)?;
    match self_int(vm, &args, "__abs__")? {
        IntRef::Small(x) if x != i64::MIN => Ok(Value::Int(x.abs())),
        a => Ok(vm.new_bigint(a.to_big().abs())),
    }
}

fn int_invert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__invert__", 0)?;
    match self_int(vm, &args, "__invert__")? {
        IntRef::Small(x) => Ok(Value::Int(!x)),
        a => Ok(vm.new_bigint(!a.to_big())),
    }
}

fn int_bool(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__bool__", 0)?;
    Ok(Value::bool(!self_int(vm, &args, "__bool__")?.is_zero()))
}

fn int_float(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__float__", 0)?;
    let a = self_int(vm, &args, "__float__")?;
    a.to_f64().map(Value::float).ok_or_else(|| vm.overflow_error("int too large to convert to float"))
}

fn int_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__hash__", 0)?;
    Ok(Value::Int(match self_int(vm, &args, "__hash__")? {
        IntRef::Small(x) => crate::hash::int_hash(x),
        IntRef::Big(b) => crate::hash::bigint_hash(b),
    }))
}

fn int_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__repr__", 0)?;
    if let Value::Bool(b) = &args.pos()[0] {
        return Ok(vm.intern(if b.get() { "True" } else { "False" }));
    }
    let a = self_int(vm, &args, "__repr__")?;
    let s = int_to_decimal(vm, a)?;
    Ok(vm.new_str(s))
}

fn int_round(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = args.pos().len();
    if args.has_kwargs() || !(1..=2).contains(&n) {
        return Err(vm.type_error(format!("__round__ expected at most 1 argument, got {}", n.saturating_sub(1))));
    }
    let a = self_int(vm, &args, "__round__")?;
    let nd = match args.pos().get(1) {
        None | Some(Value::None) => return Ok(plain(vm, a)),
        Some(v) => num::index_bigint(vm, v)?,
    };
    if !nd.is_negative() {
        return Ok(plain(vm, a));
    }
    let digits = -nd;
    let av = a.to_big();
    let Some(d) = digits.to_u32().filter(|&d| (d as u64) < av.bits() / 3 + 2) else { return Ok(Value::Int(0)) };
    let p = num_traits::Pow::pow(BigInt::from(10), d);
    let q = num::div_round_half_even(&av, &p);
    Ok(vm.new_bigint(q * p))
}

fn int_getnewargs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "__getnewargs__", 0)?;
    let a = self_int(vm, &args, "__getnewargs__")?;
    let v = plain(vm, a);
    Ok(vm.new_tuple(vec![v]))
}

fn int_bit_length(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "bit_length", 0)?;
    Ok(Value::Int(match self_int(vm, &args, "bit_length")? {
        IntRef::Small(x) => 64 - x.unsigned_abs().leading_zeros() as i64,
        IntRef::Big(b) => b.bits() as i64,
    }))
}

fn int_bit_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "bit_count", 0)?;
    Ok(Value::Int(match self_int(vm, &args, "bit_count")? {
        IntRef::Small(x) => x.unsigned_abs().count_ones() as i64,
        IntRef::Big(b) => b.magnitude().iter_u64_digits().map(|d| d.count_ones() as i64).sum(),
    }))
}

fn int_as_integer_ratio(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "as_integer_ratio", 0)?;
    let a = self_int(vm, &args, "as_integer_ratio")?;
    let v = plain(vm, a);
    Ok(vm.new_pair(v, Value::Int(1)))
}

fn int_is_integer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_nargs(vm, &args, "is_integer", 0)?;
    self_int(vm, &args, "is_integer")?;
    Ok(Value::bool(true))
}

fn parse_byteorder(vm: &mut Vm, v: Option<&Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(v) => match v.as_str() {
            Some("big") => Ok(false),
            Some("little") => Ok(true),
            Some(_) => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
            None => Err(vm.type_error(format!(
                "to_bytes() argument 'byteorder' must be str, not {}",
                vm.type_name(v)
            ))),
        },
    }
}

/// Collects (positional..., keyword) arguments by name for a method with
/// `names` parameters after self (`npos` of which may be positional).
fn named_args(vm: &mut Vm, args: &Args, fname: &str, names: &[&str], npos: usize) -> PyResult<Vec<Option<Value>>> {
    let pos = &args.pos()[1..];
    if pos.len() > npos {
        return Err(vm.type_error(format!("{}() takes at most {} positional arguments ({} given)", fname, npos, pos.len())));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        match names.iter().position(|n| *n == k) {
            Some(i) if out[i].is_none() => out[i] = Some(v.clone()),
            Some(i) => {
                return Err(vm.type_error(format!("argument for {}() given by name ('{}') and position ({})", fname, k, i + 1)))
            }
            None => return Err(vm.type_error(format!("{}() got an unexpected keyword argument '{}'", fname, k))),
        }
    }
    Ok(out)
}

fn int_to_bytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = self_int(vm, &args, "to_bytes")?.to_big();
    let p = named_args(vm, &args, "to_bytes", &["length", "byteorder", "signed"], 2)?;
    let length = match &p[0] {
        Some(v) => vm.index_to_i64(v)?,
        None => 1,
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let little = parse_byteorder(vm, p[1].as_ref())?;
    let signed = match &p[2] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    if a.is_negative() && !signed {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed { a.to_signed_bytes_be() } else { a.to_bytes_be().1 };
    if a.is_zero() {
        bytes.clear();
    }
    let length = length as usize;
    if bytes.len() > length {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if a.is_negative() { 0xff } else { 0 };
    let mut out = vec![fill; length - bytes.len()];
    out.extend_from_slice(&bytes);
    if little {
        out.reverse();
    }
    Ok(vm.new_bytes(out))
}

fn int_from_bytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = named_args(vm, &args, "from_bytes", &["bytes", "byteorder", "signed"], 2)?;
    let cls = match &args.pos()[0] {
        Value::Obj(o) => o.clone(),
        _ => vm.t.int.clone(),
    };
    let Some(src) = p[0].clone() else { return Err(vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)")) };
    let little = parse_byteorder(vm, p[1].as_ref())?;
    let signed = match &p[2] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut data: Vec<u8> = match &src {
        Value::Obj(o) if matches!(o.data, Data::Bytes(_)) => {
            let Data::Bytes(b) = &o.data else { unreachable!() };
            b.to_vec()
        }
        Value::Obj(o) if matches!(o.data, Data::ByteArray(_)) => {
            let Data::ByteArray(b) = &o.data else { unreachable!() };
            b.borrow().clone()
        }
        Value::Obj(o) if matches!(o.data, Data::Str(_)) => {
            return Err(vm.type_error("cannot convert 'str' object to bytes"));
        }
        _ => {
            let items = vm.collect(&src)?;
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                let n = vm.index_to_i64(&it)?;
                if !(0..256).contains(&n) {
                    return Err(vm.value_error("bytes must be in range(0, 256)"));
                }
                out.push(n as u8);
            }
            out
        }
    };
    if little {
        data.reverse();
    }
    let b = if signed { BigInt::from_signed_bytes_be(&data) } else { BigInt::from_bytes_be(Sign::Plus, &data) };
    if Rc::ptr_eq(&cls, &vm.t.int) {
        return Ok(vm.new_bigint(b));
    }
    let v = vm.new_bigint(b);
    vm.call(&Value::Obj(cls), &[v])
}

// ----- attributes (getsets) ------------------------------------------------------------

fn get_self(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match int_ref(v) {
        Some(i) => Ok(plain(vm, i)),
        None => Err(vm.type_error("descriptor requires an 'int' object")),
    }
}
fn get_zero(_vm: &mut Vm, _v: &Value) -> PyResult<Value> {
    Ok(Value::Int(0))
}
fn get_one(_vm: &mut Vm, _v: &Value) -> PyResult<Value> {
    Ok(Value::Int(1))
}

/// The shared `getset_descriptor` type (created on first use).
pub fn getset_type(vm: &mut Vm) -> PyRef {
    if let Some(t) = vm.extra_types.get("getset_descriptor") {
        return t.clone();
    }
    let t = vm.new_builtin_type("getset_descriptor", None, Layout::Native, 0);
    vm.extra_types.insert("getset_descriptor", t.clone());
    t
}

/// Adds a read-only native attribute to a builtin type.
pub fn add_getter(vm: &mut Vm, ty: &PyRef, name: &'static str, owner: &'static str, get: crate::descriptor::Getter) {
    let gt = getset_type(vm);
    let d = vm.alloc(gt, Data::Native(Box::new(GetSet { name, get, set: None, owner })));
    vm.set_type_attr(ty, name, d);
}

pub fn init(vm: &mut Vm) {
    let int = vm.t.int.clone();
    vm.add_staticmethod(&int, "__new__", int_new);
    for &(name, rname, f, r) in INT_BINOPS {
        vm.add_method(&int, name, f);
        vm.add_method(&int, rname, r);
    }
    let methods: &[(&'static str, crate::function::NativeFn)] = &[
        ("__and__", int_and),
        ("__rand__", int_rand),
        ("__or__", int_or),
        ("__ror__", int_ror),
        ("__xor__", int_xor),
        ("__rxor__", int_rxor),
        ("__divmod__", int_divmod),
        ("__rdivmod__", int_rdivmod),
        ("__pow__", int_pow_method),
        ("__rpow__", int_rpow_method),
        ("__eq__", int_eq),
        ("__ne__", int_ne),
        ("__lt__", int_lt),
        ("__le__", int_le),
        ("__gt__", int_gt),
        ("__ge__", int_ge),
        ("__int__", int_plain),
        ("__index__", int_plain),
        ("__pos__", int_plain),
        ("__trunc__", int_plain),
        ("__floor__", int_plain),
        ("__ceil__", int_plain),
        ("conjugate", int_plain),
        ("__neg__", int_neg),
        ("__abs__", int_abs),
        ("__invert__", int_invert),
        ("__bool__", int_bool),
        ("__float__", int_float),
        ("__hash__", int_hash),
        ("__repr__", int_repr),
        ("__round__", int_round),
        ("__getnewargs__", int_getnewargs),
        ("bit_length", int_bit_length),
        ("bit_count", int_bit_count),
        ("as_integer_ratio", int_as_integer_ratio),
        ("is_integer", int_is_integer),
        ("to_bytes", int_to_bytes),
    ];
    for &(name, f) in methods {
        vm.add_method(&int, name, f);
    }
    vm.add_classmethod(&int, "from_bytes", int_from_bytes);
    add_getter(vm, &int, "real", "int", get_self);
    add_getter(vm, &int, "numerator", "int", get_self);
    add_getter(vm, &int, "imag", "int", get_zero);
    add_getter(vm, &int, "denominator", "int", get_one);

    let b = vm.t.bool_.clone();
    vm.add_staticmethod(&b, "__new__", bool_new);
    vm.add_method(&b, "__repr__", int_repr);
    for &(name, f) in &[("__and__", int_and as crate::function::NativeFn), ("__rand__", int_rand), ("__or__", int_or), ("__ror__", int_ror), ("__xor__", int_xor), ("__rxor__", int_rxor)] {
        vm.add_method(&b, name, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::Config;

    fn parse(s: &str, base: u32) -> Option<String> {
        parse_int(s, base).ok().map(|b| b.to_string())
    }

    #[test]
    fn parses_like_cpython() {
        assert_eq!(parse("  -42\n", 10).as_deref(), Some("-42"));
        assert_eq!(parse("0x_ff_ff", 16).as_deref(), Some("65535"));
        assert_eq!(parse("0b_1010", 0).as_deref(), Some("10"));
        assert_eq!(parse("0_0", 0).as_deref(), Some("0"));
        assert_eq!(parse("٤٢", 16).as_deref(), Some("66"));
        assert_eq!(parse("helloworld", 36).as_deref(), Some("1767707668033969"));
        for bad in ["", " ", "1_", "_1", "1__0", "0x", "+-1", "- 1", "0b", "1 0"] {
            assert!(parse(bad, 10).is_none(), "{bad}");
        }
        assert!(parse("010", 0).is_none());
        assert!(parse("0x1", 10).is_none());
        assert!(parse("0_x1", 0).is_none());
    }

    #[test]
    fn arithmetic_and_methods() {
        let mut vm = Vm::new(Config::default());
        let big = BigInt::from(1) << 70;
        let r = int_binop(&mut vm, IntRef::Big(&big), IntRef::Small(-1), Op::And).unwrap();
        assert_eq!(format!("{:?}", r), big.to_string());
        let r = int_binop(&mut vm, IntRef::Small(-(1 << 62)), IntRef::Small(4), Op::Multiply).unwrap();
        assert_eq!(format!("{:?}", r), "-18446744073709551616");
        let r = int_binop(&mut vm, IntRef::Small(-1), IntRef::Small(1000), Op::Rshift).unwrap();
        assert!(matches!(r, Value::Int(-1)));
        let r = int_pow_mod(&mut vm, IntRef::Small(38), IntRef::Small(-1), IntRef::Small(97)).unwrap();
        assert!(matches!(r, Value::Int(23)));
        let r = int_pow_mod(&mut vm, IntRef::Small(-3), IntRef::Small(3), IntRef::Small(-7)).unwrap();
        assert!(matches!(r, Value::Int(-6)));
        assert!(int_pow_mod(&mut vm, IntRef::Small(2), IntRef::Small(-1), IntRef::Small(4)).is_err());
        let r = int_binop(&mut vm, IntRef::Small(2), IntRef::Small(-1), Op::Power).unwrap();
        assert!(matches!(r, Value::Float(f) if f.get() == 0.5));
        let v = vm.call(&Value::Obj(vm.t.int.clone()), &[vm.new_str(" 0x1F "), Value::Int(0)]).unwrap();
        assert!(matches!(v, Value::Int(31)));
        let v = vm.call(&Value::Obj(vm.t.int.clone()), &[Value::float(-3.99)]).unwrap();
        assert!(matches!(v, Value::Int(-3)));
        let f = vm.getattr_str(&Value::Int(37), "bit_length").unwrap();
        assert!(matches!(vm.call(&f, &[]).unwrap(), Value::Int(6)));
    }

    #[test]
    fn digit_limit() {
        let mut vm = Vm::new(Config::default());
        let big = num_traits::Pow::pow(BigInt::from(10), 4300u32);
        assert!(int_to_decimal(&vm, IntRef::Big(&big)).is_err());
        let ok = num_traits::Pow::pow(BigInt::from(10), 4299u32);
        assert_eq!(int_to_decimal(&vm, IntRef::Big(&ok)).unwrap().len(), 4300);
        assert!(set_int_max_str_digits(&mut vm, &Value::Int(100)).is_err());
    }
}
