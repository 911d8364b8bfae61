//! PEP 701 f-strings in the lexer.
//!
//! An f-string is lexed in two alternating modes. In *text* mode (the literal
//! part, or a format spec after a top-level `:`), the lexer produces
//! FSTRING_MIDDLE tokens up to a `{` (which opens a replacement field and
//! switches to *code* mode), a `}` closing a format spec, or the closing
//! quote (FSTRING_END). In code mode the ordinary lexer runs, so nested
//! strings (even with the same quote), comments and newlines work; a `}` at
//! the field's bracket depth closes the field, a `:` there starts the format
//! spec. Like CPython, a doubled `{{`/`}}` ends the FSTRING_MIDDLE token just
//! after the first brace and skips the second.

use super::{FieldState, LexError, Lexer, MAX_PAREN_DEPTH};
use crate::error::SyntaxErrorKind;
use crate::token::TokenKind;

impl<'a> Lexer<'a> {
    /// Whether the innermost f-string is in text mode.
    pub(crate) fn in_fstring_text(&self) -> bool {
        match self.fstrings.last() {
            Some(f) => match f.fields.last() {
                None => true,
                Some(field) => field.in_spec && self.parens_len() == field.depth,
            },
            None => false,
        }
    }

    fn at_fstring_end(&self) -> bool {
        let f = self.fstrings.last().unwrap();
        let q = f.quote;
        if f.triple {
            self.src.get(self.pos) == Some(&q) && self.src.get(self.pos + 1) == Some(&q) && self.src.get(self.pos + 2) == Some(&q)
        } else {
            self.src.get(self.pos) == Some(&q)
        }
    }

    fn emit_middle(&mut self, start: usize, line: u32, ls: usize, force: bool) {
        if self.pos > start || force {
            self.push(TokenKind::FStringMiddle, start, line, ls);
        }
    }

    /// Lexes literal text of the innermost f-string up to the next token boundary.
    pub(crate) fn lex_fstring_text(&mut self) -> Result<(), LexError> {
        let (raw, triple, in_spec) = {
            let f = self.fstrings.last().unwrap();
            (f.raw, f.triple, f.fields.last().is_some_and(|fl| fl.in_spec))
        };
        let mut start = self.pos;
        let (mut line, mut ls) = (self.line, self.line_start);
        loop {
            if self.at_fstring_end() {
                self.emit_middle(start, line, ls, false);
                let s = self.pos;
                let f = self.fstrings.pop().unwrap();
                self.pos += if f.triple { 3 } else { 1 };
                self.truncate_parens(f.base_depth);
                self.push_here(TokenKind::FStringEnd, s);
                return Ok(());
            }
            let Some(&c) = self.src.get(self.pos) else {
                return Err(self.unterminated_fstring());
            };
            match c {
                b'\n' | b'\r' => {
                    if !triple {
                        return Err(self.unterminated_fstring());
                    }
                    self.pos += 1;
                    if c == b'\r' && self.src.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.new_line();
                }
                b'{' => {
                    if !in_spec && self.src.get(self.pos + 1) == Some(&b'{') {
                        self.pos += 1;
                        self.emit_middle(start, line, ls, false);
                        self.pos += 1;
                        start = self.pos;
                        line = self.line;
                        ls = self.line_start;
                        continue;
                    }
                    self.emit_middle(start, line, ls, false);
                    let depth = self.parens_len();
                    let nesting = self.fstrings.last().unwrap().fields.len();
                    if nesting >= 3 {
                        let off = self.chars_before(self.line_start, self.pos);
                        return Err(self.error_raw(SyntaxErrorKind::SyntaxError, "f-string: expressions nested too deeply", self.line, self.line_start, off, self.line, off));
                    }
                    if depth >= MAX_PAREN_DEPTH {
                        let off = self.chars_before(self.line_start, self.pos + 1);
                        return Err(self.error_raw(SyntaxErrorKind::SyntaxError, "too many nested parentheses", self.line, self.line_start, off, self.line, off));
                    }
                    let s = self.pos;
                    self.pos += 1;
                    self.push_paren(b'{', s);
                    self.push_here(TokenKind::LBrace, s);
                    self.fstrings.last_mut().unwrap().fields.push(FieldState { depth: depth + 1, in_spec: false });
                    return Ok(());
                }
                b'}' => {
                    if in_spec {
                        self.emit_middle(start, line, ls, true);
                        let s = self.pos;
                        self.pos += 1;
                        let f = self.fstrings.last_mut().unwrap();
                        f.fields.pop();
                        self.pop_paren();
                        self.push_here(TokenKind::RBrace, s);
                        return Ok(());
                    }
                    if self.src.get(self.pos + 1) == Some(&b'}') {
                        self.pos += 1;
                        self.emit_middle(start, line, ls, false);
                        self.pos += 1;
                        start = self.pos;
                        line = self.line;
                        ls = self.line_start;
                        continue;
                    }
                    return Err(self.error_at_cur("f-string: single '}' is not allowed", self.pos + 1));
                }
                b'\\' => {
                    let next = self.src.get(self.pos + 1).copied();
                    if !raw && next == Some(b'N') && self.src.get(self.pos + 2) == Some(&b'{') {
                        // `\N{NAME}`: the braces belong to the escape.
                        let mut p = self.pos + 3;
                        while p < self.src.len() && self.src[p] != b'}' && self.src[p] != b'\n' && self.src[p] != self.fstrings.last().unwrap().quote {
                            p += 1;
                        }
                        if self.src.get(p) == Some(&b'}') {
                            self.pos = p + 1;
                        } else {
                            self.pos += 2;
                        }
                        continue;
                    }
                    match next {
                        Some(b'{') | Some(b'}') | None => self.pos += 1,
                        Some(b'\n') | Some(b'\r') => {
                            // Backslash-newline continues the literal (raw
                            // literals keep both characters, as CPython does).
                            self.pos += 1;
                            let c2 = self.src[self.pos];
                            self.pos += 1;
                            if c2 == b'\r' && self.src.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                            self.new_line();
                        }
                        Some(_) => {
                            self.pos += 1;
                            // Skip the escaped char (whole UTF-8 sequence).
                            let ch = self.text[self.pos..].chars().next().unwrap();
                            self.pos += ch.len_utf8();
                        }
                    }
                }
                _ => self.pos += 1,
            }
        }
    }

    fn unterminated_fstring(&self) -> LexError {
        let f = self.fstrings.last().unwrap();
        let msg = if f.triple { "unterminated triple-quoted f-string literal" } else { "unterminated f-string literal" };
        let off = self.chars_before(f.line_start, f.start) + 1;
        let (l, ls) = (f.start_line, f.line_start);
        self.error_raw(SyntaxErrorKind::SyntaxError, format!("{} (detected at line {})", msg, self.line), l, ls, off, l, off)
    }
}
