//! Expressions: precedence climbing for binary operators, iterative unary
//! chains, primaries with trailers (attribute, call, subscript), atoms,
//! displays and comprehensions, lambda, call arguments and slices.

use super::{PResult, Parser};
use crate::ast::*;
use crate::token::{Token, TokenKind as T};

/// Binary operator and precedence (higher binds tighter) for a token.
fn binop(k: T) -> Option<(Operator, u8)> {
    Some(match k {
        T::VBar => (Operator::BitOr, 1),
        T::Circumflex => (Operator::BitXor, 2),
        T::Amper => (Operator::BitAnd, 3),
        T::LeftShift => (Operator::LShift, 4),
        T::RightShift => (Operator::RShift, 4),
        T::Plus => (Operator::Add, 5),
        T::Minus => (Operator::Sub, 5),
        T::Star => (Operator::Mult, 6),
        T::Slash => (Operator::Div, 6),
        T::DoubleSlash => (Operator::FloorDiv, 6),
        T::Percent => (Operator::Mod, 6),
        T::At => (Operator::MatMult, 6),
        _ => return None,
    })
}

/// Whether a token can start an expression.
pub(crate) fn starts_expression(k: T) -> bool {
    matches!(
        k,
        T::Name
            | T::Number
            | T::String
            | T::FStringStart
            | T::LPar
            | T::LSqb
            | T::LBrace
            | T::Minus
            | T::Plus
            | T::Tilde
            | T::Not
            | T::Await
            | T::Lambda
            | T::None
            | T::True
            | T::False
            | T::Ellipsis
    )
}

/// A list that starts with `first` and is about to grow (a comma or an
/// operator was seen): room for four from the start saves the regrowth of a
/// one-element vector.
pub(crate) fn growing_list<T>(first: T) -> Vec<T> {
    let mut v = Vec::with_capacity(4);
    v.push(first);
    v
}

pub(crate) fn mk(range: Range, kind: ExprKind) -> Expr {
    Expr { range, kind }
}

fn span(a: &Expr, b: &Expr) -> Range {
    Range::new(a.range.line, a.range.col, b.range.end_line, b.range.end_col)
}

impl<'a> Parser<'a> {
    /// `star_expressions`: a tuple without parentheses when there are commas.
    pub(crate) fn parse_star_expressions(&mut self) -> PResult<Expr> {
        let start = *self.tok();
        let first = self.parse_star_expression()?;
        if !self.at(T::Comma) {
            return Ok(first);
        }
        let mut elts = self.expr_list(first);
        while self.eat(T::Comma) {
            if !self.starts_star_expression() {
                break;
            }
            elts.push(self.parse_star_expression()?);
        }
        let r = self.range_from(&start);
        Ok(mk(r, ExprKind::Tuple { elts: self.finish_exprs(elts), ctx: ExprContext::Load }))
    }

    pub(crate) fn starts_star_expression(&mut self) -> bool {
        let k = self.peek();
        k == T::Star || starts_expression(k)
    }

    /// `star_expression`: `*bitwise_or` or an expression.
    pub(crate) fn parse_star_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            let t = self.bump();
            let v = self.parse_bitor()?;
            let r = Range::new(t.line, t.col, self.prev().end_line, self.prev().end_col);
            return Ok(mk(r, ExprKind::Starred { value: NodeBox::new(v), ctx: ExprContext::Load }));
        }
        self.parse_expression()
    }

    /// `star_named_expression`: `*bitwise_or` or a named expression.
    pub(crate) fn parse_star_named_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            return self.parse_star_expression();
        }
        self.parse_named_expression()
    }

    /// `named_expression`: `NAME := expression` or an expression.
    pub(crate) fn parse_named_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Name) && self.peek_at(1) == T::ColonEqual {
            let t = self.bump();
            self.bump();
            let target = mk(Parser::tok_range(&t), ExprKind::Name { id: self.name_text(&t), ctx: ExprContext::Store });
            let value = self.parse_expression()?;
            let r = Range::new(t.line, t.col, self.prev().end_line, self.prev().end_col);
            return Ok(mk(r, ExprKind::NamedExpr { target: NodeBox::new(target), value: NodeBox::new(value) }));
        }
        let e = self.parse_expression()?;
        if self.at(T::ColonEqual) {
            return self.err(format!("cannot use assignment expressions with {}", Parser::expr_name(&e)), e.range);
        }
        Ok(e)
    }

    /// `expression`: lambda, or a disjunction with an optional `if ... else ...`.
    pub(crate) fn parse_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Lambda) {
            return self.parse_lambda();
        }
        self.enter()?;
        // Fast path: a lone name or literal followed by a token that no level
        // between here and the atom consumes (most expressions in real code)
        // is the atom itself; skipping the ten levels of the precedence chain
        // gives the same tree.
        if matches!(self.peek(), T::Name | T::Number | T::True | T::False | T::None)
            && matches!(
                self.peek_at(1),
                T::Comma | T::RPar | T::RSqb | T::RBrace | T::Colon | T::Newline | T::Equal | T::Semi | T::For | T::EndMarker
            )
        {
            let atom = self.parse_atom();
            self.leave();
            return atom;
        }
        let start = *self.tok();
        let body = if matches!(self.peek(), T::Name | T::Number | T::String | T::True | T::False | T::None) {
            // The expression starts with an operand (no prefix operator), so
            // every level down to the primary would consume nothing before
            // it: parse the primary here and let each level continue from it.
            let primary = self.parse_primary()?;
            let power = self.power_rest(primary, start)?;
            let sum = self.binary_rest(1, power, start)?;
            let comparison = self.comparison_rest(sum, start)?;
            let conjunction = self.conjunction_rest(comparison, start)?;
            self.disjunction_rest(conjunction, start)?
        } else {
            self.parse_disjunction()?
        };
        if self.at(T::If) {
            self.bump();
            let test = self.parse_disjunction()?;
            if !self.eat(T::Else) {
                self.leave();
                if self.at(T::Colon) {
                    return Err(self.invalid_syntax());
                }
                return self.err("expected 'else' after 'if' expression", span(&body, &test));
            }
            let orelse = self.parse_expression()?;
            self.leave();
            let r = self.range_from(&start);
            return Ok(mk(r, ExprKind::IfExp { test: NodeBox::new(test), body: NodeBox::new(body), orelse: NodeBox::new(orelse) }));
        }
        self.leave();
        Ok(body)
    }

    #[inline]
    pub(crate) fn parse_disjunction(&mut self) -> PResult<Expr> {
        let start = *self.tok();
        let first = self.parse_conjunction()?;
        self.disjunction_rest(first, start)
    }

    /// The rest of a disjunction whose first operand (starting at `start`) is parsed.
    #[inline]
    fn disjunction_rest(&mut self, first: Expr, start: Token) -> PResult<Expr> {
        if !self.at(T::Or) {
            return Ok(first);
        }
        let mut values = self.expr_list(first);
        while self.eat(T::Or) {
            values.push(self.parse_conjunction()?);
        }
        let r = self.range_from(&start);
        Ok(mk(r, ExprKind::BoolOp { op: BoolOp::Or, values: self.finish_exprs(values) }))
    }

    #[inline]
    fn parse_conjunction(&mut self) -> PResult<Expr> {
        let start = *self.tok();
        let first = self.parse_inversion()?;
        self.conjunction_rest(first, start)
    }

    #[inline]
    fn conjunction_rest(&mut self, first: Expr, start: Token) -> PResult<Expr> {
        if !self.at(T::And) {
            return Ok(first);
        }
        let mut values = self.expr_list(first);
        while self.eat(T::And) {
            values.push(self.parse_inversion()?);
        }
        let r = self.range_from(&start);
        Ok(mk(r, ExprKind::BoolOp { op: BoolOp::And, values: self.finish_exprs(values) }))
    }

    #[inline]
    fn parse_inversion(&mut self) -> PResult<Expr> {
        let mut nots: Vec<Token> = Vec::new();
        while self.at(T::Not) {
            nots.push(self.bump());
        }
        let n = nots.len() as u32;
        self.deepen(n)?;
        let mut e = self.parse_comparison()?;
        self.depth -= n;
        while let Some(t) = nots.pop() {
            let r = Range::new(t.line, t.col, self.prev().end_line, self.prev().end_col);
            e = mk(r, ExprKind::UnaryOp { op: UnaryOp::Not, operand: NodeBox::new(e) });
        }
        Ok(e)
    }

    fn comparison_op(&mut self) -> Option<(CmpOp, usize)> {
        Some(match self.peek() {
            T::EqEqual => (CmpOp::Eq, 1),
            T::NotEqual => {
                if self.text(self.tok()) == "<>" {
                    return None;
                }
                (CmpOp::NotEq, 1)
            }
            T::Less => (CmpOp::Lt, 1),
            T::LessEqual => (CmpOp::LtE, 1),
            T::Greater => (CmpOp::Gt, 1),
            T::GreaterEqual => (CmpOp::GtE, 1),
            T::In => (CmpOp::In, 1),
            T::Is => {
                if self.peek_at(1) == T::Not {
                    (CmpOp::IsNot, 2)
                } else {
                    (CmpOp::Is, 1)
                }
            }
            T::Not if self.peek_at(1) == T::In => (CmpOp::NotIn, 2),
            _ => return None,
        })
    }

    #[inline]
    fn parse_comparison(&mut self) -> PResult<Expr> {
        let start = *self.tok();
        let left = self.parse_bitor()?;
        self.comparison_rest(left, start)
    }

    #[inline]
    fn comparison_rest(&mut self, left: Expr, start: Token) -> PResult<Expr> {
        let Some(_) = self.comparison_op() else { return Ok(left) };
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some((op, n)) = self.comparison_op() {
            for _ in 0..n {
                self.bump();
            }
            ops.push(op);
            comparators.push(self.parse_bitor()?);
        }
        let r = self.range_from(&start);
        Ok(mk(r, ExprKind::Compare { left: NodeBox::new(left), ops, comparators }))
    }

    pub(crate) fn parse_bitor(&mut self) -> PResult<Expr> {
        self.parse_binary(1)
    }

    fn parse_binary(&mut self, min_prec: u8) -> PResult<Expr> {
        let start = *self.tok();
        let left = self.parse_factor()?;
        self.binary_rest(min_prec, left, start)
    }

    /// Binary operators of precedence `min_prec` and up after the parsed `left`.
    fn binary_rest(&mut self, min_prec: u8, mut left: Expr, start: Token) -> PResult<Expr> {
        let mut added = 0;
        loop {
            let Some((op, prec)) = binop(self.peek()) else { break };
            if prec < min_prec {
                break;
            }
            self.bump();
            self.deepen(1)?;
            added += 1;
            let right = self.parse_binary(prec + 1)?;
            let _ = &right;
            let r = self.range_from(&start);
            left = mk(r, ExprKind::BinOp { left: NodeBox::new(left), op, right: NodeBox::new(right) });
        }
        self.depth -= added;
        Ok(left)
    }

    /// Unary `+ - ~` (iterative, so long chains cannot overflow the stack).
    fn parse_factor(&mut self) -> PResult<Expr> {
        let mut ops: Vec<(UnaryOp, Token)> = Vec::new();
        loop {
            let op = match self.peek() {
                T::Plus => UnaryOp::UAdd,
                T::Minus => UnaryOp::USub,
                T::Tilde => UnaryOp::Invert,
                _ => break,
            };
            ops.push((op, self.bump()));
        }
        let n = ops.len() as u32;
        self.deepen(n)?;
        let mut e = self.parse_power()?;
        self.depth -= n;
        while let Some((op, t)) = ops.pop() {
            let r = Range::new(t.line, t.col, self.prev().end_line, self.prev().end_col);
            e = mk(r, ExprKind::UnaryOp { op, operand: NodeBox::new(e) });
        }
        Ok(e)
    }

    #[inline]
    fn parse_power(&mut self) -> PResult<Expr> {
        let start = *self.tok();
        let base = self.parse_await_primary()?;
        self.power_rest(base, start)
    }

    #[inline]
    fn power_rest(&mut self, base: Expr, start: Token) -> PResult<Expr> {
        if self.at(T::DoubleStar) {
            self.bump();
            self.enter()?;
            let exp = self.parse_factor()?;
            self.leave();
            let _ = &exp;
            let r = self.range_from(&start);
            return Ok(mk(r, ExprKind::BinOp { left: NodeBox::new(base), op: Operator::Pow, right: NodeBox::new(exp) }));
        }
        Ok(base)
    }

    #[inline]
    fn parse_await_primary(&mut self) -> PResult<Expr> {
        if self.at(T::Await) {
            let t = self.bump();
            let v = self.parse_primary()?;
            let r = Range::new(t.line, t.col, self.prev().end_line, self.prev().end_col);
            return Ok(mk(r, ExprKind::Await(NodeBox::new(v))));
        }
        self.parse_primary()
    }

    /// An atom followed by any number of `.name`, `(args)`, `[slices]`.
    pub(crate) fn parse_primary(&mut self) -> PResult<Expr> {
        let start = *self.tok();
        let e = self.parse_atom()?;
        let depth = self.depth;
        let r = self.parse_trailers(e, start);
        self.depth = depth;
        r
    }

    fn parse_trailers(&mut self, mut e: Expr, start: Token) -> PResult<Expr> {
        loop {
            if matches!(self.peek(), T::Dot | T::LPar | T::LSqb) {
                self.deepen(1)?;
            }
            match self.peek() {
                T::Dot => {
                    self.bump();
                    if !self.at(T::Name) {
                        return Err(self.invalid_syntax());
                    }
                    let t = self.bump();
                    let r = Range::new(start.line, start.col, t.end_line, t.end_col);
                    e = mk(r, ExprKind::Attribute { value: NodeBox::new(e), attr: self.name_text(&t), ctx: ExprContext::Load });
                }
                T::LPar => {
                    let open = self.bump();
                    let (args, keywords) = self.parse_call_arguments(&open)?;
                    let close = self.expect(T::RPar)?;
                    let r = Range::new(start.line, start.col, close.end_line, close.end_col);
                    e = mk(r, ExprKind::Call { func: NodeBox::new(e), args, keywords });
                }
                T::LSqb => {
                    self.bump();
                    let slice = self.parse_slices()?;
                    if !self.at(T::RSqb) {
                        let last = match &slice.kind {
                            ExprKind::Tuple { elts, .. } if !elts.is_empty() => elts.last().unwrap().clone(),
                            _ => slice.clone(),
                        };
                        // In a slice, the hint is about its last part (`a[b:c d]`).
                        let last = match last.kind {
                            ExprKind::Slice { upper, step, .. } => step.or(upper).map(NodeBox::into_inner),
                            _ => Some(last),
                        };
                        if let Some(last) = last {
                            return Err(self.missing_comma_or(&last));
                        }
                    }
                    let close = self.expect(T::RSqb)?;
                    let r = Range::new(start.line, start.col, close.end_line, close.end_col);
                    e = mk(r, ExprKind::Subscript { value: NodeBox::new(e), slice: NodeBox::new(slice), ctx: ExprContext::Load });
                }
                _ => return Ok(e),
            }
        }
    }

    /// The contents of `[...]` in a subscript.
    fn parse_slices(&mut self) -> PResult<Expr> {
        let first_tok = *self.tok();
        let first = self.parse_slice()?;
        if !self.at(T::Comma) {
            if let ExprKind::Starred { .. } = first.kind {
                let r = first.range;
                return Ok(mk(r, ExprKind::Tuple { elts: vec![first], ctx: ExprContext::Load }));
            }
            return Ok(first);
        }
        let mut elts = self.expr_list(first);
        while self.eat(T::Comma) {
            if self.at(T::RSqb) {
                break;
            }
            elts.push(self.parse_slice()?);
        }
        let r = self.range_from(&first_tok);
        Ok(mk(r, ExprKind::Tuple { elts: self.finish_exprs(elts), ctx: ExprContext::Load }))
    }

    fn parse_slice(&mut self) -> PResult<Expr> {
        let start = *self.tok();
        if self.at(T::Star) {
            return self.parse_star_expression();
        }
        let lower = if self.at(T::Colon) { None } else { Some(self.parse_named_expression()?) };
        if !self.at(T::Colon) {
            return match lower {
                Some(e) => Ok(e),
                None => Err(self.invalid_syntax()),
            };
        }
        self.bump();
        let upper = if matches!(self.peek(), T::Colon | T::Comma | T::RSqb) { None } else { Some(self.parse_expression()?) };
        let mut step = None;
        if self.eat(T::Colon) && !matches!(self.peek(), T::Comma | T::RSqb) {
            step = Some(self.parse_expression()?);
        }
        let r = self.range_from(&start);
        Ok(mk(r, ExprKind::Slice { lower: lower.map(NodeBox::new), upper: upper.map(NodeBox::new), step: step.map(NodeBox::new) }))
    }

    /// The identifier a NAME token spells (NFKC-normalised, as CPython does),
    /// interned: every occurrence of one name in a parse shares one `Rc<str>`.
    pub(crate) fn name_text(&mut self, t: &Token) -> Ident {
        let s = self.text(t);
        if let Some(rc) = self.names.get(s) {
            return rc.clone();
        }
        let rc: Ident = if s.is_ascii() {
            s.into()
        } else {
            use unicode_normalization::UnicodeNormalization;
            s.nfkc().collect::<String>().into()
        };
        self.names.insert(s, rc.clone());
        rc
    }

    fn parse_atom(&mut self) -> PResult<Expr> {
        let t = *self.tok();
        let r = Parser::tok_range(&t);
        match self.peek() {
            T::Name => {
                self.bump();
                Ok(mk(r, ExprKind::Name { id: self.name_text(&t), ctx: ExprContext::Load }))
            }
            T::True | T::False | T::None | T::Ellipsis => {
                self.bump();
                let value = match t.kind {
                    T::True => Constant::Bool(true),
                    T::False => Constant::Bool(false),
                    T::None => Constant::None,
                    _ => Constant::Ellipsis,
                };
                Ok(mk(r, ExprKind::Constant { value, kind: None }))
            }
            T::Number => {
                self.bump();
                let value = self.number_value(&t)?;
                Ok(mk(r, ExprKind::Constant { value, kind: None }))
            }
            T::String | T::FStringStart => self.parse_strings(),
            T::LPar => self.parse_paren(),
            T::LSqb => self.parse_list(),
            T::LBrace => self.parse_brace(),
            _ => Err(self.invalid_syntax()),
        }
    }

    pub(crate) fn number_value_pub(&self, t: &Token) -> PResult<Constant> {
        self.number_value(t)
    }

    fn number_value(&self, t: &Token) -> PResult<Constant> {
        let text = self.text(t);
        let clean: std::borrow::Cow<str> = if text.contains('_') { text.replace('_', "").into() } else { text.into() };
        let s: &str = &clean;
        let b = s.as_bytes();
        if b.len() > 1 && b[0] == b'0' && matches!(b[1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
            let radix = match b[1] {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                _ => 2,
            };
            let v = num_bigint::BigInt::parse_bytes(&b[2..], radix).ok_or_else(|| self.error_at_token("invalid syntax", t))?;
            return Ok(Constant::Int(v));
        }
        if let Some(im) = s.strip_suffix(['j', 'J']) {
            let v: f64 = im.parse().map_err(|_| self.error_at_token("invalid syntax", t))?;
            return Ok(Constant::Complex { real: 0.0, imag: v });
        }
        if s.contains(['.', 'e', 'E']) {
            let v: f64 = s.parse().map_err(|_| self.error_at_token("invalid syntax", t))?;
            return Ok(Constant::Float(v));
        }
        if s.len() > 4300 {
            return self.err(
                format!("Exceeds the limit (4300 digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.", s.len()),
                Parser::tok_range(t),
            );
        }
        if s.len() < 19 {
            return Ok(Constant::Int(num_bigint::BigInt::from(s.parse::<i64>().unwrap_or(0))));
        }
        let v = num_bigint::BigInt::parse_bytes(b, 10).ok_or_else(|| self.error_at_token("invalid syntax", t))?;
        Ok(Constant::Int(v))
    }

    /// `(...)`: group, tuple, generator expression, or yield.
    fn parse_paren(&mut self) -> PResult<Expr> {
        let open = self.bump();
        if self.at(T::RPar) {
            let close = self.bump();
            let r = Range::new(open.line, open.col, close.end_line, close.end_col);
            return Ok(mk(r, ExprKind::Tuple { elts: vec![], ctx: ExprContext::Load }));
        }
        if self.at(T::Yield) {
            let e = self.parse_yield()?;
            self.expect_closing(T::RPar)?;
            return Ok(e);
        }
        let first = self.parse_star_named_expression()?;
        if self.at(T::For) || self.at(T::Async) {
            let generators = self.parse_comprehension_after(&first)?;
            let close = self.expect_closing(T::RPar)?;
            let r = Range::new(open.line, open.col, close.end_line, close.end_col);
            return Ok(mk(r, ExprKind::GeneratorExp { elt: NodeBox::new(first), generators }));
        }
        if self.at(T::RPar) {
            self.bump();
            if let ExprKind::Starred { .. } = first.kind {
                return self.err("cannot use starred expression here", first.range);
            }
            return Ok(first);
        }
        if !self.at(T::Comma) {
            return Err(self.display_element_error(std::slice::from_ref(&first)));
        }
        let mut elts = self.expr_list(first);
        while self.eat(T::Comma) {
            if self.at(T::RPar) {
                break;
            }
            let e = self.parse_star_named_expression()?;
            elts.push(e);
            if !self.at(T::Comma) && !self.at(T::RPar) {
                return Err(self.display_element_error(&elts));
            }
        }
        let close = self.expect_closing(T::RPar)?;
        let r = Range::new(open.line, open.col, close.end_line, close.end_col);
        Ok(mk(r, ExprKind::Tuple { elts: self.finish_exprs(elts), ctx: ExprContext::Load }))
    }

    /// After the elements of a display, at a token that is neither `,` nor
    /// the closing bracket: CPython's hints for `[x, y for ...]`, `[x = 1]`
    /// and a missing comma.
    fn display_element_error(&mut self, elts: &[Expr]) -> Box<crate::error::SyntaxError> {
        let last = elts.last().unwrap();
        if self.at(T::For) && elts.len() > 1 {
            let r = Range::new(elts[0].range.line, elts[0].range.col, last.range.end_line, last.range.end_col);
            return self.error_range("did you forget parentheses around the comprehension target?", r);
        }
        if self.at(T::Equal) {
            let eq = self.pos;
            if let Some(e) = self.equal_instead_of_eqeq(last, eq, false) {
                return e;
            }
        }
        self.missing_comma_or(last)
    }

    pub(crate) fn expect_closing(&mut self, k: T) -> PResult<Token> {
        if self.at(k) {
            return Ok(self.bump());
        }
        Err(self.invalid_syntax())
    }

    /// At a token that cannot follow `last` in a bracketed list: CPython's
    /// "Perhaps you forgot a comma?" when another expression follows.
    pub(crate) fn missing_comma_or(&mut self, last: &Expr) -> Box<crate::error::SyntaxError> {
        if let Some(e) = self.forgot_comma(last) {
            return e;
        }
        self.invalid_syntax()
    }

    pub(crate) fn forgot_comma(&mut self, last: &Expr) -> Option<Box<crate::error::SyntaxError>> {
        if !starts_expression(self.peek()) {
            return None;
        }
        // `a` is the disjunction that ends the element (the `else` branch of a
        // conditional, a lambda's body, a starred value).
        let mut last = last;
        loop {
            last = match &last.kind {
                ExprKind::IfExp { orelse, .. } => orelse,
                ExprKind::Lambda { body, .. } => body,
                ExprKind::Starred { value, .. } => value,
                ExprKind::NamedExpr { value, .. } => value,
                _ => break,
            };
        }
        if matches!(last.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
            return None;
        }
        // `!(NAME STRING | SOFT_KEYWORD)` at the start of `a`.
        let start_idx = self.tokens[..self.pos].iter().rposition(|t| t.line == last.range.line && t.col == last.range.col);
        if let Some(i) = start_idx {
            let t0 = self.tokens[i];
            if t0.kind == T::Name {
                let txt = self.text(&t0);
                if matches!(txt, "match" | "case" | "type" | "_") {
                    return None;
                }
                if matches!(self.tokens.get(i + 1).map(|t| t.kind), Some(T::String) | Some(T::FStringStart)) {
                    return None;
                }
            }
        }
        let save = (self.pos, self.depth, self.max_pos);
        let r = self.parse_expression();
        let after = self.pos;
        self.pos = save.0;
        self.depth = save.1;
        if r.is_err() {
            self.max_pos = save.2;
        }
        match r {
            Ok(b) => {
                let _ = after;
                let range = Range::new(last.range.line, last.range.col, b.range.end_line, b.range.end_col);
                Some(self.error_range("invalid syntax. Perhaps you forgot a comma?", range))
            }
            Err(_) => None,
        }
    }

    fn parse_list(&mut self) -> PResult<Expr> {
        let open = self.bump();
        if self.at(T::RSqb) {
            let close = self.bump();
            let r = Range::new(open.line, open.col, close.end_line, close.end_col);
            return Ok(mk(r, ExprKind::List { elts: vec![], ctx: ExprContext::Load }));
        }
        let first = self.parse_star_named_expression()?;
        if self.at(T::For) || self.at(T::Async) {
            let generators = self.parse_comprehension_after(&first)?;
            let close = self.expect_closing(T::RSqb)?;
            let r = Range::new(open.line, open.col, close.end_line, close.end_col);
            return Ok(mk(r, ExprKind::ListComp { elt: NodeBox::new(first), generators }));
        }
        let mut elts = self.expr_list(first);
        loop {
            if self.at(T::RSqb) {
                break;
            }
            if !self.eat(T::Comma) {
                return Err(self.display_element_error(&elts));
            }
            if self.at(T::RSqb) {
                break;
            }
            elts.push(self.parse_star_named_expression()?);
        }
        let close = self.bump();
        let r = Range::new(open.line, open.col, close.end_line, close.end_col);
        Ok(mk(r, ExprKind::List { elts: self.finish_exprs(elts), ctx: ExprContext::Load }))
    }

    /// `{...}`: dict, set, or their comprehensions.
    fn parse_brace(&mut self) -> PResult<Expr> {
        let open = self.bump();
        if self.at(T::RBrace) {
            let close = self.bump();
            let r = Range::new(open.line, open.col, close.end_line, close.end_col);
            return Ok(mk(r, ExprKind::Dict { keys: vec![], values: vec![] }));
        }
        if self.at(T::DoubleStar) {
            // `{**a for a in b}`
            let save = self.pos;
            let stars = self.bump();
            if self.parse_bitor().is_ok() && matches!(self.peek(), T::For | T::Async) {
                return Err(self.error_at_token("dict unpacking cannot be used in dict comprehension", &stars));
            }
            self.pos = save;
            return self.parse_dict_rest(open, None);
        }
        let first = self.parse_star_named_expression()?;
        if self.at(T::Colon) && !matches!(first.kind, ExprKind::Starred { .. }) {
            return self.parse_dict_rest(open, Some(first));
        }
        if self.at(T::For) || self.at(T::Async) {
            let generators = self.parse_comprehension_after(&first)?;
            let close = self.expect_closing(T::RBrace)?;
            let r = Range::new(open.line, open.col, close.end_line, close.end_col);
            return Ok(mk(r, ExprKind::SetComp { elt: NodeBox::new(first), generators }));
        }
        let mut elts = self.expr_list(first);
        loop {
            if self.at(T::RBrace) {
                break;
            }
            if !self.eat(T::Comma) {
                return Err(self.display_element_error(&elts));
            }
            if self.at(T::RBrace) {
                break;
            }
            elts.push(self.parse_star_named_expression()?);
        }
        let close = self.bump();
        let r = Range::new(open.line, open.col, close.end_line, close.end_col);
        Ok(mk(r, ExprKind::Set(self.finish_exprs(elts))))
    }

    /// The rest of a dict display after `{`; `first_key` already parsed (at ':').
    fn parse_dict_rest(&mut self, open: Token, first_key: Option<Expr>) -> PResult<Expr> {
        let mut keys: Vec<Option<Expr>> = Vec::new();
        let mut values = Vec::new();
        let mut pending = first_key;
        loop {
            if let Some(k) = pending.take() {
                self.expect_colon_in_dict(&k)?;
                if self.at(T::Star) {
                    let v = self.parse_star_expression()?;
                    return self.err("cannot use a starred expression in a dictionary value", v.range);
                }
                let v = self.parse_expression()?;
                if keys.is_empty() && (self.at(T::For) || self.at(T::Async)) {
                    let generators = self.parse_comprehension_clauses()?;
                    let close = self.expect_closing(T::RBrace)?;
                    let r = Range::new(open.line, open.col, close.end_line, close.end_col);
                    return Ok(mk(r, ExprKind::DictComp { key: NodeBox::new(k), value: NodeBox::new(v), generators }));
                }
                keys.push(Some(k));
                values.push(v);
            } else if self.at(T::DoubleStar) {
                self.bump();
                let v = self.parse_bitor()?;
                keys.push(None);
                values.push(v);
            } else {
                let k = self.parse_expression()?;
                pending = Some(k);
                continue;
            }
            if self.at(T::RBrace) {
                break;
            }
            if !self.eat(T::Comma) {
                let last = values.last().unwrap().clone();
                return Err(self.missing_comma_or(&last));
            }
            if self.at(T::RBrace) {
                break;
            }
        }
        let close = self.bump();
        let r = Range::new(open.line, open.col, close.end_line, close.end_col);
        Ok(mk(r, ExprKind::Dict { keys, values }))
    }

    fn expect_colon_in_dict(&mut self, key: &Expr) -> PResult<()> {
        if self.eat(T::Colon) {
            if matches!(self.peek(), T::RBrace | T::Comma) {
                let t = *self.tok();
                return self.err("expression expected after dictionary key and ':'", Range::new(self.prev().line, self.prev().col, t.line, t.col));
            }
            return Ok(());
        }
        if matches!(self.peek(), T::RBrace | T::Comma) {
            let mut e = self.error_range("':' expected after dictionary key", key.range);
            e.offset = self.char_offset(key.range.end_line, key.range.end_col) - 1;
            e.lineno = key.range.line;
            e.end_offset = 0;
            return Err(e);
        }
        Err(self.missing_comma_or(key))
    }

    /// Comprehension clauses after element `elt` (which may not be starred).
    fn parse_comprehension_after(&mut self, elt: &Expr) -> PResult<Vec<Comprehension>> {
        if let ExprKind::Starred { .. } = elt.kind {
            return self.err("iterable unpacking cannot be used in comprehension", elt.range);
        }
        self.parse_comprehension_clauses()
    }

    /// `for ... in ... if ...` clauses (at least one).
    pub(crate) fn parse_comprehension_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut gens = Vec::new();
        while self.at(T::For) || (self.at(T::Async) && self.peek_at(1) == T::For) {
            let is_async = self.eat(T::Async);
            self.bump();
            let target = self.parse_target_list(T::In)?;
            if !self.eat(T::In) {
                return Err(self.invalid_syntax());
            }
            let iter = self.parse_disjunction()?;
            let mut ifs = Vec::new();
            while self.eat(T::If) {
                ifs.push(self.parse_disjunction()?);
            }
            gens.push(Comprehension { target, iter, ifs, is_async });
        }
        Ok(gens)
    }

    /// Targets of `for` (star_targets), stopping before `stop`; validated and
    /// set to Store.
    pub(crate) fn parse_target_list(&mut self, _stop: T) -> PResult<Expr> {
        let start = *self.tok();
        let first = self.parse_target_element()?;
        let mut e = if self.at(T::Comma) {
            let mut elts = growing_list(first);
            while self.eat(T::Comma) {
                if !self.starts_star_expression() {
                    break;
                }
                elts.push(self.parse_target_element()?);
            }
            let r = self.range_from(&start);
            mk(r, ExprKind::Tuple { elts, ctx: ExprContext::Load })
        } else {
            first
        };
        self.set_store_for(&mut e)?;
        Ok(e)
    }

    fn parse_target_element(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            let t = self.bump();
            self.enter()?;
            let v = self.parse_target_element()?;
            self.leave();
            let r = Range::new(t.line, t.col, self.prev().end_line, self.prev().end_col);
            return Ok(mk(r, ExprKind::Starred { value: NodeBox::new(v), ctx: ExprContext::Load }));
        }
        // star_target: a primary-level expression; anything more is an error
        // found by the target check (CPython parses with `in` excluded).
        self.parse_bitor_target()
    }

    fn parse_bitor_target(&mut self) -> PResult<Expr> {
        self.parse_bitor()
    }

    /// `yield`, `yield expr`, `yield from expr`.
    pub(crate) fn parse_yield(&mut self) -> PResult<Expr> {
        let t = self.bump();
        if self.eat(T::From) {
            let v = self.parse_expression()?;
            let r = Range::new(t.line, t.col, self.prev().end_line, self.prev().end_col);
            return Ok(mk(r, ExprKind::YieldFrom(NodeBox::new(v))));
        }
        if self.starts_star_expression() {
            let v = self.parse_star_expressions()?;
            let r = Range::new(t.line, t.col, self.prev().end_line, self.prev().end_col);
            return Ok(mk(r, ExprKind::Yield(Some(NodeBox::new(v)))));
        }
        Ok(mk(Parser::tok_range(&t), ExprKind::Yield(None)))
    }

    fn parse_lambda(&mut self) -> PResult<Expr> {
        let t = self.bump();
        self.enter()?;
        let args = self.parse_parameters(T::Colon, false)?;
        if self.at(T::Colon) && self.fstring_fields > 0 && matches!(self.peek_at(1), T::FStringMiddle | T::LBrace) {
            let c = *self.tok();
            return self.err("f-string: lambda expressions are not allowed without parentheses", Range::new(t.line, t.col, c.end_line, c.end_col));
        }
        self.expect_colon_nl()?;
        let body = self.parse_expression()?;
        self.leave();
        let r = Range::new(t.line, t.col, self.prev().end_line, self.prev().end_col);
        Ok(mk(r, ExprKind::Lambda { args: NodeBox::new(args), body: NodeBox::new(body) }))
    }

    /// Call arguments after `(` up to (not including) `)`.
    pub(crate) fn parse_call_arguments(&mut self, open: &Token) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let mut args: Vec<Expr> = self.take_expr_scratch();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_kwunpack = false;
        let mut count = 0;
        let mut late_error: Option<&'static str> = None;
        while !self.at(T::RPar) {
            let start = *self.tok();
            if self.at(T::DoubleStar) {
                self.bump();
                let v = self.parse_expression()?;
                let r = Range::new(start.line, start.col, self.prev().end_line, self.prev().end_col);
                if self.at(T::Equal) {
                    self.bump();
                    let d = self.parse_expression()?;
                    return self.err("cannot assign to keyword argument unpacking", Range::new(start.line, start.col, d.range.end_line, d.range.end_col));
                }
                keywords.push(Keyword { range: r, arg: None, value: v });
                seen_kwunpack = true;
            } else if self.at(T::Star) {
                if seen_kwunpack && late_error.is_none() {
                    let t = *self.tok();
                    return Err(self.error_at_token("iterable argument unpacking follows keyword argument unpacking", &t));
                }
                let st = self.bump();
                let v = self.parse_expression()?;
                let r = Range::new(st.line, st.col, self.prev().end_line, self.prev().end_col);
                if self.at(T::Equal) {
                    self.bump();
                    let d = self.parse_expression()?;
                    return self.err("cannot assign to iterable argument unpacking", Range::new(st.line, st.col, d.range.end_line, d.range.end_col));
                }
                args.push(mk(r, ExprKind::Starred { value: NodeBox::new(v), ctx: ExprContext::Load }));
            } else if self.at(T::Name) && self.peek_at(1) == T::Equal {
                let name = self.bump();
                let eq = self.bump();
                if matches!(self.peek(), T::RPar | T::Comma) {
                    return self.err("expected argument value expression", Range::new(name.line, name.col, eq.end_line, eq.end_col));
                }
                let v = self.parse_expression()?;
                let r = Range::new(start.line, start.col, self.prev().end_line, self.prev().end_col);
                keywords.push(Keyword { range: r, arg: Some(self.name_text(&name)), value: v });
            } else {
                let e = self.parse_named_expression()?;
                if self.at(T::Equal) {
                    // `f(a.b=1)`, `f(True=1)`
                    let eq = *self.tok();
                    return match &e.kind {
                        ExprKind::Constant { value: Constant::Bool(_) | Constant::None, .. } => self.err(format!("cannot assign to {}", Parser::expr_name(&e)), Range::new(e.range.line, e.range.col, eq.end_line, eq.end_col)),
                        _ => self.err("expression cannot contain assignment, perhaps you meant \"==\"?", Range::new(e.range.line, e.range.col, eq.end_line, eq.end_col)),
                    };
                }
                if (self.at(T::For) || self.at(T::Async)) && !self.class_arguments {
                    let generators = self.parse_comprehension_clauses()?;
                    let single = count == 0 && self.at(T::RPar);
                    if !single {
                        let last_end = self.prev().clone();
                        let r = Range::new(e.range.line, e.range.col, last_end.end_line, last_end.end_col);
                        return self.err("Generator expression must be parenthesized", r);
                    }
                    let close = *self.tok();
                    let r = Range::new(open.line, open.col, close.end_line, close.end_col);
                    args.push(mk(r, ExprKind::GeneratorExp { elt: NodeBox::new(e), generators }));
                    count += 1;
                    continue;
                }
                if !keywords.is_empty() && late_error.is_none() {
                    // CPython reports this at the token after the whole argument list.
                    late_error = Some(if seen_kwunpack { "positional argument follows keyword argument unpacking" } else { "positional argument follows keyword argument" });
                }
                args.push(e);
            }
            count += 1;
            if !self.eat(T::Comma) {
                if !self.at(T::RPar) {
                    let last = args.last().cloned().or_else(|| keywords.last().map(|k| k.value.clone()));
                    if let Some(last) = last {
                        if let Some(err) = self.forgot_comma(&last) {
                            return Err(err);
                        }
                    }
                    return Err(self.invalid_syntax());
                }
                break;
            }
        }
        if let Some(msg) = late_error {
            self.peek();
            let t = *self.tok();
            return Err(self.error_at_token(msg, &t));
        }
        Ok((self.finish_exprs(args), keywords))
    }
}
