//! Building `SyntaxError`s with CPython's locations: byte columns of tokens
//! and nodes become 1-based character offsets, and the source line is
//! attached.

use super::{PResult, Parser};
use crate::ast::Range;
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::token::{Token, TokenKind};

/// The message of the MemoryError for source nested too deeply.
pub const TOO_COMPLEX: &str = "Parser stack overflowed - Python source too complex to parse";

impl<'a> Parser<'a> {
    fn line_starts(&self) -> &Vec<usize> {
        self.line_starts.get_or_init(|| {
            let mut v = vec![0];
            for (i, b) in self.src.bytes().enumerate() {
                if b == b'\n' {
                    v.push(i + 1);
                }
            }
            v
        })
    }

    /// The text of 1-based line `line` (with its newline), if it exists.
    pub(crate) fn line_text(&self, line: u32) -> Option<String> {
        let starts = self.line_starts();
        let i = (line as usize).checked_sub(1)?;
        let s = *starts.get(i)?;
        let e = starts.get(i + 1).copied().unwrap_or(self.src.len());
        Some(self.src[s..e].to_string())
    }

    /// 1-based character offset of byte column `col` on `line`.
    pub(crate) fn char_offset(&self, line: u32, col: u32) -> u32 {
        let starts = self.line_starts();
        let Some(&s) = starts.get((line as usize).wrapping_sub(1)) else { return col + 1 };
        let line_end = self.src[s..].find('\n').map(|i| s + i).unwrap_or(self.src.len());
        let e = (s + col as usize).min(line_end);
        let mut e2 = e;
        while e2 > s && !self.src.is_char_boundary(e2) {
            e2 -= 1;
        }
        let past = (s + col as usize).saturating_sub(line_end) as u32;
        self.src[s..e2].chars().count() as u32 + 1 + past
    }

    pub(crate) fn error_kind_range(&self, kind: SyntaxErrorKind, msg: impl Into<String>, r: Range) -> Box<SyntaxError> {
        let mut e = SyntaxError::new(kind, msg);
        e.filename = self.filename.to_string();
        e.lineno = r.line;
        e.offset = self.char_offset(r.line, r.col);
        e.end_lineno = r.end_line;
        e.end_offset = self.char_offset(r.end_line, r.end_col);
        e.text = self.line_text(r.line);
        Box::new(e)
    }

    /// A SyntaxError spanning `r`.
    pub(crate) fn error_range(&self, msg: impl Into<String>, r: Range) -> Box<SyntaxError> {
        self.error_kind_range(SyntaxErrorKind::SyntaxError, msg, r)
    }

    pub(crate) fn error_at_token(&self, msg: impl Into<String>, t: &Token) -> Box<SyntaxError> {
        self.error_kind_at_token(SyntaxErrorKind::SyntaxError, msg, t)
    }

    /// An error at a token. ENDMARKER and DEDENT have no column in CPython:
    /// the offset is then the tokenizer's position and the end offset -1 (0 here).
    pub(crate) fn error_kind_at_token(&self, kind: SyntaxErrorKind, msg: impl Into<String>, t: &Token) -> Box<SyntaxError> {
        if matches!(t.kind, TokenKind::EndMarker | TokenKind::Dedent) {
            if t.start as usize >= self.src.len() {
                // At the end: the last line, with the tokenizer after its newline.
                let body = self.src.strip_suffix('\n').unwrap_or(self.src);
                let line = body.matches('\n').count() as u32 + 1;
                let ls = body.rfind('\n').map(|i| i + 1).unwrap_or(0);
                let off = self.src[ls..].chars().count() as u32 + if self.src.ends_with('\n') { 0 } else { 1 };
                let mut e = self.error_kind_range(kind, msg, Range::new(line, 0, line, 0));
                e.offset = off;
                e.end_offset = 0;
                return e;
            }
            let mut e = self.error_kind_range(kind, msg, Parser::tok_range(t));
            e.offset = self.char_offset(t.line, t.col) - 1;
            e.end_offset = 0;
            return e;
        }
        self.error_kind_range(kind, msg, Parser::tok_range(t))
    }

    pub(crate) fn err<T>(&self, msg: impl Into<String>, r: Range) -> PResult<T> {
        Err(self.error_range(msg, r))
    }

    /// CPython's generic error: "invalid syntax" at the furthest token read,
    /// or an indentation error when that token is INDENT/DEDENT.
    pub(crate) fn invalid_syntax(&mut self) -> Box<SyntaxError> {
        let i = self.max_pos.max(self.pos).min(self.tokens.len() - 1);
        let t = self.tokens[i];
        match t.kind {
            TokenKind::Indent => {
                let next = self.tokens.get(i + 1).copied().unwrap_or(t);
                let mut e = self.error_kind_range(SyntaxErrorKind::IndentationError, "unexpected indent", Range::new(next.line, next.col, next.line, 0));
                e.offset = self.char_offset(next.line, next.col) - 1;
                e.end_offset = 0;
                e
            }
            TokenKind::Dedent => {
                let mut e = self.error_kind_range(SyntaxErrorKind::IndentationError, "unexpected unindent", Range::new(t.line, t.col, t.line, 0));
                e.offset = self.char_offset(t.line, t.col) - 1;
                e.end_offset = 0;
                e
            }
            _ => self.error_at_token("invalid syntax", &t),
        }
    }

    /// CPython 3.12's error for source nested beyond its parser's stack.
    pub(crate) fn too_complex(&self) -> Box<SyntaxError> {
        let t = self.tokens[self.pos];
        self.error_kind_at_token(SyntaxErrorKind::MemoryError, TOO_COMPLEX, &t)
    }

    /// "expected ':'" at the current token (the caller checked it is not ':').
    pub(crate) fn expect_colon(&mut self) -> PResult<()> {
        if self.eat(TokenKind::Colon) {
            return Ok(());
        }
        self.peek();
        let t = *self.tok();
        Err(self.error_at_token("expected ':'", &t))
    }

    /// A `:` that CPython's grammar does not force: "expected ':'" only when
    /// the line ends there, "invalid syntax" otherwise.
    pub(crate) fn expect_colon_nl(&mut self) -> PResult<()> {
        if self.eat(TokenKind::Colon) {
            return Ok(());
        }
        if self.at(TokenKind::Newline) {
            let t = *self.tok();
            return Err(self.error_at_token("expected ':'", &t));
        }
        Err(self.invalid_syntax())
    }

    /// Description of an expression for "cannot assign to %s" messages
    /// (CPython's `_PyPegen_get_expr_name`).
    pub(crate) fn expr_name(e: &crate::ast::Expr) -> &'static str {
        use crate::ast::{Constant as C, ExprKind::*};
        match &e.kind {
            Attribute { .. } => "attribute",
            Subscript { .. } => "subscript",
            Starred { .. } => "starred",
            Name { .. } => "name",
            List { .. } => "list",
            Tuple { .. } => "tuple",
            Lambda { .. } => "lambda",
            Call { .. } => "function call",
            BoolOp { .. } | BinOp { .. } | UnaryOp { .. } => "expression",
            GeneratorExp { .. } => "generator expression",
            Yield(_) | YieldFrom(_) => "yield expression",
            Await(_) => "await expression",
            ListComp { .. } => "list comprehension",
            SetComp { .. } => "set comprehension",
            DictComp { .. } => "dict comprehension",
            Dict { .. } => "dict literal",
            Set(_) => "set display",
            JoinedStr(_) | FormattedValue { .. } => "f-string expression",
            Constant { value, .. } => match value {
                C::None => "None",
                C::Bool(true) => "True",
                C::Bool(false) => "False",
                C::Ellipsis => "ellipsis",
                _ => "literal",
            },
            Compare { .. } => "comparison",
            IfExp { .. } => "conditional expression",
            NamedExpr { .. } => "named expression",
            Slice { .. } => "slice",
        }
    }
}
