//! `match` statements (PEP 634) with CPython 3.12's opcode shapes and checks.
//!
//! A pattern is compiled with its subject on top of the stack and consumes it.
//! On failure it jumps to `fail_pop[n]`, where `n` is the number of items it
//! (and its enclosing patterns) still have on the stack; the `fail_pop` chain
//! pops them one by one and ends where the next `case` is tried.
//!
//! Difference from CPython: a capture is stored as soon as its subpattern
//! matched, rather than after the whole pattern matched (the language reference
//! allows this: names bound by a failed match are unspecified).

use super::{CResult, Compiler, Label};
use crate::ast::{self, Expr, ExprContext, Pattern, PatternKind};
use crate::bytecode::{CompareOperator, ConstValue, Opcode};
use num_bigint::BigInt;

struct PatternCtx {
    stores: Vec<String>,
    allow_irrefutable: bool,
    fail_pop: Vec<Label>,
    on_top: u32,
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(&p.kind, PatternKind::MatchAs { pattern: None, name: None })
}

fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(&p.kind, PatternKind::MatchStar(None))
}

impl<'a> Compiler<'a> {
    pub fn compile_match(&mut self, subject: &'a Expr, cases: &'a [ast::MatchCase]) -> CResult<()> {
        self.compile_expr(subject)?;
        let end = self.new_label();
        let n = cases.len();
        let has_default = n > 1 && {
            let last = &cases[n - 1];
            is_wildcard(&last.pattern) && last.guard.is_none()
        };
        let normal = n - usize::from(has_default);
        for (i, case) in cases[..normal].iter().enumerate() {
            let saved = self.set_loc(case.pattern.range);
            if i + 1 != normal {
                self.emit(Opcode::Copy, 1);
            }
            let mut pc = PatternCtx {
                stores: Vec::new(),
                allow_irrefutable: case.guard.is_some() || i + 1 == n,
                fail_pop: Vec::new(),
                on_top: 0,
            };
            self.compile_pattern(&case.pattern, &mut pc)?;
            if let Some(g) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let target = pc.fail_pop[0];
                self.jump_if(g, target, false)?;
            }
            if i + 1 != normal {
                self.emit0(Opcode::PopTop);
            }
            self.restore_loc(saved);
            self.compile_stmts(&case.body)?;
            self.emit_jump(Opcode::Jump, end);
            let saved = self.set_loc(case.pattern.range);
            self.emit_fail_pop(&mut pc);
            self.restore_loc(saved);
        }
        if has_default {
            let last = &cases[n - 1];
            if n == 1 {
                self.emit0(Opcode::PopTop);
            }
            if let Some(g) = &last.guard {
                self.jump_if(g, end, false)?;
            }
            self.compile_stmts(&last.body)?;
        }
        self.bind_label(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternCtx, n: usize) {
        while pc.fail_pop.len() <= n {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
    }

    fn jump_to_fail_pop(&mut self, pc: &mut PatternCtx, op: Opcode) {
        let pops = pc.on_top as usize;
        self.ensure_fail_pop(pc, pops);
        let l = pc.fail_pop[pops];
        self.emit_jump(op, l);
    }

    /// Binds the `fail_pop` labels: `fail_pop[n]` pops one item and falls into `fail_pop[n-1]`.
    fn emit_fail_pop(&mut self, pc: &mut PatternCtx) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.bind_label(pc.fail_pop[i]);
            self.emit0(Opcode::PopTop);
        }
        self.bind_label(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    fn store_capture(&mut self, name: Option<&str>, pc: &mut PatternCtx, r: ast::Range) -> CResult<()> {
        let Some(name) = name else {
            self.emit0(Opcode::PopTop);
            return Ok(());
        };
        if pc.stores.iter().any(|s| s == name) {
            return Err(self.error(format!("multiple assignments to name '{name}' in pattern"), r));
        }
        pc.stores.push(name.to_string());
        self.compile_name(name, ExprContext::Store)
    }

    fn compile_subpattern(&mut self, p: &'a Pattern, pc: &mut PatternCtx) -> CResult<()> {
        let old = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        let r = self.compile_pattern(p, pc);
        pc.allow_irrefutable = old;
        r
    }

    fn compile_pattern(&mut self, p: &'a Pattern, pc: &mut PatternCtx) -> CResult<()> {
        self.enter_nesting(p.range)?;
        let saved = self.set_loc(p.range);
        let r = self.compile_pattern_inner(p, pc);
        self.restore_loc(saved);
        self.leave_nesting();
        r
    }

    fn compile_pattern_inner(&mut self, p: &'a Pattern, pc: &mut PatternCtx) -> CResult<()> {
        match &p.kind {
            PatternKind::MatchValue(v) => {
                self.compile_expr(v)?;
                self.emit(Opcode::CompareOp, CompareOperator::Eq as u32);
                self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
            }
            PatternKind::MatchSingleton(c) => {
                self.load_const(super::fold::const_of(c));
                self.emit(Opcode::IsOp, 0);
                self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
            }
            PatternKind::MatchAs { pattern, name } => match pattern {
                None => {
                    if !pc.allow_irrefutable {
                        return Err(match name {
                            Some(n) => self.error(format!("name capture '{n}' makes remaining patterns unreachable"), p.range),
                            None => self.error("wildcard makes remaining patterns unreachable", p.range),
                        });
                    }
                    self.store_capture(name.as_deref(), pc, p.range)?;
                }
                Some(inner) => {
                    pc.on_top += 1;
                    self.emit(Opcode::Copy, 1);
                    self.compile_pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.store_capture(name.as_deref(), pc, p.range)?;
                }
            },
            PatternKind::MatchStar(name) => self.store_capture(name.as_deref(), pc, p.range)?,
            PatternKind::MatchSequence(patterns) => self.compile_sequence_pattern(p, patterns, pc)?,
            PatternKind::MatchMapping { keys, patterns, rest } => self.compile_mapping_pattern(p, keys, patterns, rest.as_deref(), pc)?,
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                let nargs = patterns.len();
                let nattrs = kwd_attrs.len();
                if nattrs != kwd_patterns.len() {
                    return Err(self.error("kwd_attrs / kwd_patterns length mismatch in class pattern", p.range));
                }
                for (i, a) in kwd_attrs.iter().enumerate() {
                    if kwd_attrs[i + 1..].contains(a) {
                        let r = kwd_patterns[i + 1..][kwd_attrs[i + 1..].iter().position(|x| x == a).unwrap()].range;
                        return Err(self.error(format!("attribute name repeated in class pattern: {a}"), r));
                    }
                }
                self.compile_expr(cls)?;
                let names: Vec<ConstValue> = kwd_attrs.iter().map(|a| ConstValue::Str(a.clone())).collect();
                self.load_const(ConstValue::Tuple(names.into()));
                self.emit(Opcode::MatchClass, nargs as u32);
                self.emit(Opcode::Copy, 1);
                self.load_none();
                self.emit(Opcode::IsOp, 1);
                pc.on_top += 1;
                self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
                let total = nargs + nattrs;
                self.emit(Opcode::UnpackSequence, total as u32);
                pc.on_top += total as u32;
                pc.on_top -= 1;
                for i in 0..total {
                    pc.on_top -= 1;
                    let sub = if i < nargs { &patterns[i] } else { &kwd_patterns[i - nargs] };
                    if is_wildcard(sub) {
                        self.emit0(Opcode::PopTop);
                        continue;
                    }
                    self.compile_subpattern(sub, pc)?;
                }
                pc.on_top += 0;
            }
            PatternKind::MatchOr(alts) => self.compile_or_pattern(p, alts, pc)?,
        }
        Ok(())
    }

    fn compile_sequence_pattern(&mut self, p: &'a Pattern, patterns: &'a [Pattern], pc: &mut PatternCtx) -> CResult<()> {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, q) in patterns.iter().enumerate() {
            if matches!(q.kind, PatternKind::MatchStar(_)) {
                if star.is_some() {
                    return Err(self.error("multiple starred names in sequence pattern", p.range));
                }
                star_wildcard = is_star_wildcard(q);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(q);
        }
        pc.on_top += 1;
        self.emit0(Opcode::MatchSequence);
        self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
        match star {
            None => {
                self.emit0(Opcode::GetLen);
                self.load_const(ConstValue::Int(BigInt::from(size)));
                self.emit(Opcode::CompareOp, CompareOperator::Eq as u32);
                self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
            }
            Some(_) if size > 1 => {
                self.emit0(Opcode::GetLen);
                self.load_const(ConstValue::Int(BigInt::from(size - 1)));
                self.emit(Opcode::CompareOp, CompareOperator::Ge as u32);
                self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
            }
            Some(_) => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.emit0(Opcode::PopTop);
        } else if star_wildcard {
            let star = star.unwrap_or(usize::MAX);
            pc.on_top += 1;
            for (i, q) in patterns.iter().enumerate() {
                if is_wildcard(q) || i == star {
                    continue;
                }
                self.emit(Opcode::Copy, 1);
                if i < star {
                    self.load_const(ConstValue::Int(BigInt::from(i)));
                } else {
                    self.emit0(Opcode::GetLen);
                    self.load_const(ConstValue::Int(BigInt::from(size - i)));
                    self.emit(Opcode::BinaryOp, crate::bytecode::BinaryOperator::Subtract as u32);
                }
                self.emit0(Opcode::BinarySubscr);
                self.compile_subpattern(q, pc)?;
            }
            pc.on_top -= 1;
            self.emit0(Opcode::PopTop);
        } else {
            match star {
                Some(i) => {
                    if i >= 256 || size - i - 1 >= (i32::MAX >> 8) as usize {
                        return Err(self.error("too many expressions in star-unpacking sequence pattern", p.range));
                    }
                    self.emit(Opcode::UnpackEx, (i + ((size - i - 1) << 8)) as u32);
                }
                None => self.emit(Opcode::UnpackSequence, size as u32),
            }
            pc.on_top += size as u32;
            for q in patterns {
                pc.on_top -= 1;
                self.compile_subpattern(q, pc)?;
            }
        }
        Ok(())
    }

    fn compile_mapping_pattern(
        &mut self,
        p: &'a Pattern,
        keys: &'a [Expr],
        patterns: &'a [Pattern],
        rest: Option<&'a str>,
        pc: &mut PatternCtx,
    ) -> CResult<()> {
        let size = keys.len();
        if size != patterns.len() {
            return Err(self.error("keys / patterns length mismatch in mapping pattern", p.range));
        }
        pc.on_top += 1;
        self.emit0(Opcode::MatchMapping);
        self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.emit0(Opcode::PopTop);
            return Ok(());
        }
        if size > 0 {
            self.emit0(Opcode::GetLen);
            self.load_const(ConstValue::Int(BigInt::from(size)));
            self.emit(Opcode::CompareOp, CompareOperator::Ge as u32);
            self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
        }
        let mut seen: Vec<ConstValue> = Vec::new();
        for k in keys {
            match self.fold_constant(k) {
                Some(c) if matches!(k.kind, ast::ExprKind::Constant { .. }) || !matches!(k.kind, ast::ExprKind::Attribute { .. }) => {
                    if seen.contains(&c) {
                        return Err(self.error(
                            format!("mapping pattern checks duplicate key ({})", crate::bytecode::const_repr(&c).replace('"', "'")),
                            p.range,
                        ));
                    }
                    seen.push(c);
                }
                _ => {
                    if !matches!(k.kind, ast::ExprKind::Attribute { .. }) {
                        return Err(self.error("mapping pattern keys may only match literals and attribute lookups", p.range));
                    }
                }
            }
            self.compile_expr(k)?;
        }
        self.emit(Opcode::BuildTuple, size as u32);
        self.emit0(Opcode::MatchKeys);
        pc.on_top += 2;
        self.emit(Opcode::Copy, 1);
        self.load_none();
        self.emit(Opcode::IsOp, 1);
        self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
        self.emit(Opcode::UnpackSequence, size as u32);
        pc.on_top += size as u32;
        pc.on_top -= 1;
        for q in patterns {
            pc.on_top -= 1;
            self.compile_subpattern(q, pc)?;
        }
        pc.on_top -= 2;
        pc.on_top += 1;
        pc.on_top -= 1;
        if let Some(rest) = rest {
            self.emit(Opcode::BuildMap, 0);
            self.emit(Opcode::Swap, 3);
            self.emit(Opcode::DictUpdate, 2);
            self.emit(Opcode::UnpackSequence, size as u32);
            let mut s = size as u32;
            while s > 0 {
                self.emit(Opcode::Copy, 1 + s);
                s -= 1;
                self.emit(Opcode::Swap, 2);
                self.emit0(Opcode::DeleteSubscr);
            }
            self.store_capture(Some(rest), pc, p.range)?;
        } else {
            self.emit0(Opcode::PopTop);
            self.emit0(Opcode::PopTop);
        }
        Ok(())
    }

    fn compile_or_pattern(&mut self, p: &'a Pattern, alts: &'a [Pattern], pc: &mut PatternCtx) -> CResult<()> {
        let end = self.new_label();
        let outer_fail_pop = std::mem::take(&mut pc.fail_pop);
        let outer_on_top = pc.on_top;
        let outer_allow = pc.allow_irrefutable;
        let base_stores = pc.stores.clone();
        let mut first_names: Option<Vec<String>> = None;
        for (i, alt) in alts.iter().enumerate() {
            pc.stores = base_stores.clone();
            pc.allow_irrefutable = i + 1 == alts.len() && outer_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.emit(Opcode::Copy, 1);
            self.compile_pattern(alt, pc)?;
            let mut names: Vec<String> = pc.stores[base_stores.len()..].to_vec();
            names.sort();
            match &first_names {
                None => first_names = Some(names),
                Some(f) => {
                    if *f != names {
                        return Err(self.error("alternative patterns bind different names", p.range));
                    }
                }
            }
            self.emit0(Opcode::PopTop);
            self.emit_jump(Opcode::Jump, end);
            self.emit_fail_pop(pc);
        }
        pc.fail_pop = outer_fail_pop;
        pc.on_top = outer_on_top;
        pc.allow_irrefutable = outer_allow;
        let mut stores = base_stores;
        if let Some(f) = first_names {
            stores.extend(f);
        }
        pc.stores = stores;
        self.emit0(Opcode::PopTop);
        self.jump_to_fail_pop(pc, Opcode::Jump);
        self.bind_label(end);
        let _ = p;
        Ok(())
    }
}
