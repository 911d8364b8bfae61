//! The `math` module: CPython 3.12's functions and constants with its
//! error rules ("math domain error" when a finite input gives NaN, "math
//! range error" when it overflows), exact integer functions on big ints
//! (`isqrt`, `comb`, `perm`, `factorial`, `gcd`, `lcm`), `fsum` with
//! Shewchuk's exact partials, `log` of ints too large for a float, and
//! `hypot`/`dist`/`sumprod` computed with error-free transformations.

use egret_vm::builtins::numeric::{self as num, float_ref, int_ref, IntRef};
use egret_vm::function::Args;
use egret_vm::value::Value;
use egret_vm::vm::Vm;
use egret_vm::{PyErr, PyResult};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

extern "C" {
    fn erf(x: f64) -> f64;
    fn erfc(x: f64) -> f64;
}

// ----- argument helpers --------------------------------------------------------

/// A real-number argument as f64 (`__float__`, then `__index__`).
pub fn arg_f64(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Some(f) = float_ref(v) {
        return Ok(f);
    }
    if let Some(i) = int_ref(v) {
        return i.to_f64().ok_or_else(|| vm.overflow_error("int too large to convert to float"));
    }
    let ty = vm.type_of(v);
    if let Some(f) = egret_vm::slots::special(&ty, "__float__") {
        let r = vm.call(&f, &[v.clone()])?;
        return float_ref(&r).ok_or_else(|| {
            vm.type_error(format!("{}.__float__ returned non-float (type {})", vm.type_name(v), vm.type_name(&r)))
        });
    }
    if egret_vm::slots::special(&ty, "__index__").is_some() {
        let b = num::index_bigint(vm, v)?;
        return num::big_to_f64(&b).ok_or_else(|| vm.overflow_error("int too large to convert to float"));
    }
    Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v))))
}

fn exact_args<'a>(vm: &Vm, args: &Args<'a>, name: &str, n: usize) -> PyResult<&'a [Value]> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("math.{}() takes no keyword arguments", name)));
    }
    let p = args.pos();
    if p.len() != n {
        return Err(vm.type_error(match n {
            1 => format!("math.{}() takes exactly one argument ({} given)", name, p.len()),
            _ => format!("{} expected {} arguments, got {}", name, n, p.len()),
        }));
    }
    Ok(p)
}

fn domain(vm: &Vm) -> PyErr {
    vm.value_error("math domain error")
}
fn range(vm: &Vm) -> PyErr {
    vm.overflow_error("math range error")
}

/// CPython's `math_1` rule for a one-argument libm function.
fn check1(vm: &Vm, x: f64, r: f64, can_overflow: bool) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range(vm) } else { domain(vm) });
    }
    Ok(Value::float(r))
}

macro_rules! unary {
    ($($fname:ident, $name:literal, $overflow:expr, |$x:ident| $body:expr;)*) => {
        $(
            fn $fname(vm: &mut Vm, args: Args) -> PyResult<Value> {
                let p = exact_args(vm, &args, $name, 1)?;
                let $x = arg_f64(vm, &p[0])?;
                let r: f64 = $body;
                check1(vm, $x, r, $overflow)
            }
        )*
    };
}

unary! {
    m_sqrt, "sqrt", false, |x| x.sqrt();
    m_exp, "exp", true, |x| x.exp();
    m_exp2, "exp2", true, |x| x.exp2();
    m_expm1, "expm1", true, |x| x.exp_m1();
    m_sin, "sin", false, |x| x.sin();
    m_cos, "cos", false, |x| x.cos();
    m_tan, "tan", false, |x| x.tan();
    m_asin, "asin", false, |x| x.asin();
    m_acos, "acos", false, |x| x.acos();
    m_atan, "atan", false, |x| x.atan();
    m_sinh, "sinh", true, |x| x.sinh();
    m_cosh, "cosh", true, |x| x.cosh();
    m_tanh, "tanh", false, |x| x.tanh();
    m_asinh, "asinh", false, |x| x.asinh();
    m_acosh, "acosh", false, |x| x.acosh();
    m_atanh, "atanh", false, |x| if x.abs() == 1.0 { f64::INFINITY } else { x.atanh() };
    m_log1p, "log1p", false, |x| if x == -1.0 { f64::NEG_INFINITY } else { x.ln_1p() };
    m_fabs, "fabs", false, |x| x.abs();
    m_cbrt, "cbrt", false, |x| x.cbrt();
    // SAFETY: plain libm functions of one double, no pointers involved.
    m_erf, "erf", false, |x| unsafe { erf(x) };
    m_erfc, "erfc", false, |x| unsafe { erfc(x) };
    m_degrees, "degrees", true, |x| x * (180.0 / std::f64::consts::PI);
    m_radians, "radians", false, |x| x * (std::f64::consts::PI / 180.0);
}

// ----- gamma and lgamma (Lanczos approximation, as CPython computes them) -----------

const LANCZOS_G: f64 = 6.024680040776729583740234375;
const LANCZOS_G_MINUS_HALF: f64 = 5.524680040776729583740234375;
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
/// Coefficients of x*(x+1)*...*(x+11), lowest power first.
const LANCZOS_DEN: [f64; 13] = [
    0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0,
    66.0, 1.0,
];

/// The rational function of the Lanczos approximation, evaluated in the
/// direction that keeps it accurate for small and large `x`.
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// `sin(pi * x)` with the argument reduced exactly first.
fn sinpi(x: f64) -> f64 {
    let y = x.abs() % 2.0;
    let n = (2.0 * y).round() as i64;
    let pi = std::f64::consts::PI;
    let r = match n {
        0 => (pi * y).sin(),
        1 => (pi * (y - 0.5)).cos(),
        2 => (pi * (1.0 - y)).sin(),
        3 => -(pi * (y - 1.5)).cos(),
        _ => (pi * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

/// Gamma function; `Err(true)` = range error, `Err(false)` = domain error.
pub fn gamma(x: f64) -> Result<f64, bool> {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return Ok(x);
        }
        return Err(false);
    }
    if x == 0.0 {
        return Err(false);
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(false);
        }
        if x <= 23.0 {
            let mut f = 1.0;
            for k in 2..(x as u64) {
                f *= k as f64;
            }
            return Ok(f);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return if r.is_infinite() { Err(true) } else { Ok(r) };
    }
    if absx > 200.0 {
        return if x < 0.0 { Ok(0.0 / sinpi(x)) } else { Err(true) };
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let mut z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -std::f64::consts::PI / sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    if r.is_infinite() {
        return Err(true);
    }
    Ok(r)
}

/// Natural log of |gamma(x)|; errors as [`gamma`].
pub fn lgamma(x: f64) -> Result<f64, bool> {
    if !x.is_finite() {
        return Ok(if x.is_nan() { x } else { f64::INFINITY });
    }
    if x == x.floor() && x <= 2.0 {
        return if x <= 0.0 { Err(false) } else { Ok(0.0) };
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-absx.ln());
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = std::f64::consts::PI.ln() - sinpi(absx).abs().ln() - absx.ln() - r;
    }
    if r.is_infinite() {
        return Err(true);
    }
    Ok(r)
}

fn m_gamma(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "gamma", 1)?;
    let x = arg_f64(vm, &p[0])?;
    match gamma(x) {
        Ok(r) => Ok(Value::float(r)),
        Err(true) => Err(range(vm)),
        Err(false) => Err(domain(vm)),
    }
}

fn m_lgamma(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "lgamma", 1)?;
    let x = arg_f64(vm, &p[0])?;
    match lgamma(x) {
        Ok(r) => Ok(Value::float(r)),
        Err(true) => Err(range(vm)),
        Err(false) => Err(domain(vm)),
    }
}

// ----- logarithms (big ints allowed) ---------------------------------------------------

/// `f(x)` of a number argument; ints too large for a float are split as
/// `m * 2**e` (`0.5 <= m <= 1`) and give `f(m) + f(2) * e`, as CPython does.
fn log_arg(vm: &mut Vm, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(IntRef::Big(b)) = int_ref(v) {
        if !b.is_positive() {
            return Err(domain(vm));
        }
        if num::big_to_f64(b).is_none() {
            let bits = b.bits();
            let shift = bits - 64;
            let q = b.magnitude() >> shift;
            let sticky = b.magnitude().trailing_zeros().map_or(false, |tz| tz < shift);
            let m = num::round_to_f64(&q, -64, sticky).unwrap_or(1.0);
            return Ok(f(m) + f(2.0) * bits as f64);
        }
    }
    let x = arg_f64(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(f(x))
}

fn m_log(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if args.has_kwargs() || p.is_empty() || p.len() > 2 {
        return Err(vm.type_error(format!("log expected 1 or 2 arguments, got {}", p.len())));
    }
    let num = log_arg(vm, &p[0], f64::ln)?;
    if p.len() == 1 {
        return Ok(Value::float(num));
    }
    let den = log_arg(vm, &p[1], f64::ln)?;
    if den == 0.0 {
        return Err(vm.zero_division_error("float division by zero"));
    }
    Ok(Value::float(num / den))
}

fn m_log2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "log2", 1)?;
    Ok(Value::float(log_arg(vm, &p[0], f64::log2)?))
}

fn m_log10(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "log10", 1)?;
    Ok(Value::float(log_arg(vm, &p[0], f64::log10)?))
}

// ----- two-argument float functions -----------------------------------------------------

fn two(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(f64, f64)> {
    let p = exact_args(vm, args, name, 2)?;
    Ok((arg_f64(vm, &p[0])?, arg_f64(vm, &p[1])?))
}

fn m_pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two(vm, &args, "pow")?;
    if x.is_finite() && y.is_finite() {
        if x == 0.0 && y < 0.0 {
            return Err(domain(vm));
        }
        if x < 0.0 && y != y.floor() {
            return Err(domain(vm));
        }
        let r = x.powf(y);
        if r.is_infinite() {
            return Err(range(vm));
        }
        return Ok(Value::float(r));
    }
    // Non-finite operands follow C99 Annex F, which Rust's powf implements.
    if x.is_nan() {
        return Ok(Value::float(if y == 0.0 { 1.0 } else { x }));
    }
    if y.is_nan() {
        return Ok(Value::float(if x == 1.0 { 1.0 } else { y }));
    }
    Ok(Value::float(x.powf(y)))
}

fn m_atan2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (y, x) = two(vm, &args, "atan2")?;
    Ok(Value::float(y.atan2(x)))
}

fn m_copysign(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two(vm, &args, "copysign")?;
    Ok(Value::float(x.copysign(y)))
}

fn m_fmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two(vm, &args, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    Ok(Value::float(r))
}

/// IEEE 754 remainder: `x - n*y` with `n` the nearest integer to `x/y` (ties to even).
pub fn remainder(x: f64, y: f64) -> Option<f64> {
    if x.is_nan() {
        return Some(x);
    }
    if y.is_nan() {
        return Some(y);
    }
    if x.is_infinite() || y == 0.0 {
        return None;
    }
    if y.is_infinite() {
        return Some(x);
    }
    let (ax, ay) = (x.abs(), y.abs());
    let m = ax % ay;
    let c = ay - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        m - 2.0 * ((0.5 * (ax - m)) % ay)
    };
    Some(1.0f64.copysign(x) * r)
}

fn m_remainder(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two(vm, &args, "remainder")?;
    remainder(x, y).map(Value::float).ok_or_else(|| domain(vm))
}

fn m_ldexp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "ldexp", 2)?;
    let x = arg_f64(vm, &p[0])?;
    let Some(e) = int_ref(&p[1]) else { return Err(vm.type_error("Expected an int as second argument to ldexp.")) };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::float(x));
    }
    let e = match e {
        IntRef::Small(i) => i,
        IntRef::Big(b) => {
            if b.is_negative() {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            }
        }
    };
    let r = num::ldexp(x, e);
    if r.is_infinite() {
        return Err(range(vm));
    }
    Ok(Value::float(r))
}

fn m_frexp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "frexp", 1)?;
    let x = arg_f64(vm, &p[0])?;
    let (m, e) = egret_vm::hash::frexp(x);
    Ok(vm.new_pair(Value::float(m), Value::Int(e as i64)))
}

fn m_modf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "modf", 1)?;
    let x = arg_f64(vm, &p[0])?;
    if x.is_infinite() {
        return Ok(vm.new_pair(Value::float(0.0f64.copysign(x)), Value::float(x)));
    }
    let i = x.trunc();
    let f = (x - i).copysign(x);
    Ok(vm.new_pair(Value::float(f), Value::float(i)))
}

// ----- predicates -----------------------------------------------------------------------

fn m_isfinite(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "isfinite", 1)?;
    Ok(Value::bool(arg_f64(vm, &p[0])?.is_finite()))
}
fn m_isinf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "isinf", 1)?;
    Ok(Value::bool(arg_f64(vm, &p[0])?.is_infinite()))
}
fn m_isnan(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "isnan", 1)?;
    Ok(Value::bool(arg_f64(vm, &p[0])?.is_nan()))
}

/// `math.isclose` / `cmath.isclose` keyword handling: (rel_tol, abs_tol).
pub fn tolerances(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<(f64, f64)> {
    let (mut rel, mut abs) = (1e-9, 0.0);
    for (k, v) in args.kwargs() {
        match k {
            "rel_tol" => rel = arg_f64(vm, v)?,
            "abs_tol" => abs = arg_f64(vm, v)?,
            _ => return Err(vm.type_error(format!("{}() got an unexpected keyword argument '{}'", fname, k))),
        }
    }
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    Ok((rel, abs))
}

fn m_isclose(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("isclose() takes exactly 2 positional arguments ({} given)", p.len())));
    }
    let a = arg_f64(vm, &p[0])?;
    let b = arg_f64(vm, &p[1])?;
    let (rel, abs) = tolerances(vm, &args, "isclose")?;
    if a == b {
        return Ok(Value::bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::bool(diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs))
}

// ----- rounding to integers ---------------------------------------------------------------

fn round_with(vm: &mut Vm, args: Args, name: &'static str, dunder: &'static str, f: fn(f64) -> f64) -> PyResult<Value> {
    let p = exact_args(vm, &args, name, 1)?;
    let v = &p[0];
    if let Value::Float(x) = v {
        return egret_vm::builtins::int::float_to_int(vm, f(x.get()));
    }
    let ty = vm.type_of(v);
    if let Some(m) = egret_vm::slots::special(&ty, dunder) {
        return vm.call(&m, &[v.clone()]);
    }
    if dunder == "__trunc__" {
        return Err(vm.type_error(format!("type {} doesn't define __trunc__ method", vm.type_name(v))));
    }
    let x = arg_f64(vm, v)?;
    egret_vm::builtins::int::float_to_int(vm, f(x))
}

fn m_floor(vm: &mut Vm, args: Args) -> PyResult<Value> {
    round_with(vm, args, "floor", "__floor__", f64::floor)
}
fn m_ceil(vm: &mut Vm, args: Args) -> PyResult<Value> {
    round_with(vm, args, "ceil", "__ceil__", f64::ceil)
}
fn m_trunc(vm: &mut Vm, args: Args) -> PyResult<Value> {
    round_with(vm, args, "trunc", "__trunc__", f64::trunc)
}

// ----- integer functions ---------------------------------------------------------------------

fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    num::index_bigint(vm, v)
}

fn m_isqrt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "isqrt", 1)?;
    let n = int_arg(vm, &p[0])?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(vm.new_bigint(n.sqrt()))
}

fn m_gcd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("gcd() takes no keyword arguments"));
    }
    let mut g = BigInt::zero();
    for v in args.pos() {
        let n = int_arg(vm, v)?;
        g = g.gcd(&n);
    }
    Ok(vm.new_bigint(g))
}

fn m_lcm(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("lcm() takes no keyword arguments"));
    }
    let mut l = BigInt::one();
    for v in args.pos() {
        let n = int_arg(vm, v)?;
        if n.is_zero() || l.is_zero() {
            l = BigInt::zero();
            continue;
        }
        l = l.lcm(&n);
    }
    Ok(vm.new_bigint(l.abs()))
}

/// Product of the integers in `lo..=hi` by binary splitting.
fn range_product(lo: u64, hi: u64) -> BigInt {
    if lo > hi {
        return BigInt::one();
    }
    if hi - lo < 16 {
        let mut acc = BigInt::one();
        let mut small: u64 = 1;
        for k in lo..=hi {
            match small.checked_mul(k) {
                Some(s) => small = s,
                None => {
                    acc *= small;
                    small = k;
                }
            }
        }
        return acc * small;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid + 1, hi)
}

fn m_factorial(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "factorial", 1)?;
    let n = int_arg(vm, &p[0])?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|&n| n <= i64::MAX as u64) else {
        return Err(vm.overflow_error("factorial() argument should not exceed 9223372036854775807"));
    };
    if n > 1 << 24 {
        return Err(vm.memory_error());
    }
    Ok(vm.new_bigint(range_product(2, n)))
}

/// `n! / (n-k)!` for big `n` and machine `k`.
fn falling(n: &BigInt, k: u64) -> BigInt {
    if let Some(nn) = n.to_u64() {
        return range_product(nn - k + 1, nn);
    }
    let mut acc = BigInt::one();
    for i in 0..k {
        acc *= n - BigInt::from(i);
    }
    acc
}

fn comb_perm_args(vm: &mut Vm, n: &Value, k: &Value) -> PyResult<(BigInt, BigInt)> {
    let n = int_arg(vm, n)?;
    let k = int_arg(vm, k)?;
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    Ok((n, k))
}

fn m_comb(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "comb", 2)?;
    let (n, mut k) = comb_perm_args(vm, &p[0], &p[1])?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let rest = &n - &k;
    if rest < k {
        k = rest;
    }
    let Some(k) = k.to_u64().filter(|&k| k < 1 << 24) else {
        return Err(vm.overflow_error(format!("min(n - k, k) must not exceed {}", i64::MAX)));
    };
    let r = falling(&n, k) / range_product(2, k);
    Ok(vm.new_bigint(r))
}

fn m_perm(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("perm() takes no keyword arguments"));
    }
    let p = args.pos();
    if p.is_empty() || p.len() > 2 {
        return Err(vm.type_error(format!("perm expected at most 2 arguments, got {}", p.len())));
    }
    let (n, k) = match p.get(1).filter(|v| !v.is_none()) {
        Some(k) => comb_perm_args(vm, &p[0], k)?,
        None => {
            // perm(n) is factorial(n), with factorial's message.
            let n = int_arg(vm, &p[0])?;
            if n.is_negative() {
                return Err(vm.value_error("factorial() not defined for negative values"));
            }
            (n.clone(), n)
        }
    };
    if k > n {
        return Ok(Value::Int(0));
    }
    let Some(k) = k.to_u64().filter(|&k| k < 1 << 24) else {
        return Err(vm.overflow_error(format!("k must not exceed {}", i64::MAX)));
    };
    Ok(vm.new_bigint(falling(&n, k)))
}

fn m_prod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 1 {
        return Err(vm.type_error(format!("prod() takes exactly 1 positional argument ({} given)", p.len())));
    }
    let mut acc = Value::Int(1);
    for (k, v) in args.kwargs() {
        match k {
            "start" => acc = v.clone(),
            _ => return Err(vm.type_error(format!("prod() got an unexpected keyword argument '{}'", k))),
        }
    }
    let it = vm.iter(&p[0])?;
    while let Some(x) = vm.next(&it)? {
        acc = vm.binary_op(&acc, &x, egret_frontend::bytecode::BinaryOperator::Multiply)?;
    }
    Ok(acc)
}

// ----- accurate sums ----------------------------------------------------------------------------

/// Shewchuk's exact summation (CPython's `math.fsum`): `Err(msg, is_overflow)`.
pub fn fsum(values: impl Iterator<Item = f64>) -> Result<f64, (&'static str, bool)> {
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for mut x in values {
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(("intermediate overflow in fsum", true));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(("-inf + inf in fsum", false));
        }
        return Ok(special);
    }
    let mut hi = 0.0;
    if let Some(mut n) = partials.len().checked_sub(1) {
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

fn m_fsum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "fsum", 1)?;
    let items = vm.collect(&p[0])?;
    let mut xs = Vec::with_capacity(items.len());
    for it in &items {
        xs.push(arg_f64(vm, it)?);
    }
    match fsum(xs.into_iter()) {
        Ok(r) => Ok(Value::float(r)),
        Err((msg, true)) => Err(vm.overflow_error(msg)),
        Err((msg, false)) => Err(vm.value_error(msg)),
    }
}

/// sqrt(sum of squares) of finite values, scaled by a power of two so the
/// squares neither overflow nor underflow, summed exactly.
fn vector_norm(xs: &[f64]) -> f64 {
    let mut max = 0.0f64;
    let mut found_nan = false;
    for &x in xs {
        let a = x.abs();
        if a.is_infinite() {
            return f64::INFINITY;
        }
        found_nan |= a.is_nan();
        if a > max {
            max = a;
        }
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || xs.len() <= 1 {
        return max;
    }
    let (_, e) = egret_vm::hash::frexp(max);
    let scale_exp = -(e as i64);
    let mut parts = Vec::with_capacity(xs.len() * 2);
    for &x in xs {
        let y = num::ldexp(x, scale_exp);
        let sq = y * y;
        parts.push(sq);
        parts.push(y.mul_add(y, -sq));
    }
    let s = fsum(parts.into_iter()).unwrap_or(f64::NAN);
    let mut h = s.sqrt();
    // One Newton correction with an exact residual.
    let r = (-h).mul_add(h, s);
    h += r / (2.0 * h);
    num::ldexp(h, -scale_exp)
}

fn m_hypot(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("hypot() takes no keyword arguments"));
    }
    let mut xs = Vec::new();
    for v in args.pos() {
        xs.push(arg_f64(vm, v)?);
    }
    Ok(Value::float(vector_norm(&xs)))
}

fn m_dist(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "dist", 2)?;
    let a = vm.collect(&p[0])?;
    let b = vm.collect(&p[1])?;
    if a.len() != b.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut xs = Vec::with_capacity(a.len());
    for (x, y) in a.iter().zip(b.iter()) {
        let x = arg_f64(vm, x)?;
        let y = arg_f64(vm, y)?;
        xs.push(x - y);
    }
    Ok(Value::float(vector_norm(&xs)))
}

fn m_sumprod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "sumprod", 2)?;
    let a = vm.collect(&p[0])?;
    let b = vm.collect(&p[1])?;
    if a.len() != b.len() {
        return Err(vm.value_error("Inputs are not the same length"));
    }
    let all_float = a.iter().chain(b.iter()).all(|v| matches!(v, Value::Float(_)) || matches!(v, Value::Int(_) | Value::Bool(_)))
        && a.iter().chain(b.iter()).any(|v| matches!(v, Value::Float(_)));
    if all_float {
        let mut parts = Vec::with_capacity(a.len() * 2);
        for (x, y) in a.iter().zip(b.iter()) {
            let x = arg_f64(vm, x)?;
            let y = arg_f64(vm, y)?;
            let pr = x * y;
            parts.push(pr);
            if pr.is_finite() {
                parts.push(x.mul_add(y, -pr));
            }
        }
        if let Ok(r) = fsum(parts.into_iter()) {
            return Ok(Value::float(r));
        }
    }
    use egret_frontend::bytecode::BinaryOperator as Op;
    let mut acc = Value::Int(0);
    for (x, y) in a.iter().zip(b.iter()) {
        let pr = vm.binary_op(x, y, Op::Multiply)?;
        acc = vm.binary_op(&acc, &pr, Op::Add)?;
    }
    Ok(acc)
}

// ----- floating-point neighbours --------------------------------------------------------------

fn next_toward(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { bits + 1 } else { bits - 1 })
}

fn m_nextafter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("nextafter expected 2 arguments, got {}", p.len())));
    }
    let mut x = arg_f64(vm, &p[0])?;
    let y = arg_f64(vm, &p[1])?;
    let mut steps: Option<i64> = None;
    for (k, v) in args.kwargs() {
        match k {
            "steps" if !v.is_none() => {
                let s = num::index_bigint(vm, v)?;
                if s.is_negative() {
                    return Err(vm.value_error("steps must be a non-negative integer"));
                }
                steps = Some(s.to_i64().unwrap_or(i64::MAX));
            }
            "steps" => {}
            _ => return Err(vm.type_error(format!("nextafter() got an unexpected keyword argument '{}'", k))),
        }
    }
    match steps {
        None => Ok(Value::float(next_toward(x, y))),
        Some(n) => {
            for _ in 0..n.min(1 << 12) {
                let nx = next_toward(x, y);
                if nx == x || nx.is_nan() {
                    break;
                }
                x = nx;
            }
            if n > 1 << 12 && x != y {
                // Far walks: step on the integer representation directly.
                let key = |f: f64| -> i64 {
                    let b = f.to_bits() as i64;
                    if b < 0 { i64::MIN - b } else { b }
                };
                let unkey = |k: i64| -> f64 { f64::from_bits(if k < 0 { (i64::MIN - k) as u64 } else { k as u64 }) };
                let (kx, ky) = (key(x), key(y));
                let rest = n - (1 << 12);
                let kn = if ky > kx { kx.saturating_add(rest).min(ky) } else { kx.saturating_sub(rest).max(ky) };
                x = unkey(kn);
            }
            Ok(Value::float(x))
        }
    }
}

fn m_ulp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = exact_args(vm, &args, "ulp", 1)?;
    let x = arg_f64(vm, &p[0])?.abs();
    if !x.is_finite() {
        return Ok(Value::float(x));
    }
    let next = next_toward(x, f64::INFINITY);
    if next.is_infinite() {
        let prev = next_toward(x, 0.0);
        return Ok(Value::float(x - prev));
    }
    Ok(Value::float(next - x))
}

/// Builds the `math` module object.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("math");
    let funcs: &[(&'static str, egret_vm::function::NativeFn)] = &[
        ("sqrt", m_sqrt),
        ("exp", m_exp),
        ("exp2", m_exp2),
        ("expm1", m_expm1),
        ("sin", m_sin),
        ("cos", m_cos),
        ("tan", m_tan),
        ("asin", m_asin),
        ("acos", m_acos),
        ("atan", m_atan),
        ("sinh", m_sinh),
        ("cosh", m_cosh),
        ("tanh", m_tanh),
        ("asinh", m_asinh),
        ("acosh", m_acosh),
        ("atanh", m_atanh),
        ("log1p", m_log1p),
        ("fabs", m_fabs),
        ("cbrt", m_cbrt),
        ("erf", m_erf),
        ("erfc", m_erfc),
        ("gamma", m_gamma),
        ("lgamma", m_lgamma),
        ("degrees", m_degrees),
        ("radians", m_radians),
        ("log", m_log),
        ("log2", m_log2),
        ("log10", m_log10),
        ("pow", m_pow),
        ("atan2", m_atan2),
        ("copysign", m_copysign),
        ("fmod", m_fmod),
        ("remainder", m_remainder),
        ("ldexp", m_ldexp),
        ("frexp", m_frexp),
        ("modf", m_modf),
        ("isfinite", m_isfinite),
        ("isinf", m_isinf),
        ("isnan", m_isnan),
        ("isclose", m_isclose),
        ("floor", m_floor),
        ("ceil", m_ceil),
        ("trunc", m_trunc),
        ("isqrt", m_isqrt),
        ("gcd", m_gcd),
        ("lcm", m_lcm),
        ("factorial", m_factorial),
        ("comb", m_comb),
        ("perm", m_perm),
        ("prod", m_prod),
        ("fsum", m_fsum),
        ("hypot", m_hypot),
        ("dist", m_dist),
        ("sumprod", m_sumprod),
        ("nextafter", m_nextafter),
        ("ulp", m_ulp),
    ];
    for &(name, f) in funcs {
        vm.add_module_function(&m, name, f);
    }
    let d = vm.module_dict(&m).expect("module dict");
    for (name, v) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        vm.dict_set_str(&d, name, Value::float(v));
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fsum_is_exact() {
        assert_eq!(fsum([0.1; 10].into_iter()), Ok(1.0));
        assert_eq!(fsum([1e100, 1.0, -1e100].into_iter()), Ok(1.0));
        assert_eq!(fsum([1e308, 1e308, -1e308].into_iter()), Err(("intermediate overflow in fsum", true)));
        assert_eq!(fsum([f64::INFINITY, f64::NEG_INFINITY].into_iter()), Err(("-inf + inf in fsum", false)));
        let mut v = vec![1e-16; 10];
        v.push(1.0);
        assert_eq!(fsum(v.into_iter()), Ok(1.000000000000001));
    }

    #[test]
    fn remainder_and_norms() {
        assert_eq!(remainder(7.0, 3.0), Some(1.0));
        assert_eq!(remainder(8.0, 3.0), Some(-1.0));
        assert_eq!(remainder(-7.0, 3.0), Some(-1.0));
        assert_eq!(remainder(5.0, 2.0), Some(1.0));
        assert_eq!(remainder(7.0, 2.0), Some(-1.0));
        assert_eq!(remainder(-1.0, 2.0), Some(-1.0));
        assert_eq!(remainder(1.0, 0.0), None);
        assert_eq!(vector_norm(&[3.0, 4.0]), 5.0);
        assert_eq!(vector_norm(&[6.0, 8.0, 0.0]), 10.0);
        assert_eq!(next_toward(1.0, 2.0), 1.0000000000000002);
        assert_eq!(range_product(2, 20).to_string(), "2432902008176640000");
        assert_eq!(gamma(0.5), Ok(1.7724538509055159));
        assert_eq!(gamma(5.0), Ok(24.0));
        assert_eq!(gamma(200.0), Err(true));
        assert_eq!(gamma(-1.0), Err(false));
        assert_eq!(lgamma(10.0), Ok(12.801827480081467));
        assert_eq!(lgamma(0.5), Ok(0.5723649429247004));
    }

    #[test]
    fn module_functions() {
        let mut vm = Vm::new(egret_vm::vm::Config::default());
        let m = make_module(&mut vm).unwrap();
        let f = vm.getattr_str(&m, "comb").unwrap();
        let r = vm.call(&f, &[Value::Int(52), Value::Int(5)]).unwrap();
        assert!(matches!(r, Value::Int(2598960)));
        let f = vm.getattr_str(&m, "log").unwrap();
        let big = vm.new_bigint(num_traits::Pow::pow(BigInt::from(10), 400u32));
        let r = vm.call(&f, &[big]).unwrap();
        assert!(matches!(r, Value::Float(x) if x.get() == 921.0340371976182));
        let two2000 = vm.new_bigint(BigInt::one() << 2000usize);
        let r = vm.call(&f, &[two2000, Value::Int(2)]).unwrap();
        assert!(matches!(r, Value::Float(x) if x.get() == 2000.0000000000002));
        let f = vm.getattr_str(&m, "hypot").unwrap();
        let r = vm.call(&f, &[Value::float(1e200), Value::float(1e200)]).unwrap();
        assert!(matches!(r, Value::Float(x) if x.get() == 1.414213562373095e+200), "{r:?}");
        let f = vm.getattr_str(&m, "lgamma").unwrap();
        let r = vm.call(&f, &[Value::float(-0.5)]).unwrap();
        assert!(matches!(r, Value::Float(x) if x.get() == 1.265512123484645), "{r:?}");
        let f = vm.getattr_str(&m, "dist").unwrap();
        let a = vm.new_tuple(vec![Value::Int(1), Value::Int(1), Value::Int(1)]);
        let b = vm.new_tuple(vec![Value::Int(2), Value::Int(2), Value::Int(2)]);
        let r = vm.call(&f, &[a, b]).unwrap();
        assert!(matches!(r, Value::Float(x) if x.get() == 1.7320508075688772), "{r:?}");
        let f = vm.getattr_str(&m, "sqrt").unwrap();
        assert!(vm.call(&f, &[Value::Int(-1)]).is_err());
    }
}
