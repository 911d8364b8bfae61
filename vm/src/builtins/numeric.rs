//! (Owned by the numbers engineer: fast_binary_op for inline ints/floats (used by the interpreter on every BinaryOp), shared numeric helpers (int/float conversions, true division, floor division/modulo sign rules, pow).)
//!
//! Shared numeric machinery used by `int.rs`, `float.rs`, `complex.rs` and
//! the `math`/`cmath` modules:
//! - [`fast_binary_op`]: the interpreter's inline path for `int`/`float`
//!   operands (everything else returns `None` and goes to the dunders);
//! - views of int operands ([`IntRef`]) without cloning big ints;
//! - exact conversions: int -> float correctly rounded ([`big_to_f64`]),
//!   int / int correctly rounded ([`int_true_div`]), float -> int exactly
//!   ([`f64_to_bigint`]), exact int/float comparison ([`cmp_int_float`]);
//! - CPython's floor-division / modulo sign rules for floats ([`float_divmod`])
//!   and `float ** float` ([`float_pow`]).

use crate::value::{Data, Value};
use std::rc::Rc;
use crate::vm::Vm;
use crate::PyResult;
use egret_frontend::bytecode::BinaryOperator as Op;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

pub fn init(vm: &mut Vm) {
    let _ = vm;
}

// ----- the interpreter's fast path ------------------------------------------

/// Fast paths for binary operators on inline values; `None` = take the generic path.
///
/// Always inlined (with the two helpers below): the dispatch loop is big
/// enough that LLVM's heuristics may otherwise call it out of line, which
/// cost the float benchmarks ~10% (nbody, measured).
#[inline(always)]
pub fn fast_binary_op(vm: &mut Vm, a: &Value, b: &Value, op: Op) -> Option<PyResult<Value>> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => int_int_fast(vm, *x, *y, op),
        (Value::Float(x), Value::Float(y)) => float_float_fast(vm, x.get(), y.get(), op),
        (Value::Int(x), Value::Float(y)) => {
            let xf = *x as f64;
            if xf as i64 == *x && xf.abs() < 9007199254740992.0 {
                float_float_fast(vm, xf, y.get(), op)
            } else {
                None
            }
        }
        (Value::Float(x), Value::Int(y)) => {
            let yf = *y as f64;
            if yf as i64 == *y && yf.abs() < 9007199254740992.0 {
                float_float_fast(vm, x.get(), yf, op)
            } else {
                None
            }
        }
        (Value::Obj(x), Value::Obj(y)) if op == Op::Add || op == Op::InplaceAdd => concat_fast(vm, x, y, op),
        (Value::Obj(_), Value::Int(_)) | (Value::Int(_), Value::Obj(_)) | (Value::Obj(_), Value::Obj(_)) => exact_int_fast(vm, a, b, op),
        _ => None,
    }
}

/// An exact `int` operand (machine or big), not a subclass instance.
#[inline]
fn exact_int_ref<'a>(vm: &Vm, v: &'a Value) -> Option<IntRef<'a>> {
    match v {
        Value::Int(i) => Some(IntRef::Small(*i)),
        Value::Obj(o) => match &o.data {
            Data::Int(b) if Rc::ptr_eq(&o.ty, &vm.t.int) => Some(IntRef::Big(b)),
            _ => None,
        },
        _ => None,
    }
}

/// Arithmetic on exact ints where one is big: `int_binop` directly,
/// without looking up and calling `int.__op__`.
#[inline(never)]
fn exact_int_fast(vm: &mut Vm, a: &Value, b: &Value, op: Op) -> Option<PyResult<Value>> {
    let base = op.base();
    if !matches!(
        base,
        Op::Add | Op::Subtract | Op::Multiply | Op::FloorDivide | Op::Remainder | Op::And | Op::Or | Op::Xor | Op::Lshift | Op::Rshift
    ) {
        return None;
    }
    let x = exact_int_ref(vm, a)?;
    let y = exact_int_ref(vm, b)?;
    Some(super::int::int_binop(vm, x, y, base))
}

/// `+` of two exact strs, tuples or lists (and `+=` of strs and tuples,
/// which build a new object too), without looking up `__add__`.
#[inline(never)]
fn concat_fast(vm: &mut Vm, x: &crate::value::PyRef, y: &crate::value::PyRef, op: Op) -> Option<PyResult<Value>> {
    if !Rc::ptr_eq(&x.ty, &y.ty) {
        return None;
    }
    match (&x.data, &y.data) {
        // As CPython, concatenating an empty str or tuple gives the other operand.
        (Data::Int(_), Data::Int(_)) => exact_int_fast(vm, &Value::Obj(x.clone()), &Value::Obj(y.clone()), op),
        (Data::Str(a), Data::Str(_)) if a.s.is_empty() && Rc::ptr_eq(&x.ty, &vm.t.str) => Some(Ok(Value::Obj(y.clone()))),
        (Data::Str(_), Data::Str(b)) if b.s.is_empty() && Rc::ptr_eq(&x.ty, &vm.t.str) => Some(Ok(Value::Obj(x.clone()))),
        (Data::Str(a), Data::Str(b)) if Rc::ptr_eq(&x.ty, &vm.t.str) => Some(Ok(vm.new_str_concat(&[&a.s, &b.s], a.char_len + b.char_len))),
        (Data::Tuple(a), Data::Tuple(b)) if Rc::ptr_eq(&x.ty, &vm.t.tuple) => Some(Ok(super::tuple::concat_exact(vm, x, a, y, b))),
        (Data::List(a), Data::List(b)) if op == Op::Add && Rc::ptr_eq(&x.ty, &vm.t.list) => {
            let (a, b) = (a.borrow(), b.borrow());
            let mut v = Vec::with_capacity(a.len() + b.len());
            v.extend_from_slice(&a);
            v.extend_from_slice(&b);
            drop((a, b));
            Some(Ok(vm.new_list(v)))
        }
        _ => None,
    }
}

#[inline(always)]
fn int_int_fast(vm: &mut Vm, x: i64, y: i64, op: Op) -> Option<PyResult<Value>> {
    let r = match op.base() {
        Op::Add => x.checked_add(y)?,
        Op::Subtract => x.checked_sub(y)?,
        Op::Multiply => x.checked_mul(y)?,
        Op::FloorDivide => {
            if y == 0 {
                return Some(Err(vm.zero_division_error("integer division or modulo by zero")));
            }
            if x == i64::MIN && y == -1 {
                return None;
            }
            let q = x / y;
            if (x % y != 0) && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            }
        }
        Op::Remainder => {
            if y == 0 {
                return Some(Err(vm.zero_division_error("integer modulo by zero")));
            }
            if y == -1 {
                0
            } else {
                floor_mod_i64(x, y)
            }
        }
        Op::TrueDivide => {
            if y == 0 {
                return Some(Err(vm.zero_division_error("division by zero")));
            }
            if x.unsigned_abs() <= 1 << 53 && y.unsigned_abs() <= 1 << 53 {
                return Some(Ok(Value::float(x as f64 / y as f64)));
            }
            return None;
        }
        Op::And => x & y,
        Op::Or => x | y,
        Op::Xor => x ^ y,
        Op::Lshift => {
            if !(0..64).contains(&y) {
                return None;
            }
            let r = x << y;
            if r >> y != x {
                return None;
            }
            r
        }
        Op::Rshift => {
            if y < 0 {
                return None;
            }
            x >> y.min(63)
        }
        Op::Power => {
            if !(0..64).contains(&y) {
                return None;
            }
            x.checked_pow(y as u32)?
        }
        _ => return None,
    };
    Some(Ok(Value::Int(r)))
}

#[inline(always)]
fn float_float_fast(vm: &mut Vm, x: f64, y: f64, op: Op) -> Option<PyResult<Value>> {
    let r = match op.base() {
        Op::Add => x + y,
        Op::Subtract => x - y,
        Op::Multiply => x * y,
        Op::TrueDivide => {
            if y == 0.0 {
                return Some(Err(vm.zero_division_error("float division by zero")));
            }
            x / y
        }
        Op::FloorDivide => {
            if y == 0.0 {
                return Some(Err(vm.zero_division_error("float floor division by zero")));
            }
            float_divmod(x, y).0
        }
        Op::Remainder => {
            if y == 0.0 {
                return Some(Err(vm.zero_division_error("float modulo")));
            }
            float_divmod(x, y).1
        }
        Op::Power => return Some(float_pow(vm, x, y)),
        _ => return None,
    };
    Some(Ok(Value::float(r)))
}

/// `x % y` with Python's sign rule (result has the sign of `y`); `y != 0`, `y != -1`.
#[inline]
pub fn floor_mod_i64(x: i64, y: i64) -> i64 {
    let r = x % y;
    if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    }
}

/// `(x // y, x % y)` for floats with CPython's rules (`y != 0`).
pub fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// OverflowError with CPython's errno-style arguments `(34, 'Numerical result out of range')`.
pub fn range_error(vm: &mut Vm) -> crate::PyErr {
    let msg = vm.new_str("Numerical result out of range");
    crate::PyErr(vm.new_exception(vm.e.overflow_error.clone(), vec![Value::Int(34), msg]))
}

fn is_odd_integer(f: f64) -> bool {
    f.is_finite() && f.floor() == f && (f % 2.0).abs() == 1.0
}

/// `x ** y` for floats with CPython's special cases; a negative base with a
/// fractional exponent gives a complex result.
pub fn float_pow(vm: &mut Vm, iv: f64, iw: f64) -> PyResult<Value> {
    if iw == 0.0 {
        return Ok(Value::float(1.0));
    }
    if iv.is_nan() {
        return Ok(Value::float(iv));
    }
    if iw.is_nan() {
        return Ok(Value::float(if iv == 1.0 { 1.0 } else { iw }));
    }
    if iw.is_infinite() {
        let a = iv.abs();
        return Ok(Value::float(if a == 1.0 {
            1.0
        } else if (iw > 0.0) == (a > 1.0) {
            iw.abs()
        } else {
            0.0
        }));
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Ok(Value::float(if iv > 0.0 {
            if iw > 0.0 { iv } else { 0.0 }
        } else if iw > 0.0 {
            if odd { iv } else { -iv }
        } else if odd {
            (0.0f64).copysign(iv)
        } else {
            0.0
        }));
    }
    if iv == 0.0 {
        let odd = is_odd_integer(iw);
        if iw < 0.0 {
            return Err(vm.zero_division_error("0.0 cannot be raised to a negative power"));
        }
        return Ok(Value::float(if odd { iv } else { 0.0 }));
    }
    let mut base = iv;
    let mut negate = false;
    if iv < 0.0 {
        if iw != iw.floor() {
            return crate::builtins::complex::complex_pow_value(vm, (iv, 0.0), (iw, 0.0));
        }
        negate = is_odd_integer(iw);
        base = -iv;
    }
    if base == 1.0 {
        return Ok(Value::float(if negate { -1.0 } else { 1.0 }));
    }
    let r = base.powf(iw);
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    Ok(Value::float(if negate { -r } else { r }))
}

// ----- helpers for the builtins divmod(), pow() and round() ------------------------

/// Calls `a.<name>(b)`, then `b.<rname>(a)` (the reflected method first when
/// `type(b)` is a proper subclass of `type(a)`); `Ok(None)` if both decline.
pub fn binary_dunder(vm: &mut Vm, a: &Value, b: &Value, name: &'static str, rname: &'static str) -> PyResult<Option<Value>> {
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    let same = std::rc::Rc::ptr_eq(&ta, &tb);
    let fa = crate::slots::special(&ta, name);
    let fb = if same { None } else { crate::slots::special(&tb, rname) };
    let sub_first = !same && crate::types::is_subtype(&tb, &ta);
    let mut order: Vec<(Value, Value, Value)> = Vec::with_capacity(2);
    if let (true, Some(f)) = (sub_first, &fb) {
        order.push((f.clone(), b.clone(), a.clone()));
    }
    if let Some(f) = fa {
        order.push((f, a.clone(), b.clone()));
    }
    if let (false, Some(f)) = (sub_first, fb) {
        order.push((f, b.clone(), a.clone()));
    }
    for (f, x, y) in order {
        let r = vm.call(&f, &[x, y])?;
        if !r.is(&vm.not_implemented) {
            return Ok(Some(r));
        }
    }
    Ok(None)
}

/// `divmod(a, b)`.
pub fn divmod(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        if *y != 0 && !(*x == i64::MIN && *y == -1) {
            let q = int_int_fast(vm, *x, *y, Op::FloorDivide);
            let r = int_int_fast(vm, *x, *y, Op::Remainder);
            if let (Some(Ok(q)), Some(Ok(r))) = (q, r) {
                return Ok(vm.new_pair(q, r));
            }
        }
    }
    match binary_dunder(vm, a, b, "__divmod__", "__rdivmod__")? {
        Some(r) => Ok(r),
        None => Err(vm.type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            vm.type_name(a),
            vm.type_name(b)
        ))),
    }
}

/// `pow(a, b, m)` (two-argument `pow` when `m` is None).
pub fn pow3(vm: &mut Vm, a: &Value, b: &Value, m: &Value) -> PyResult<Value> {
    if m.is_none() {
        return vm.binary_op(a, b, Op::Power);
    }
    if let (Some(x), Some(y), Some(z)) = (int_ref(a), int_ref(b), int_ref(m)) {
        return crate::builtins::int::int_pow_mod(vm, x, y, z);
    }
    let ta = vm.type_of(a);
    if let Some(f) = crate::slots::special(&ta, "__pow__") {
        let r = vm.call(&f, &[a.clone(), b.clone(), m.clone()])?;
        if !r.is(&vm.not_implemented) {
            return Ok(r);
        }
    }
    if float_ref(m).is_some() || float_ref(a).is_some() || float_ref(b).is_some() {
        return Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"));
    }
    if crate::builtins::complex::complex_ref(m).is_some() {
        return Err(vm.value_error("complex modulo"));
    }
    Err(vm.type_error(format!(
        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
        vm.type_name(a),
        vm.type_name(b),
        vm.type_name(m)
    )))
}

/// `round(x)` / `round(x, ndigits)` (`ndigits` None = one argument).
pub fn round(vm: &mut Vm, x: &Value, ndigits: &Value) -> PyResult<Value> {
    let ty = vm.type_of(x);
    match crate::slots::special(&ty, "__round__") {
        Some(f) => {
            if ndigits.is_none() {
                vm.call(&f, &[x.clone()])
            } else {
                vm.call(&f, &[x.clone(), ndigits.clone()])
            }
        }
        None => Err(vm.type_error(format!("type {} doesn't define __round__ method", vm.type_name(x)))),
    }
}

// ----- int operands ------------------------------------------------------------

/// A borrowed view of an int operand (`int`, `bool`, big or subclass ints).
#[derive(Clone, Copy)]
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl<'a> IntRef<'a> {
    pub fn to_big(self) -> BigInt {
        match self {
            IntRef::Small(i) => BigInt::from(i),
            IntRef::Big(b) => b.clone(),
        }
    }
    pub fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(i) => Some(i),
            IntRef::Big(b) => b.to_i64(),
        }
    }
    pub fn is_zero(self) -> bool {
        match self {
            IntRef::Small(i) => i == 0,
            IntRef::Big(b) => b.is_zero(),
        }
    }
    pub fn is_negative(self) -> bool {
        match self {
            IntRef::Small(i) => i < 0,
            IntRef::Big(b) => b.is_negative(),
        }
    }
    /// Correctly rounded conversion; `None` if too large for a float.
    pub fn to_f64(self) -> Option<f64> {
        match self {
            IntRef::Small(i) => Some(i as f64),
            IntRef::Big(b) => big_to_f64(b),
        }
    }
}

/// The int payload of an int-like value (`int`, `bool`, big ints, int subclasses).
#[inline]
pub fn int_ref(v: &Value) -> Option<IntRef<'_>> {
    match v {
        Value::Int(i) => Some(IntRef::Small(*i)),
        Value::Bool(b) => Some(IntRef::Small(b.get() as i64)),
        Value::Obj(o) => match &o.data {
            Data::Int(b) => Some(IntRef::Big(b)),
            _ => None,
        },
        _ => None,
    }
}

/// The value of an int-like operand as a BigInt.
pub fn to_bigint(v: &Value) -> Option<BigInt> {
    int_ref(v).map(|r| r.to_big())
}

/// The f64 of a float or float-subclass value.
#[inline]
pub fn float_ref(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(f.get()),
        Value::Obj(o) => match &o.data {
            Data::Float(f) => Some(*f),
            _ => None,
        },
        _ => None,
    }
}

/// A float operand for float arithmetic: a float, or an int converted
/// exactly-rounded. `None`: not a number of either kind (NotImplemented).
pub fn float_operand(vm: &mut Vm, v: &Value) -> Option<PyResult<f64>> {
    if let Some(f) = float_ref(v) {
        return Some(Ok(f));
    }
    let i = int_ref(v)?;
    Some(i.to_f64().ok_or_else(|| vm.overflow_error("int too large to convert to float")))
}

/// `__index__` of any value as a BigInt (TypeError if it has none).
pub fn index_bigint(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(i) = int_ref(v) {
        return Ok(i.to_big());
    }
    let ty = vm.type_of(v);
    match crate::slots::special(&ty, "__index__") {
        Some(f) => {
            let r = vm.call(&f, &[v.clone()])?;
            match int_ref(&r) {
                Some(i) => Ok(i.to_big()),
                None => Err(vm.type_error(format!("__index__ returned non-int (type {})", vm.type_name(&r)))),
            }
        }
        None => Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v)))),
    }
}

/// `__index__` of any value as an int Value (exact int).
pub fn index_value(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(b.get() as i64)),
        _ => {
            let b = index_bigint(vm, v)?;
            Ok(vm.new_bigint(b))
        }
    }
}

// ----- exact conversions ---------------------------------------------------------

/// `f == m * 2**e` exactly with integer `m` (finite `f`).
pub fn f64_decompose(f: f64) -> (i64, i32) {
    let bits = f.to_bits();
    let sign = if bits >> 63 == 1 { -1 } else { 1 };
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = (bits & ((1u64 << 52) - 1)) as i64;
    if exp == 0 {
        (sign * frac, -1074)
    } else {
        (sign * (frac | (1i64 << 52)), exp - 1075)
    }
}

/// The exact integer value of a finite float's integer part.
pub fn f64_to_bigint(f: f64) -> BigInt {
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return BigInt::from(t as i64);
    }
    let (m, e) = f64_decompose(t);
    let b = BigInt::from(m);
    if e >= 0 {
        b << e as usize
    } else {
        b >> (-e) as usize
    }
}

/// `2**n` for `-1022 <= n <= 1023`, exactly.
#[inline]
pub fn pow2(n: i64) -> f64 {
    f64::from_bits(((n + 1023) as u64) << 52)
}

/// `x * 2**e` with a single rounding (C's `ldexp`): overflow gives an infinity.
pub fn ldexp(x: f64, e: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let (f, fe) = crate::hash::frexp(x);
    let te = fe as i64 + e;
    if te > 1024 {
        return f64::INFINITY.copysign(x);
    }
    if te < -1080 {
        return 0.0f64.copysign(x);
    }
    if te >= -1021 {
        if te == 1024 {
            return f * pow2(1023) * 2.0;
        }
        return f * pow2(te);
    }
    (f * pow2(-1000)) * pow2(te + 1000)
}

/// Rounds `(q + sticky*epsilon) * 2**exp` (q > 0) to the nearest float, ties
/// to even, handling subnormals with a single rounding. `None` on overflow.
pub fn round_to_f64(q: &BigUint, exp: i64, sticky: bool) -> Option<f64> {
    if q.is_zero() {
        return Some(0.0);
    }
    let n = q.bits() as i64;
    let lead = n - 1 + exp;
    if lead > 1023 {
        return None;
    }
    let lowest = (lead - 52).max(-1074);
    let drop = lowest - exp;
    let (mut m, e) = if drop <= 0 {
        (q.to_u64().unwrap_or(0), exp)
    } else {
        let d = drop as u64;
        let m = (q >> d).to_u64().unwrap_or(0);
        let rem = q - (BigUint::from(m) << d);
        let half = BigUint::one() << (d - 1);
        let up = match rem.cmp(&half) {
            Ordering::Greater => true,
            Ordering::Equal => sticky || m & 1 == 1,
            Ordering::Less => false,
        };
        (if up { m + 1 } else { m }, exp + drop)
    };
    if m == 1u64 << 53 {
        m >>= 1;
        return finish(m, e + 1);
    }
    finish(m, e)
}

fn finish(m: u64, e: i64) -> Option<f64> {
    if m == 0 {
        return Some(0.0);
    }
    let lead = 63 - m.leading_zeros() as i64 + e;
    if lead > 1023 {
        return None;
    }
    Some(ldexp(m as f64, e))
}

/// Correctly rounded int -> float; `None` if too large.
pub fn big_to_f64(b: &BigInt) -> Option<f64> {
    if let Some(i) = b.to_i64() {
        return Some(i as f64);
    }
    let mag = b.magnitude();
    let n = mag.bits();
    let (q, exp, sticky) = if n > 64 {
        let shift = n - 64;
        let q = mag >> shift;
        let sticky = mag.trailing_zeros().map_or(false, |tz| tz < shift);
        (q, shift as i64, sticky)
    } else {
        (mag.clone(), 0, false)
    };
    let f = round_to_f64(&q, exp, sticky)?;
    Some(if b.is_negative() { -f } else { f })
}

/// `a / b` for ints, correctly rounded (`b != 0`). `Err(())` on overflow.
pub fn int_true_div(a: IntRef, b: IntRef) -> Result<f64, ()> {
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64()) {
        if x.unsigned_abs() <= 1 << 53 && y.unsigned_abs() <= 1 << 53 {
            return Ok(x as f64 / y as f64);
        }
    }
    let a = a.to_big();
    let b = b.to_big();
    let negative = a.is_negative() != b.is_negative();
    let (am, bm) = (a.magnitude(), b.magnitude());
    if am.is_zero() {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    let k = am.bits() as i64 - bm.bits() as i64;
    // Scale so the quotient has at least 55 significant bits.
    let s = 56 - k;
    let (num, den) = if s >= 0 { (am << s as u64, bm.clone()) } else { (am.clone(), bm << (-s) as u64) };
    let (q, r) = num.div_rem(&den);
    let f = round_to_f64(&q, -s, !r.is_zero()).ok_or(())?;
    Ok(if negative { -f } else { f })
}

/// Exact comparison of an int with a float; `None` when `f` is NaN.
pub fn cmp_int_float(i: IntRef, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    if let IntRef::Small(x) = i {
        let xf = x as f64;
        if xf as i64 == x && (x.unsigned_abs() <= 1 << 53) {
            return xf.partial_cmp(&f);
        }
    }
    let fl = f.floor();
    let fi = f64_to_bigint(fl);
    let ib = i.to_big();
    Some(match ib.cmp(&fi) {
        Ordering::Equal => {
            if f > fl {
                Ordering::Less
            } else {
                Ordering::Equal
            }
        }
        o => o,
    })
}

/// Floor division and modulo of big ints with Python's sign rules (`b != 0`).
pub fn big_divmod(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    a.div_mod_floor(b)
}

/// Sign helper for rounding: half-even rounding of `n / d` (d > 0) to an integer.
pub fn div_round_half_even(n: &BigInt, d: &BigInt) -> BigInt {
    let (q, r) = n.div_mod_floor(d);
    let twice: BigInt = &r * 2u8;
    match twice.cmp(d) {
        Ordering::Greater => q + 1,
        Ordering::Less => q,
        Ordering::Equal => {
            if q.is_odd() {
                q + 1
            } else {
                q
            }
        }
    }
}

pub fn sign_of(b: &BigInt) -> Sign {
    b.sign()
}

#[cfg(test)]
mod tests {
    use super::*;
    use egret_frontend::bytecode::CompareOperator;

    #[test]
    fn conversions_round_correctly() {
        let b: BigInt = (BigInt::one() << 54) + 1;
        assert_eq!(big_to_f64(&b), Some(18014398509481984.0));
        let b: BigInt = (BigInt::one() << 54) + 3;
        assert_eq!(big_to_f64(&b), Some(18014398509481988.0));
        let b: BigInt = (BigInt::one() << 64) + (BigInt::one() << 11) + 1;
        assert_eq!(big_to_f64(&b), Some(18446744073709555712.0));
        assert_eq!(big_to_f64(&(BigInt::one() << 1024)), None);
        let a: BigInt = BigInt::from(10).pow(400u32);
        let c: BigInt = BigInt::from(10).pow(398u32);
        assert_eq!(int_true_div(IntRef::Big(&a), IntRef::Big(&c)), Ok(100.0));
        assert_eq!(int_true_div(IntRef::Small(1), IntRef::Big(&a)), Ok(0.0));
        let one = BigInt::one() << 1000;
        assert_eq!(int_true_div(IntRef::Small(1), IntRef::Big(&one)), Ok(ldexp(1.0, -1000)));
        assert_eq!(round_to_f64(&BigUint::one(), -1075, false), Some(0.0));
        assert_eq!(round_to_f64(&BigUint::one(), -1075, true), Some(5e-324));
        assert_eq!(round_to_f64(&BigUint::from(3u8), -1075, false), Some(1e-323));
    }


    fn show(vm: &mut Vm, v: &PyResult<Value>) -> String {
        match v {
            Ok(v) => vm.repr_string(v).unwrap_or_else(|_| "?".into()),
            Err(e) => {
                let t = vm.type_name(&e.0).to_string();
                let msg = vm.exception_data(&e.0).map(|d| {
                    let args = d.borrow().args.clone();
                    args.as_tuple().and_then(|t| t.first().cloned())
                });
                let m = match msg.flatten() {
                    Some(m) => vm.str_string(&m).unwrap_or_default(),
                    None => String::new(),
                };
                format!("{t}: {m}")
            }
        }
    }

    #[test]
    fn operators_through_the_protocol() {
        let mut vm = Vm::new(crate::vm::Config::default());
        let big = |vm: &Vm, s: &str| vm.new_bigint(s.parse::<BigInt>().unwrap());
        let p70 = big(&vm, "1180591620717411303424");
        let n70 = big(&vm, "-1180591620717411303424");
        let cases: Vec<(Value, Value, Op, &str)> = vec![
            (Value::Int(-7), Value::Int(2), Op::FloorDivide, "-4"),
            (Value::Int(7), Value::Int(-2), Op::Remainder, "-1"),
            (Value::float(-7.5), Value::Int(2), Op::Remainder, "0.5"),
            (Value::float(-0.0), Value::Int(5), Op::Remainder, "0.0"),
            (Value::float(0.0), Value::Int(-5), Op::FloorDivide, "-0.0"),
            (Value::Int(1), Value::Int(0), Op::Remainder, "ZeroDivisionError: integer modulo by zero"),
            (Value::float(1.0), Value::Int(0), Op::FloorDivide, "ZeroDivisionError: float floor division by zero"),
            (Value::Int(1), Value::float(0.0), Op::TrueDivide, "ZeroDivisionError: float division by zero"),
            (Value::Int(1), Value::Int(0), Op::TrueDivide, "ZeroDivisionError: division by zero"),
            (p70.clone(), Value::Int(-1), Op::And, "1180591620717411303424"),
            (n70.clone(), Value::Int(0xFFFF), Op::And, "0"),
            (n70.clone(), Value::Int(1), Op::Or, "-1180591620717411303423"),
            (Value::Int(-1), Value::Int(100), Op::Lshift, "-1267650600228229401496703205376"),
            (Value::Int(3), Value::Int(65), Op::Lshift, "110680464442257309696"),
            (Value::Int(-1023), Value::Int(3), Op::Rshift, "-128"),
            (Value::Int(1), Value::Int(-1), Op::Lshift, "ValueError: negative shift count"),
            (Value::Int(2), Value::Int(-1), Op::Power, "0.5"),
            (Value::Int(0), Value::Int(-1), Op::Power, "ZeroDivisionError: 0.0 cannot be raised to a negative power"),
            (Value::Int(-8), Value::float(0.5), Op::Power, "(1.7319121124709868e-16+2.8284271247461903j)"),
            (Value::Int(-2), Value::Int(63), Op::Power, "-9223372036854775808"),
            (Value::Int(-2), Value::Int(64), Op::Power, "18446744073709551616"),
            (Value::Int(10), Value::Int(-2), Op::Power, "0.01"),
            (Value::Int(2), Value::Int(-1074), Op::Power, "5e-324"),
            (Value::float(10.0), Value::Int(400), Op::Power, "OverflowError: 34"),
            (Value::float(0.1), Value::float(0.2), Op::Add, "0.30000000000000004"),
            (Value::float(1.0), Value::float(0.1), Op::FloorDivide, "9.0"),
            (Value::float(1.0), Value::float(0.1), Op::Remainder, "0.09999999999999995"),
            (Value::Int(5), Value::float(f64::INFINITY), Op::FloorDivide, "0.0"),
            (Value::Int(-5), Value::float(f64::INFINITY), Op::Remainder, "inf"),
            (Value::float(f64::INFINITY), Value::Int(1), Op::FloorDivide, "nan"),
            (Value::Int(1), Value::float(f64::NAN), Op::Power, "1.0"),
            (Value::float(-0.0), Value::Int(3), Op::Power, "-0.0"),
            (Value::bool(true), Value::bool(false), Op::And, "False"),
            (Value::bool(true), Value::Int(1), Op::And, "1"),
            (Value::bool(true), Value::bool(true), Op::Add, "2"),
            (p70.clone(), Value::float(1.0), Op::Multiply, "1.1805916207174113e+21"),
        ];
        for (a, b, op, want) in cases {
            let r = vm.binary_op(&a, &b, op);
            let got = show(&mut vm, &r);
            assert!(got.starts_with(want), "{a:?} {op:?} {b:?}: got {got}, want {want}");
        }
        let r = divmod(&mut vm, &Value::float(1.0), &Value::Int(0));
        assert_eq!(show(&mut vm, &r), "ZeroDivisionError: float divmod()");
        let r = pow3(&mut vm, &Value::Int(2), &Value::Int(2), &Value::float(5.0));
        assert_eq!(show(&mut vm, &r), "TypeError: pow() 3rd argument not allowed unless all arguments are integers");
        let r = pow3(&mut vm, &Value::Int(38), &Value::Int(-1), &Value::Int(97));
        assert_eq!(show(&mut vm, &r), "23");
        let x = vm.new_complex(1.0, 0.0);
        let r = round(&mut vm, &x, &Value::None);
        assert_eq!(show(&mut vm, &r), "TypeError: type complex doesn't define __round__ method");
        let r = round(&mut vm, &Value::float(2.675), &Value::Int(2));
        assert_eq!(show(&mut vm, &r), "2.67");
        let r = round(&mut vm, &Value::Int(25), &Value::Int(-1));
        assert_eq!(show(&mut vm, &r), "20");
        let r = round(&mut vm, &Value::float(-0.5), &Value::None);
        assert_eq!(show(&mut vm, &r), "0");
        let lt = vm.compare(&big(&vm, "9223372036854775807"), &Value::float(9.223372036854776e18), CompareOperator::Lt).unwrap();
        assert!(matches!(lt, Value::Bool(crate::value::B64::TRUE)));
        let lt = vm.compare(&Value::Int(i64::MAX), &Value::float(9.223372036854776e18), CompareOperator::Lt).unwrap();
        assert!(matches!(lt, Value::Bool(crate::value::B64::TRUE)));
        let eq = vm.compare(&Value::float(1e20), &big(&vm, "100000000000000000000"), CompareOperator::Eq).unwrap();
        assert!(matches!(eq, Value::Bool(crate::value::B64::TRUE)));
        let z = vm.new_complex(3.0, 0.0);
        assert!(vm.eq(&z, &Value::Int(3)).unwrap());
        assert_eq!(vm.hash(&z).unwrap(), 3);
    }

    #[test]
    fn float_divmod_signs() {
        assert_eq!(float_divmod(7.5, -2.0), (-4.0, -0.5));
        assert_eq!(float_divmod(-0.0, 3.0).1.to_bits(), 0.0f64.to_bits());
        assert_eq!(float_divmod(1.0, 0.1), (9.0, 0.09999999999999995));
        assert_eq!(cmp_int_float(IntRef::Small(9007199254740993), 9007199254740992.0), Some(Ordering::Greater));
    }
}
