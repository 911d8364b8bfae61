//! Statements: assignments, control flow, `try`/`with` (and the unwinding of
//! `return`/`break`/`continue` through them), imports, functions and classes.

use super::{docstring_of, location, CResult, Compiler, FBlock, Label, UnitKind};
use crate::ast::{self, Expr, ExprContext, ExprKind, Stmt, StmtKind};
use crate::bytecode::{ConstValue, FunctionAttribute, Intrinsic1, Intrinsic2, Location, Opcode};
use crate::error::SyntaxError;
use crate::symtable::{self, key_of, mangle, KEY_MAIN, KEY_TYPE_PARAMS};
use num_bigint::BigInt;

const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// Whether the module starts with `from __future__ import annotations`.
pub(crate) fn has_future_annotations(body: &[Stmt]) -> bool {
    future_prefix(body).iter().any(|s| match &s.kind {
        StmtKind::ImportFrom { names, .. } => names.iter().any(|a| &*a.name == "annotations"),
        _ => false,
    })
}

/// The `from __future__` statements allowed at the top (after a docstring).
fn future_prefix(body: &[Stmt]) -> &[Stmt] {
    let start = if docstring_of(body).is_some() { 1 } else { 0 };
    let mut end = start;
    while end < body.len() {
        match &body[end].kind {
            StmtKind::ImportFrom { module: Some(m), level: 0, .. } if &**m == "__future__" => end += 1,
            _ => break,
        }
    }
    &body[start..end]
}

/// CPython's `future.c` checks: unknown features and late `__future__` imports.
pub(crate) fn check_future_imports(body: &[Stmt]) -> CResult<()> {
    for s in future_prefix(body) {
        if let StmtKind::ImportFrom { names, .. } = &s.kind {
            for a in names {
                let point = |msg: String| {
                    let mut e = symtable::error_at(msg, s.range);
                    e.end_lineno = e.lineno;
                    e.end_offset = 0;
                    e
                };
                if &*a.name == "braces" {
                    return Err(point("not a chance".into()));
                }
                if !FUTURE_FEATURES.contains(&&*a.name) {
                    return Err(point(format!("future feature {} is not defined", a.name)));
                }
            }
        }
    }
    Ok(())
}

fn is_late_future(body_prefix_end: usize, index: usize) -> bool {
    index >= body_prefix_end
}

/// Whether a body contains a simple annotated assignment at this level (CPython's `find_ann`).
pub(crate) fn find_ann(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
            find_ann(body) || find_ann(orelse)
        }
        StmtKind::With { body, .. } => find_ann(body),
        StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
            find_ann(body) || find_ann(orelse) || find_ann(finalbody) || handlers.iter().any(|h| find_ann(&h.body))
        }
        StmtKind::Match { cases, .. } => cases.iter().any(|c| find_ann(&c.body)),
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    /// A module or class body: `SetupAnnotations`, the docstring into `__doc__`, statements.
    pub fn compile_body(&mut self, body: &'a [Stmt]) -> CResult<()> {
        if find_ann(body) {
            self.emit0(Opcode::SetupAnnotations);
        }
        let mut start = 0;
        if self.optimize < 2 {
            if let Some(doc) = docstring_of(body) {
                let saved = self.set_loc(body[0].range);
                self.load_str(doc);
                self.compile_name("__doc__", ExprContext::Store)?;
                self.restore_loc(saved);
                start = 1;
            }
        }
        // Late `from __future__` imports.
        let prefix_end = {
            let p = future_prefix(body);
            let doc = usize::from(docstring_of(body).is_some());
            doc + p.len()
        };
        for (i, s) in body.iter().enumerate().skip(start) {
            if self.ur().kind == UnitKind::Module && self.units.len() == 1 {
                if let StmtKind::ImportFrom { module: Some(m), level: 0, .. } = &s.kind {
                    if &**m == "__future__" && is_late_future(prefix_end, i) {
                        return Err(self.error("from __future__ imports must occur at the beginning of the file", s.range));
                    }
                }
            }
            self.compile_stmt(s)?;
        }
        Ok(())
    }

    pub fn compile_stmts(&mut self, body: &'a [Stmt]) -> CResult<()> {
        for s in body {
            self.compile_stmt(s)?;
        }
        Ok(())
    }

    pub fn compile_stmt(&mut self, s: &'a Stmt) -> CResult<()> {
        self.enter_nesting(s.range)?;
        let saved = self.set_loc(s.range);
        let r = self.compile_stmt_inner(s);
        self.restore_loc(saved);
        self.leave_nesting();
        r
    }

    fn compile_stmt_inner(&mut self, s: &'a Stmt) -> CResult<()> {
        match &s.kind {
            StmtKind::FunctionDef(f) => self.compile_function(s, f),
            StmtKind::ClassDef(c) => self.compile_class(s, c),
            StmtKind::Return(v) => self.compile_return(s, v.as_deref()),
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.compile_expr(t)?;
                }
                Ok(())
            }
            StmtKind::Assign { targets, value, .. } => {
                self.compile_expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Opcode::Copy, 1);
                    }
                    self.compile_expr(t)?;
                }
                Ok(())
            }
            StmtKind::TypeAlias { name, type_params, value } => self.compile_type_alias(s, name, type_params, value),
            StmtKind::AugAssign { target, op, value } => self.compile_augassign(s, target, *op, value),
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                self.compile_annassign(s, target, annotation, value.as_deref(), *simple)
            }
            StmtKind::For { target, iter, body, orelse, is_async, .. } => {
                if *is_async {
                    self.compile_async_for(s, target, iter, body, orelse)
                } else {
                    self.compile_for(target, iter, body, orelse)
                }
            }
            StmtKind::While { test, body, orelse } => {
                let top = self.new_label();
                let body_l = self.new_label();
                let anchor = self.new_label();
                let end = self.new_label();
                self.bind_label(top);
                self.u().fblocks.push(FBlock::WhileLoop { start: top, exit: end });
                self.jump_if(test, anchor, false)?;
                self.bind_label(body_l);
                self.compile_stmts(body)?;
                self.emit_jump(Opcode::Jump, top);
                self.u().fblocks.pop();
                self.bind_label(anchor);
                self.compile_stmts(orelse)?;
                self.bind_label(end);
                Ok(())
            }
            StmtKind::If { test, body, orelse } => {
                let end = self.new_label();
                let next = if orelse.is_empty() { end } else { self.new_label() };
                self.jump_if(test, next, false)?;
                self.compile_stmts(body)?;
                if !orelse.is_empty() {
                    self.emit_jump(Opcode::Jump, end);
                    self.bind_label(next);
                    self.compile_stmts(orelse)?;
                }
                self.bind_label(end);
                Ok(())
            }
            StmtKind::With { items, body, is_async, .. } => {
                if *is_async {
                    self.check_async("'async with' outside async function", s.range)?;
                    self.compile_async_with(s, items, 0, body)
                } else {
                    self.compile_with(s, items, 0, body)
                }
            }
            StmtKind::Match { subject, cases } => self.compile_match(subject, cases),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.compile_expr(e)?;
                    n += 1;
                    if let Some(c) = cause {
                        self.compile_expr(c)?;
                        n += 1;
                    }
                }
                self.emit(Opcode::RaiseVarargs, n);
                Ok(())
            }
            StmtKind::Try { body, handlers, orelse, finalbody, is_star } => {
                if !finalbody.is_empty() {
                    self.compile_try_finally(s, body, handlers, orelse, finalbody, *is_star)
                } else if *is_star {
                    self.compile_try_star_except(s, body, handlers, orelse)
                } else {
                    self.compile_try_except(s, body, handlers, orelse)
                }
            }
            StmtKind::Assert { test, msg } => {
                if self.optimize > 0 {
                    return Ok(());
                }
                let end = self.new_label();
                self.jump_if(test, end, true)?;
                self.emit0(Opcode::LoadAssertionError);
                if let Some(m) = msg {
                    self.compile_expr(m)?;
                    self.emit(Opcode::Call, 0);
                }
                let saved = self.set_loc(test.range);
                self.emit(Opcode::RaiseVarargs, 1);
                self.restore_loc(saved);
                self.bind_label(end);
                Ok(())
            }
            StmtKind::Import(names) => {
                for a in names {
                    let saved = self.set_loc(s.range);
                    self.load_const(ConstValue::Int(BigInt::from(0)));
                    self.load_none();
                    let i = self.name_index(&a.name);
                    self.emit(Opcode::ImportName, i);
                    if let Some(asname) = &a.asname {
                        let parts: Vec<&str> = a.name.split('.').collect();
                        if parts.len() > 1 {
                            for (k, attr) in parts[1..].iter().enumerate() {
                                let i = self.raw_name_index(*attr);
                                self.emit(Opcode::ImportFrom, i);
                                if k + 2 < parts.len() {
                                    self.emit(Opcode::Swap, 2);
                                    self.emit0(Opcode::PopTop);
                                }
                            }
                            self.compile_name(asname, ExprContext::Store)?;
                            self.emit0(Opcode::PopTop);
                        } else {
                            self.compile_name(asname, ExprContext::Store)?;
                        }
                    } else {
                        let first = a.name.split('.').next().unwrap_or(&a.name);
                        self.compile_name(first, ExprContext::Store)?;
                    }
                    self.restore_loc(saved);
                }
                Ok(())
            }
            StmtKind::ImportFrom { module, names, level } => {
                self.load_const(ConstValue::Int(BigInt::from(*level)));
                let fromlist: Vec<ConstValue> = names.iter().map(|a| ConstValue::Str(a.name.clone())).collect();
                self.load_const(ConstValue::Tuple(fromlist.into()));
                let i = self.name_index(module.as_deref().unwrap_or(""));
                self.emit(Opcode::ImportName, i);
                for (k, a) in names.iter().enumerate() {
                    if k == 0 && a.name.starts_with('*') {
                        self.emit(Opcode::CallIntrinsic1, Intrinsic1::ImportStar as u32);
                        self.emit0(Opcode::PopTop);
                        return Ok(());
                    }
                    let i = self.name_index(&a.name);
                    self.emit(Opcode::ImportFrom, i);
                    let store = a.asname.as_deref().unwrap_or(&a.name);
                    self.compile_name(store, ExprContext::Store)?;
                }
                self.emit0(Opcode::PopTop);
                Ok(())
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass => Ok(()),
            StmtKind::Expr(e) => {
                if self.interactive && self.units.len() == 1 {
                    self.compile_expr(e)?;
                    self.emit(Opcode::CallIntrinsic1, Intrinsic1::Print as u32);
                    self.emit0(Opcode::PopTop);
                    return Ok(());
                }
                if matches!(e.kind, ExprKind::Constant { .. }) {
                    return Ok(());
                }
                self.compile_expr(e)?;
                self.emit0(Opcode::PopTop);
                Ok(())
            }
            StmtKind::Break => {
                let saved = self.ur().handler_stack.clone();
                let loop_block = self.unwind_fblock_stack(false, true, s.range)?;
                let Some(lb) = loop_block else {
                    return Err(self.error("'break' outside loop", s.range));
                };
                let exit = match &lb {
                    FBlock::WhileLoop { exit, .. } | FBlock::ForLoop { exit, .. } => *exit,
                    _ => unreachable_label(),
                };
                self.unwind_fblock(&lb, false)?;
                self.emit_jump(Opcode::Jump, exit);
                self.u().handler_stack = saved;
                Ok(())
            }
            StmtKind::Continue => {
                let saved = self.ur().handler_stack.clone();
                let loop_block = self.unwind_fblock_stack(false, true, s.range)?;
                let Some(lb) = loop_block else {
                    return Err(self.error("'continue' not properly in loop", s.range));
                };
                let start = match &lb {
                    FBlock::WhileLoop { start, .. } | FBlock::ForLoop { start, .. } => *start,
                    _ => unreachable_label(),
                };
                self.emit_jump(Opcode::Jump, start);
                self.u().handler_stack = saved;
                Ok(())
            }
        }
    }

    pub fn check_async(&mut self, msg: &str, r: ast::Range) -> CResult<()> {
        if self.ur().kind != UnitKind::AsyncFunction {
            return Err(self.error(msg, r));
        }
        Ok(())
    }

    fn compile_return(&mut self, s: &'a Stmt, value: Option<&'a Expr>) -> CResult<()> {
        if !self.is_function_like() {
            return Err(self.error("'return' outside function", s.range));
        }
        let ste = &self.st.scopes[self.ur().scope];
        if value.is_some() && ste.is_coroutine && ste.is_generator {
            return Err(self.error("'return' with value in async generator", s.range));
        }
        let const_value = value.and_then(|v| self.fold_constant(v));
        let preserve_tos = value.is_some() && const_value.is_none();
        if preserve_tos {
            self.compile_expr(value.unwrap())?;
        }
        let saved = self.ur().handler_stack.clone();
        self.unwind_fblock_stack(preserve_tos, false, s.range)?;
        if preserve_tos {
            self.emit0(Opcode::ReturnValue);
        } else {
            let c = self.add_const(const_value.unwrap_or(ConstValue::None));
            self.emit(Opcode::ReturnConst, c);
        }
        self.u().handler_stack = saved;
        Ok(())
    }

    /// Unwinds the frame blocks for `return` (all of them) or `break`/`continue`
    /// (up to the innermost loop, which is returned).
    fn unwind_fblock_stack(&mut self, preserve_tos: bool, stop_at_loop: bool, r: ast::Range) -> CResult<Option<FBlock<'a>>> {
        let Some(top) = self.ur().fblocks.last().cloned() else { return Ok(None) };
        if matches!(top, FBlock::ExceptionGroupHandler) {
            return Err(self.error("'break', 'continue' and 'return' cannot appear in an except* block", r));
        }
        if stop_at_loop && matches!(top, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }) {
            return Ok(Some(top));
        }
        self.u().fblocks.pop();
        let res = self.unwind_fblock(&top, preserve_tos).and_then(|_| self.unwind_fblock_stack(preserve_tos, stop_at_loop, r));
        self.u().fblocks.push(top);
        res
    }

    fn unwind_fblock(&mut self, block: &FBlock<'a>, preserve_tos: bool) -> CResult<()> {
        match block {
            FBlock::WhileLoop { .. }
            | FBlock::ExceptionHandler
            | FBlock::ExceptionGroupHandler
            | FBlock::AsyncComprehensionGenerator => {}
            FBlock::ForLoop { .. } => {
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.emit0(Opcode::PopTop);
            }
            FBlock::TryExcept => self.pop_handler(),
            FBlock::FinallyTry { body } => {
                self.pop_handler();
                if preserve_tos {
                    self.u().fblocks.push(FBlock::PopValue);
                }
                self.compile_stmts(body)?;
                if preserve_tos {
                    self.u().fblocks.pop();
                }
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.emit0(Opcode::PopTop);
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.pop_handler();
                self.emit0(Opcode::PopExcept);
            }
            FBlock::With { loc, is_async } => {
                let saved = self.ur().loc;
                self.u().loc = *loc;
                self.pop_handler();
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.call_exit_with_nones();
                if *is_async {
                    self.emit(Opcode::GetAwaitable, 2);
                    self.load_none();
                    self.compile_yield_from_loop(true);
                }
                self.emit0(Opcode::PopTop);
                self.u().loc = saved;
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.pop_handler();
                }
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.pop_handler();
                self.emit0(Opcode::PopExcept);
                if let Some(n) = name {
                    self.load_none();
                    self.compile_name(n, ExprContext::Store)?;
                    self.compile_name(n, ExprContext::Del)?;
                }
            }
            FBlock::PopValue => {
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.emit0(Opcode::PopTop);
            }
        }
        Ok(())
    }

    pub fn call_exit_with_nones(&mut self) {
        self.load_none();
        self.load_none();
        self.load_none();
        self.emit(Opcode::Call, 2);
    }

    fn compile_for(&mut self, target: &'a Expr, iter: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> CResult<()> {
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.u().fblocks.push(FBlock::ForLoop { start, exit: end });
        match self.fold_iterable(iter) {
            Some(c) => self.load_const(c),
            None => self.compile_expr(iter)?,
        }
        self.emit0(Opcode::GetIter);
        self.bind_label(start);
        self.emit_jump(Opcode::ForIter, cleanup);
        self.compile_expr(target)?;
        self.compile_stmts(body)?;
        self.emit_jump(Opcode::Jump, start);
        self.bind_label(cleanup);
        self.u().fblocks.pop();
        self.compile_stmts(orelse)?;
        self.bind_label(end);
        Ok(())
    }

    fn compile_async_for(&mut self, s: &'a Stmt, target: &'a Expr, iter: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> CResult<()> {
        self.check_async("'async for' outside async function", s.range)?;
        let start = self.new_label();
        let except = self.new_label();
        let end = self.new_label();
        self.compile_expr(iter)?;
        self.emit0(Opcode::GetAiter);
        self.bind_label(start);
        self.u().fblocks.push(FBlock::ForLoop { start, exit: end });
        self.push_handler(except, false);
        self.emit0(Opcode::GetAnext);
        self.load_none();
        self.compile_yield_from_loop(true);
        self.pop_handler();
        self.compile_expr(target)?;
        self.compile_stmts(body)?;
        self.emit_jump(Opcode::Jump, start);
        self.u().fblocks.pop();
        self.bind_label(except);
        let saved = self.set_loc(iter.range);
        self.emit0(Opcode::EndAsyncFor);
        self.restore_loc(saved);
        self.compile_stmts(orelse)?;
        self.bind_label(end);
        Ok(())
    }

    fn compile_with(&mut self, s: &'a Stmt, items: &'a [ast::WithItem], pos: usize, body: &'a [Stmt]) -> CResult<()> {
        let item = &items[pos];
        let final_l = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.compile_expr(&item.context_expr)?;
        let loc = location(s.range);
        self.emit0(Opcode::BeforeWith);
        self.push_handler_adjusted(final_l, true, -1);
        self.u().fblocks.push(FBlock::With { loc, is_async: false });
        match &item.optional_vars {
            Some(v) => self.compile_expr(v)?,
            None => self.emit0(Opcode::PopTop),
        }
        if pos + 1 == items.len() {
            self.compile_stmts(body)?;
        } else {
            self.compile_with(s, items, pos + 1, body)?;
        }
        self.pop_handler();
        self.u().fblocks.pop();
        self.call_exit_with_nones();
        self.emit0(Opcode::PopTop);
        self.emit_jump(Opcode::Jump, exit);
        self.bind_label(final_l);
        self.push_handler(cleanup, true);
        self.emit0(Opcode::PushExcInfo);
        self.emit0(Opcode::WithExceptStart);
        self.with_except_finish(cleanup);
        self.bind_label(exit);
        Ok(())
    }

    fn compile_async_with(&mut self, s: &'a Stmt, items: &'a [ast::WithItem], pos: usize, body: &'a [Stmt]) -> CResult<()> {
        let item = &items[pos];
        let final_l = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.compile_expr(&item.context_expr)?;
        let loc = location(s.range);
        self.emit0(Opcode::BeforeAsyncWith);
        self.emit(Opcode::GetAwaitable, 1);
        self.load_none();
        self.compile_yield_from_loop(true);
        self.push_handler_adjusted(final_l, true, -1);
        self.u().fblocks.push(FBlock::With { loc, is_async: true });
        match &item.optional_vars {
            Some(v) => self.compile_expr(v)?,
            None => self.emit0(Opcode::PopTop),
        }
        if pos + 1 == items.len() {
            self.compile_stmts(body)?;
        } else {
            self.compile_async_with(s, items, pos + 1, body)?;
        }
        self.pop_handler();
        self.u().fblocks.pop();
        self.call_exit_with_nones();
        self.emit(Opcode::GetAwaitable, 2);
        self.load_none();
        self.compile_yield_from_loop(true);
        self.emit0(Opcode::PopTop);
        self.emit_jump(Opcode::Jump, exit);
        self.bind_label(final_l);
        self.push_handler(cleanup, true);
        self.emit0(Opcode::PushExcInfo);
        self.emit0(Opcode::WithExceptStart);
        self.emit(Opcode::GetAwaitable, 2);
        self.load_none();
        self.compile_yield_from_loop(true);
        self.with_except_finish(cleanup);
        self.bind_label(exit);
        Ok(())
    }

    fn with_except_finish(&mut self, cleanup: Label) {
        let exit = self.new_label();
        let suppress = self.new_label();
        self.emit_jump(Opcode::PopJumpIfTrue, suppress);
        self.emit(Opcode::Reraise, 2);
        self.bind_label(suppress);
        self.emit0(Opcode::PopTop);
        self.pop_handler();
        self.emit0(Opcode::PopExcept);
        self.emit0(Opcode::PopTop);
        self.emit0(Opcode::PopTop);
        self.emit_jump(Opcode::Jump, exit);
        self.bind_label(cleanup);
        self.pop_except_and_reraise();
        self.bind_label(exit);
    }

    /// `Copy 3; PopExcept; Reraise 1`: the cleanup handler of every except body.
    pub fn pop_except_and_reraise(&mut self) {
        self.emit(Opcode::Copy, 3);
        self.emit0(Opcode::PopExcept);
        self.emit(Opcode::Reraise, 1);
    }

    fn compile_try_finally(
        &mut self,
        s: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        is_star: bool,
    ) -> CResult<()> {
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.push_handler(end, false);
        self.u().fblocks.push(FBlock::FinallyTry { body: finalbody });
        if !handlers.is_empty() {
            if is_star {
                self.compile_try_star_except(s, body, handlers, orelse)?;
            } else {
                self.compile_try_except(s, body, handlers, orelse)?;
            }
        } else {
            self.compile_stmts(body)?;
        }
        self.pop_handler();
        self.u().fblocks.pop();
        self.compile_stmts(finalbody)?;
        self.emit_jump(Opcode::Jump, exit);
        self.bind_label(end);
        self.push_handler(cleanup, true);
        self.emit0(Opcode::PushExcInfo);
        self.u().fblocks.push(FBlock::FinallyEnd);
        self.compile_stmts(finalbody)?;
        self.u().fblocks.pop();
        self.emit(Opcode::Reraise, 0);
        self.bind_label(cleanup);
        self.pop_except_and_reraise();
        self.bind_label(exit);
        Ok(())
    }

    fn compile_try_except(&mut self, _s: &'a Stmt, body: &'a [Stmt], handlers: &'a [ast::ExceptHandler], orelse: &'a [Stmt]) -> CResult<()> {
        let except_l = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        self.push_handler(except_l, false);
        self.u().fblocks.push(FBlock::TryExcept);
        self.compile_stmts(body)?;
        self.u().fblocks.pop();
        self.pop_handler();
        self.compile_stmts(orelse)?;
        self.emit_jump(Opcode::Jump, end);
        self.bind_label(except_l);
        self.push_handler(cleanup, true);
        self.emit0(Opcode::PushExcInfo);
        self.u().fblocks.push(FBlock::ExceptionHandler);
        let n = handlers.len();
        for (i, h) in handlers.iter().enumerate() {
            let saved = self.set_loc(h.range);
            if h.type_.is_none() && i + 1 < n {
                return Err(self.error("default 'except:' must be last", h.range));
            }
            let next_except = self.new_label();
            if let Some(t) = &h.type_ {
                self.compile_expr(t)?;
                self.emit0(Opcode::CheckExcMatch);
                self.emit_jump(Opcode::PopJumpIfFalse, next_except);
            }
            if let Some(name) = &h.name {
                let cleanup_end = self.new_label();
                self.compile_name(name, ExprContext::Store)?;
                self.push_handler(cleanup_end, true);
                self.u().fblocks.push(FBlock::HandlerCleanup { name: Some(name.clone()) });
                self.compile_stmts(&h.body)?;
                self.u().fblocks.pop();
                self.pop_handler();
                self.pop_handler();
                self.emit0(Opcode::PopExcept);
                self.load_none();
                self.compile_name(name, ExprContext::Store)?;
                self.compile_name(name, ExprContext::Del)?;
                self.emit_jump(Opcode::Jump, end);
                self.bind_label(cleanup_end);
                self.load_none();
                self.compile_name(name, ExprContext::Store)?;
                self.compile_name(name, ExprContext::Del)?;
                self.emit(Opcode::Reraise, 1);
            } else {
                self.emit0(Opcode::PopTop);
                self.u().fblocks.push(FBlock::HandlerCleanup { name: None });
                self.compile_stmts(&h.body)?;
                self.u().fblocks.pop();
                self.pop_handler();
                self.emit0(Opcode::PopExcept);
                self.emit_jump(Opcode::Jump, end);
            }
            self.restore_loc(saved);
            self.bind_label(next_except);
        }
        self.u().fblocks.pop();
        self.emit(Opcode::Reraise, 0);
        self.bind_label(cleanup);
        self.pop_except_and_reraise();
        self.bind_label(end);
        Ok(())
    }

    fn compile_try_star_except(&mut self, _s: &'a Stmt, body: &'a [Stmt], handlers: &'a [ast::ExceptHandler], orelse: &'a [Stmt]) -> CResult<()> {
        let except_l = self.new_label();
        let orelse_l = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let reraise_star = self.new_label();
        self.push_handler(except_l, false);
        self.u().fblocks.push(FBlock::TryExcept);
        self.compile_stmts(body)?;
        self.u().fblocks.pop();
        self.pop_handler();
        self.emit_jump(Opcode::Jump, orelse_l);
        self.bind_label(except_l);
        self.push_handler(cleanup, true);
        self.emit0(Opcode::PushExcInfo);
        self.u().fblocks.push(FBlock::ExceptionGroupHandler);
        let n = handlers.len();
        for (i, h) in handlers.iter().enumerate() {
            let saved = self.set_loc(h.range);
            let next_except = self.new_label();
            let except_with_error = self.new_label();
            let no_match = self.new_label();
            if i == 0 {
                self.emit(Opcode::BuildList, 0);
                self.emit(Opcode::Copy, 2);
            }
            if let Some(t) = &h.type_ {
                self.compile_expr(t)?;
                self.emit0(Opcode::CheckEgMatch);
                self.emit(Opcode::Copy, 1);
                self.emit_jump(Opcode::PopJumpIfNone, no_match);
            }
            let cleanup_end = self.new_label();
            match &h.name {
                Some(name) => self.compile_name(name, ExprContext::Store)?,
                None => self.emit0(Opcode::PopTop),
            }
            self.push_handler(cleanup_end, true);
            self.u().fblocks.push(FBlock::HandlerCleanup { name: h.name.clone() });
            self.compile_stmts(&h.body)?;
            self.u().fblocks.pop();
            self.pop_handler();
            if let Some(name) = &h.name {
                self.load_none();
                self.compile_name(name, ExprContext::Store)?;
                self.compile_name(name, ExprContext::Del)?;
            }
            self.emit_jump(Opcode::Jump, next_except);
            self.bind_label(cleanup_end);
            if let Some(name) = &h.name {
                self.load_none();
                self.compile_name(name, ExprContext::Store)?;
                self.compile_name(name, ExprContext::Del)?;
            }
            self.emit(Opcode::ListAppend, 3);
            self.emit0(Opcode::PopTop);
            self.emit_jump(Opcode::Jump, except_with_error);
            self.bind_label(next_except);
            self.emit_jump(Opcode::Jump, except_with_error);
            self.bind_label(no_match);
            self.emit0(Opcode::PopTop);
            self.bind_label(except_with_error);
            if i + 1 == n {
                self.emit(Opcode::ListAppend, 1);
                self.emit_jump(Opcode::Jump, reraise_star);
            }
            self.restore_loc(saved);
        }
        self.u().fblocks.pop();
        let reraise = self.new_label();
        self.bind_label(reraise_star);
        self.emit(Opcode::CallIntrinsic2, Intrinsic2::PrepReraiseStar as u32);
        self.emit(Opcode::Copy, 1);
        self.emit_jump(Opcode::PopJumpIfNotNone, reraise);
        self.emit0(Opcode::PopTop);
        self.pop_handler();
        self.emit0(Opcode::PopExcept);
        self.emit_jump(Opcode::Jump, end);
        self.bind_label(reraise);
        self.pop_handler();
        self.emit(Opcode::Swap, 2);
        self.emit0(Opcode::PopExcept);
        self.emit(Opcode::Reraise, 0);
        self.bind_label(cleanup);
        self.pop_except_and_reraise();
        self.bind_label(orelse_l);
        self.compile_stmts(orelse)?;
        self.bind_label(end);
        Ok(())
    }

    fn compile_augassign(&mut self, s: &'a Stmt, target: &'a Expr, op: ast::Operator, value: &'a Expr) -> CResult<()> {
        let tloc = self.set_loc(target.range);
        match &target.kind {
            ExprKind::Attribute { value: obj, attr, .. } => {
                self.compile_expr(obj)?;
                self.emit(Opcode::Copy, 1);
                let i = self.name_index(attr);
                self.emit(Opcode::LoadAttr, i);
            }
            ExprKind::Subscript { value: obj, slice, .. } => {
                self.compile_expr(obj)?;
                if is_two_element_slice(slice) {
                    self.compile_slice_parts(slice)?;
                    self.emit(Opcode::Copy, 3);
                    self.emit(Opcode::Copy, 3);
                    self.emit(Opcode::Copy, 3);
                    self.emit0(Opcode::BinarySlice);
                } else {
                    self.compile_expr(slice)?;
                    self.emit(Opcode::Copy, 2);
                    self.emit(Opcode::Copy, 2);
                    self.emit0(Opcode::BinarySubscr);
                }
            }
            ExprKind::Name { id, .. } => self.compile_name(id, ExprContext::Load)?,
            _ => return Err(self.error("'expression' is an illegal expression for augmented assignment", target.range)),
        }
        self.set_loc(s.range);
        self.compile_expr(value)?;
        self.emit(Opcode::BinaryOp, super::expr::binop_arg(op, true));
        self.set_loc(target.range);
        match &target.kind {
            ExprKind::Attribute { attr, .. } => {
                self.emit(Opcode::Swap, 2);
                let i = self.name_index(attr);
                self.emit(Opcode::StoreAttr, i);
            }
            ExprKind::Subscript { slice, .. } => {
                if is_two_element_slice(slice) {
                    self.emit(Opcode::Swap, 4);
                    self.emit(Opcode::Swap, 3);
                    self.emit(Opcode::Swap, 2);
                    self.emit0(Opcode::StoreSlice);
                } else {
                    self.emit(Opcode::Swap, 3);
                    self.emit(Opcode::Swap, 2);
                    self.emit0(Opcode::StoreSubscr);
                }
            }
            ExprKind::Name { id, .. } => self.compile_name(id, ExprContext::Store)?,
            _ => {}
        }
        self.restore_loc(tloc);
        Ok(())
    }

    fn compile_annassign(&mut self, s: &'a Stmt, target: &'a Expr, annotation: &'a Expr, value: Option<&'a Expr>, simple: bool) -> CResult<()> {
        if let Some(v) = value {
            self.compile_expr(v)?;
            self.compile_expr(target)?;
        }
        let module_or_class = matches!(self.ur().kind, UnitKind::Module | UnitKind::Class);
        match &target.kind {
            ExprKind::Name { id, .. } => {
                if simple && module_or_class {
                    self.compile_annotation(annotation)?;
                    let i = self.raw_name_index("__annotations__");
                    self.emit(Opcode::LoadName, i);
                    let private = self.ur().private.clone();
                    let m = mangle(private.as_deref(), id).into_owned();
                    self.load_str(&m);
                    self.emit0(Opcode::StoreSubscr);
                }
            }
            ExprKind::Attribute { value: obj, .. } => {
                if value.is_none() {
                    self.compile_expr(obj)?;
                    self.emit0(Opcode::PopTop);
                }
            }
            ExprKind::Subscript { value: obj, slice, .. } => {
                if value.is_none() {
                    self.compile_expr(obj)?;
                    self.emit0(Opcode::PopTop);
                    self.check_ann_subscr(slice)?;
                }
            }
            _ => {}
        }
        if !simple && !self.future_annotations && module_or_class {
            self.compile_expr(annotation)?;
            self.emit0(Opcode::PopTop);
        }
        let _ = s;
        Ok(())
    }

    fn check_ann_subscr(&mut self, e: &'a Expr) -> CResult<()> {
        match &e.kind {
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.compile_expr(x)?;
                    self.emit0(Opcode::PopTop);
                }
            }
            ExprKind::Tuple { elts, .. } => {
                for x in elts {
                    self.check_ann_subscr(x)?;
                }
            }
            _ => {
                self.compile_expr(e)?;
                self.emit0(Opcode::PopTop);
            }
        }
        Ok(())
    }

    /// An annotation value: the expression, or its source text under
    /// `from __future__ import annotations`.
    pub fn compile_annotation(&mut self, ann: &'a Expr) -> CResult<()> {
        if self.future_annotations {
            let text = super::unparse::unparse_annotation(ann);
            self.load_str(&text);
            Ok(())
        } else {
            self.compile_expr(ann)
        }
    }

    // ------------------------------------------------------------ functions

    /// Pushes the defaults tuple and kw-defaults dict; returns the attribute flags.
    pub fn compile_default_arguments(&mut self, args: &'a ast::Arguments) -> CResult<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.compile_expr(d)?;
            }
            self.emit(Opcode::BuildTuple, args.defaults.len() as u32);
            flags |= FunctionAttribute::Defaults as u32;
        }
        let mut n = 0;
        for (a, d) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = d {
                let private = self.ur().private.clone();
                let m = mangle(private.as_deref(), &a.arg).into_owned();
                self.load_str(&m);
                self.compile_expr(d)?;
                n += 1;
            }
        }
        if n > 0 {
            self.emit(Opcode::BuildMap, n);
            flags |= FunctionAttribute::KwDefaults as u32;
        }
        Ok(flags)
    }

    fn compile_arg_annotation(&mut self, name: &str, ann: Option<&'a Expr>, count: &mut u32) -> CResult<()> {
        let Some(ann) = ann else { return Ok(()) };
        let private = self.ur().private.clone();
        let m = mangle(private.as_deref(), name).into_owned();
        self.load_str(&m);
        if self.future_annotations {
            self.compile_annotation(ann)?;
        } else if let ExprKind::Starred { value, .. } = &ann.kind {
            self.compile_expr(value)?;
            self.emit(Opcode::UnpackSequence, 1);
        } else {
            self.compile_expr(ann)?;
        }
        *count += 2;
        Ok(())
    }

    fn compile_annotations(&mut self, args: &'a ast::Arguments, returns: Option<&'a Expr>) -> CResult<bool> {
        let mut n = 0;
        for a in args.args.iter().chain(&args.posonlyargs) {
            self.compile_arg_annotation(&a.arg, a.annotation.as_deref(), &mut n)?;
        }
        if let Some(a) = &args.vararg {
            self.compile_arg_annotation(&a.arg, a.annotation.as_deref(), &mut n)?;
        }
        for a in &args.kwonlyargs {
            self.compile_arg_annotation(&a.arg, a.annotation.as_deref(), &mut n)?;
        }
        if let Some(a) = &args.kwarg {
            self.compile_arg_annotation(&a.arg, a.annotation.as_deref(), &mut n)?;
        }
        self.compile_arg_annotation("return", returns, &mut n)?;
        if n > 0 {
            self.emit(Opcode::BuildTuple, n);
            return Ok(true);
        }
        Ok(false)
    }

    fn compile_function(&mut self, s: &'a Stmt, f: &'a ast::FunctionDef) -> CResult<()> {
        let first_line = f.decorator_list.first().map(|d| d.range.line).unwrap_or(s.range.line);
        for d in &f.decorator_list {
            self.compile_expr(d)?;
        }
        self.set_loc(s.range);
        let mut funcflags = self.compile_default_arguments(&f.args)?;
        let generic = !f.type_params.is_empty();
        let mut num_typeparam_args = 0;
        if generic {
            if funcflags & FunctionAttribute::Defaults as u32 != 0 {
                num_typeparam_args += 1;
            }
            if funcflags & FunctionAttribute::KwDefaults as u32 != 0 {
                num_typeparam_args += 1;
            }
            if num_typeparam_args == 2 {
                self.emit(Opcode::Swap, 2);
            }
            let tp_scope = self.scope_id_for(key_of(f, KEY_TYPE_PARAMS), s.range)?;
            self.enter_unit(UnitKind::TypeParams, tp_scope, format!("<generic parameters of {}>", f.name).as_str(), first_line);
            self.set_loc(s.range);
            self.compile_type_params(&f.type_params)?;
            for i in 0..num_typeparam_args {
                self.emit(Opcode::LoadFast, i);
            }
        }
        if self.compile_annotations(&f.args, f.returns.as_deref())? {
            funcflags |= FunctionAttribute::Annotations as u32;
        }
        // The body.
        let scope = self.scope_id_for(key_of(f, KEY_MAIN), s.range)?;
        let kind = if f.is_async { UnitKind::AsyncFunction } else { UnitKind::Function };
        self.enter_unit(kind, scope, &f.name, first_line);
        let doc = if self.optimize < 2 { docstring_of(&f.body) } else { None };
        match doc {
            Some(d) => self.add_const(ConstValue::Str(d.into())),
            None => self.add_const(ConstValue::None),
        };
        {
            let u = self.u();
            u.argcount = (f.args.args.len() + f.args.posonlyargs.len()) as u32;
            u.posonlyargcount = f.args.posonlyargs.len() as u32;
            u.kwonlyargcount = f.args.kwonlyargs.len() as u32;
        }
        let start = usize::from(doc.is_some());
        for st in &f.body[start..] {
            self.compile_stmt(st)?;
        }
        let code = self.exit_unit(true)?;
        self.set_loc(s.range);
        self.make_closure(code, funcflags);
        if generic {
            self.emit(Opcode::Swap, 2);
            self.emit(Opcode::CallIntrinsic2, Intrinsic2::SetFunctionTypeParams as u32);
            self.emit0(Opcode::ReturnValue);
            self.u().argcount = num_typeparam_args;
            let code = self.exit_unit(false)?;
            self.set_loc(s.range);
            self.make_closure(code, 0);
            if num_typeparam_args > 0 {
                self.emit(Opcode::Swap, num_typeparam_args + 1);
                self.emit(Opcode::Call, num_typeparam_args - 1);
            } else {
                // The interpreter's layout is [NULL, callable, args...].
                self.emit0(Opcode::PushNull);
                self.emit(Opcode::Swap, 2);
                self.emit(Opcode::Call, 0);
            }
        }
        for _ in &f.decorator_list {
            self.emit(Opcode::Call, 0);
        }
        self.compile_name(&f.name, ExprContext::Store)
    }

    /// Builds the type parameters (storing each as a local) and leaves their tuple.
    fn compile_type_params(&mut self, params: &'a [ast::TypeParam]) -> CResult<()> {
        for tp in params {
            let saved = self.set_loc(tp.range);
            match &tp.kind {
                ast::TypeParamKind::TypeVar { name, bound } => {
                    self.load_str(name);
                    if let Some(b) = bound {
                        let scope = self.scope_id_for(key_of(tp, KEY_MAIN), tp.range)?;
                        self.enter_unit(UnitKind::TypeParams, scope, name, b.range.line);
                        self.compile_expr(b)?;
                        self.emit0(Opcode::ReturnValue);
                        let code = self.exit_unit(false)?;
                        self.make_closure(code, 0);
                        let which = if matches!(b.kind, ExprKind::Tuple { .. }) {
                            Intrinsic2::TypeVarWithConstraints
                        } else {
                            Intrinsic2::TypeVarWithBound
                        };
                        self.emit(Opcode::CallIntrinsic2, which as u32);
                    } else {
                        self.emit(Opcode::CallIntrinsic1, Intrinsic1::TypeVar as u32);
                    }
                    self.emit(Opcode::Copy, 1);
                    self.compile_name(name, ExprContext::Store)?;
                }
                ast::TypeParamKind::TypeVarTuple { name } => {
                    self.load_str(name);
                    self.emit(Opcode::CallIntrinsic1, Intrinsic1::TypeVarTuple as u32);
                    self.emit(Opcode::Copy, 1);
                    self.compile_name(name, ExprContext::Store)?;
                }
                ast::TypeParamKind::ParamSpec { name } => {
                    self.load_str(name);
                    self.emit(Opcode::CallIntrinsic1, Intrinsic1::ParamSpec as u32);
                    self.emit(Opcode::Copy, 1);
                    self.compile_name(name, ExprContext::Store)?;
                }
            }
            self.restore_loc(saved);
        }
        if let Some(first) = params.first() {
            let saved = self.set_loc(first.range);
            self.emit(Opcode::BuildTuple, params.len() as u32);
            self.restore_loc(saved);
        }
        Ok(())
    }

    fn compile_class(&mut self, s: &'a Stmt, c: &'a ast::ClassDef) -> CResult<()> {
        let first_line = c.decorator_list.first().map(|d| d.range.line).unwrap_or(s.range.line);
        for d in &c.decorator_list {
            self.compile_expr(d)?;
        }
        self.set_loc(s.range);
        let generic = !c.type_params.is_empty();
        if generic {
            let tp_scope = self.scope_id_for(key_of(c, KEY_TYPE_PARAMS), s.range)?;
            self.enter_unit(UnitKind::TypeParams, tp_scope, format!("<generic parameters of {}>", c.name).as_str(), first_line);
            self.u().private = Some(c.name.clone());
            self.set_loc(s.range);
            self.compile_type_params(&c.type_params)?;
            self.compile_name(".type_params", ExprContext::Store)?;
        }
        // The class body.
        let scope = self.scope_id_for(key_of(c, KEY_MAIN), s.range)?;
        self.enter_unit(UnitKind::Class, scope, &c.name, first_line);
        self.u().loc = Location { line: first_line, end_line: first_line, col: 0, end_col: 0 };
        self.compile_name("__name__", ExprContext::Load)?;
        self.compile_name("__module__", ExprContext::Store)?;
        let q = self.ur().qualname.clone();
        self.load_const(ConstValue::Str(q));
        self.compile_name("__qualname__", ExprContext::Store)?;
        if generic {
            self.compile_name(".type_params", ExprContext::Load)?;
            self.compile_name("__type_params__", ExprContext::Store)?;
        }
        let ste = &self.st.scopes[scope];
        let needs_classdict = ste.needs_classdict;
        let needs_class_closure = ste.needs_class_closure;
        if needs_classdict {
            self.emit0(Opcode::LoadLocals);
            let i = self.ur().cellvars.get("__classdict__").unwrap_or(0);
            self.emit_deref(Opcode::StoreDeref, i);
        }
        self.compile_body(&c.body)?;
        if needs_class_closure {
            let i = self.ur().cellvars.get("__class__").unwrap_or(0);
            self.emit_deref(Opcode::LoadClosure, i);
            self.emit(Opcode::Copy, 1);
            let n = self.raw_name_index("__classcell__");
            self.emit(Opcode::StoreName, n);
        } else {
            self.load_none();
        }
        self.emit0(Opcode::ReturnValue);
        let code = self.exit_unit(false)?;
        self.set_loc(s.range);
        self.emit0(Opcode::PushNull);
        self.emit0(Opcode::LoadBuildClass);
        self.make_closure(code, 0);
        self.load_str(&c.name);
        if generic {
            self.compile_name(".type_params", ExprContext::Load)?;
            self.emit(Opcode::CallIntrinsic1, Intrinsic1::SubscriptGeneric as u32);
            self.compile_name(".generic_base", ExprContext::Store)?;
            self.compile_call_helper(2, &c.bases, Some(".generic_base"), &c.keywords)?;
            self.emit0(Opcode::ReturnValue);
            let code = self.exit_unit(false)?;
            self.set_loc(s.range);
            self.make_closure(code, 0);
            self.emit0(Opcode::PushNull);
            self.emit(Opcode::Swap, 2);
            self.emit(Opcode::Call, 0);
        } else {
            self.compile_call_helper(2, &c.bases, None, &c.keywords)?;
        }
        for _ in &c.decorator_list {
            self.emit(Opcode::Call, 0);
        }
        self.compile_name(&c.name, ExprContext::Store)
    }

    fn compile_type_alias(&mut self, s: &'a Stmt, name: &'a Expr, type_params: &'a [ast::TypeParam], value: &'a Expr) -> CResult<()> {
        let ExprKind::Name { id, .. } = &name.kind else {
            return Err(self.error("invalid type alias target", name.range));
        };
        let generic = !type_params.is_empty();
        if generic {
            let tp_scope = self.scope_id_for(key_of(s, KEY_TYPE_PARAMS), s.range)?;
            self.enter_unit(UnitKind::TypeParams, tp_scope, format!("<generic parameters of {id}>").as_str(), s.range.line);
            self.set_loc(s.range);
            self.load_str(id);
            self.compile_type_params(type_params)?;
        } else {
            self.load_str(id);
            self.load_none();
        }
        let scope = self.scope_id_for(key_of(s, KEY_MAIN), s.range)?;
        // CPython 3.12.1 compiles the alias value as a function scope (its qualname has `<locals>`).
        self.enter_unit(UnitKind::Function, scope, id, s.range.line);
        self.add_const(ConstValue::None);
        self.compile_expr(value)?;
        self.emit0(Opcode::ReturnValue);
        let code = self.exit_unit(false)?;
        self.set_loc(s.range);
        self.make_closure(code, 0);
        self.emit(Opcode::BuildTuple, 3);
        self.emit(Opcode::CallIntrinsic1, Intrinsic1::TypeAlias as u32);
        if generic {
            self.emit0(Opcode::ReturnValue);
            let code = self.exit_unit(false)?;
            self.set_loc(s.range);
            self.make_closure(code, 0);
            self.emit0(Opcode::PushNull);
            self.emit(Opcode::Swap, 2);
            self.emit(Opcode::Call, 0);
        }
        self.compile_name(id, ExprContext::Store)
    }
}

fn unreachable_label() -> Label {
    0
}

pub(crate) fn is_two_element_slice(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Slice { step: None, .. })
}

#[allow(dead_code)]
fn _assert_error_type(_: SyntaxError) {}
