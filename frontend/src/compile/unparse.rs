//! Expression unparsing for `from __future__ import annotations` (PEP 563):
//! annotations are stored as their source text, re-generated from the AST the
//! way CPython's `ast_unparse.c` does (minimal parentheses by precedence).

use crate::ast::{BoolOp, CmpOp, Constant, Expr, ExprKind, Operator, UnaryOp};
use std::fmt::Write as _;

// Precedence levels, as in CPython's ast_unparse.c.
const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_BOR: u8 = 6;
const PR_BXOR: u8 = 7;
const PR_BAND: u8 = 8;
const PR_SHIFT: u8 = 9;
const PR_ARITH: u8 = 10;
const PR_TERM: u8 = 11;
const PR_FACTOR: u8 = 12;
const PR_POWER: u8 = 13;
const PR_AWAIT: u8 = 14;
const PR_ATOM: u8 = 15;

/// The source text of an annotation expression.
pub fn unparse_annotation(e: &Expr) -> String {
    let mut out = String::new();
    unparse(&mut out, e, PR_TEST, 0);
    out
}

fn float_repr(f: f64) -> String {
    if f.is_infinite() {
        return if f > 0.0 { "1e309".into() } else { "-1e309".into() };
    }
    if f.is_nan() {
        return "nan".into();
    }
    let s = format!("{f:?}");
    if s.contains('e') && !s.contains("e-") && !s.contains("e+") {
        return s.replace('e', "e+");
    }
    s
}

fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(quote);
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::from("b");
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}

fn constant(out: &mut String, c: &Constant) {
    match c {
        Constant::None => out.push_str("None"),
        Constant::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Constant::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Constant::Float(f) => out.push_str(&float_repr(*f)),
        Constant::Complex { real, imag } => {
            if *real == 0.0 && real.is_sign_positive() {
                let _ = write!(out, "{}j", float_repr(*imag).trim_end_matches(".0"));
            } else {
                let _ = write!(out, "({}+{}j)", float_repr(*real), float_repr(*imag));
            }
        }
        Constant::Str(s) => out.push_str(&str_repr(s)),
        Constant::Bytes(b) => out.push_str(&bytes_repr(b)),
        Constant::Ellipsis => out.push_str("..."),
        Constant::Tuple(items) | Constant::FrozenSet(items) => {
            out.push('(');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                constant(out, x);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
    }
}

fn binop_info(op: Operator) -> (&'static str, u8) {
    match op {
        Operator::Add => (" + ", PR_ARITH),
        Operator::Sub => (" - ", PR_ARITH),
        Operator::Mult => (" * ", PR_TERM),
        Operator::MatMult => (" @ ", PR_TERM),
        Operator::Div => (" / ", PR_TERM),
        Operator::Mod => (" % ", PR_TERM),
        Operator::FloorDiv => (" // ", PR_TERM),
        Operator::Pow => (" ** ", PR_POWER),
        Operator::LShift => (" << ", PR_SHIFT),
        Operator::RShift => (" >> ", PR_SHIFT),
        Operator::BitOr => (" | ", PR_BOR),
        Operator::BitXor => (" ^ ", PR_BXOR),
        Operator::BitAnd => (" & ", PR_BAND),
    }
}

fn cmp_str(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => " == ",
        CmpOp::NotEq => " != ",
        CmpOp::Lt => " < ",
        CmpOp::LtE => " <= ",
        CmpOp::Gt => " > ",
        CmpOp::GtE => " >= ",
        CmpOp::Is => " is ",
        CmpOp::IsNot => " is not ",
        CmpOp::In => " in ",
        CmpOp::NotIn => " not in ",
    }
}

fn seq(out: &mut String, elts: &[Expr], depth: u32) {
    for (i, x) in elts.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        unparse(out, x, PR_TEST, depth);
    }
}

fn comprehensions(out: &mut String, gens: &[crate::ast::Comprehension], depth: u32) {
    for g in gens {
        out.push_str(if g.is_async { " async for " } else { " for " });
        unparse(out, &g.target, PR_TUPLE, depth);
        out.push_str(" in ");
        unparse(out, &g.iter, PR_TEST + 1, depth);
        for c in &g.ifs {
            out.push_str(" if ");
            unparse(out, c, PR_TEST + 1, depth);
        }
    }
}

fn fstring_body(out: &mut String, values: &[Expr], depth: u32) {
    for v in values {
        match &v.kind {
            ExprKind::Constant { value: Constant::Str(s), .. } => {
                out.push_str(&s.replace('{', "{{").replace('}', "}}"));
            }
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                let mut inner = String::new();
                unparse(&mut inner, value, PR_TEST + 1, depth);
                out.push('{');
                if inner.starts_with('{') {
                    out.push(' ');
                }
                out.push_str(&inner);
                if *conversion > 0 {
                    out.push('!');
                    out.push(char::from_u32(*conversion as u32).unwrap_or('r'));
                }
                if let Some(spec) = format_spec {
                    out.push(':');
                    if let ExprKind::JoinedStr(vals) = &spec.kind {
                        fstring_body(out, vals, depth);
                    }
                }
                out.push('}');
            }
            _ => {}
        }
    }
}

fn unparse(out: &mut String, e: &Expr, level: u8, depth: u32) {
    if depth > 500 {
        out.push_str("...");
        return;
    }
    let depth = depth + 1;
    let paren = |out: &mut String, own: u8, open: bool| {
        if level > own {
            out.push(if open { '(' } else { ')' });
        }
    };
    match &e.kind {
        ExprKind::BoolOp { op, values } => {
            let (s, pr) = if *op == BoolOp::And { (" and ", PR_AND) } else { (" or ", PR_OR) };
            paren(out, pr, true);
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push_str(s);
                }
                unparse(out, v, pr + 1, depth);
            }
            paren(out, pr, false);
        }
        ExprKind::NamedExpr { target, value } => {
            paren(out, PR_TUPLE, true);
            unparse(out, target, PR_ATOM, depth);
            out.push_str(" := ");
            unparse(out, value, PR_ATOM, depth);
            paren(out, PR_TUPLE, false);
        }
        ExprKind::BinOp { left, op, right } => {
            let (s, pr) = binop_info(*op);
            let rassoc = *op == Operator::Pow;
            paren(out, pr, true);
            unparse(out, left, if rassoc { pr + 1 } else { pr }, depth);
            out.push_str(s);
            unparse(out, right, if rassoc { pr } else { pr + 1 }, depth);
            paren(out, pr, false);
        }
        ExprKind::UnaryOp { op, operand } => {
            let (s, pr) = match op {
                UnaryOp::Invert => ("~", PR_FACTOR),
                UnaryOp::Not => ("not ", PR_NOT),
                UnaryOp::UAdd => ("+", PR_FACTOR),
                UnaryOp::USub => ("-", PR_FACTOR),
            };
            paren(out, pr, true);
            out.push_str(s);
            unparse(out, operand, pr, depth);
            paren(out, pr, false);
        }
        ExprKind::Lambda { args, body } => {
            paren(out, PR_TEST, true);
            out.push_str("lambda");
            let names: Vec<&str> = args.posonlyargs.iter().chain(&args.args).map(|a| &*a.arg).collect();
            if !names.is_empty() || args.vararg.is_some() || !args.kwonlyargs.is_empty() || args.kwarg.is_some() {
                out.push(' ');
                let mut parts: Vec<String> = names.iter().map(|s| s.to_string()).collect();
                if let Some(v) = &args.vararg {
                    parts.push(format!("*{}", v.arg));
                } else if !args.kwonlyargs.is_empty() {
                    parts.push("*".into());
                }
                for k in &args.kwonlyargs {
                    parts.push(k.arg.to_string());
                }
                if let Some(k) = &args.kwarg {
                    parts.push(format!("**{}", k.arg));
                }
                out.push_str(&parts.join(", "));
            }
            out.push_str(": ");
            unparse(out, body, PR_TEST, depth);
            paren(out, PR_TEST, false);
        }
        ExprKind::IfExp { test, body, orelse } => {
            paren(out, PR_TEST, true);
            unparse(out, body, PR_TEST + 1, depth);
            out.push_str(" if ");
            unparse(out, test, PR_TEST + 1, depth);
            out.push_str(" else ");
            unparse(out, orelse, PR_TEST, depth);
            paren(out, PR_TEST, false);
        }
        ExprKind::Dict { keys, values } => {
            out.push('{');
            for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match k {
                    Some(k) => {
                        unparse(out, k, PR_TEST, depth);
                        out.push_str(": ");
                        unparse(out, v, PR_TEST, depth);
                    }
                    None => {
                        out.push_str("**");
                        unparse(out, v, PR_BOR, depth);
                    }
                }
            }
            out.push('}');
        }
        ExprKind::Set(elts) => {
            if elts.is_empty() {
                out.push_str("{*()}");
            } else {
                out.push('{');
                seq(out, elts, depth);
                out.push('}');
            }
        }
        ExprKind::ListComp { elt, generators } => {
            out.push('[');
            unparse(out, elt, PR_TEST, depth);
            comprehensions(out, generators, depth);
            out.push(']');
        }
        ExprKind::SetComp { elt, generators } => {
            out.push('{');
            unparse(out, elt, PR_TEST, depth);
            comprehensions(out, generators, depth);
            out.push('}');
        }
        ExprKind::GeneratorExp { elt, generators } => {
            out.push('(');
            unparse(out, elt, PR_TEST, depth);
            comprehensions(out, generators, depth);
            out.push(')');
        }
        ExprKind::DictComp { key, value, generators } => {
            out.push('{');
            unparse(out, key, PR_TEST, depth);
            out.push_str(": ");
            unparse(out, value, PR_TEST, depth);
            comprehensions(out, generators, depth);
            out.push('}');
        }
        ExprKind::Await(v) => {
            paren(out, PR_AWAIT, true);
            out.push_str("await ");
            unparse(out, v, PR_ATOM, depth);
            paren(out, PR_AWAIT, false);
        }
        ExprKind::Yield(v) => {
            out.push_str("(yield");
            if let Some(v) = v {
                out.push(' ');
                unparse(out, v, PR_TEST, depth);
            }
            out.push(')');
        }
        ExprKind::YieldFrom(v) => {
            out.push_str("(yield from ");
            unparse(out, v, PR_TEST, depth);
            out.push(')');
        }
        ExprKind::Compare { left, ops, comparators } => {
            paren(out, PR_CMP, true);
            unparse(out, left, PR_CMP + 1, depth);
            for (op, c) in ops.iter().zip(comparators) {
                out.push_str(cmp_str(*op));
                unparse(out, c, PR_CMP + 1, depth);
            }
            paren(out, PR_CMP, false);
        }
        ExprKind::Call { func, args, keywords } => {
            unparse(out, func, PR_ATOM, depth);
            out.push('(');
            let mut first = true;
            if let [Expr { kind: ExprKind::GeneratorExp { elt, generators }, .. }] = args.as_slice() {
                if keywords.is_empty() {
                    unparse(out, elt, PR_TEST, depth);
                    comprehensions(out, generators, depth);
                    out.push(')');
                    return;
                }
            }
            for a in args {
                if !first {
                    out.push_str(", ");
                }
                first = false;
                unparse(out, a, PR_TEST, depth);
            }
            for k in keywords {
                if !first {
                    out.push_str(", ");
                }
                first = false;
                match &k.arg {
                    Some(n) => {
                        out.push_str(n);
                        out.push('=');
                    }
                    None => out.push_str("**"),
                }
                unparse(out, &k.value, PR_TEST, depth);
            }
            out.push(')');
        }
        ExprKind::FormattedValue { .. } => {}
        ExprKind::JoinedStr(values) => {
            let mut body = String::new();
            fstring_body(&mut body, values, depth);
            out.push('f');
            out.push_str(&str_repr(&body));
        }
        ExprKind::Constant { value, kind } => {
            if kind.as_deref() == Some("u") {
                out.push('u');
            }
            if let Constant::Ellipsis = value {
                out.push_str("...");
            } else {
                constant(out, value);
            }
        }
        ExprKind::Attribute { value, attr, .. } => {
            unparse(out, value, PR_ATOM, depth);
            if let ExprKind::Constant { value: Constant::Int(_), .. } = &value.kind {
                out.push(' ');
            }
            out.push('.');
            out.push_str(attr);
        }
        ExprKind::Subscript { value, slice, .. } => {
            unparse(out, value, PR_ATOM, depth);
            out.push('[');
            match &slice.kind {
                ExprKind::Tuple { elts, .. } if !elts.is_empty() => {
                    for (i, x) in elts.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        unparse(out, x, PR_TEST, depth);
                    }
                    if elts.len() == 1 {
                        out.push(',');
                    }
                }
                _ => unparse(out, slice, PR_TUPLE, depth),
            }
            out.push(']');
        }
        ExprKind::Starred { value, .. } => {
            out.push('*');
            unparse(out, value, PR_BOR, depth);
        }
        ExprKind::Name { id, .. } => out.push_str(id),
        ExprKind::List { elts, .. } => {
            out.push('[');
            seq(out, elts, depth);
            out.push(']');
        }
        ExprKind::Tuple { elts, .. } => {
            if elts.is_empty() {
                out.push_str("()");
            } else {
                paren(out, PR_TUPLE, true);
                seq(out, elts, depth);
                if elts.len() == 1 {
                    out.push(',');
                }
                paren(out, PR_TUPLE, false);
            }
        }
        ExprKind::Slice { lower, upper, step } => {
            if let Some(l) = lower {
                unparse(out, l, PR_TEST, depth);
            }
            out.push(':');
            if let Some(u) = upper {
                unparse(out, u, PR_TEST, depth);
            }
            if let Some(s) = step {
                out.push(':');
                unparse(out, s, PR_TEST, depth);
            }
        }
    }
}
