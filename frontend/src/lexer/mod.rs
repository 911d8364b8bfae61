//! The tokenizer: source text -> CPython 3.12's token stream.
//!
//! Byte-level scanning over the UTF-8 source. The lexer keeps the state
//! CPython's tokenizer keeps: the indentation stack (with the tab-size-1
//! "alternate" columns used to detect inconsistent tabs), the stack of open
//! brackets (for NL vs NEWLINE, mismatch errors and the nesting limit), and a
//! stack of f-strings being scanned (see [`fstring`]) so that PEP 701
//! f-strings come out as FSTRING_START / FSTRING_MIDDLE / FSTRING_END with the
//! replacement fields tokenized as ordinary code.
//!
//! Errors carry CPython's messages and columns. Because CPython only reports
//! a tokenizer error when the parser reaches it, [`Lexer::run`] returns the
//! tokens produced before the error together with the error; the parser
//! decides which error wins.

mod fstring;
mod number;

use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::token::{keyword_kind, operator_at, Token, TokenKind};

/// CPython's limit on open brackets.
pub const MAX_PAREN_DEPTH: usize = 200;
/// CPython's limit on indentation levels.
pub const MAX_INDENT_DEPTH: usize = 100;

/// An open bracket: the byte, and where it is.
#[derive(Clone, Copy, Debug)]
struct OpenBracket {
    byte: u8,
    line: u32,
    pos: usize,
}

/// What kind of problem stopped the lexer; the parser uses it to decide
/// whether the lexer's error or its own is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexErrorKind {
    /// An ordinary tokenizer error, reported as soon as the parser reaches it.
    Plain,
    /// End of input with brackets still open ("'(' was never closed").
    UnclosedAtEof,
}

/// A tokenizer failure: the error and where in the token stream it happened.
#[derive(Clone, Debug)]
pub struct LexError {
    pub error: SyntaxError,
    pub kind: LexErrorKind,
}

/// One f-string being scanned (see [`fstring`]).
#[derive(Clone, Debug)]
pub(crate) struct FStringState {
    pub quote: u8,
    pub triple: bool,
    pub raw: bool,
    pub start: usize,
    pub start_line: u32,
    pub line_start: usize,
    /// Open replacement fields, innermost last.
    pub fields: Vec<FieldState>,
    /// The bracket depth outside this f-string.
    pub base_depth: usize,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct FieldState {
    /// Bracket depth including this field's `{`.
    pub depth: usize,
    pub in_spec: bool,
}

pub struct Lexer<'a> {
    pub(crate) text: &'a str,
    pub(crate) src: &'a [u8],
    pub(crate) pos: usize,
    pub(crate) line: u32,
    pub(crate) line_start: usize,
    pub(crate) tokens: Vec<Token>,
    indents: Vec<(usize, usize)>,
    parens: Vec<OpenBracket>,
    pub(crate) fstrings: Vec<FStringState>,
    at_line_start: bool,
    /// Whether the current logical line has produced a token (for NEWLINE at EOF).
    line_has_tokens: bool,
    /// Whether COMMENT and NL tokens are kept (the `tokenize` view) or dropped (the parser's).
    keep_trivia: bool,
}

/// Chars in `s` (UTF-8 aware).
fn char_count(s: &[u8]) -> u32 {
    s.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as u32
}

/// Bytes that may continue an identifier: ASCII letters, digits, `_`, and
/// every byte of a non-ASCII character (checked later by `verify_identifier`).
static ID_CHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
        i += 1;
    }
    t
};

pub(crate) fn is_id_start_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

#[inline]
pub(crate) fn is_id_char_byte(b: u8) -> bool {
    ID_CHAR[b as usize]
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Lexer<'a> {
        let mut lexer = Lexer::new_empty(text);
        lexer.tokens.reserve(text.len() / 4 + 16);
        lexer
    }

    fn new_empty(text: &'a str) -> Lexer<'a> {
        Lexer {
            text,
            src: text.as_bytes(),
            pos: 0,
            line: 1,
            line_start: 0,
            tokens: Vec::new(),
            indents: vec![(0, 0)],
            parens: Vec::new(),
            fstrings: Vec::new(),
            at_line_start: true,
            line_has_tokens: false,
            keep_trivia: true,
        }
    }

    /// Tokenizes the whole input. Returns the tokens (ending in ENDMARKER on
    /// success) and the error that stopped the lexer, if any.
    pub fn run(mut self) -> (Vec<Token>, Option<LexError>) {
        match self.run_inner() {
            Ok(()) => (self.tokens, None),
            Err(e) => (self.tokens, Some(e)),
        }
    }

    fn run_inner(&mut self) -> Result<(), LexError> {
        loop {
            if !self.fstrings.is_empty() && self.in_fstring_text() {
                self.lex_fstring_text()?;
                continue;
            }
            if self.at_line_start && self.parens.is_empty() {
                self.at_line_start = false;
                if self.handle_line_start()? {
                    continue;
                }
            }
            if !self.lex_token()? {
                return Ok(());
            }
        }
    }

    // ---- positions and errors ----

    pub(crate) fn push(&mut self, kind: TokenKind, start: usize, line: u32, line_start: usize) {
        if !self.keep_trivia && matches!(kind, TokenKind::Nl | TokenKind::Comment) {
            return;
        }
        let tok = Token {
            kind,
            start: start as u32,
            end: self.pos as u32,
            line,
            col: (start - line_start) as u32,
            end_line: self.line,
            end_col: (self.pos - self.line_start) as u32,
        };
        self.tokens.push(tok);
        if !matches!(kind, TokenKind::Nl | TokenKind::Comment | TokenKind::Newline) {
            self.line_has_tokens = true;
        }
    }

    fn push_here(&mut self, kind: TokenKind, start: usize) {
        let (line, ls) = (self.line, self.line_start);
        self.push(kind, start, line, ls);
    }

    /// The text of the line starting at `line_start` (with its newline).
    pub(crate) fn line_text(&self, line_start: usize) -> String {
        let end = self.src[line_start..].iter().position(|&b| b == b'\n').map(|i| line_start + i + 1).unwrap_or(self.src.len());
        String::from_utf8_lossy(&self.src[line_start..end]).into_owned()
    }

    /// Character offset (1-based convention of CPython: the count of chars
    /// before `pos` in its line, which tokenizer errors use directly).
    pub(crate) fn chars_before(&self, line_start: usize, pos: usize) -> u32 {
        char_count(&self.src[line_start..pos.max(line_start)])
    }

    /// An error with explicit CPython offsets.
    pub(crate) fn error_raw(&self, kind: SyntaxErrorKind, msg: impl Into<String>, line: u32, line_start: usize, offset: u32, end_line: u32, end_offset: u32) -> LexError {
        let mut e = SyntaxError::new(kind, msg);
        e.lineno = line;
        e.offset = offset;
        e.end_lineno = end_line;
        e.end_offset = end_offset;
        e.text = Some(self.line_text(line_start));
        LexError { error: e, kind: LexErrorKind::Plain }
    }

    /// A SyntaxError whose offset is the number of chars before `pos` on the current line
    /// (CPython's `syntaxerror(tok, ...)` with `tok->cur == pos`).
    pub(crate) fn error_at_cur(&self, msg: impl Into<String>, pos: usize) -> LexError {
        let off = self.chars_before(self.line_start, pos);
        self.error_raw(SyntaxErrorKind::SyntaxError, msg, self.line, self.line_start, off, self.line, off)
    }

    pub(crate) fn parens_len(&self) -> usize {
        self.parens.len()
    }

    pub(crate) fn push_paren(&mut self, byte: u8, pos: usize) {
        self.parens.push(OpenBracket { byte, line: self.line, pos });
    }

    pub(crate) fn pop_paren(&mut self) {
        self.parens.pop();
    }

    pub(crate) fn truncate_parens(&mut self, depth: usize) {
        self.parens.truncate(depth);
    }

    // ---- lines and indentation ----

    /// At the start of a logical line: measures indentation, handles blank
    /// and comment-only lines (NL), emits INDENT/DEDENT. Returns true when the
    /// whole line was consumed (blank line).
    fn handle_line_start(&mut self) -> Result<bool, LexError> {
        let (mut col, mut altcol) = (0usize, 0usize);
        let start = self.pos;
        // Runs of eight spaces at once (indentation is mostly spaces).
        while self.src.len() - self.pos >= 8 && self.src[self.pos..self.pos + 8] == *b"        " {
            col += 8;
            altcol += 8;
            self.pos += 8;
        }
        while self.pos < self.src.len() {
            match self.src[self.pos] {
                b' ' => {
                    col += 1;
                    altcol += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                0x0c => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
            self.pos += 1;
        }
        let c = self.src.get(self.pos).copied();
        let blank = match c {
            None => true,
            Some(b'#') | Some(b'\n') => true,
            Some(b'\r') => true,
            Some(b'\\') => {
                // A continuation line right after the indentation: CPython treats
                // the indentation as belonging to the joined line.
                false
            }
            _ => false,
        };
        if blank {
            if c.is_none() {
                return Ok(false);
            }
            if c == Some(b'#') {
                self.lex_comment();
            }
            self.lex_newline(TokenKind::Nl);
            return Ok(true);
        }
        let (top, alttop) = *self.indents.last().unwrap();
        if col == top {
            if altcol != alttop {
                return Err(self.tab_error());
            }
        } else if col > top {
            if self.indents.len() >= MAX_INDENT_DEPTH {
                let off = self.chars_before(self.line_start, self.pos);
                return Err(self.error_raw(SyntaxErrorKind::IndentationError, "too many levels of indentation", self.line, self.line_start, off, self.line, off));
            }
            if altcol <= alttop {
                return Err(self.tab_error());
            }
            self.indents.push((col, altcol));
            self.push_here(TokenKind::Indent, start);
        } else {
            while let Some(&(t, _)) = self.indents.last() {
                if t <= col {
                    break;
                }
                self.indents.pop();
                let p = self.pos;
                let (line, ls) = (self.line, self.line_start);
                self.tokens.push(Token { kind: TokenKind::Dedent, start: p as u32, end: p as u32, line, col: (p - ls) as u32, end_line: line, end_col: (p - ls) as u32 });
            }
            let (t, alt) = *self.indents.last().unwrap();
            if t != col {
                let line_end = self.src[self.pos..].iter().position(|&b| b == b'\n').map(|i| self.pos + i).unwrap_or(self.src.len());
                let off = self.chars_before(self.line_start, line_end) + 1;
                let _ = alt;
                return Err(self.error_raw(SyntaxErrorKind::IndentationError, "unindent does not match any outer indentation level", self.line, self.line_start, off, self.line, 0));
            }
            if altcol != alt {
                return Err(self.tab_error());
            }
        }
        Ok(false)
    }

    fn tab_error(&self) -> LexError {
        self.error_raw(SyntaxErrorKind::TabError, "inconsistent use of tabs and spaces in indentation", self.line, self.line_start, 1, self.line, 0)
    }

    fn lex_comment(&mut self) {
        let start = self.pos;
        while self.pos < self.src.len() && self.src[self.pos] != b'\n' && self.src[self.pos] != b'\r' {
            self.pos += 1;
        }
        self.push_here(TokenKind::Comment, start);
    }

    /// Consumes one newline (`\n`, `\r\n` or `\r`), emitting `kind`.
    fn lex_newline(&mut self, kind: TokenKind) {
        let start = self.pos;
        if self.src.get(self.pos) == Some(&b'\r') {
            self.pos += 1;
        }
        if self.src.get(self.pos) == Some(&b'\n') {
            self.pos += 1;
        }
        if self.pos == start {
            // At the end of input without a newline: CPython's implicit newline.
            let (line, col) = (self.line, (start - self.line_start) as u32);
            if kind == TokenKind::Nl && !self.keep_trivia {
                return;
            }
            self.tokens.push(Token { kind, start: start as u32, end: start as u32, line, col, end_line: line, end_col: col + 1 });
            return;
        }
        self.push_here(kind, start);
        self.new_line();
        if kind == TokenKind::Newline {
            self.line_has_tokens = false;
        }
        self.at_line_start = self.parens.is_empty() && self.fstrings.is_empty();
    }

    pub(crate) fn new_line(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
    }

    // ---- tokens ----

    /// Lexes one token (or a run of whitespace). Returns false at the end.
    fn lex_token(&mut self) -> Result<bool, LexError> {
        while let Some(&b) = self.src.get(self.pos) {
            if b == b' ' || b == b'\t' || b == 0x0c {
                self.pos += 1;
            } else {
                break;
            }
        }
        let Some(&c) = self.src.get(self.pos) else {
            return self.lex_eof().map(|_| false);
        };
        let start = self.pos;
        match c {
            b'#' => {
                self.lex_comment();
            }
            b'\n' | b'\r' => {
                if !self.parens.is_empty() || !self.line_has_tokens {
                    self.lex_newline(TokenKind::Nl);
                } else {
                    self.lex_newline(TokenKind::Newline);
                }
            }
            b'\\' => {
                self.pos += 1;
                match self.src.get(self.pos) {
                    Some(b'\n') => {
                        self.pos += 1;
                        self.new_line();
                    }
                    Some(b'\r') => {
                        self.pos += 1;
                        if self.src.get(self.pos) == Some(&b'\n') {
                            self.pos += 1;
                        }
                        self.new_line();
                    }
                    None => {
                        let off = self.chars_before(self.line_start, self.pos) + 1;
                        return Err(self.error_raw(SyntaxErrorKind::SyntaxError, "unexpected EOF while parsing", self.line, self.line_start, off, self.line, 0));
                    }
                    Some(_) => {
                        let off = self.chars_before(self.line_start, self.pos) + 1;
                        return Err(self.error_raw(SyntaxErrorKind::SyntaxError, "unexpected character after line continuation character", self.line, self.line_start, off, self.line, 0));
                    }
                }
                if self.pos >= self.src.len() {
                    // Reported on the line of the backslash, after its newline.
                    let prev_ls = self.src[..self.line_start.saturating_sub(1)].iter().rposition(|&b| b == b'\n').map(|i| i + 1).unwrap_or(0);
                    let off = self.chars_before(prev_ls, self.pos);
                    return Err(self.error_raw(SyntaxErrorKind::SyntaxError, "unexpected EOF while parsing", self.line - 1, prev_ls, off, self.line - 1, 0));
                }
            }
            b'0'..=b'9' => self.lex_number()?,
            b'.' if self.src.get(self.pos + 1).is_some_and(|d| d.is_ascii_digit()) => self.lex_number()?,
            b'"' | b'\'' => self.lex_string(start, false, false, false)?,
            c if is_id_start_byte(c) => self.lex_name_or_prefixed_string()?,
            0 => {
                return Err(self.error_at_cur("source code cannot contain null bytes", self.pos));
            }
            _ => self.lex_operator()?,
        }
        Ok(true)
    }

    fn lex_eof(&mut self) -> Result<(), LexError> {
        let in_code = self.fstrings.last().is_some_and(|f| !f.fields.is_empty());
        if let Some(f) = self.fstrings.last().filter(|_| !in_code) {
            let msg = if f.triple { "unterminated triple-quoted f-string literal" } else { "unterminated f-string literal" };
            let off = self.chars_before(f.line_start, f.start) + 1;
            let (l, ls) = (f.start_line, f.line_start);
            return Err(self.error_raw(SyntaxErrorKind::SyntaxError, format!("{} (detected at line {})", msg, self.line), l, ls, off, l, off));
        }
        if let Some(open) = self.parens.last().copied() {
            let ls = self.src[..open.pos].iter().rposition(|&b| b == b'\n').map(|i| i + 1).unwrap_or(0);
            let off = self.chars_before(ls, open.pos) + 1;
            let mut e = self.error_raw(SyntaxErrorKind::SyntaxError, format!("'{}' was never closed", open.byte as char), open.line, ls, off, open.line, 0);
            e.kind = LexErrorKind::UnclosedAtEof;
            return Err(e);
        }
        if self.line_has_tokens {
            let p = self.pos;
            let (line, ls) = (self.line, self.line_start);
            self.tokens.push(Token { kind: TokenKind::Newline, start: p as u32, end: p as u32, line, col: (p - ls) as u32, end_line: line, end_col: (p - ls + 1) as u32 });
            self.line_has_tokens = false;
        }
        let (line, col) = if self.pos == self.line_start { (self.line, 0) } else { (self.line + 1, 0) };
        let p = self.pos as u32;
        while self.indents.len() > 1 {
            self.indents.pop();
            self.tokens.push(Token { kind: TokenKind::Dedent, start: p, end: p, line, col, end_line: line, end_col: col });
        }
        self.tokens.push(Token { kind: TokenKind::EndMarker, start: p, end: p, line, col, end_line: line, end_col: col });
        Ok(())
    }

    fn lex_name_or_prefixed_string(&mut self) -> Result<(), LexError> {
        let start = self.pos;
        // String prefixes: b, r, u, f combinations as CPython accepts them.
        let (mut saw_b, mut saw_r, mut saw_u, mut saw_f) = (false, false, false, false);
        let mut p = self.pos;
        while let Some(&c) = self.src.get(p) {
            let lc = c.to_ascii_lowercase();
            if lc == b'b' && !(saw_b || saw_u || saw_f) {
                saw_b = true;
            } else if lc == b'u' && !(saw_b || saw_u || saw_r || saw_f) {
                saw_u = true;
            } else if lc == b'r' && !(saw_r || saw_u) {
                saw_r = true;
            } else if lc == b'f' && !(saw_f || saw_b || saw_u) {
                saw_f = true;
            } else {
                break;
            }
            p += 1;
            if let Some(&q) = self.src.get(p) {
                if q == b'"' || q == b'\'' {
                    self.pos = p;
                    return self.lex_string(start, saw_f, saw_r, saw_b);
                }
            }
        }
        let mut p = self.pos;
        let mut high = 0u8;
        while let Some(&c) = self.src.get(p) {
            if !is_id_char_byte(c) {
                break;
            }
            high |= c;
            p += 1;
        }
        let ascii = high < 0x80;
        if !ascii {
            self.verify_identifier(start, p)?;
        }
        self.pos = p;
        let kind = keyword_kind(&self.src[start..p]).unwrap_or(TokenKind::Name);
        self.push_here(kind, start);
        Ok(())
    }

    fn verify_identifier(&self, start: usize, end: usize) -> Result<(), LexError> {
        let s = &self.text[start..end];
        for (i, ch) in s.char_indices() {
            let ok = if i == 0 { ch == '_' || unicode_ident::is_xid_start(ch) } else { unicode_ident::is_xid_continue(ch) };
            // NFKC may turn a char into a valid one (CPython checks the normalised form).
            let ok = ok || {
                use unicode_normalization::UnicodeNormalization;
                let n: String = std::iter::once(ch).nfkc().collect();
                let mut cs = n.chars();
                match cs.next() {
                    Some(f) => (if i == 0 { f == '_' || unicode_ident::is_xid_start(f) } else { unicode_ident::is_xid_continue(f) }) && cs.all(unicode_ident::is_xid_continue),
                    None => false,
                }
            };
            if !ok {
                let pos = start + i + ch.len_utf8();
                let off = self.chars_before(self.line_start, pos);
                let msg = if is_printable(ch) { format!("invalid character '{}' (U+{:04X})", ch, ch as u32) } else { format!("invalid non-printable character U+{:04X}", ch as u32) };
                return Err(self.error_raw(SyntaxErrorKind::SyntaxError, msg, self.line, self.line_start, off, self.line, off));
            }
        }
        Ok(())
    }

    fn lex_operator(&mut self) -> Result<(), LexError> {
        let start = self.pos;
        let Some((kind, len)) = operator_at(&self.src[self.pos..]) else {
            // Unknown character: CPython makes a generic OP token the parser rejects.
            let ch = self.text[self.pos..].chars().next().unwrap();
            if ch.is_ascii() && !ch.is_ascii_graphic() {
                let off = self.chars_before(self.line_start, self.pos) + 1;
                return Err(self.error_raw(SyntaxErrorKind::SyntaxError, format!("invalid non-printable character U+{:04X}", ch as u32), self.line, self.line_start, off, self.line, off));
            }
            self.pos += ch.len_utf8();
            self.push_here(TokenKind::Unknown, start);
            return Ok(());
        };
        // Inside an f-string replacement field, `!=` is only NOTEQUAL when followed by
        // '='; `:` at field depth starts the format spec; `}` closes the field.
        if let Some(f) = self.fstrings.last() {
            if let Some(field) = f.fields.last() {
                let at_field_depth = self.parens.len() == field.depth;
                if at_field_depth && self.src[self.pos] == b':' {
                    self.pos += 1;
                    self.push_here(TokenKind::Colon, start);
                    self.fstrings.last_mut().unwrap().fields.last_mut().unwrap().in_spec = true;
                    return Ok(());
                }
            }
        }
        self.pos += len;
        match kind {
            TokenKind::LPar | TokenKind::LSqb | TokenKind::LBrace => {
                if self.parens.len() >= MAX_PAREN_DEPTH {
                    let off = self.chars_before(self.line_start, self.pos);
                    return Err(self.error_raw(SyntaxErrorKind::SyntaxError, "too many nested parentheses", self.line, self.line_start, off, self.line, off));
                }
                self.parens.push(OpenBracket { byte: self.src[start], line: self.line, pos: start });
            }
            TokenKind::RPar | TokenKind::RSqb | TokenKind::RBrace => {
                let close = self.src[start];
                let in_fstring = !self.fstrings.is_empty();
                let base = self.fstrings.last().map(|f| f.base_depth).unwrap_or(0);
                let Some(open) = self.parens.last().copied().filter(|_| self.parens.len() > base) else {
                    let msg = if in_fstring { format!("f-string: unmatched '{}'", close as char) } else { format!("unmatched '{}'", close as char) };
                    return Err(self.error_at_cur(msg, self.pos));
                };
                let expected = match open.byte {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                if expected != close {
                    let msg = if in_fstring && self.fstrings.last().unwrap().fields.last().is_some_and(|f| f.depth == self.parens.len()) {
                        format!("f-string: unmatched '{}'", close as char)
                    } else if open.line != self.line {
                        format!("closing parenthesis '{}' does not match opening parenthesis '{}' on line {}", close as char, open.byte as char, open.line)
                    } else {
                        format!("closing parenthesis '{}' does not match opening parenthesis '{}'", close as char, open.byte as char)
                    };
                    return Err(self.error_at_cur(msg, self.pos));
                }
                let depth = self.parens.len();
                self.parens.pop();
                if let Some(f) = self.fstrings.last_mut() {
                    if f.fields.last().is_some_and(|fl| fl.depth == depth) {
                        f.fields.pop();
                    }
                }
            }
            _ => {}
        }
        self.push_here(kind, start);
        Ok(())
    }

    /// Lexes a string literal whose quote is at `self.pos` (prefix from `start`).
    fn lex_string(&mut self, start: usize, is_f: bool, raw: bool, _bytes: bool) -> Result<(), LexError> {
        let quote = self.src[self.pos];
        let triple = self.src.get(self.pos + 1) == Some(&quote) && self.src.get(self.pos + 2) == Some(&quote);
        let qlen = if triple { 3 } else { 1 };
        if is_f {
            self.pos += qlen;
            self.push_here(TokenKind::FStringStart, start);
            if self.parens.len() >= MAX_PAREN_DEPTH {
                let off = self.chars_before(self.line_start, self.pos);
                return Err(self.error_raw(SyntaxErrorKind::SyntaxError, "too many nested parentheses", self.line, self.line_start, off, self.line, off));
            }
            self.fstrings.push(FStringState {
                quote,
                triple,
                raw,
                start,
                start_line: self.line,
                line_start: self.line_start,
                fields: Vec::new(),
                base_depth: self.parens.len(),
            });
            return Ok(());
        }
        let (start_line, start_ls) = (self.line, self.line_start);
        self.pos += qlen;
        loop {
            let Some(&c) = self.src.get(self.pos) else {
                return Err(self.unterminated_string(start, start_line, start_ls, quote, triple));
            };
            if c == quote {
                if !triple {
                    self.pos += 1;
                    break;
                }
                if self.src.get(self.pos + 1) == Some(&quote) && self.src.get(self.pos + 2) == Some(&quote) {
                    self.pos += 3;
                    break;
                }
                self.pos += 1;
            } else if c == b'\\' {
                self.pos += 1;
                match self.src.get(self.pos) {
                    Some(b'\r') => {
                        self.pos += 1;
                        if self.src.get(self.pos) == Some(&b'\n') {
                            self.pos += 1;
                        }
                        self.new_line();
                    }
                    Some(b'\n') => {
                        self.pos += 1;
                        self.new_line();
                    }
                    Some(_) => self.pos += 1,
                    None => {}
                }
            } else if c == b'\n' || c == b'\r' {
                if !triple {
                    return Err(self.unterminated_string(start, start_line, start_ls, quote, triple));
                }
                self.pos += 1;
                if c == b'\r' && self.src.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
                self.new_line();
            } else {
                self.pos += 1;
            }
        }
        self.push(TokenKind::String, start, start_line, start_ls);
        Ok(())
    }

    fn unterminated_string(&self, start: usize, start_line: u32, start_ls: usize, quote: u8, triple: bool) -> LexError {
        if let Some(f) = self.fstrings.last() {
            if f.quote == quote && f.triple == triple {
                return self.error_raw(SyntaxErrorKind::SyntaxError, "f-string: expecting '}'", start_line, start_ls, self.chars_before(start_ls, start) + 1, start_line, self.chars_before(start_ls, start) + 1);
            }
        }
        let detected = if self.pos >= self.src.len() && self.src.last() == Some(&b'\n') && !triple { self.line } else { self.line };
        let msg = if triple {
            format!("unterminated triple-quoted string literal (detected at line {})", detected)
        } else {
            format!("unterminated string literal (detected at line {})", detected)
        };
        let off = self.chars_before(start_ls, start) + 1;
        self.error_raw(SyntaxErrorKind::SyntaxError, msg, start_line, start_ls, off, start_line, off)
    }
}

/// Whether CPython's `str.isprintable()` would accept `ch` (approximation:
/// control, separator and format characters are not printable).
pub(crate) fn is_printable(ch: char) -> bool {
    if ch == ' ' {
        return true;
    }
    if ch.is_control() {
        return false;
    }
    let c = ch as u32;
    // Separators (Zs, Zl, Zp), format characters (Cf) and private use (Co).
    let excluded = matches!(
        c,
        0xA0 | 0x1680
            | 0x2000..=0x200F
            | 0x2028..=0x202F
            | 0x205F..=0x2064
            | 0x2066..=0x206F
            | 0x3000
            | 0xAD
            | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x890..=0x891
            | 0x8E2
            | 0x180E
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
            | 0xE000..=0xF8FF
            | 0xF0000..=0x10FFFF
    );
    if excluded {
        return false;
    }
    // Unassigned code points (Cn) have no name.
    unicode_names2::name(ch).is_some()
}

/// Tokenizes `source` into CPython's token stream.
pub fn tokenize_with_error(source: &str) -> (Vec<Token>, Option<LexError>) {
    Lexer::new(source).run()
}

/// [`tokenize_with_error`] appending to `buffer` (cleared first), so a caller
/// that tokenizes many sources reuses one allocation.
/// The parser's tokens leave out COMMENT and NL (`keep_trivia` false).
pub(crate) fn tokenize_into(source: &str, mut buffer: Vec<Token>, keep_trivia: bool) -> (Vec<Token>, Option<LexError>) {
    buffer.clear();
    buffer.reserve(source.len() / 4 + 16);
    let mut lexer = Lexer::new_empty(source);
    lexer.tokens = buffer;
    lexer.keep_trivia = keep_trivia;
    lexer.run()
}
