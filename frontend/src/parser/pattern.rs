//! `match` statements and PEP 634 patterns: literal, capture, wildcard,
//! value, group, sequence, mapping, class, or- and as-patterns.

use super::expression::{mk, starts_expression};
use super::{PResult, Parser};
use crate::ast::*;
use crate::token::{Token, TokenKind as T};

fn prange(start: &Token, end: &Token) -> Range {
    Range::new(start.line, start.col, end.end_line, end.end_col)
}

impl<'a> Parser<'a> {
    /// At the soft keyword `match`: parses a match statement, or returns
    /// None (position unchanged) when this is an ordinary statement.
    pub(crate) fn try_parse_match(&mut self) -> PResult<Option<Stmt>> {
        let save = (self.pos, self.depth);
        let start = self.bump();
        if !self.starts_star_expression() || matches!(self.peek(), T::Minus | T::Plus | T::Tilde) && false {
            self.pos = save.0;
            return Ok(None);
        }
        let subject = match self.parse_match_subject() {
            Ok(s) => s,
            Err(_) => {
                self.pos = save.0;
                self.depth = save.1;
                return Ok(None);
            }
        };
        if !self.at(T::Colon) {
            if self.at(T::Newline) {
                // `match x` + newline: CPython's "expected ':'".
                let t = *self.tok();
                return Err(self.error_at_token("expected ':'", &t));
            }
            self.pos = save.0;
            self.depth = save.1;
            return Ok(None);
        }
        self.bump();
        if !self.eat(T::Newline) {
            return Err(self.invalid_syntax());
        }
        if !self.at(T::Indent) {
            self.peek();
            let t = *self.tok();
            return Err(self.error_kind_at_token(crate::error::SyntaxErrorKind::IndentationError, format!("expected an indented block after 'match' statement on line {}", start.line), &t));
        }
        self.bump();
        let mut cases = Vec::new();
        while !self.eat(T::Dedent) {
            if self.at(T::EndMarker) {
                return Err(self.invalid_syntax());
            }
            if !self.at_soft("case") {
                return Err(self.invalid_syntax());
            }
            cases.push(self.parse_case()?);
        }
        let end = self.block_end(&[], &[]);
        let r = Range::new(start.line, start.col, end.0, end.1);
        Ok(Some(Stmt::new(r, StmtKind::Match { subject: NodeBox::new(subject), cases })))
    }

    fn parse_match_subject(&mut self) -> PResult<Expr> {
        let start = *self.tok();
        let first = self.parse_star_named_expression()?;
        if !self.at(T::Comma) {
            if let ExprKind::Starred { .. } = first.kind {
                return Err(self.invalid_syntax());
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if self.at(T::Colon) {
                break;
            }
            elts.push(self.parse_star_named_expression()?);
        }
        let r = self.range_from(&start);
        Ok(mk(r, ExprKind::Tuple { elts, ctx: ExprContext::Load }))
    }

    fn parse_case(&mut self) -> PResult<MatchCase> {
        let case_tok = self.bump();
        let pattern = self.parse_patterns()?;
        let guard = if self.eat(T::If) { Some(NodeBox::new(self.parse_named_expression()?)) } else { None };
        self.expect_colon_nl()?;
        let body = self.parse_block("'case' statement", case_tok.line)?;
        Ok(MatchCase { pattern, guard, body })
    }

    /// `patterns`: an open sequence (`case a, *b:`) or a single pattern.
    fn parse_patterns(&mut self) -> PResult<Pattern> {
        let start = *self.tok();
        let first = self.parse_maybe_star_pattern()?;
        if !self.at(T::Comma) {
            if let PatternKind::MatchStar(_) = first.kind {
                let r = first.range;
                return Ok(Pattern { range: r, kind: PatternKind::MatchSequence(vec![first]) });
            }
            return Ok(first);
        }
        let mut pats = vec![first];
        while self.eat(T::Comma) {
            if matches!(self.peek(), T::Colon | T::If) {
                break;
            }
            pats.push(self.parse_maybe_star_pattern()?);
        }
        let r = self.range_from(&start);
        Ok(Pattern { range: r, kind: PatternKind::MatchSequence(pats) })
    }

    fn parse_maybe_star_pattern(&mut self) -> PResult<Pattern> {
        if self.at(T::Star) {
            let s = self.bump();
            if !self.at(T::Name) {
                return Err(self.invalid_syntax());
            }
            let n = self.bump();
            let name = self.name_text(&n);
            let name = if &*name == "_" { None } else { Some(name) };
            return Ok(Pattern { range: prange(&s, &n), kind: PatternKind::MatchStar(name) });
        }
        self.parse_pattern()
    }

    /// `pattern`: or-pattern with an optional `as NAME`.
    fn parse_pattern(&mut self) -> PResult<Pattern> {
        self.enter()?;
        let start = *self.tok();
        let p = self.parse_or_pattern()?;
        if self.eat(T::As) {
            if !self.at(T::Name) || matches!(self.peek_at(1), T::Dot | T::LPar | T::LSqb | T::Plus | T::Minus) {
                self.leave();
                if starts_expression(self.peek()) {
                    let e = self.parse_bitor()?;
                    return self.err("invalid pattern target", e.range);
                }
                return Err(self.invalid_syntax());
            }
            let n = self.bump();
            let name = self.name_text(&n);
            if &*name == "_" {
                self.leave();
                return self.err("cannot use '_' as a target", Parser::tok_range(&n));
            }
            self.leave();
            return Ok(Pattern { range: prange(&start, &n), kind: PatternKind::MatchAs { pattern: Some(NodeBox::new(p)), name: Some(name) } });
        }
        self.leave();
        Ok(p)
    }

    fn parse_or_pattern(&mut self) -> PResult<Pattern> {
        let start = *self.tok();
        let first = self.parse_closed_pattern()?;
        if !self.at(T::VBar) {
            return Ok(first);
        }
        let mut pats = vec![first];
        while self.eat(T::VBar) {
            pats.push(self.parse_closed_pattern()?);
        }
        Ok(Pattern { range: self.range_from(&start), kind: PatternKind::MatchOr(pats) })
    }

    fn parse_closed_pattern(&mut self) -> PResult<Pattern> {
        let start = *self.tok();
        match self.peek() {
            T::Name => {
                let n = self.bump();
                let name = self.name_text(&n);
                if !self.at(T::Dot) && !self.at(T::LPar) {
                    let r = Parser::tok_range(&n);
                    return Ok(Pattern { range: r, kind: PatternKind::MatchAs { pattern: None, name: if &*name == "_" { None } else { Some(name) } } });
                }
                let mut e = mk(Parser::tok_range(&n), ExprKind::Name { id: name, ctx: ExprContext::Load });
                while self.eat(T::Dot) {
                    let a = self.expect(T::Name)?;
                    let r = Range::new(e.range.line, e.range.col, a.end_line, a.end_col);
                    e = mk(r, ExprKind::Attribute { value: NodeBox::new(e), attr: self.name_text(&a), ctx: ExprContext::Load });
                }
                if self.at(T::LPar) {
                    return self.parse_class_pattern(start, e);
                }
                Ok(Pattern { range: e.range, kind: PatternKind::MatchValue(NodeBox::new(e)) })
            }
            T::None | T::True | T::False => {
                let t = self.bump();
                let c = match t.kind {
                    T::None => Constant::None,
                    T::True => Constant::Bool(true),
                    _ => Constant::Bool(false),
                };
                Ok(Pattern { range: Parser::tok_range(&t), kind: PatternKind::MatchSingleton(c) })
            }
            T::Number | T::Minus => {
                let e = self.parse_signed_number_pattern()?;
                Ok(Pattern { range: e.range, kind: PatternKind::MatchValue(NodeBox::new(e)) })
            }
            T::String | T::FStringStart => {
                let e = self.parse_strings()?;
                if let ExprKind::JoinedStr(_) = e.kind {
                    return self.err("patterns may only match literals and attribute lookups", e.range);
                }
                Ok(Pattern { range: e.range, kind: PatternKind::MatchValue(NodeBox::new(e)) })
            }
            T::LPar => {
                let open = self.bump();
                if self.at(T::RPar) {
                    let close = self.bump();
                    return Ok(Pattern { range: prange(&open, &close), kind: PatternKind::MatchSequence(vec![]) });
                }
                let first = self.parse_maybe_star_pattern()?;
                if self.at(T::RPar) && !matches!(first.kind, PatternKind::MatchStar(_)) {
                    self.bump();
                    return Ok(first);
                }
                let mut pats = vec![first];
                while self.eat(T::Comma) {
                    if self.at(T::RPar) {
                        break;
                    }
                    pats.push(self.parse_maybe_star_pattern()?);
                }
                let close = self.expect(T::RPar)?;
                Ok(Pattern { range: prange(&open, &close), kind: PatternKind::MatchSequence(pats) })
            }
            T::LSqb => {
                let open = self.bump();
                let mut pats = Vec::new();
                while !self.at(T::RSqb) {
                    pats.push(self.parse_maybe_star_pattern()?);
                    if !self.eat(T::Comma) {
                        break;
                    }
                }
                let close = self.expect(T::RSqb)?;
                Ok(Pattern { range: prange(&open, &close), kind: PatternKind::MatchSequence(pats) })
            }
            T::LBrace => self.parse_mapping_pattern(),
            _ => Err(self.invalid_syntax()),
        }
    }

    /// Signed numbers and complex literals `-1`, `1+2j`, `-1.5-3j`.
    fn parse_signed_number_pattern(&mut self) -> PResult<Expr> {
        let start = *self.tok();
        let neg = self.eat(T::Minus);
        if !self.at(T::Number) {
            return Err(self.invalid_syntax());
        }
        let n = self.bump();
        let num = self.number_atom(&n)?;
        let mut e = if neg {
            mk(prange(&start, &n), ExprKind::UnaryOp { op: UnaryOp::USub, operand: NodeBox::new(num) })
        } else {
            num
        };
        if matches!(self.peek(), T::Plus | T::Minus) {
            let op = if self.bump().kind == T::Plus { Operator::Add } else { Operator::Sub };
            if !self.at(T::Number) {
                return Err(self.invalid_syntax());
            }
            let n2 = self.bump();
            let imag = self.number_atom(&n2)?;
            if !matches!(imag.kind, ExprKind::Constant { value: Constant::Complex { .. }, .. }) {
                return self.err("imaginary number required in complex literal", imag.range);
            }
            if matches!(e.kind, ExprKind::Constant { value: Constant::Complex { .. }, .. }) || matches!(&e.kind, ExprKind::UnaryOp { operand, .. } if matches!(operand.kind, ExprKind::Constant { value: Constant::Complex { .. }, .. })) {
                return self.err("real number required in complex literal", e.range);
            }
            e = mk(prange(&start, &n2), ExprKind::BinOp { left: NodeBox::new(e), op, right: NodeBox::new(imag) });
        }
        Ok(e)
    }

    fn number_atom(&mut self, n: &Token) -> PResult<Expr> {
        let value = self.number_value_pub(n)?;
        Ok(mk(Parser::tok_range(n), ExprKind::Constant { value, kind: None }))
    }

    fn parse_mapping_pattern(&mut self) -> PResult<Pattern> {
        let open = self.bump();
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        while !self.at(T::RBrace) {
            if self.eat(T::DoubleStar) {
                let n = self.expect(T::Name)?;
                if self.text(&n) == "_" {
                    return Err(self.error_at_token("invalid syntax", &n));
                }
                rest = Some(self.name_text(&n));
                self.eat(T::Comma);
                break;
            }
            let key = match self.peek() {
                T::None | T::True | T::False => {
                    let t = self.bump();
                    let c = match t.kind {
                        T::None => Constant::None,
                        T::True => Constant::Bool(true),
                        _ => Constant::Bool(false),
                    };
                    mk(Parser::tok_range(&t), ExprKind::Constant { value: c, kind: None })
                }
                T::Number | T::Minus => self.parse_signed_number_pattern()?,
                T::String | T::FStringStart => self.parse_strings()?,
                T::Name => {
                    let n = self.bump();
                    let mut e = mk(Parser::tok_range(&n), ExprKind::Name { id: self.name_text(&n), ctx: ExprContext::Load });
                    if !self.at(T::Dot) {
                        return Err(self.invalid_syntax());
                    }
                    while self.eat(T::Dot) {
                        let a = self.expect(T::Name)?;
                        let r = Range::new(e.range.line, e.range.col, a.end_line, a.end_col);
                        e = mk(r, ExprKind::Attribute { value: NodeBox::new(e), attr: self.name_text(&a), ctx: ExprContext::Load });
                    }
                    e
                }
                _ => return Err(self.invalid_syntax()),
            };
            self.expect(T::Colon)?;
            keys.push(key);
            patterns.push(self.parse_pattern()?);
            if !self.eat(T::Comma) {
                break;
            }
        }
        let close = self.expect(T::RBrace)?;
        Ok(Pattern { range: prange(&open, &close), kind: PatternKind::MatchMapping { keys, patterns, rest } })
    }

    fn parse_class_pattern(&mut self, start: Token, cls: Expr) -> PResult<Pattern> {
        self.bump(); // '('
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        while !self.at(T::RPar) {
            if self.at(T::Name) && self.peek_at(1) == T::Equal {
                let n = self.bump();
                self.bump();
                kwd_attrs.push(self.name_text(&n));
                kwd_patterns.push(self.parse_pattern()?);
            } else {
                let p = self.parse_pattern()?;
                if !kwd_attrs.is_empty() {
                    return self.err("positional patterns follow keyword patterns", p.range);
                }
                patterns.push(p);
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        let close = self.expect(T::RPar)?;
        Ok(Pattern { range: prange(&start, &close), kind: PatternKind::MatchClass { cls: NodeBox::new(cls), patterns, kwd_attrs, kwd_patterns } })
    }
}
