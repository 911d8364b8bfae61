//! The `cmath` module: complex square root, exponential, logarithms,
//! trigonometric and hyperbolic functions, `phase`/`polar`/`rect`,
//! `isclose`/`isfinite`/`isinf`/`isnan` and the constants. Arguments may be
//! complex, float or int (or define `__complex__`/`__float__`/`__index__`).
//! Branch cuts follow C99 Annex G (the signs of zero pick the side).

use crate::math::{arg_f64, tolerances};
use egret_vm::builtins::complex::complex_ref;
use egret_vm::function::Args;
use egret_vm::value::Value;
use egret_vm::vm::Vm;
use egret_vm::PyResult;

type C = (f64, f64);

fn arg_c(vm: &mut Vm, v: &Value) -> PyResult<C> {
    if let Some(c) = complex_ref(v) {
        return Ok(c);
    }
    let ty = vm.type_of(v);
    if let Some(f) = egret_vm::slots::special(&ty, "__complex__") {
        let r = vm.call(&f, &[v.clone()])?;
        return complex_ref(&r)
            .ok_or_else(|| vm.type_error(format!("__complex__ returned non-complex (type {})", vm.type_name(&r))));
    }
    match arg_f64(vm, v) {
        Ok(f) => Ok((f, 0.0)),
        Err(_) => Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v)))),
    }
}

fn one_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<C> {
    let p = args.pos();
    if p.len() != 1 || args.has_kwargs() {
        return Err(vm.type_error(format!("{}() takes exactly one argument ({} given)", name, p.len())));
    }
    arg_c(vm, &p[0])
}

fn result(vm: &mut Vm, z: C, r: C) -> PyResult<Value> {
    let finite_in = z.0.is_finite() && z.1.is_finite();
    if finite_in && (r.0.is_nan() || r.1.is_nan()) {
        return Err(vm.value_error("math domain error"));
    }
    if finite_in && (r.0.is_infinite() || r.1.is_infinite()) {
        return Err(vm.overflow_error("math range error"));
    }
    Ok(vm.new_complex(r.0, r.1))
}

/// Principal square root (Kahan's method, with the sign of zero kept).
pub fn c_sqrt(z: C) -> C {
    let (x, y) = z;
    if y.is_infinite() {
        return (f64::INFINITY, y);
    }
    if x.is_nan() {
        return (x, if y.is_nan() { y } else { f64::NAN });
    }
    if x.is_infinite() {
        if x > 0.0 {
            return (x, if y.is_nan() { y } else { 0.0f64.copysign(y) });
        }
        return (if y.is_nan() { y.abs() } else { 0.0 }, f64::INFINITY.copysign(y));
    }
    if y.is_nan() {
        return (f64::NAN, f64::NAN);
    }
    if x == 0.0 && y == 0.0 {
        return (0.0, y);
    }
    let ax = x.abs();
    let ay = y.abs();
    let s = ((ax + ax.hypot(ay)) / 2.0).sqrt();
    let s = if s.is_infinite() || s == 0.0 {
        // Rescale to avoid overflow/underflow.
        let sc = 2f64.powi(-600);
        let (ax2, ay2) = (ax * sc, ay * sc);
        ((ax2 + ax2.hypot(ay2)) / 2.0).sqrt() / 2f64.powi(-300)
    } else {
        s
    };
    let d = ay / (2.0 * s);
    if x >= 0.0 {
        (s, d.copysign(y))
    } else {
        (d, s.copysign(y))
    }
}

pub fn c_exp(z: C) -> C {
    let (x, y) = z;
    if y == 0.0 && !x.is_nan() {
        return (x.exp(), y);
    }
    let l = x.exp();
    if l.is_infinite() {
        // Avoid inf * 0 for moderate angles.
        let h = (x - 1.0).exp();
        return (h * y.cos() * std::f64::consts::E, h * y.sin() * std::f64::consts::E);
    }
    (l * y.cos(), l * y.sin())
}

pub fn c_log(z: C) -> C {
    let (x, y) = z;
    let r = x.hypot(y);
    let re = if r.is_infinite() && x.is_finite() && y.is_finite() {
        (x / 2.0).hypot(y / 2.0).ln() + std::f64::consts::LN_2
    } else {
        r.ln()
    };
    (re, y.atan2(x))
}

fn c_sinh(z: C) -> C {
    (z.0.sinh() * z.1.cos(), z.0.cosh() * z.1.sin())
}
fn c_cosh(z: C) -> C {
    (z.0.cosh() * z.1.cos(), z.0.sinh() * z.1.sin())
}
fn c_tanh(z: C) -> C {
    let (x, y) = z;
    if x.abs() > 20.0 {
        return (1.0f64.copysign(x), 4.0 * (2.0 * y).sin() * (-2.0 * x.abs()).exp() * 0.5);
    }
    let d = (2.0 * x).cosh() + (2.0 * y).cos();
    ((2.0 * x).sinh() / d, (2.0 * y).sin() / d)
}
fn c_sin(z: C) -> C {
    // sin(z) = -i sinh(iz)
    let s = c_sinh((-z.1, z.0));
    (s.1, -s.0)
}
fn c_cos(z: C) -> C {
    c_cosh((-z.1, z.0))
}
fn c_tan(z: C) -> C {
    let t = c_tanh((-z.1, z.0));
    (t.1, -t.0)
}
fn c_asinh(z: C) -> C {
    // log(z + sqrt(z*z + 1))
    let s = c_sqrt((1.0 + (z.0 - z.1) * (z.0 + z.1), 2.0 * z.0 * z.1));
    let r = c_log((z.0 + s.0, z.1 + s.1));
    if z.0 < 0.0 {
        // Use odd symmetry for accuracy.
        let m = c_asinh((-z.0, -z.1));
        return (-m.0, -m.1);
    }
    r
}
fn c_asin(z: C) -> C {
    let r = c_asinh((-z.1, z.0));
    (r.1, -r.0)
}
fn c_acos(z: C) -> C {
    let s1 = c_sqrt((1.0 - z.0, -z.1));
    let s2 = c_sqrt((1.0 + z.0, z.1));
    let re = 2.0 * s1.0.atan2(s2.0);
    let im = (s2.0 * s1.1 - s2.1 * s1.0).asinh();
    (re, im)
}
fn c_acosh(z: C) -> C {
    let s1 = c_sqrt((z.0 - 1.0, z.1));
    let s2 = c_sqrt((z.0 + 1.0, z.1));
    let re = (s1.0 * s2.0 + s1.1 * s2.1).asinh();
    let im = 2.0 * s1.1.atan2(s2.0);
    (re, im)
}
fn c_atanh(z: C) -> C {
    // 0.5 * log((1+z)/(1-z))
    if z.0 < 0.0 {
        let r = c_atanh((-z.0, -z.1));
        return (-r.0, -r.1);
    }
    let (x, y) = z;
    let ay = y.abs();
    if x == 1.0 && ay == 0.0 {
        return (f64::INFINITY, y);
    }
    let re = ((1.0 + x) * (1.0 + x) + ay * ay).ln_1p_ratio((1.0 - x) * (1.0 - x) + ay * ay) / 4.0;
    let im = -(-2.0 * y).atan2((1.0 - x) * (1.0 + x) - ay * ay) / 2.0;
    (re, im)
}
fn c_atan(z: C) -> C {
    let r = c_atanh((-z.1, z.0));
    (r.1, -r.0)
}

trait LnRatio {
    fn ln_1p_ratio(self, den: f64) -> f64;
}
impl LnRatio for f64 {
    /// `ln(self / den)`.
    fn ln_1p_ratio(self, den: f64) -> f64 {
        self.ln() - den.ln()
    }
}

macro_rules! cfuncs {
    ($($fname:ident, $name:literal, $f:expr;)*) => {
        $(
            fn $fname(vm: &mut Vm, args: Args) -> PyResult<Value> {
                let z = one_arg(vm, &args, $name)?;
                let r = $f(z);
                result(vm, z, r)
            }
        )*
    };
}

cfuncs! {
    cm_sqrt, "sqrt", c_sqrt;
    cm_exp, "exp", c_exp;
    cm_sin, "sin", c_sin;
    cm_cos, "cos", c_cos;
    cm_tan, "tan", c_tan;
    cm_sinh, "sinh", c_sinh;
    cm_cosh, "cosh", c_cosh;
    cm_tanh, "tanh", c_tanh;
    cm_asin, "asin", c_asin;
    cm_acos, "acos", c_acos;
    cm_atan, "atan", c_atan;
    cm_asinh, "asinh", c_asinh;
    cm_acosh, "acosh", c_acosh;
    cm_atanh, "atanh", c_atanh;
    cm_log10, "log10", |z: C| { let l = c_log(z); (l.0 / std::f64::consts::LN_10, l.1 / std::f64::consts::LN_10) };
}

fn cm_log(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.is_empty() || p.len() > 2 || args.has_kwargs() {
        return Err(vm.type_error(format!("log expected 1 or 2 arguments, got {}", p.len())));
    }
    let z = arg_c(vm, &p[0])?;
    if z == (0.0, 0.0) {
        return Err(vm.value_error("math domain error"));
    }
    let mut r = c_log(z);
    if p.len() == 2 {
        let b = arg_c(vm, &p[1])?;
        if b == (0.0, 0.0) {
            return Err(vm.value_error("math domain error"));
        }
        let lb = c_log(b);
        r = egret_vm::builtins::complex::c_div(r, lb).ok_or_else(|| vm.zero_division_error("complex division by zero"))?;
    }
    result(vm, z, r)
}

fn cm_phase(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let z = one_arg(vm, &args, "phase")?;
    Ok(Value::float(z.1.atan2(z.0)))
}

fn cm_polar(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let z = one_arg(vm, &args, "polar")?;
    let r = z.0.hypot(z.1);
    if r.is_infinite() && z.0.is_finite() && z.1.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    Ok(vm.new_pair(Value::float(r), Value::float(z.1.atan2(z.0))))
}

fn cm_rect(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 || args.has_kwargs() {
        return Err(vm.type_error(format!("rect expected 2 arguments, got {}", p.len())));
    }
    let r = arg_f64(vm, &p[0])?;
    let phi = arg_f64(vm, &p[1])?;
    if r.is_finite() && phi.is_infinite() {
        return Err(vm.value_error("math domain error"));
    }
    let (re, im) = if phi == 0.0 { (r, phi * r.signum()) } else { (r * phi.cos(), r * phi.sin()) };
    Ok(vm.new_complex(re, im))
}

fn cm_isfinite(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let z = one_arg(vm, &args, "isfinite")?;
    Ok(Value::bool(z.0.is_finite() && z.1.is_finite()))
}
fn cm_isinf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let z = one_arg(vm, &args, "isinf")?;
    Ok(Value::bool(z.0.is_infinite() || z.1.is_infinite()))
}
fn cm_isnan(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let z = one_arg(vm, &args, "isnan")?;
    Ok(Value::bool(z.0.is_nan() || z.1.is_nan()))
}

fn cm_isclose(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error(format!("isclose() takes exactly 2 positional arguments ({} given)", p.len())));
    }
    let a = arg_c(vm, &p[0])?;
    let b = arg_c(vm, &p[1])?;
    let (rel, abs) = tolerances(vm, &args, "isclose")?;
    if a == b {
        return Ok(Value::bool(true));
    }
    if a.0.is_infinite() || a.1.is_infinite() || b.0.is_infinite() || b.1.is_infinite() {
        return Ok(Value::bool(false));
    }
    let diff = (a.0 - b.0).hypot(a.1 - b.1);
    let (ma, mb) = (a.0.hypot(a.1), b.0.hypot(b.1));
    Ok(Value::bool(diff <= rel * mb || diff <= rel * ma || diff <= abs))
}

/// Builds the `cmath` module object.
pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("cmath");
    let funcs: &[(&'static str, egret_vm::function::NativeFn)] = &[
        ("sqrt", cm_sqrt),
        ("exp", cm_exp),
        ("log", cm_log),
        ("log10", cm_log10),
        ("sin", cm_sin),
        ("cos", cm_cos),
        ("tan", cm_tan),
        ("sinh", cm_sinh),
        ("cosh", cm_cosh),
        ("tanh", cm_tanh),
        ("asin", cm_asin),
        ("acos", cm_acos),
        ("atan", cm_atan),
        ("asinh", cm_asinh),
        ("acosh", cm_acosh),
        ("atanh", cm_atanh),
        ("phase", cm_phase),
        ("polar", cm_polar),
        ("rect", cm_rect),
        ("isfinite", cm_isfinite),
        ("isinf", cm_isinf),
        ("isnan", cm_isnan),
        ("isclose", cm_isclose),
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
    let infj = vm.new_complex(0.0, f64::INFINITY);
    vm.dict_set_str(&d, "infj", infj);
    let nanj = vm.new_complex(0.0, f64::NAN);
    vm.dict_set_str(&d, "nanj", nanj);
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principal_values() {
        assert_eq!(c_sqrt((-1.0, 0.0)), (0.0, 1.0));
        assert_eq!(c_sqrt((-1.0, -0.0)), (0.0, -1.0));
        assert_eq!(c_sqrt((4.0, 0.0)), (2.0, 0.0));
        assert_eq!(c_sqrt((3.0, 4.0)), (2.0, 1.0));
        let l = c_log((-1.0, 0.0));
        assert_eq!(l, (0.0, std::f64::consts::PI));
        let e = c_exp((0.0, std::f64::consts::PI));
        assert!((e.0 + 1.0).abs() < 1e-15 && e.1.abs() < 1e-15);
        let a = c_acos((2.0, 0.0));
        assert!(a.0.abs() < 1e-15 && (a.1 + 1.3169578969248166).abs() < 1e-15);
    }
}
