//! (Owned by the numbers engineer: complex.)
//!
//! `complex` objects carry `Data::Complex(re, im)`. Arithmetic follows
//! CPython 3.12 (ints and floats are widened to complex first; division uses
//! Smith's algorithm; `**` with a small integral exponent multiplies
//! repeatedly), and the repr drops a positive-zero real part (`1j`) and
//! keeps signed zeros (`(-0-1j)`).

use crate::builtins::float::{float_of, parse_float};
use crate::builtins::int::is_py_space;
use crate::builtins::numeric::{float_ref, int_ref};
use crate::function::Args;
use crate::types::is_subtype;
use crate::value::{Data, PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::rc::Rc;

pub type C = (f64, f64);

/// The (re, im) of a complex or complex-subclass value.
#[inline]
pub fn complex_ref(v: &Value) -> Option<C> {
    match v {
        Value::Obj(o) => match &o.data {
            Data::Complex(r, i) => Some((*r, *i)),
            _ => None,
        },
        _ => None,
    }
}

/// A complex operand: complex, float or int (widened); `None` = NotImplemented.
pub fn complex_operand(vm: &mut Vm, v: &Value) -> Option<PyResult<C>> {
    if let Some(c) = complex_ref(v) {
        return Some(Ok(c));
    }
    if let Some(f) = float_ref(v) {
        return Some(Ok((f, 0.0)));
    }
    let i = int_ref(v)?;
    Some(i.to_f64().map(|f| (f, 0.0)).ok_or_else(|| vm.overflow_error("int too large to convert to float")))
}

// ----- repr ------------------------------------------------------------------------

/// A float formatted like `repr` but without the trailing `.0` (`'r'` format code).
fn short(f: f64) -> String {
    let s = crate::builtins::float::float_repr(f);
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

/// `repr(complex)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let mut imag = short(im);
    if !imag.starts_with('-') {
        imag.insert(0, '+');
    }
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", imag.trim_start_matches('+'));
    }
    format!("({}{}j)", short(re), imag)
}

// ----- arithmetic ----------------------------------------------------------------------

#[inline]
pub fn c_mul(a: C, b: C) -> C {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `a / b`; `None` when `b` is zero.
pub fn c_div(a: C, b: C) -> Option<C> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn c_powu(x: C, n: u64) -> C {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: u64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_mul(r, p);
        }
        mask <<= 1;
        p = c_mul(p, p);
    }
    r
}

/// Complex power errors: `Err(true)` = zero to a negative/complex power.
fn c_pow(a: C, b: C) -> Result<C, bool> {
    if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n >= 0 {
            return Ok(c_powu(a, n as u64));
        }
        return c_div((1.0, 0.0), c_powu(a, (-n) as u64)).ok_or(true);
    }
    if b.0 == 0.0 && b.1 == 0.0 {
        return Ok((1.0, 0.0));
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(true);
        }
        return Ok((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Ok((len * phase.cos(), len * phase.sin()))
}

/// `a ** b` for complex operands, as a value (used by float ** float too).
pub fn complex_pow_value(vm: &mut Vm, a: C, b: C) -> PyResult<Value> {
    match c_pow(a, b) {
        Err(_) => Err(vm.zero_division_error("0.0 to a negative or complex power")),
        Ok(r) => {
            if r.0.is_infinite() || r.1.is_infinite() {
                return Err(vm.overflow_error("complex exponentiation"));
            }
            Ok(vm.new_complex(r.0, r.1))
        }
    }
}

/// `hash(complex)`.
pub fn complex_hash(re: f64, im: f64, id: i64) -> i64 {
    let hr = crate::hash::float_hash(re, id) as u64;
    let hi = crate::hash::float_hash(im, id) as u64;
    let h = hr.wrapping_add(1000003u64.wrapping_mul(hi)) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

// ----- parsing and construction -------------------------------------------------------

/// Parses `complex(s)` text.
pub fn parse_complex(s: &str) -> Option<C> {
    let mut t = s.trim_matches(is_py_space);
    if let Some(inner) = t.strip_prefix('(') {
        t = inner.strip_suffix(')')?.trim_matches(is_py_space);
    }
    if t.is_empty() || t.chars().any(is_py_space) {
        return None;
    }
    let part = |p: &str| -> Option<f64> {
        match p {
            "" | "+" => Some(1.0),
            "-" => Some(-1.0),
            _ => parse_float(p),
        }
    };
    match t.strip_suffix(['j', 'J']) {
        None => Some((parse_float(t)?, 0.0)),
        Some(body) => {
            let b = body.as_bytes();
            let mut split = None;
            for k in (1..b.len()).rev() {
                if (b[k] == b'+' || b[k] == b'-') && !(b[k - 1] == b'e' || b[k - 1] == b'E') {
                    split = Some(k);
                    break;
                }
            }
            match split {
                Some(k) => {
                    let re = parse_float(&body[..k])?;
                    let im = part(&body[k..])?;
                    Some((re, im))
                }
                None => Some((0.0, part(body)?)),
            }
        }
    }
}

/// `complex(x)` of a value with `__complex__`, a complex, or a real number.
fn complex_of(vm: &mut Vm, v: &Value, first: bool) -> PyResult<(C, bool)> {
    let ty = vm.type_of(v);
    if let Some(f) = crate::slots::special(&ty, "__complex__") {
        let r = vm.call(&f, &[v.clone()])?;
        return match complex_ref(&r) {
            Some(c) => Ok((c, true)),
            None => Err(vm.type_error(format!("__complex__ returned non-complex (type {})", vm.type_name(&r)))),
        };
    }
    if let Some(c) = complex_ref(v) {
        return Ok((c, true));
    }
    let is_number = float_ref(v).is_some()
        || int_ref(v).is_some()
        || crate::slots::special(&ty, "__float__").is_some()
        || crate::slots::special(&ty, "__index__").is_some();
    if !is_number {
        let msg = if first {
            format!("complex() first argument must be a string or a number, not '{}'", vm.type_name(v))
        } else {
            format!("complex() second argument must be a number, not '{}'", vm.type_name(v))
        };
        return Err(vm.type_error(msg));
    }
    Ok(((float_of(vm, v)?, 0.0), false))
}

fn complex_for_class(vm: &mut Vm, cls: &PyRef, c: C) -> Value {
    if Rc::ptr_eq(cls, &vm.t.complex) {
        vm.new_complex(c.0, c.1)
    } else {
        vm.alloc(cls.clone(), Data::Complex(c.0, c.1))
    }
}

fn complex_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let cls = match pos.first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => o.clone(),
        _ => return Err(vm.type_error("complex.__new__(X): X is not a type object")),
    };
    if !is_subtype(&cls, &vm.t.complex) {
        let n = crate::types::tdata(&cls).name();
        return Err(vm.type_error(format!("complex.__new__({n}): {n} is not a subtype of complex")));
    }
    if pos.len() > 3 {
        return Err(vm.type_error(format!("complex() takes at most 2 arguments ({} given)", pos.len() - 1)));
    }
    let mut real = pos.get(1).cloned();
    let mut imag = pos.get(2).cloned();
    for (k, v) in args.kwargs() {
        match k {
            "real" if real.is_none() => real = Some(v.clone()),
            "imag" if imag.is_none() => imag = Some(v.clone()),
            "real" | "imag" => {
                return Err(vm.type_error(format!("argument for complex() given by name ('{}') and position", k)))
            }
            _ => return Err(vm.type_error(format!("complex() got an unexpected keyword argument '{}'", k))),
        }
    }
    let r = real.unwrap_or(Value::Int(0));
    if let Some(s) = r.as_str() {
        if imag.is_some() {
            return Err(vm.type_error("complex() can't take second arg if first is a string"));
        }
        let c = parse_complex(s).ok_or_else(|| vm.value_error("complex() arg is a malformed string"))?;
        return Ok(complex_for_class(vm, &cls, c));
    }
    if let Some(i) = &imag {
        if i.as_str().is_some() {
            return Err(vm.type_error("complex() second arg can't be a string"));
        }
    }
    let (cr, cr_complex) = complex_of(vm, &r, true)?;
    let result = match &imag {
        None => cr,
        Some(i) => {
            let (ci, ci_complex) = complex_of(vm, i, false)?;
            let mut re = cr.0;
            let mut im = ci.0;
            if ci_complex {
                re -= ci.1;
            }
            if cr_complex {
                im += cr.1;
            }
            (re, im)
        }
    };
    Ok(complex_for_class(vm, &cls, result))
}

// ----- methods ----------------------------------------------------------------------------

fn self_c(vm: &Vm, args: &Args, name: &str) -> PyResult<C> {
    match args.pos().first() {
        Some(v) => complex_ref(v).ok_or_else(|| {
            vm.type_error(format!("descriptor '{}' for 'complex' objects doesn't apply to a '{}' object", name, vm.type_name(v)))
        }),
        None => Err(vm.type_error(format!("unbound method complex.{}() needs an argument", name))),
    }
}

#[derive(Clone, Copy)]
enum COp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

fn c_arith(vm: &mut Vm, a: C, b: C, op: COp) -> PyResult<Value> {
    let r = match op {
        COp::Add => (a.0 + b.0, a.1 + b.1),
        COp::Sub => (a.0 - b.0, a.1 - b.1),
        COp::Mul => c_mul(a, b),
        COp::Div => c_div(a, b).ok_or_else(|| vm.zero_division_error("complex division by zero"))?,
        COp::Pow => return complex_pow_value(vm, a, b),
    };
    Ok(vm.new_complex(r.0, r.1))
}

fn binop(vm: &mut Vm, args: Args, name: &str, op: COp, reflected: bool) -> PyResult<Value> {
    let n = args.pos().len();
    let max = if matches!(op, COp::Pow) { 3 } else { 2 };
    if args.has_kwargs() || n < 2 || n > max {
        return Err(vm.type_error(format!("expected 1 argument, got {}", n.saturating_sub(1))));
    }
    if n == 3 && !args.pos()[2].is_none() {
        return Err(vm.value_error("complex modulo"));
    }
    let a = self_c(vm, &args, name)?;
    let b = match complex_operand(vm, &args.pos()[1]) {
        Some(r) => r?,
        None => return Ok(vm.not_implemented.clone()),
    };
    if reflected {
        c_arith(vm, b, a, op)
    } else {
        c_arith(vm, a, b, op)
    }
}

macro_rules! complex_binops {
    ($($fwd:ident, $rev:ident, $name:literal, $rname:literal, $op:expr;)*) => {
        $(
            fn $fwd(vm: &mut Vm, args: Args) -> PyResult<Value> { binop(vm, args, $name, $op, false) }
            fn $rev(vm: &mut Vm, args: Args) -> PyResult<Value> { binop(vm, args, $rname, $op, true) }
        )*
        const COMPLEX_BINOPS: &[(&str, &str, crate::function::NativeFn, crate::function::NativeFn)] = &[
            $(($name, $rname, $fwd, $rev),)*
        ];
    };
}

complex_binops! {
    c_add_m, c_radd_m, "__add__", "__radd__", COp::Add;
    c_sub_m, c_rsub_m, "__sub__", "__rsub__", COp::Sub;
    c_mul_m, c_rmul_m, "__mul__", "__rmul__", COp::Mul;
    c_div_m, c_rdiv_m, "__truediv__", "__rtruediv__", COp::Div;
    c_pow_m, c_rpow_m, "__pow__", "__rpow__", COp::Pow;
}

/// `complex == other` for complex, float and int operands; `None` = NotImplemented.
pub fn complex_eq(a: C, other: &Value) -> Option<bool> {
    if let Some(b) = complex_ref(other) {
        return Some(a == b);
    }
    if let Some(f) = float_ref(other) {
        return Some(a.1 == 0.0 && a.0 == f);
    }
    let i = int_ref(other)?;
    Some(a.1 == 0.0 && crate::builtins::numeric::cmp_int_float(i, a.0) == Some(std::cmp::Ordering::Equal))
}

fn c_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = self_c(vm, &args, "__eq__")?;
    match args.pos().get(1).and_then(|b| complex_eq(a, b)) {
        Some(r) => Ok(Value::bool(r)),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn c_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = self_c(vm, &args, "__ne__")?;
    match args.pos().get(1).and_then(|b| complex_eq(a, b)) {
        Some(r) => Ok(Value::bool(!r)),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn c_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (re, im) = self_c(vm, &args, "__repr__")?;
    Ok(vm.new_str(complex_repr(re, im)))
}

fn c_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (re, im) = self_c(vm, &args, "__hash__")?;
    Ok(Value::Int(complex_hash(re, im, args.pos()[0].id() >> 4)))
}

fn c_bool(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (re, im) = self_c(vm, &args, "__bool__")?;
    Ok(Value::bool(re != 0.0 || im != 0.0))
}

fn c_neg(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (re, im) = self_c(vm, &args, "__neg__")?;
    Ok(vm.new_complex(-re, -im))
}

fn c_pos(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (re, im) = self_c(vm, &args, "__pos__")?;
    Ok(vm.new_complex(re, im))
}

fn c_conjugate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (re, im) = self_c(vm, &args, "conjugate")?;
    Ok(vm.new_complex(re, -im))
}

/// `abs(z)` with CPython's overflow error.
pub fn complex_abs(vm: &mut Vm, re: f64, im: f64) -> PyResult<f64> {
    let r = re.hypot(im);
    if r.is_infinite() && re.is_finite() && im.is_finite() {
        return Err(vm.overflow_error("absolute value too large"));
    }
    Ok(r)
}

fn c_abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (re, im) = self_c(vm, &args, "__abs__")?;
    Ok(Value::float(complex_abs(vm, re, im)?))
}

fn c_getnewargs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (re, im) = self_c(vm, &args, "__getnewargs__")?;
    Ok(vm.new_pair(Value::float(re), Value::float(im)))
}

fn c_complex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (re, im) = self_c(vm, &args, "__complex__")?;
    Ok(vm.new_complex(re, im))
}

fn get_real(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    complex_ref(v).map(|c| Value::float(c.0)).ok_or_else(|| vm.type_error("descriptor requires a 'complex' object"))
}
fn get_imag(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    complex_ref(v).map(|c| Value::float(c.1)).ok_or_else(|| vm.type_error("descriptor requires a 'complex' object"))
}

pub fn init(vm: &mut Vm) {
    let c = vm.t.complex.clone();
    vm.add_staticmethod(&c, "__new__", complex_new);
    for &(name, rname, f, r) in COMPLEX_BINOPS {
        vm.add_method(&c, name, f);
        vm.add_method(&c, rname, r);
    }
    let methods: &[(&'static str, crate::function::NativeFn)] = &[
        ("__eq__", c_eq),
        ("__ne__", c_ne),
        ("__repr__", c_repr),
        ("__hash__", c_hash),
        ("__bool__", c_bool),
        ("__neg__", c_neg),
        ("__pos__", c_pos),
        ("__abs__", c_abs),
        ("conjugate", c_conjugate),
        ("__getnewargs__", c_getnewargs),
        ("__complex__", c_complex),
    ];
    for &(name, f) in methods {
        vm.add_method(&c, name, f);
    }
    crate::builtins::int::add_getter(vm, &c, "real", "complex", get_real);
    crate::builtins::int::add_getter(vm, &c, "imag", "complex", get_imag);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_and_parse() {
        assert_eq!(complex_repr(3.0, 4.0), "(3+4j)");
        assert_eq!(complex_repr(0.0, 1.0), "1j");
        assert_eq!(complex_repr(-0.0, -1.0), "(-0-1j)");
        assert_eq!(complex_repr(0.0, -0.0), "-0j");
        assert_eq!(complex_repr(f64::INFINITY, f64::NAN), "(inf+nanj)");
        assert_eq!(complex_repr(1e16, 1.0), "(1e+16+1j)");
        assert_eq!(parse_complex(" -3.5-0.5J "), Some((-3.5, -0.5)));
        assert_eq!(parse_complex("-j"), Some((0.0, -1.0)));
        assert_eq!(parse_complex("1e3j"), Some((0.0, 1000.0)));
        assert_eq!(parse_complex("(1+2j)"), Some((1.0, 2.0)));
        for bad in ["1+", "1 + 2j", "(1+2j", "2j+1j", "1+2i", "", "j1", "1e+j", "++1j"] {
            assert_eq!(parse_complex(bad), None, "{bad}");
        }
        assert_eq!(c_div((1.0, 2.0), (3.0, -4.0)), Some((-0.2, 0.4)));
        assert_eq!(complex_hash(1.0, 2.0, 0), 2000007);
    }
}
