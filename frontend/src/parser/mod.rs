//! The parser: tokens -> [`crate::ast`], plus the public entry points of the
//! front end's first two stages (`decode_source`, `tokenize`, `parse_*`).
//!
//! Hand-written recursive descent over the token vector made by
//! [`crate::lexer`] (comments and NL tokens removed), with precedence climbing
//! for binary operators ([`expression`]), statements in [`statement`], match
//! patterns in [`pattern`], string literals and f-strings in [`strings`], and
//! assignment-target checks in [`targets`]. Errors follow CPython 3.12's
//! messages and locations; [`errors`] holds the helpers that build them and
//! decide between a parser error and a tokenizer error the way CPython does.

mod codecs;
mod encoding;
mod errors;
mod expression;
mod pattern;
mod statement;
mod strings;
mod targets;

pub use encoding::decode_source;

use crate::ast::{self, Range};
use crate::error::SyntaxError;
use crate::lexer::{tokenize_into, tokenize_with_error, LexError};
use crate::token::{Token, TokenKind};
use std::borrow::Cow;

/// A parse failure (boxed to keep `Result`s small on the happy path).
pub(crate) type PResult<T> = Result<T, Box<SyntaxError>>;

/// How deep expressions and statements may nest before the parser gives up
/// with "too complex" (keeps the Rust stack safe on any input).
pub const MAX_NESTING: u32 = 2500;

/// The most stack the parser may use (measured from where it started) before
/// it reports the source as too complex.
pub const MAX_STACK_BYTES: usize = 3 << 19;

/// The deepest stack use of the last parse on this thread (for tests).
pub fn last_parse_stack_use() -> usize {
    LAST_STACK_USE.with(|c| c.get())
}

thread_local! {
    static LAST_STACK_USE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// The token vector of the last parse on this thread, kept for the next
    /// one: a fresh vector of several hundred kilobytes per module sends
    /// malloc down its large-block path (which first consolidates every
    /// small free chunk) once per parse.
    static SPARE_TOKENS: std::cell::Cell<Vec<Token>> = const { std::cell::Cell::new(Vec::new()) };
    /// The identifier interner's table, emptied, for the same reason.
    static SPARE_NAMES: std::cell::Cell<Option<NameTable<'static>>> = const { std::cell::Cell::new(None) };
}

/// The parser's identifier interner: source spelling -> the one shared `Rc<str>`.
pub(crate) type NameTable<'a> = crate::symtable::FxMap<&'a str, ast::Ident>;

/// Interner tables with more room than this are freed, not kept for the next parse.
const MAX_SPARE_NAMES: usize = 1 << 15;

/// Token vectors with more room than this are freed, not kept for the next parse.
const MAX_SPARE_TOKENS: usize = 1 << 17;

/// Tokenizes `source` into CPython 3.12's token stream (including COMMENT, NL,
/// ENCODING is not included).
pub fn tokenize(source: &str) -> Result<Vec<Token>, SyntaxError> {
    let (tokens, err) = tokenize_with_error(source);
    match err {
        Some(e) => Err(e.error),
        None => Ok(tokens),
    }
}

/// Parses a module (`compile(..., "exec")`).
pub fn parse_module(source: &str, filename: &str) -> Result<ast::Module, SyntaxError> {
    let src = normalize_newlines(source);
    let mut p = Parser::new(&src, filename);
    let r = p.parse_file();
    p.finish(r)
}

/// Parses a single expression (`compile(..., "eval")`).
pub fn parse_expression(source: &str, filename: &str) -> Result<ast::Expr, SyntaxError> {
    let src = normalize_newlines(source);
    let mut p = Parser::new(&src, filename);
    let r = p.parse_eval();
    p.finish(r)
}

/// Parses interactive input (`compile(..., "single")`).
pub fn parse_interactive(source: &str, filename: &str) -> Result<ast::Module, SyntaxError> {
    let src = normalize_newlines(source);
    let mut p = Parser::new(&src, filename);
    let r = p.parse_single();
    p.finish(r)
}

/// Like [`parse_interactive`], with CPython's `PyCF_ALLOW_INCOMPLETE_INPUT`
/// (what `codeop` and the REPL use): when the parse fails only because the
/// input ended (an open bracket, an unterminated triple-quoted string, a
/// trailing backslash, a block header without its body), the error is
/// SyntaxError("incomplete input") so the caller can ask for more lines.
pub fn parse_interactive_allow_incomplete(source: &str, filename: &str) -> Result<ast::Module, SyntaxError> {
    let src = normalize_newlines(source);
    let mut p = Parser::new(&src, filename);
    let r = p.parse_single();
    let incomplete = r.is_err() && p.failed_at_end_of_input();
    // A compound statement goes on until a line ends after its block
    // (codeop's PyCF_DONT_IMPLY_DEDENT).
    if let Ok(m) = &r {
        let compound = m.body.last().is_some_and(|s| {
            use ast::StmtKind::*;
            matches!(s.kind, If { .. } | For { .. } | While { .. } | With { .. } | Try { .. } | FunctionDef(_) | ClassDef(_) | Match { .. })
        });
        if compound && !src.ends_with('\n') {
            let mut e = SyntaxError::new(crate::error::SyntaxErrorKind::SyntaxError, "incomplete input");
            e.filename = filename.to_string();
            let last = src.lines().count().max(1) as u32;
            e.lineno = last;
            return Err(e);
        }
    }
    match p.finish(r) {
        Err(mut e) if incomplete => {
            e.msg = "incomplete input".to_string();
            e.kind = crate::error::SyntaxErrorKind::SyntaxError;
            Err(e)
        }
        other => other,
    }
}

/// `\r\n` and lone `\r` become `\n`, as CPython's compile() does for str input.
fn normalize_newlines(source: &str) -> Cow<'_, str> {
    if source.contains('\r') {
        Cow::Owned(source.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(source)
    }
}

pub(crate) struct Parser<'a> {
    pub(crate) src: &'a str,
    pub(crate) filename: &'a str,
    /// Significant tokens (no COMMENT / NL), ending in ENDMARKER (or a
    /// sentinel ENDMARKER where the lexer stopped with an error).
    pub(crate) tokens: Vec<Token>,
    pub(crate) pos: usize,
    /// The furthest token index the parser has looked at.
    pub(crate) max_pos: usize,
    pub(crate) lex_error: Option<LexError>,
    /// Index of the sentinel standing for the lexer's error.
    pub(crate) lex_error_index: usize,
    pub(crate) depth: u32,
    stack_base: usize,
    /// How many f-string replacement fields enclose the current position.
    pub(crate) fstring_fields: u32,
    /// Parsing a class's bases (where a bare generator expression is not allowed).
    pub(crate) class_arguments: bool,
    max_stack_used: usize,
    /// Start byte offsets of each line (built lazily for errors).
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// The identifier interner: source spelling -> the one shared `Rc<str>`.
    pub(crate) names: NameTable<'a>,
    /// Spare buffers for statement bodies and call arguments while they are
    /// being parsed: a list grows in a reused buffer and is then copied into
    /// an allocation of exactly its length (one malloc, no regrowth, and a
    /// one-element list is a small block that malloc recycles quickly).
    stmt_scratch: Vec<Vec<ast::Stmt>>,
    expr_scratch: Vec<Vec<ast::Expr>>,
}

impl<'a> Drop for Parser<'a> {
    fn drop(&mut self) {
        if self.tokens.capacity() <= MAX_SPARE_TOKENS {
            let tokens = std::mem::take(&mut self.tokens);
            SPARE_TOKENS.with(|s| s.set(tokens));
        }
        if self.names.capacity() <= MAX_SPARE_NAMES {
            let mut names = std::mem::take(&mut self.names);
            names.clear();
            // SAFETY: the table is empty, so it holds no `&'a str`; only the
            // lifetime parameter changes (same type, same layout).
            let names: NameTable<'static> = unsafe { std::mem::transmute::<NameTable<'a>, NameTable<'static>>(names) };
            SPARE_NAMES.with(|s| s.set(Some(names)));
        }
    }
}

impl<'a> Parser<'a> {
    pub(crate) fn new(src: &'a str, filename: &'a str) -> Parser<'a> {
        let (mut tokens, err) = tokenize_into(src, SPARE_TOKENS.with(|s| s.take()), false);
        let mut lex_error_index = usize::MAX;
        if err.is_some() {
            let last = tokens.last().copied();
            let (line, col, p) = match last {
                Some(t) => (t.end_line, t.end_col, t.end),
                None => (1, 0, 0),
            };
            lex_error_index = tokens.len();
            tokens.push(Token { kind: TokenKind::EndMarker, start: p, end: p, line, col, end_line: line, end_col: col });
        }
        let token_count = tokens.len();
        Parser {
            src,
            filename,
            tokens,
            pos: 0,
            max_pos: 0,
            lex_error: err,
            lex_error_index,
            depth: 0,
            stack_base: {
                let here = 0u8;
                &here as *const u8 as usize
            },
            max_stack_used: 0,
            fstring_fields: 0,
            class_arguments: false,
            line_starts: std::cell::OnceCell::new(),
            stmt_scratch: Vec::new(),
            expr_scratch: Vec::new(),
            // About one distinct name per 30 tokens in real code: sized once, not regrown.
            names: {
                let want = token_count / 32 + 16;
                match SPARE_NAMES.with(|s| s.take()) {
                    Some(spare) => {
                        // SAFETY: the spare table is empty (emptied before it was
                        // kept); only the lifetime parameter changes.
                        let mut names = unsafe { std::mem::transmute::<NameTable<'static>, NameTable<'a>>(spare) };
                        names.reserve(want);
                        names
                    }
                    None => NameTable::with_capacity_and_hasher(want, Default::default()),
                }
            },
        }
    }

    /// Turns the parse result into the public result, choosing between the
    /// parser's error and the tokenizer's as CPython does.
    fn finish<T>(&mut self, r: PResult<T>) -> Result<T, SyntaxError> {
        LAST_STACK_USE.with(|c| c.set(self.max_stack_used));
        match r {
            Ok(v) => Ok(v),
            Err(e) => {
                let mut e = *e;
                if let Some(le) = &self.lex_error {
                    let reached = self.max_pos >= self.lex_error_index;
                    let wins = match le.kind {
                        crate::lexer::LexErrorKind::Plain => true,
                        crate::lexer::LexErrorKind::UnclosedAtEof => {
                            let furthest = self.tokens[self.max_pos.min(self.tokens.len() - 1)];
                            reached || furthest.line > le.error.lineno
                        }
                    };
                    if wins {
                        e = le.error.clone();
                    }
                }
                e.filename = self.filename.to_string();
                Err(e)
            }
        }
    }

    /// Whether the last failure happened because the input ran out.
    pub(crate) fn failed_at_end_of_input(&self) -> bool {
        if let Some(le) = &self.lex_error {
            let m = &le.error.msg;
            if le.kind == crate::lexer::LexErrorKind::UnclosedAtEof
                || m.starts_with("unterminated triple-quoted")
                || m == "unexpected EOF while parsing"
            {
                return true;
            }
            return false;
        }
        // The parser looked at the end marker (or the DEDENTs just before it).
        let last = self.tokens.len() - 1;
        let mut first_end = last;
        while first_end > 0 && matches!(self.tokens[first_end - 1].kind, TokenKind::Dedent | TokenKind::Newline) {
            first_end -= 1;
        }
        self.max_pos >= first_end
    }

    /// An empty scratch list for a body (see `stmt_scratch`).
    pub(crate) fn take_stmt_scratch(&mut self) -> Vec<ast::Stmt> {
        self.stmt_scratch.pop().unwrap_or_default()
    }

    /// The statements of a scratch list in an exactly-sized list; the scratch buffer is kept.
    pub(crate) fn finish_stmts(&mut self, mut scratch: Vec<ast::Stmt>) -> Vec<ast::Stmt> {
        let out: Vec<ast::Stmt> = scratch.drain(..).collect();
        self.stmt_scratch.push(scratch);
        out
    }

    /// An empty scratch list of expressions (see `stmt_scratch`).
    pub(crate) fn take_expr_scratch(&mut self) -> Vec<ast::Expr> {
        self.expr_scratch.pop().unwrap_or_default()
    }

    /// A scratch list holding `first`, about to grow (a comma or an operator was seen).
    pub(crate) fn expr_list(&mut self, first: ast::Expr) -> Vec<ast::Expr> {
        let mut v = self.take_expr_scratch();
        v.push(first);
        v
    }

    /// The expressions of a scratch list in an exactly-sized list; the scratch buffer is kept.
    pub(crate) fn finish_exprs(&mut self, mut scratch: Vec<ast::Expr>) -> Vec<ast::Expr> {
        let out: Vec<ast::Expr> = scratch.drain(..).collect();
        self.expr_scratch.push(scratch);
        out
    }

    // ---- token access ----

    #[inline]
    pub(crate) fn tok(&self) -> &Token {
        &self.tokens[self.pos]
    }

    #[inline]
    pub(crate) fn peek(&mut self) -> TokenKind {
        if self.pos > self.max_pos {
            self.max_pos = self.pos;
        }
        self.tokens[self.pos].kind
    }

    #[inline]
    pub(crate) fn peek_at(&mut self, n: usize) -> TokenKind {
        let i = (self.pos + n).min(self.tokens.len() - 1);
        if i > self.max_pos {
            self.max_pos = i;
        }
        self.tokens[i].kind
    }

    #[inline]
    pub(crate) fn at(&mut self, k: TokenKind) -> bool {
        self.peek() == k
    }

    #[inline]
    pub(crate) fn bump(&mut self) -> Token {
        let t = self.tokens[self.pos];
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        t
    }

    #[inline]
    pub(crate) fn eat(&mut self, k: TokenKind) -> bool {
        if self.peek() == k {
            self.bump();
            true
        } else {
            false
        }
    }

    pub(crate) fn expect(&mut self, k: TokenKind) -> PResult<Token> {
        if self.peek() == k {
            Ok(self.bump())
        } else {
            Err(self.invalid_syntax())
        }
    }

    /// The text of a token.
    pub(crate) fn text(&self, t: &Token) -> &'a str {
        &self.src[t.start as usize..t.end as usize]
    }

    /// Whether the current token is the name `s` (soft keywords).
    pub(crate) fn at_soft(&mut self, s: &str) -> bool {
        self.peek() == TokenKind::Name && self.text(&self.tokens[self.pos]) == s
    }

    pub(crate) fn tok_range(t: &Token) -> Range {
        Range::new(t.line, t.col, t.end_line, t.end_col)
    }

    /// The range from the start of token `t` to the end of the previous token.
    pub(crate) fn range_from(&self, start: &Token) -> Range {
        let prev = &self.tokens[self.pos.saturating_sub(1)];
        Range::new(start.line, start.col, prev.end_line, prev.end_col)
    }

    pub(crate) fn prev(&self) -> &Token {
        &self.tokens[self.pos.saturating_sub(1)]
    }

    pub(crate) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        let here = 0u8;
        let used = self.stack_base.saturating_sub(&here as *const u8 as usize);
        if used > self.max_stack_used {
            self.max_stack_used = used;
        }
        if self.depth > MAX_NESTING || used > MAX_STACK_BYTES {
            return Err(self.too_complex());
        }
        Ok(())
    }

    #[inline]
    pub(crate) fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Accounts for `n` more levels of tree depth built without recursion
    /// (operator chains, trailers, unary prefixes): the tree must stay
    /// shallow enough for every later pass (and for dropping it).
    pub(crate) fn deepen(&mut self, n: u32) -> PResult<()> {
        self.depth += n;
        if self.depth > MAX_NESTING {
            return Err(self.too_complex());
        }
        Ok(())
    }

    // ---- entry points ----

    fn parse_file(&mut self) -> PResult<ast::Module> {
        let mut body = Vec::new();
        while !self.at(TokenKind::EndMarker) {
            self.parse_statement_into(&mut body)?;
        }
        if self.lex_error.is_some() {
            return Err(self.invalid_syntax());
        }
        Ok(ast::Module { body, type_ignores: Vec::new() })
    }

    /// CPython's error for input with no tokens at all (line 0, no offset).
    fn empty_input_error(&self) -> Box<SyntaxError> {
        let mut e = SyntaxError::new(crate::error::SyntaxErrorKind::SyntaxError, "invalid syntax");
        e.filename = self.filename.to_string();
        Box::new(e)
    }

    fn parse_eval(&mut self) -> PResult<ast::Expr> {
        if self.tokens.len() == 1 && self.lex_error.is_none() {
            return Err(self.empty_input_error());
        }
        // `expressions`: like star_expressions but without `*x`.
        if self.at(TokenKind::Star) {
            return Err(self.invalid_syntax());
        }
        let e = self.parse_expression()?;
        let e = if self.at(TokenKind::Comma) {
            let mut elts = crate::parser::expression::growing_list(e);
            while self.eat(TokenKind::Comma) {
                if self.at(TokenKind::Star) {
                    return Err(self.invalid_syntax());
                }
                if !crate::parser::expression::starts_expression(self.peek()) {
                    break;
                }
                elts.push(self.parse_expression()?);
            }
            let prev = *self.prev();
            let r = Range::new(elts[0].range.line, elts[0].range.col, prev.end_line, prev.end_col);
            ast::Expr::new(r, ast::ExprKind::Tuple { elts, ctx: ast::ExprContext::Load })
        } else {
            e
        };
        while self.at(TokenKind::Newline) {
            self.bump();
        }
        if !self.at(TokenKind::EndMarker) || self.lex_error.is_some() {
            return Err(self.invalid_syntax());
        }
        Ok(e)
    }

    fn parse_single(&mut self) -> PResult<ast::Module> {
        let mut body = Vec::new();
        if self.tokens.len() == 1 && self.lex_error.is_none() {
            return Err(self.empty_input_error());
        }
        if self.at(TokenKind::Newline) {
            self.bump();
        } else if !self.at(TokenKind::EndMarker) {
            self.parse_statement_into(&mut body)?;
        }
        let last_newline = *self.prev();
        while self.at(TokenKind::Newline) {
            self.bump();
        }
        if !self.at(TokenKind::EndMarker) {
            // Reported at the NEWLINE that ended the first statement.
            self.peek();
            return Err(self.error_at_token("multiple statements found while compiling a single statement", &last_newline));
        }
        if self.lex_error.is_some() {
            return Err(self.invalid_syntax());
        }
        Ok(ast::Module { body, type_ignores: Vec::new() })
    }
}
