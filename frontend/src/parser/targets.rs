//! Assignment and deletion targets: finding the invalid part of a target
//! (CPython's `_PyPegen_get_invalid_target`) and setting `Store`/`Del`
//! contexts.

use super::{PResult, Parser};
use crate::ast::*;

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
