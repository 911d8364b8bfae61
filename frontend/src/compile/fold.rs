//! Constant folding, as CPython 3.12's AST optimiser (`ast_opt.c`) does it, but
//! evaluated on demand while compiling (the AST is never rewritten, so the
//! symbol table's node addresses stay valid).
//!
//! Folded: unary `-`, `+`, `~`, `not` on constants; binary arithmetic on
//! int/float/complex/str/bytes/tuple constants within CPython's size limits
//! (ints up to 128 bits for `*`, `**`, `<<`; strings/bytes up to 4096 items and
//! tuples up to 256 items for repetition); `const[const]` on str/bytes/tuple;
//! tuples of constants; `__debug__`. Anything that could raise or whose result
//! would need exact float semantics we do not reproduce is left unfolded (the
//! code then computes it at run time, with identical results).

use super::Compiler;
use crate::ast::{self, Expr, ExprContext, ExprKind, Operator, UnaryOp};
use crate::bytecode::ConstValue;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::rc::Rc;

const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;
const MAX_TOTAL_ITEMS: usize = 1024;

pub(crate) fn const_of(c: &ast::Constant) -> ConstValue {
    match c {
        ast::Constant::None => ConstValue::None,
        ast::Constant::Bool(b) => ConstValue::Bool(*b),
        ast::Constant::Int(i) => ConstValue::Int(i.clone()),
        ast::Constant::Float(f) => ConstValue::Float(*f),
        ast::Constant::Complex { real, imag } => ConstValue::Complex { real: *real, imag: *imag },
        ast::Constant::Str(s) => ConstValue::Str(s.clone()),
        ast::Constant::Bytes(b) => ConstValue::Bytes(b.as_slice().into()),
        ast::Constant::Ellipsis => ConstValue::Ellipsis,
        ast::Constant::Tuple(t) => ConstValue::Tuple(t.iter().map(const_of).collect::<Vec<_>>().into()),
        ast::Constant::FrozenSet(t) => ConstValue::FrozenSet(t.iter().map(const_of).collect::<Vec<_>>().into()),
    }
}

pub(crate) fn truthy(c: &ConstValue) -> bool {
    match c {
        ConstValue::None => false,
        ConstValue::Bool(b) => *b,
        ConstValue::Int(i) => !i.is_zero(),
        ConstValue::Float(f) => *f != 0.0,
        ConstValue::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        ConstValue::Str(s) => !s.is_empty(),
        ConstValue::Bytes(b) => !b.is_empty(),
        ConstValue::Ellipsis => true,
        ConstValue::Tuple(t) | ConstValue::FrozenSet(t) => !t.is_empty(),
        ConstValue::Code(_) => true,
    }
}

fn as_int(c: &ConstValue) -> Option<BigInt> {
    match c {
        ConstValue::Int(i) => Some(i.clone()),
        ConstValue::Bool(b) => Some(BigInt::from(*b as u8)),
        _ => None,
    }
}

/// An int exactly representable as f64 (|i| <= 2^53), converted.
fn small_int_as_f64(i: &BigInt) -> Option<f64> {
    if i.bits() <= 53 {
        i.to_f64()
    } else {
        None
    }
}

fn as_float(c: &ConstValue) -> Option<f64> {
    match c {
        ConstValue::Float(f) => Some(*f),
        _ => as_int(c).and_then(|i| small_int_as_f64(&i)),
    }
}

fn as_complex(c: &ConstValue) -> Option<(f64, f64)> {
    match c {
        ConstValue::Complex { real, imag } => Some((*real, *imag)),
        _ => as_float(c).map(|f| (f, 0.0)),
    }
}

fn count_items(c: &ConstValue) -> usize {
    match c {
        ConstValue::Tuple(t) | ConstValue::FrozenSet(t) => 1 + t.iter().map(count_items).sum::<usize>(),
        _ => 1,
    }
}

fn fold_unary(op: UnaryOp, v: &ConstValue) -> Option<ConstValue> {
    match op {
        UnaryOp::Not => Some(ConstValue::Bool(!truthy(v))),
        UnaryOp::USub => match v {
            ConstValue::Int(_) | ConstValue::Bool(_) => Some(ConstValue::Int(-as_int(v)?)),
            ConstValue::Float(f) => Some(ConstValue::Float(-f)),
            ConstValue::Complex { real, imag } => Some(ConstValue::Complex { real: -real, imag: -imag }),
            _ => None,
        },
        UnaryOp::UAdd => match v {
            ConstValue::Int(_) | ConstValue::Bool(_) => Some(ConstValue::Int(as_int(v)?)),
            ConstValue::Float(_) | ConstValue::Complex { .. } => Some(v.clone()),
            _ => None,
        },
        UnaryOp::Invert => match v {
            ConstValue::Int(i) => Some(ConstValue::Int(-(i + BigInt::from(1)))),
            _ => None,
        },
    }
}

fn floor_div_int(a: &BigInt, b: &BigInt) -> Option<BigInt> {
    if b.is_zero() {
        return None;
    }
    use num_integer::Integer;
    Some(a.div_floor(b))
}

fn mod_int(a: &BigInt, b: &BigInt) -> Option<BigInt> {
    if b.is_zero() {
        return None;
    }
    use num_integer::Integer;
    Some(a.mod_floor(b))
}

fn repeat(v: &ConstValue, n: &BigInt) -> Option<ConstValue> {
    let n = n.to_i64()?.max(0) as usize;
    match v {
        ConstValue::Str(s) => {
            let len = s.chars().count();
            if len > 0 && len.checked_mul(n)? > MAX_STR_SIZE {
                return None;
            }
            Some(ConstValue::Str(s.repeat(n).into()))
        }
        ConstValue::Bytes(b) => {
            if !b.is_empty() && b.len().checked_mul(n)? > MAX_STR_SIZE {
                return None;
            }
            Some(ConstValue::Bytes(b.repeat(n).into()))
        }
        ConstValue::Tuple(t) => {
            if !t.is_empty() && t.len().checked_mul(n)? > MAX_COLLECTION_SIZE {
                return None;
            }
            let mut out = Vec::with_capacity(t.len() * n);
            for _ in 0..n {
                out.extend(t.iter().cloned());
            }
            Some(ConstValue::Tuple(out.into()))
        }
        _ => None,
    }
}

fn fold_binop(op: Operator, l: &ConstValue, r: &ConstValue) -> Option<ConstValue> {
    use ConstValue as C;
    // Sequences.
    match (op, l, r) {
        (Operator::Add, C::Str(a), C::Str(b)) => {
            if a.chars().count() + b.chars().count() > MAX_STR_SIZE {
                return None;
            }
            return Some(C::Str(format!("{a}{b}").into()));
        }
        (Operator::Add, C::Bytes(a), C::Bytes(b)) => {
            let mut v = a.to_vec();
            v.extend_from_slice(b);
            return Some(C::Bytes(v.into()));
        }
        (Operator::Add, C::Tuple(a), C::Tuple(b)) => {
            let mut v = a.to_vec();
            v.extend(b.iter().cloned());
            return Some(C::Tuple(v.into()));
        }
        (Operator::Mult, C::Str(_) | C::Bytes(_) | C::Tuple(_), C::Int(_) | C::Bool(_)) => return repeat(l, &as_int(r)?),
        (Operator::Mult, C::Int(_) | C::Bool(_), C::Str(_) | C::Bytes(_) | C::Tuple(_)) => return repeat(r, &as_int(l)?),
        _ => {}
    }
    // Integers (bools act as ints, except `&|^` on two bools).
    if let (Some(a), Some(b)) = (as_int(l), as_int(r)) {
        if let (C::Bool(x), C::Bool(y)) = (l, r) {
            match op {
                Operator::BitAnd => return Some(C::Bool(*x & *y)),
                Operator::BitOr => return Some(C::Bool(*x | *y)),
                Operator::BitXor => return Some(C::Bool(*x ^ *y)),
                _ => {}
            }
        }
        let v = match op {
            Operator::Add => a + b,
            Operator::Sub => a - b,
            Operator::Mult => {
                if !a.is_zero() && !b.is_zero() && a.bits() + b.bits() > MAX_INT_SIZE {
                    return None;
                }
                a * b
            }
            Operator::FloorDiv => floor_div_int(&a, &b)?,
            Operator::Mod => mod_int(&a, &b)?,
            Operator::Div => {
                if b.is_zero() {
                    return None;
                }
                return Some(C::Float(small_int_as_f64(&a)? / small_int_as_f64(&b)?));
            }
            Operator::Pow => {
                if b.is_negative() {
                    return None;
                }
                let e = b.to_u64()?;
                if !a.is_zero() && e > 0 && a.bits() > MAX_INT_SIZE / e {
                    return None;
                }
                if e > MAX_INT_SIZE && a.bits() > 1 {
                    return None;
                }
                num_traits::pow::Pow::pow(&a, e as u32)
            }
            Operator::LShift => {
                if b.is_negative() {
                    return None;
                }
                if a.is_zero() {
                    return Some(C::Int(a));
                }
                let s = b.to_u64()?;
                if s > MAX_INT_SIZE || a.bits() > MAX_INT_SIZE - s {
                    return None;
                }
                a << s as usize
            }
            Operator::RShift => {
                if b.is_negative() {
                    return None;
                }
                let s = b.to_u64().unwrap_or(u64::MAX).min(1 << 20);
                a >> s as usize
            }
            Operator::BitAnd => a & b,
            Operator::BitOr => a | b,
            Operator::BitXor => a ^ b,
            Operator::MatMult => return None,
        };
        return Some(C::Int(v));
    }
    // Floats (at least one float, the other an exactly convertible int).
    if matches!(l, C::Float(_)) || matches!(r, C::Float(_)) {
        if matches!(l, C::Complex { .. }) || matches!(r, C::Complex { .. }) {
            return fold_complex(op, l, r);
        }
        let (a, b) = (as_float(l)?, as_float(r)?);
        let v = match op {
            Operator::Add => a + b,
            Operator::Sub => a - b,
            Operator::Mult => a * b,
            Operator::Div => {
                if b == 0.0 {
                    return None;
                }
                a / b
            }
            _ => return None,
        };
        return Some(C::Float(v));
    }
    fold_complex(op, l, r)
}

fn fold_complex(op: Operator, l: &ConstValue, r: &ConstValue) -> Option<ConstValue> {
    if !matches!(l, ConstValue::Complex { .. }) && !matches!(r, ConstValue::Complex { .. }) {
        return None;
    }
    let (a, b) = (as_complex(l)?, as_complex(r)?);
    let (re, im) = match op {
        Operator::Add => (a.0 + b.0, a.1 + b.1),
        Operator::Sub => (a.0 - b.0, a.1 - b.1),
        Operator::Mult => (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0),
        _ => return None,
    };
    Some(ConstValue::Complex { real: re, imag: im })
}

fn fold_subscript(v: &ConstValue, i: &ConstValue) -> Option<ConstValue> {
    let idx = as_int(i)?.to_i64()?;
    let get = |len: usize| -> Option<usize> {
        let k = if idx < 0 { idx + len as i64 } else { idx };
        if k < 0 || k as usize >= len {
            None
        } else {
            Some(k as usize)
        }
    };
    match v {
        ConstValue::Tuple(t) => Some(t[get(t.len())?].clone()),
        ConstValue::Bytes(b) => Some(ConstValue::Int(BigInt::from(b[get(b.len())?]))),
        ConstValue::Str(s) => {
            if s.is_ascii() {
                let k = get(s.len())?;
                Some(ConstValue::Str(s[k..k + 1].into()))
            } else {
                let chars: Vec<char> = s.chars().collect();
                let k = get(chars.len())?;
                Some(ConstValue::Str(chars[k].to_string().into()))
            }
        }
        _ => None,
    }
}

impl<'a> Compiler<'a> {
    /// The constant value of `e` if CPython's AST optimiser would fold it.
    pub fn fold_constant(&self, e: &Expr) -> Option<ConstValue> {
        self.fold_depth(e, 0)
    }

    fn fold_depth(&self, e: &Expr, depth: u32) -> Option<ConstValue> {
        if depth > 200 {
            return None;
        }
        match &e.kind {
            ExprKind::Constant { value, .. } => Some(const_of(value)),
            ExprKind::Name { id, ctx: ExprContext::Load } if &**id == "__debug__" => Some(ConstValue::Bool(self.optimize == 0)),
            ExprKind::UnaryOp { op, operand } => {
                let v = self.fold_depth(operand, depth + 1)?;
                fold_unary(*op, &v)
            }
            ExprKind::BinOp { left, op, right } => {
                let l = self.fold_depth(left, depth + 1)?;
                let r = self.fold_depth(right, depth + 1)?;
                let v = fold_binop(*op, &l, &r)?;
                if count_items(&v) > MAX_TOTAL_ITEMS {
                    return None;
                }
                Some(v)
            }
            ExprKind::Tuple { elts, ctx: ExprContext::Load } => {
                // Allocated only once the first element folds (most tuples do not).
                let mut items = Vec::new();
                for x in elts {
                    if matches!(x.kind, ExprKind::Starred { .. }) {
                        return None;
                    }
                    let v = self.fold_depth(x, depth + 1)?;
                    if items.is_empty() {
                        items.reserve_exact(elts.len());
                    }
                    items.push(v);
                }
                Some(ConstValue::Tuple(Rc::from(items)))
            }
            ExprKind::Subscript { value, slice, ctx: ExprContext::Load } => {
                let v = self.fold_depth(value, depth + 1)?;
                let i = self.fold_depth(slice, depth + 1)?;
                fold_subscript(&v, &i)
            }
            _ => None,
        }
    }

    /// `for x in [1, 2]` / `x in {1, 2}`: a display of constants used only for
    /// iteration or membership becomes a constant tuple / frozenset.
    pub fn fold_iterable(&self, e: &Expr) -> Option<ConstValue> {
        match &e.kind {
            ExprKind::List { elts, ctx: ExprContext::Load } => {
                let items: Option<Vec<ConstValue>> = elts.iter().map(|x| self.fold_constant(x)).collect();
                Some(ConstValue::Tuple(items?.into()))
            }
            ExprKind::Set(elts) => {
                let items: Option<Vec<ConstValue>> = elts.iter().map(|x| self.fold_constant(x)).collect();
                Some(ConstValue::FrozenSet(items?.into()))
            }
            _ => None,
        }
    }
}
