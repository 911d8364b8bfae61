//! Assignment and deletion targets: finding the invalid part of a target
//! (CPython's `_PyPegen_get_invalid_target`) and setting `Store`/`Del`
//! contexts.

use super::{PResult, Parser};
use crate::ast::*;
use crate::error::SyntaxError;
use crate::token::TokenKind as T;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetsType {
    Star,
    Del,
    For,
}

/// The first sub-expression of `e` that cannot be a target, if any.
pub(crate) fn invalid_target(e: &Expr, ty: TargetsType) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => elts.iter().find_map(|x| invalid_target(x, ty)),
        ExprKind::Starred { value, .. } => {
            if ty == TargetsType::Del {
                Some(e)
            } else {
                invalid_target(value, ty)
            }
        }
        ExprKind::Compare { left, ops, .. } => {
            if ty == TargetsType::For {
                if ops[0] == CmpOp::In {
                    return invalid_target(left, ty);
                }
                return None;
            }
            Some(e)
        }
        ExprKind::Name { .. } | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

/// Sets the context of a valid target tree.
pub(crate) fn set_context(e: &mut Expr, ctx: ExprContext) {
    match &mut e.kind {
        ExprKind::Name { ctx: c, .. } | ExprKind::Attribute { ctx: c, .. } | ExprKind::Subscript { ctx: c, .. } => *c = ctx,
        ExprKind::Starred { value, ctx: c } => {
            *c = ctx;
            set_context(value, ctx);
        }
        ExprKind::List { elts, ctx: c } | ExprKind::Tuple { elts, ctx: c } => {
            *c = ctx;
            for x in elts {
                set_context(x, ctx);
            }
        }
        _ => {}
    }
}

impl<'a> Parser<'a> {
    /// Checks a `for`/`with`/comprehension target and makes it Store.
    pub(crate) fn set_store_for(&mut self, e: &mut Expr) -> PResult<()> {
        if let Some(bad) = invalid_target(e, TargetsType::For) {
            return self.err(format!("cannot assign to {}", Parser::expr_name(bad)), bad.range);
        }
        set_context(e, ExprContext::Store);
        Ok(())
    }

    pub(crate) fn set_store(&mut self, e: &mut Expr) -> PResult<()> {
        if let Some(bad) = invalid_target(e, TargetsType::Star) {
            return self.err(format!("cannot assign to {}", Parser::expr_name(bad)), bad.range);
        }
        set_context(e, ExprContext::Store);
        Ok(())
    }

    pub(crate) fn set_del(&mut self, e: &mut Expr) -> PResult<()> {
        if let Some(bad) = invalid_target(e, TargetsType::Del) {
            return self.err(format!("cannot delete {}", Parser::expr_name(bad)), bad.range);
        }
        set_context(e, ExprContext::Del);
        Ok(())
    }
}

impl<'a> Parser<'a> {
    /// Index of the token starting at the start of `e`, if any.
    fn token_index_at(&self, line: u32, col: u32) -> Option<usize> {
        self.tokens.binary_search_by(|t| (t.line, t.col).cmp(&(line, col))).ok()
    }

    /// Whether `e` is written inside its own parentheses, like `(a)`.
    pub(crate) fn is_parenthesized(&self, e: &Expr) -> bool {
        let Some(i) = self.token_index_at(e.range.line, e.range.col) else { return false };
        if i == 0 || self.tokens[i - 1].kind != T::LPar {
            return false;
        }
        let end = self.tokens[i..].iter().position(|t| t.end_line == e.range.end_line && t.end_col == e.range.end_col).map(|k| i + k);
        matches!(end, Some(j) if self.tokens.get(j + 1).is_some_and(|t| t.kind == T::RPar))
    }

    /// Whether `e` is an expression at the `bitwise_or` level of the grammar.
    pub(crate) fn is_bitwise_or_level(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Compare { .. } | ExprKind::BoolOp { .. } | ExprKind::IfExp { .. } | ExprKind::Lambda { .. } | ExprKind::NamedExpr { .. } | ExprKind::Starred { .. } | ExprKind::Yield(_) | ExprKind::YieldFrom(_) => self.is_parenthesized(e),
            ExprKind::UnaryOp { op: UnaryOp::Not, .. } => self.is_parenthesized(e),
            _ => true,
        }
    }

    /// Parses a `bitwise_or` right after token `eq_index` without moving;
    /// returns it and the kind of the token that follows it.
    pub(crate) fn trial_bitor_after(&mut self, eq_index: usize) -> Option<(Expr, T)> {
        let save = (self.pos, self.depth);
        self.pos = eq_index + 1;
        let r = self.parse_bitor();
        let next = self.peek();
        self.pos = save.0;
        self.depth = save.1;
        r.ok().map(|e| (e, next))
    }

    /// CPython's `invalid_named_expression` at `e =` (the `=` at `eq_index`):
    /// "Maybe you meant '==' ..." messages, or None.
    pub(crate) fn equal_instead_of_eqeq(&mut self, e: &Expr, eq_index: usize, require_invalid: bool) -> Option<Box<SyntaxError>> {
        let (b, next) = self.trial_bitor_after(eq_index)?;
        if matches!(next, T::Equal | T::ColonEqual) {
            return None;
        }
        if matches!(e.kind, ExprKind::Name { .. }) && !self.is_parenthesized(e) {
            let r = Range::new(e.range.line, e.range.col, b.range.end_line, b.range.end_col);
            return Some(self.error_range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", r));
        }
        let excluded = matches!(e.kind, ExprKind::List { .. } | ExprKind::Tuple { .. } | ExprKind::GeneratorExp { .. } | ExprKind::Constant { value: Constant::Bool(_) | Constant::None, .. });
        if !excluded && self.is_bitwise_or_level(e) && (!require_invalid || invalid_target(e, TargetsType::Star).is_some()) {
            return Some(self.error_range(format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", Parser::expr_name(e)), e.range));
        }
        None
    }

    /// The error for an assignment statement with an invalid target, as CPython chooses it.
    pub(crate) fn assignment_target_error(&mut self, targets: &[Expr], eqs: &[usize]) -> Option<Box<SyntaxError>> {
        let i = targets.iter().position(|t| invalid_target(t, TargetsType::Star).is_some())?;
        let t0 = &targets[0];
        if i == 0 {
            let last = match &t0.kind {
                ExprKind::Tuple { elts, .. } if !self.is_parenthesized(t0) && !elts.is_empty() && self.tokens.get(self.token_index_at(t0.range.line, t0.range.col).unwrap_or(0)).is_some_and(|t| t.kind != T::LPar) => elts.last().unwrap().clone(),
                _ => t0.clone(),
            };
            if let Some(e) = self.equal_instead_of_eqeq(&last, eqs[0], true) {
                return Some(e);
            }
        } else if matches!(t0.kind, ExprKind::Name { .. }) && !self.is_parenthesized(t0) {
            if let Some((b, next)) = self.trial_bitor_after(eqs[0]) {
                if !matches!(next, T::Equal | T::ColonEqual) {
                    let r = Range::new(t0.range.line, t0.range.col, b.range.end_line, b.range.end_col);
                    return Some(self.error_range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", r));
                }
            }
        }
        let bad = invalid_target(&targets[i], TargetsType::Star).unwrap();
        if let ExprKind::Yield(_) | ExprKind::YieldFrom(_) = targets[i].kind {
            if !self.is_parenthesized(&targets[i]) {
                return Some(self.error_range("assignment to yield expression not possible", targets[i].range));
            }
        }
        Some(self.error_range(format!("cannot assign to {}", Parser::expr_name(bad)), bad.range))
    }
}
