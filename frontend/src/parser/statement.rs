//! Statements: simple statements (assignments, imports, flow control, ...),
//! compound statements with their blocks, decorators, function and class
//! definitions with parameters and PEP 695 type parameters.

use super::expression::{growing_list, mk, starts_expression};
use super::targets::set_context;
use super::{PResult, Parser};
use crate::ast::*;
use crate::error::SyntaxErrorKind;
use crate::token::{Token, TokenKind as T};

fn srange(start: &Token, end_line: u32, end_col: u32) -> Range {
    Range::new(start.line, start.col, end_line, end_col)
}

fn augop(k: T) -> Option<Operator> {
    Some(match k {
        T::PlusEqual => Operator::Add,
        T::MinEqual => Operator::Sub,
        T::StarEqual => Operator::Mult,
        T::AtEqual => Operator::MatMult,
        T::SlashEqual => Operator::Div,
        T::PercentEqual => Operator::Mod,
        T::AmperEqual => Operator::BitAnd,
        T::VBarEqual => Operator::BitOr,
        T::CircumflexEqual => Operator::BitXor,
        T::LeftShiftEqual => Operator::LShift,
        T::RightShiftEqual => Operator::RShift,
        T::DoubleStarEqual => Operator::Pow,
        T::DoubleSlashEqual => Operator::FloorDiv,
        _ => return None,
    })
}

impl<'a> Parser<'a> {
    /// Parses one statement line (a compound statement, or simple statements
    /// separated by `;`) and appends it to `body`.
    pub(crate) fn parse_statement_into(&mut self, body: &mut Vec<Stmt>) -> PResult<()> {
        self.enter()?;
        let r = self.parse_statement_inner(body);
        self.leave();
        r
    }

    fn parse_statement_inner(&mut self, body: &mut Vec<Stmt>) -> PResult<()> {
        let k = self.peek();
        let s = match k {
            T::If => self.parse_if(false)?,
            T::While => self.parse_while()?,
            T::For => self.parse_for(None)?,
            T::Try => self.parse_try()?,
            T::With => self.parse_with(None)?,
            T::Def => self.parse_funcdef(Vec::new(), None)?,
            T::Class => self.parse_classdef(Vec::new())?,
            T::At => self.parse_decorated()?,
            T::Async => {
                let a = self.bump();
                match self.peek() {
                    T::Def => self.parse_funcdef(Vec::new(), Some(a))?,
                    T::For => self.parse_for(Some(a))?,
                    T::With => self.parse_with(Some(a))?,
                    _ => return Err(self.invalid_syntax()),
                }
            }
            T::Name if self.at_soft("match") => match self.try_parse_match()? {
                Some(s) => s,
                None => return self.parse_simple_statements(body),
            },
            T::Indent => return Err(self.invalid_syntax()),
            _ => return self.parse_simple_statements(body),
        };
        body.push(s);
        Ok(())
    }

    fn parse_simple_statements(&mut self, body: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let s = self.parse_simple_statement()?;
            body.push(s);
            if self.eat(T::Semi) {
                if self.at(T::Newline) {
                    self.bump();
                    return Ok(());
                }
                continue;
            }
            if self.eat(T::Newline) {
                return Ok(());
            }
            if self.at(T::EndMarker) && self.lex_error.is_none() {
                return Ok(());
            }
            return Err(self.invalid_syntax());
        }
    }

    fn parse_simple_statement(&mut self) -> PResult<Stmt> {
        let start = *self.tok();
        match self.peek() {
            T::Pass => {
                self.bump();
                Ok(Stmt::new(Parser::tok_range(&start), StmtKind::Pass))
            }
            T::Break => {
                self.bump();
                Ok(Stmt::new(Parser::tok_range(&start), StmtKind::Break))
            }
            T::Continue => {
                self.bump();
                Ok(Stmt::new(Parser::tok_range(&start), StmtKind::Continue))
            }
            T::Return => {
                self.bump();
                let v = if self.starts_star_expression() { Some(NodeBox::new(self.parse_star_expressions()?)) } else { None };
                Ok(Stmt::new(self.range_from(&start), StmtKind::Return(v)))
            }
            T::Raise => {
                self.bump();
                let mut exc = None;
                let mut cause = None;
                if starts_expression(self.peek()) {
                    exc = Some(NodeBox::new(self.parse_expression()?));
                    if self.eat(T::From) {
                        cause = Some(NodeBox::new(self.parse_expression()?));
                    }
                }
                Ok(Stmt::new(self.range_from(&start), StmtKind::Raise { exc, cause }))
            }
            T::Global | T::Nonlocal => {
                self.bump();
                let mut names = Vec::new();
                loop {
                    if !self.at(T::Name) {
                        return Err(self.invalid_syntax());
                    }
                    let t = self.bump();
                    names.push(self.name_text(&t));
                    if !self.eat(T::Comma) {
                        break;
                    }
                }
                let r = self.range_from(&start);
                Ok(Stmt::new(r, if start.kind == T::Global { StmtKind::Global(names) } else { StmtKind::Nonlocal(names) }))
            }
            T::Del => {
                self.bump();
                let (targets, _) = self.parse_del_targets()?;
                if !matches!(self.peek(), T::Newline | T::Semi | T::EndMarker) {
                    return Err(self.invalid_syntax());
                }
                let mut targets = targets;
                for t in targets.iter_mut() {
                    self.set_del(t)?;
                }
                Ok(Stmt::new(self.range_from(&start), StmtKind::Delete(targets)))
            }
            T::Assert => {
                self.bump();
                let test = self.parse_expression()?;
                let msg = if self.eat(T::Comma) { Some(NodeBox::new(self.parse_expression()?)) } else { None };
                Ok(Stmt::new(self.range_from(&start), StmtKind::Assert { test: NodeBox::new(test), msg }))
            }
            T::Import => self.parse_import(),
            T::From => self.parse_from_import(),
            T::Name if self.at_soft("type") && self.peek_at(1) == T::Name && matches!(self.peek_at(2), T::Equal | T::LSqb) => self.parse_type_alias(),
            _ => self.parse_expression_statement(),
        }
    }

    /// `del` targets: the comma-separated list (a parenthesized tuple stays one target).
    fn parse_del_target(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            return self.parse_star_expression();
        }
        self.parse_bitor()
    }

    fn parse_del_targets(&mut self) -> PResult<(Vec<Expr>, bool)> {
        let first = self.parse_del_target()?;
        if !self.at(T::Comma) {
            return Ok((vec![first], false));
        }
        let mut elts = growing_list(first);
        while self.eat(T::Comma) {
            if !self.starts_star_expression() {
                break;
            }
            elts.push(self.parse_del_target()?);
        }
        Ok((elts, true))
    }

    fn parse_type_alias(&mut self) -> PResult<Stmt> {
        let start = self.bump();
        let n = self.bump();
        let mut name = mk(Parser::tok_range(&n), ExprKind::Name { id: self.name_text(&n), ctx: ExprContext::Store });
        set_context(&mut name, ExprContext::Store);
        let type_params = if self.at(T::LSqb) { self.parse_type_params()? } else { Vec::new() };
        self.expect(T::Equal)?;
        let value = self.parse_expression()?;
        Ok(Stmt::new(self.range_from(&start), StmtKind::TypeAlias { name: NodeBox::new(name), type_params, value: NodeBox::new(value) }))
    }

    fn parse_dotted_name(&mut self) -> PResult<Ident> {
        if !self.at(T::Name) {
            return Err(self.invalid_syntax());
        }
        let t = self.bump();
        let first = self.name_text(&t);
        if !(self.at(T::Dot) && self.peek_at(1) == T::Name) {
            return Ok(first);
        }
        let mut s = first.to_string();
        while self.at(T::Dot) && self.peek_at(1) == T::Name {
            self.bump();
            let t = self.bump();
            s.push('.');
            s.push_str(&self.name_text(&t));
        }
        Ok(s.into())
    }

    fn parse_import(&mut self) -> PResult<Stmt> {
        let start = self.bump();
        let mut names = Vec::new();
        loop {
            let a = *self.tok();
            let name = self.parse_dotted_name()?;
            let asname = if self.eat(T::As) { Some(self.parse_as_name()?) } else { None };
            names.push(Alias { range: self.range_from(&a), name, asname });
            if !self.eat(T::Comma) {
                break;
            }
        }
        if self.at(T::From) {
            self.bump();
            if self.at(T::Name) {
                let _ = self.parse_dotted_name()?;
                // CPython ends the range at the tokenizer's position: the end
                // of the token after the module name, as a 0-based column.
                self.peek();
                let next = *self.tok();
                let mut e = self.error_range("Did you mean to use 'from ... import ...' instead?", srange(&start, next.end_line, next.end_col));
                e.end_offset -= 1;
                return Err(e);
            }
            return Err(self.invalid_syntax());
        }
        Ok(Stmt::new(self.range_from(&start), StmtKind::Import(names)))
    }

    fn parse_as_name(&mut self) -> PResult<Ident> {
        if !self.at(T::Name) {
            return Err(self.invalid_syntax());
        }
        let t = self.bump();
        Ok(self.name_text(&t))
    }

    fn parse_from_import(&mut self) -> PResult<Stmt> {
        let start = self.bump();
        let mut level = 0;
        loop {
            match self.peek() {
                T::Dot => level += 1,
                T::Ellipsis => level += 3,
                _ => break,
            }
            self.bump();
        }
        let module = if self.at(T::Name) { Some(self.parse_dotted_name()?) } else { None };
        if module.is_none() && level == 0 {
            return Err(self.invalid_syntax());
        }
        self.expect(T::Import)?;
        let mut names = Vec::new();
        if self.at(T::Star) {
            let t = self.bump();
            names.push(Alias { range: Parser::tok_range(&t), name: "*".into(), asname: None });
        } else {
            let paren = self.eat(T::LPar);
            loop {
                let a = *self.tok();
                if !self.at(T::Name) {
                    return Err(self.invalid_syntax());
                }
                let n = self.bump();
                let name = self.name_text(&n);
                let asname = if self.eat(T::As) { Some(self.parse_as_name()?) } else { None };
                names.push(Alias { range: self.range_from(&a), name, asname });
                if !self.eat(T::Comma) {
                    break;
                }
                if paren && self.at(T::RPar) {
                    break;
                }
                if !paren && !self.at(T::Name) {
                    if matches!(self.peek(), T::Newline | T::EndMarker | T::Semi) {
                        let t = *self.tok();
                        return Err(self.error_at_token("trailing comma not allowed without surrounding parentheses", &t));
                    }
                    return Err(self.invalid_syntax());
                }
            }
            if paren {
                self.expect(T::RPar)?;
            }
        }
        Ok(Stmt::new(self.range_from(&start), StmtKind::ImportFrom { module, names, level }))
    }

    /// Expression statements, assignments, augmented and annotated assignments.
    fn parse_expression_statement(&mut self) -> PResult<Stmt> {
        let start = *self.tok();
        let first = if self.at(T::Yield) { self.parse_yield()? } else { self.parse_star_expressions()? };
        match self.peek() {
            T::Equal => self.parse_assignment(start, first),
            T::Colon => self.parse_annassign(start, first),
            k if augop(k).is_some() => {
                let op = augop(k).unwrap();
                if !matches!(first.kind, ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }) {
                    return self.err(format!("'{}' is an illegal expression for augmented assignment", Parser::expr_name(&first)), first.range);
                }
                self.bump();
                let value = if self.at(T::Yield) { self.parse_yield()? } else { self.parse_star_expressions()? };
                let mut target = first;
                set_context(&mut target, ExprContext::Store);
                Ok(Stmt::new(self.range_from(&start), StmtKind::AugAssign { target: NodeBox::new(target), op, value: NodeBox::new(value) }))
            }
            _ => {
                // `print x`: the legacy statement forms.
                if let ExprKind::Name { id, .. } = &first.kind {
                    if (&**id == "print" || &**id == "exec") && starts_expression(self.peek()) {
                        let id = id.clone();
                        let save = self.pos;
                        if let Ok(b) = self.parse_star_expressions() {
                            let r = Range::new(first.range.line, first.range.col, b.range.end_line, b.range.end_col);
                            return self.err(format!("Missing parentheses in call to '{}'. Did you mean {}(...)?", id, id), r);
                        }
                        self.pos = save;
                    }
                }
                if !matches!(self.peek(), T::Newline | T::Semi | T::EndMarker) {
                    if matches!(self.peek(), T::If) {
                        // `a if b` without else
                        let save = self.pos;
                        self.bump();
                        if let Ok(test) = self.parse_disjunction() {
                            if !matches!(self.peek(), T::Else | T::Colon) {
                                return self.err("expected 'else' after 'if' expression", Range::new(first.range.line, first.range.col, test.range.end_line, test.range.end_col));
                            }
                        }
                        self.pos = save;
                    }
                    return Err(self.invalid_syntax());
                }
                Ok(Stmt::new(self.range_from(&start), StmtKind::Expr(NodeBox::new(first))))
            }
        }
    }

    fn parse_assignment(&mut self, start: Token, first: Expr) -> PResult<Stmt> {
        let mut targets = vec![first];
        let mut eqs = Vec::new();
        let value;
        loop {
            eqs.push(self.pos);
            self.bump(); // '='
            let v = if self.at(T::Yield) { self.parse_yield()? } else { self.parse_star_expressions()? };
            if self.at(T::Equal) {
                targets.push(v);
                continue;
            }
            value = v;
            break;
        }
        if let Some(e) = self.assignment_target_error(&targets, &eqs) {
            return Err(e);
        }
        for t in targets.iter_mut() {
            set_context(t, ExprContext::Store);
        }
        if !matches!(self.peek(), T::Newline | T::Semi | T::EndMarker) {
            return Err(self.invalid_syntax());
        }
        Ok(Stmt::new(self.range_from(&start), StmtKind::Assign { targets, value: NodeBox::new(value), type_comment: None }))
    }

    /// A condition (`if`, `elif`, `while`): a named expression, with CPython's
    /// hints for `=` written instead of `==`.
    fn parse_condition(&mut self) -> PResult<Expr> {
        let e = self.parse_named_expression()?;
        if self.at(T::Equal) {
            let eq = self.pos;
            if let Some(err) = self.equal_instead_of_eqeq(&e, eq, false) {
                return Err(err);
            }
        }
        Ok(e)
    }

    fn parse_annassign(&mut self, start: Token, first: Expr) -> PResult<Stmt> {
        match &first.kind {
            ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
            ExprKind::Tuple { .. } => return self.err("only single target (not tuple) can be annotated", first.range),
            ExprKind::List { .. } => return self.err("only single target (not list) can be annotated", first.range),
            _ => return self.err("illegal target for annotation", first.range),
        }
        self.bump();
        let annotation = self.parse_expression()?;
        let value = if self.eat(T::Equal) {
            Some(NodeBox::new(if self.at(T::Yield) { self.parse_yield()? } else { self.parse_star_expressions()? }))
        } else {
            None
        };
        let simple = matches!(first.kind, ExprKind::Name { .. }) && start.kind != T::LPar;
        let mut target = first;
        set_context(&mut target, ExprContext::Store);
        Ok(Stmt::new(self.range_from(&start), StmtKind::AnnAssign { target: NodeBox::new(target), annotation: NodeBox::new(annotation), value, simple }))
    }

    // ---- blocks ----

    /// The block after a compound statement's `:`. `what` names the
    /// statement for "expected an indented block after ..." messages.
    pub(crate) fn parse_block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        let mut body = self.take_stmt_scratch();
        if self.eat(T::Newline) {
            if !self.at(T::Indent) {
                self.peek();
                let t = *self.tok();
                return Err(self.error_kind_at_token(SyntaxErrorKind::IndentationError, format!("expected an indented block after {} on line {}", what, line), &t));
            }
            self.bump();
            loop {
                self.parse_statement_into(&mut body)?;
                if self.eat(T::Dedent) {
                    break;
                }
                if self.at(T::EndMarker) {
                    if self.lex_error.is_some() {
                        return Err(self.invalid_syntax());
                    }
                    break;
                }
            }
        } else {
            if matches!(self.peek(), T::EndMarker) {
                return Err(self.invalid_syntax());
            }
            self.parse_simple_statements(&mut body)?;
        }
        Ok(self.finish_stmts(body))
    }

    fn parse_if(&mut self, _elif: bool) -> PResult<Stmt> {
        let start = self.bump();
        let kw = if start.kind == T::If { "'if' statement" } else { "'elif' statement" };
        let test = self.parse_condition()?;
        self.expect_colon_nl()?;
        let body = self.parse_block(kw, start.line)?;
        let mut orelse = Vec::new();
        if self.at(T::Elif) {
            orelse.push(self.parse_if(true)?);
        } else if self.at(T::Else) {
            let e = self.bump();
            self.expect_colon()?;
            orelse = self.parse_block("'else' statement", e.line)?;
        }
        let end = self.block_end(&body, &orelse);
        Ok(Stmt::new(srange(&start, end.0, end.1), StmtKind::If { test: NodeBox::new(test), body, orelse }))
    }

    /// Where a compound statement ends: at the last token of its last
    /// block that is not NEWLINE/INDENT/DEDENT (so a trailing `;` counts).
    pub(crate) fn block_end(&self, _body: &[Stmt], _orelse: &[Stmt]) -> (u32, u32) {
        let mut i = self.pos;
        while i > 0 {
            i -= 1;
            let t = &self.tokens[i];
            if !matches!(t.kind, T::Newline | T::Indent | T::Dedent) {
                return (t.end_line, t.end_col);
            }
        }
        (1, 0)
    }

    fn parse_while(&mut self) -> PResult<Stmt> {
        let start = self.bump();
        let test = self.parse_condition()?;
        self.expect_colon_nl()?;
        let body = self.parse_block("'while' statement", start.line)?;
        let mut orelse = Vec::new();
        if self.at(T::Else) {
            let e = self.bump();
            self.expect_colon()?;
            orelse = self.parse_block("'else' statement", e.line)?;
        }
        let end = self.block_end(&body, &orelse);
        Ok(Stmt::new(srange(&start, end.0, end.1), StmtKind::While { test: NodeBox::new(test), body, orelse }))
    }

    fn parse_for(&mut self, async_tok: Option<Token>) -> PResult<Stmt> {
        let for_tok = self.bump();
        let start = async_tok.unwrap_or(for_tok);
        let target = self.parse_target_list(T::In)?;
        if !self.eat(T::In) {
            return Err(self.invalid_syntax());
        }
        let iter = self.parse_star_expressions()?;
        self.expect_colon_nl()?;
        let body = self.parse_block("'for' statement", for_tok.line)?;
        let mut orelse = Vec::new();
        if self.at(T::Else) {
            let e = self.bump();
            self.expect_colon()?;
            orelse = self.parse_block("'else' statement", e.line)?;
        }
        let end = self.block_end(&body, &orelse);
        Ok(Stmt::new(srange(&start, end.0, end.1), StmtKind::For { target: NodeBox::new(target), iter: NodeBox::new(iter), body, orelse, type_comment: None, is_async: async_tok.is_some() }))
    }

    fn parse_with_item(&mut self) -> PResult<WithItem> {
        let context_expr = self.parse_expression()?;
        let optional_vars = if self.eat(T::As) {
            let mut t = self.parse_star_target_single()?;
            self.set_store(&mut t)?;
            Some(NodeBox::new(t))
        } else {
            None
        };
        Ok(WithItem { context_expr, optional_vars })
    }

    /// A `with ... as` target: one star_target (may be a parenthesized tuple).
    fn parse_star_target_single(&mut self) -> PResult<Expr> {
        self.parse_bitor()
    }

    fn parse_with(&mut self, async_tok: Option<Token>) -> PResult<Stmt> {
        let with_tok = self.bump();
        let start = async_tok.unwrap_or(with_tok);
        let mut items = Vec::new();
        let mut done = false;
        if self.at(T::LPar) {
            // Parenthesized with-items: `with (a as b, c):`.
            let save = (self.pos, self.depth);
            self.bump();
            let mut its = Vec::new();
            let ok = loop {
                if self.at(T::RPar) {
                    break !its.is_empty();
                }
                match self.parse_with_item() {
                    Ok(it) => its.push(it),
                    Err(_) => break false,
                }
                if !self.eat(T::Comma) {
                    break self.at(T::RPar);
                }
            };
            if ok && self.at(T::RPar) && self.peek_at(1) == T::Colon {
                self.bump();
                items = its;
                done = true;
            } else if ok && self.at(T::RPar) && self.peek_at(1) == T::Newline && its.iter().any(|i| i.optional_vars.is_some()) {
                self.bump();
                let t = *self.tok();
                return Err(self.error_at_token("expected ':'", &t));
            } else {
                self.pos = save.0;
                self.depth = save.1;
            }
        }
        if !done {
            loop {
                items.push(self.parse_with_item()?);
                if !self.eat(T::Comma) {
                    break;
                }
            }
        }
        self.expect_colon_nl()?;
        let body = self.parse_block("'with' statement", with_tok.line)?;
        let end = self.block_end(&body, &[]);
        Ok(Stmt::new(srange(&start, end.0, end.1), StmtKind::With { items, body, type_comment: None, is_async: async_tok.is_some() }))
    }

    fn parse_try(&mut self) -> PResult<Stmt> {
        let start = self.bump();
        self.expect_colon()?;
        let body = self.parse_block("'try' statement", start.line)?;
        let mut handlers = Vec::new();
        let mut is_star = None;
        while self.at(T::Except) {
            let ex = self.bump();
            let star = self.eat(T::Star);
            if let Some(prev) = is_star {
                if prev != star {
                    return self.err("cannot have both 'except' and 'except*' on the same 'try'", self.range_from(&ex));
                }
            }
            is_star = Some(star);
            let mut type_ = None;
            let mut name = None;
            if self.at(T::Newline) {
                let t = *self.tok();
                return Err(self.error_at_token("expected ':'", &t));
            }
            if !self.at(T::Colon) {
                let t = self.parse_expression()?;
                if self.at(T::Comma) {
                    let save = self.pos;
                    self.bump();
                    let mut last = t.clone();
                    while let Ok(e) = self.parse_expression() {
                        last = e;
                        if !self.eat(T::Comma) {
                            break;
                        }
                    }
                    if self.at(T::Colon) || self.at(T::As) {
                        let mut end = (last.range.end_line, last.range.end_col);
                        if self.eat(T::As) && self.at(T::Name) {
                            let n = self.bump();
                            end = (n.end_line, n.end_col);
                        }
                        return self.err("multiple exception types must be parenthesized", Range::new(t.range.line, t.range.col, end.0, end.1));
                    }
                    self.pos = save;
                }
                type_ = Some(NodeBox::new(t));
                if self.eat(T::As) {
                    if !self.at(T::Name) {
                        return Err(self.invalid_syntax());
                    }
                    let n = self.bump();
                    name = Some(self.name_text(&n));
                }
            } else if star {
                return self.err("expected one or more exception types", Parser::tok_range(&self.tokens[self.pos]));
            }
            self.expect_colon_nl()?;
            let what = if star { "'except*' statement" } else { "'except' statement" };
            let hbody = self.parse_block(what, ex.line)?;
            let end = self.block_end(&hbody, &[]);
            handlers.push(ExceptHandler { range: srange(&ex, end.0, end.1), type_, name, body: hbody });
        }
        let mut orelse = Vec::new();
        if self.at(T::Else) && !handlers.is_empty() {
            let e = self.bump();
            self.expect_colon()?;
            orelse = self.parse_block("'else' statement", e.line)?;
        }
        let mut finalbody = Vec::new();
        if self.at(T::Finally) {
            let f = self.bump();
            self.expect_colon()?;
            finalbody = self.parse_block("'finally' statement", f.line)?;
        }
        if handlers.is_empty() && finalbody.is_empty() {
            self.peek();
            let t = *self.tok();
            return Err(self.error_at_token("expected 'except' or 'finally' block", &t));
        }
        let end = self.block_end(&[], &[]);
        let r = srange(&start, end.0, end.1);
        Ok(Stmt::new(r, StmtKind::Try { body, handlers, orelse, finalbody, is_star: is_star.unwrap_or(false) }))
    }

    fn parse_decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat(T::At) {
            decorators.push(self.parse_named_expression()?);
            if !self.eat(T::Newline) {
                return Err(self.invalid_syntax());
            }
        }
        match self.peek() {
            T::Def => self.parse_funcdef(decorators, None),
            T::Class => self.parse_classdef(decorators),
            T::Async if self.peek_at(1) == T::Def => {
                let a = self.bump();
                self.parse_funcdef(decorators, Some(a))
            }
            _ => Err(self.invalid_syntax()),
        }
    }

    pub(crate) fn parse_type_params(&mut self) -> PResult<Vec<TypeParam>> {
        let open = self.bump(); // '['
        let mut params = Vec::new();
        loop {
            if self.at(T::RSqb) {
                break;
            }
            let start = *self.tok();
            if self.eat(T::Star) {
                let n = self.expect(T::Name)?;
                if self.at(T::Colon) {
                    let c = *self.tok();
                    let _ = self.bump();
                    let e = self.parse_expression()?;
                    return self.err("cannot use bound with TypeVarTuple", Range::new(c.line, c.col, e.range.end_line, e.range.end_col));
                }
                params.push(TypeParam { range: self.range_from(&start), kind: TypeParamKind::TypeVarTuple { name: self.name_text(&n) } });
            } else if self.eat(T::DoubleStar) {
                let n = self.expect(T::Name)?;
                if self.at(T::Colon) {
                    let c = *self.tok();
                    let _ = self.bump();
                    let e = self.parse_expression()?;
                    return self.err("cannot use bound with ParamSpec", Range::new(c.line, c.col, e.range.end_line, e.range.end_col));
                }
                params.push(TypeParam { range: self.range_from(&start), kind: TypeParamKind::ParamSpec { name: self.name_text(&n) } });
            } else {
                let n = self.expect(T::Name)?;
                let bound = if self.eat(T::Colon) { Some(NodeBox::new(self.parse_expression()?)) } else { None };
                params.push(TypeParam { range: self.range_from(&start), kind: TypeParamKind::TypeVar { name: self.name_text(&n), bound } });
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        if params.is_empty() {
            let _ = open;
            return Err(self.invalid_syntax());
        }
        self.expect(T::RSqb)?;
        Ok(params)
    }

    fn parse_funcdef(&mut self, decorator_list: Vec<Expr>, async_tok: Option<Token>) -> PResult<Stmt> {
        let def = self.bump();
        let start = async_tok.unwrap_or(def);
        if !self.at(T::Name) {
            return Err(self.invalid_syntax());
        }
        let n = self.bump();
        let name = self.name_text(&n);
        let type_params = if self.at(T::LSqb) && self.peek_at(1) != T::RSqb { self.parse_type_params()? } else { Vec::new() };
        if !self.at(T::LPar) {
            self.peek();
            let t = *self.tok();
            return Err(self.error_at_token("expected '('", &t));
        }
        self.bump();
        let args = self.parse_parameters(T::RPar, true)?;
        self.expect(T::RPar)?;
        let returns = if self.eat(T::RArrow) { Some(NodeBox::new(self.parse_expression()?)) } else { None };
        self.expect_colon()?;
        let body = self.parse_block("function definition", def.line)?;
        let end = self.block_end(&body, &[]);
        Ok(Stmt::new(
            srange(&start, end.0, end.1),
            StmtKind::FunctionDef(NodeBox::new(FunctionDef { name, args: NodeBox::new(args), body, decorator_list, returns, type_comment: None, type_params, is_async: async_tok.is_some() })),
        ))
    }

    fn parse_classdef(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let start = self.bump();
        if !self.at(T::Name) {
            return Err(self.invalid_syntax());
        }
        let n = self.bump();
        let name = self.name_text(&n);
        let type_params = if self.at(T::LSqb) { self.parse_type_params()? } else { Vec::new() };
        let (mut bases, mut keywords) = (Vec::new(), Vec::new());
        if self.at(T::LPar) {
            let open = self.bump();
            let outer = std::mem::replace(&mut self.class_arguments, true);
            let r = self.parse_call_arguments(&open);
            self.class_arguments = outer;
            let (args, kw) = r?;
            self.expect(T::RPar)?;
            bases = args;
            keywords = kw;
        }
        self.expect_colon_nl()?;
        let body = self.parse_block("class definition", start.line)?;
        let end = self.block_end(&body, &[]);
        Ok(Stmt::new(srange(&start, end.0, end.1), StmtKind::ClassDef(NodeBox::new(ClassDef { name, bases, keywords, body, decorator_list, type_params }))))
    }

    /// Parameters of `def` (annotations allowed) or `lambda`, up to `close`.
    pub(crate) fn parse_parameters(&mut self, close: T, annotations: bool) -> PResult<Arguments> {
        let mut a = Arguments::default();
        let mut seen_default = false;
        let mut seen_star = false;
        let mut seen_slash = false;
        let mut star_tok: Option<Token> = None;
        loop {
            if self.at(close) {
                break;
            }
            let t = *self.tok();
            match self.peek() {
                T::Slash => {
                    self.bump();
                    if seen_slash {
                        return Err(self.error_at_token("/ may appear only once", &t));
                    }
                    if seen_star {
                        return Err(self.error_at_token("/ must be ahead of *", &t));
                    }
                    if a.args.is_empty() {
                        return Err(self.error_at_token("at least one argument must precede /", &t));
                    }
                    seen_slash = true;
                    a.posonlyargs = std::mem::take(&mut a.args);
                    if self.at(T::Star) {
                        let t2 = *self.tok();
                        return Err(self.error_at_token("expected comma between / and *", &t2));
                    }
                }
                T::Star => {
                    self.bump();
                    if seen_star {
                        return Err(self.error_at_token("* argument may appear only once", &t));
                    }
                    seen_star = true;
                    star_tok = Some(t);
                    if self.at(T::Name) {
                        let arg = self.parse_one_param(annotations, true)?;
                        if self.at(T::Equal) {
                            let eq = *self.tok();
                            self.bump();
                            return self.err("var-positional argument cannot have default value", Parser::tok_range(&eq));
                        }
                        a.vararg = Some(arg);
                    } else if self.at(close) || (self.at(T::Comma) && (self.peek_at(1) == close || self.peek_at(1) == T::DoubleStar)) {
                        if annotations {
                            return Err(self.error_at_token("named arguments must follow bare *", &t));
                        }
                        // lambda: reported at the token after the `*`.
                        if self.at(T::Comma) {
                            self.bump();
                        }
                        let t2 = *self.tok();
                        return Err(self.error_at_token("named arguments must follow bare *", &t2));
                    }
                }
                T::DoubleStar => {
                    self.bump();
                    let arg = self.parse_one_param(annotations, false)?;
                    if self.at(T::Equal) {
                        let eq = *self.tok();
                        self.bump();
                        return self.err("var-keyword argument cannot have default value", Parser::tok_range(&eq));
                    }
                    a.kwarg = Some(arg);
                    self.eat(T::Comma);
                    if !self.at(close) {
                        self.peek();
                        let t2 = *self.tok();
                        return self.err("arguments cannot follow var-keyword argument", Parser::tok_range(&t2));
                    }
                    break;
                }
                T::Name => {
                    let arg = self.parse_one_param(annotations, false)?;
                    let default = if self.at(T::Equal) {
                        let eq = self.bump();
                        if matches!(self.peek(), T::Comma | T::RPar) || self.at(close) {
                            return Err(self.error_at_token("expected default value expression", &eq));
                        }
                        Some(self.parse_expression()?)
                    } else {
                        None
                    };
                    if seen_star {
                        a.kwonlyargs.push(arg);
                        a.kw_defaults.push(default);
                    } else {
                        match default {
                            Some(d) => {
                                seen_default = true;
                                a.defaults.push(d);
                            }
                            None if seen_default => {
                                return self.err("parameter without a default follows parameter with a default", arg.range);
                            }
                            None => {}
                        }
                        a.args.push(arg);
                    }
                }
                T::LPar if self.tokens.get(self.pos + 1).is_some_and(|t| t.kind == T::Name) => {
                    // `lambda (a): 0`, `def f((a)): ...`
                    let open = self.bump();
                    let mut depth = 1;
                    while depth > 0 && !matches!(self.peek(), T::EndMarker | T::Newline) {
                        match self.bump().kind {
                            T::LPar => depth += 1,
                            T::RPar => depth -= 1,
                            _ => {}
                        }
                    }
                    let close = *self.prev();
                    let what = if annotations { "Function parameters cannot be parenthesized" } else { "Lambda expression parameters cannot be parenthesized" };
                    return self.err(what, Range::new(open.line, open.col, close.end_line, close.end_col));
                }
                _ => return Err(self.invalid_syntax()),
            }
            if !self.eat(T::Comma) {
                if !self.at(close) {
                    return Err(self.invalid_syntax());
                }
                break;
            }
        }
        if let Some(t) = star_tok {
            if a.vararg.is_none() && a.kwonlyargs.is_empty() {
                return Err(self.error_at_token("named arguments must follow bare *", &t));
            }
        }
        Ok(a)
    }

    fn parse_one_param(&mut self, annotations: bool, star: bool) -> PResult<Arg> {
        if !self.at(T::Name) {
            return Err(self.invalid_syntax());
        }
        let n = self.bump();
        let annotation = if annotations && self.eat(T::Colon) {
            Some(NodeBox::new(if star && self.at(T::Star) { self.parse_star_expression()? } else { self.parse_expression()? }))
        } else {
            None
        };
        Ok(Arg { range: self.range_from(&n), arg: self.name_text(&n), annotation, type_comment: None })
    }
}
