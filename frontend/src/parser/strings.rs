//! String literals: prefixes, escape decoding (str and bytes, `\N{NAME}`
//! via the Unicode name table), implicit concatenation, and f-strings built
//! from FSTRING_START / FSTRING_MIDDLE / replacement fields / FSTRING_END
//! into `JoinedStr` / `FormattedValue` nodes (with the `=` debug text).

use super::expression::mk;
use super::{PResult, Parser};
use crate::ast::*;
use crate::token::{Token, TokenKind as T};

/// One decoded piece of a string concatenation.
enum Piece {
    /// Literal text and the span of the tokens it came from.
    Str(String, Range),
    Value(Expr),
}

/// The prefix flags of a string token.
struct Prefix {
    bytes: bool,
    raw: bool,
    u: bool,
    len: usize,
}

fn prefix_of(text: &str) -> Prefix {
    let mut p = Prefix { bytes: false, raw: false, u: false, len: 0 };
    for b in text.bytes() {
        match b {
            b'b' | b'B' => p.bytes = true,
            b'r' | b'R' => p.raw = true,
            b'u' | b'U' => p.u = true,
            b'f' | b'F' => {}
            _ => break,
        }
        p.len += 1;
    }
    p
}

/// An escape-decoding failure: message and the byte span within the body.
pub(crate) struct EscapeError {
    pub msg: String,
}

/// Decodes the escapes of a (non-raw) str literal body.
pub(crate) fn decode_str_escapes(body: &str) -> Result<String, EscapeError> {
    if !body.contains('\\') {
        return Ok(body.to_string());
    }
    let b = body.as_bytes();
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'\\' {
            let ch = body[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
            continue;
        }
        let start = i;
        i += 1;
        if i >= b.len() {
            return Err(EscapeError { msg: format!("(unicode error) 'unicodeescape' codec can't decode byte 0x5c in position {}: \\ at end of string", start) });
        }
        let e = b[i];
        i += 1;
        match e {
            b'\n' => {}
            b'\\' => out.push('\\'),
            b'\'' => out.push('\''),
            b'"' => out.push('"'),
            b'a' => out.push('\x07'),
            b'b' => out.push('\x08'),
            b'f' => out.push('\x0c'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'v' => out.push('\x0b'),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            b'x' | b'u' | b'U' => {
                let (n, name) = match e {
                    b'x' => (2, "\\xXX"),
                    b'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let mut v: u32 = 0;
                let mut k = 0;
                while k < n && i < b.len() && b[i].is_ascii_hexdigit() {
                    v = v * 16 + (b[i] as char).to_digit(16).unwrap();
                    i += 1;
                    k += 1;
                }
                if k < n {
                    return Err(EscapeError { msg: format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: truncated {} escape", start, i - 1, name) });
                }
                // Lone surrogates are kept as their stand-ins (crate::surrogates).
                match crate::surrogates::char_for_code_point(v) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(EscapeError { msg: format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: illegal Unicode character", start, i - 1) });
                    }
                }
            }
            b'N' => {
                let fail = |end: usize| EscapeError { msg: format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: malformed \\N character escape", start, end) };
                if i >= b.len() || b[i] != b'{' {
                    return Err(fail(i.saturating_sub(1)));
                }
                let close = body[i..].find('}').map(|k| i + k);
                let Some(close) = close else { return Err(fail(b.len() - 1)) };
                let name = &body[i + 1..close];
                if name.is_empty() {
                    return Err(fail(close));
                }
                match lookup_unicode_name(name) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(EscapeError { msg: format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: unknown Unicode character name", start, close) });
                    }
                }
                i = close + 1;
            }
            _ => {
                // Invalid escape: kept as is (CPython warns).
                out.push('\\');
                i -= 1;
            }
        }
    }
    Ok(out)
}

fn lookup_unicode_name(name: &str) -> Option<char> {
    if let Some(c) = unicode_names2::character(name) {
        return Some(c);
    }
    // Named sequences and aliases the table may miss are not supported.
    None
}

/// Decodes a bytes literal body (non-raw).
pub(crate) fn decode_bytes_escapes(body: &[u8]) -> Result<Vec<u8>, EscapeError> {
    let b = body;
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if i >= b.len() {
            return Err(EscapeError { msg: "(value error) Trailing \\ in string".into() });
        }
        let e = b[i];
        i += 1;
        match e {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => {
                if i + 1 < b.len() + 0 && b[i].is_ascii_hexdigit() && b.get(i + 1).is_some_and(|d| d.is_ascii_hexdigit()) {
                    let v = (b[i] as char).to_digit(16).unwrap() * 16 + (b[i + 1] as char).to_digit(16).unwrap();
                    out.push(v as u8);
                    i += 2;
                } else {
                    return Err(EscapeError { msg: format!("(value error) invalid \\x escape at position {}", start) });
                }
            }
            _ => {
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    Ok(out)
}

impl<'a> Parser<'a> {
    /// One or more adjacent string / bytes / f-string literals.
    pub(crate) fn parse_strings(&mut self) -> PResult<Expr> {
        let first = *self.tok();
        // Fast path: one plain string literal without escapes (most strings)
        // goes straight from the source to its shared constant.
        if first.kind == T::String && !matches!(self.peek_at(1), T::String | T::FStringStart) {
            let text = self.text(&first);
            let p = prefix_of(text);
            if !p.bytes && !p.u {
                let q = text.as_bytes()[p.len];
                let qlen = if text.len() >= p.len + 6 && text.as_bytes()[p.len + 1] == q && text.as_bytes()[p.len + 2] == q { 3 } else { 1 };
                let body = &text[p.len + qlen..text.len() - qlen];
                if p.raw || !body.contains('\\') {
                    self.bump();
                    return Ok(mk(Parser::tok_range(&first), ExprKind::Constant { value: Constant::Str(body.into()), kind: None }));
                }
            }
        }
        let mut pieces: Vec<Piece> = Vec::new();
        let mut bytes_val: Vec<u8> = Vec::new();
        let mut saw_bytes = false;
        let mut saw_str = false;
        let mut saw_f = false;
        let mut kind_u = None;
        let mut count = 0;
        loop {
            match self.peek() {
                T::String => {
                    let t = self.bump();
                    let text = self.text(&t);
                    let p = prefix_of(text);
                    if count == 0 && p.u {
                        kind_u = Some("u".to_string());
                    }
                    let q = text.as_bytes()[p.len];
                    let qlen = if text.len() >= p.len + 6 && text.as_bytes()[p.len + 1] == q && text.as_bytes()[p.len + 2] == q { 3 } else { 1 };
                    let body = &text[p.len + qlen..text.len() - qlen];
                    if p.bytes {
                        saw_bytes = true;
                        if let Some(bad) = body.bytes().position(|c| c >= 0x80) {
                            let _ = bad;
                            return Err(self.error_at_token("bytes can only contain ASCII literal characters", &t));
                        }
                        if p.raw {
                            bytes_val.extend_from_slice(body.as_bytes());
                        } else {
                            match decode_bytes_escapes(body.as_bytes()) {
                                Ok(v) => bytes_val.extend_from_slice(&v),
                                Err(e) => return self.err(e.msg, Parser::tok_range(&t)),
                            }
                        }
                    } else {
                        saw_str = true;
                        let s = if p.raw {
                            body.to_string()
                        } else {
                            match decode_str_escapes(body) {
                                Ok(s) => s,
                                Err(e) => return self.err(e.msg, Parser::tok_range(&t)),
                            }
                        };
                        push_str(&mut pieces, s, Parser::tok_range(&t));
                    }
                }
                T::FStringStart => {
                    saw_f = true;
                    saw_str = true;
                    self.parse_fstring(&mut pieces)?;
                }
                _ => break,
            }
            count += 1;
        }
        let last = *self.prev();
        let range = Range::new(first.line, first.col, last.end_line, last.end_col);
        if saw_bytes && saw_str {
            self.peek();
            let t = *self.tok();
            return Err(self.error_at_token("cannot mix bytes and nonbytes literals", &t));
        }
        if saw_bytes {
            return Ok(mk(range, ExprKind::Constant { value: Constant::Bytes(bytes_val), kind: None }));
        }
        if !saw_f {
            let s = match pieces.pop() {
                Some(Piece::Str(s, _)) => s,
                _ => String::new(),
            };
            return Ok(mk(range, ExprKind::Constant { value: Constant::Str(s.into()), kind: kind_u }));
        }
        let values = pieces
            .into_iter()
            .filter_map(|p| match p {
                Piece::Str(s, _) if s.is_empty() => None,
                Piece::Str(s, r) => Some(mk(r, ExprKind::Constant { value: Constant::Str(s.into()), kind: None })),
                Piece::Value(e) => Some(e),
            })
            .collect();
        Ok(mk(range, ExprKind::JoinedStr(values)))
    }

    /// One f-string (FSTRING_START ... FSTRING_END), appending its pieces.
    fn parse_fstring(&mut self, pieces: &mut Vec<Piece>) -> PResult<()> {
        let start = self.bump();
        let raw = prefix_of(self.text(&start)).raw;
        loop {
            match self.peek() {
                T::FStringMiddle => {
                    let t = self.bump();
                    let s = self.decode_middle(&t, raw)?;
                    let mut r = Parser::tok_range(&t);
                    // A doubled brace ends the token after the first brace; the
                    // constant's range covers the skipped second one.
                    let b = self.src.as_bytes();
                    if t.end > t.start && matches!(b.get(t.end as usize), Some(b'{') | Some(b'}')) && b.get(t.end as usize) == b.get(t.end as usize - 1) {
                        r.end_col += 1;
                    }
                    push_str(pieces, s, r);
                }
                T::LBrace => {
                    self.parse_replacement_field(pieces, raw)?;
                }
                T::FStringEnd => {
                    self.bump();
                    return Ok(());
                }
                _ => return Err(self.invalid_syntax()),
            }
        }
    }

    fn decode_middle(&self, t: &Token, raw: bool) -> PResult<String> {
        let text = self.text(t);
        if raw {
            return Ok(text.to_string());
        }
        decode_str_escapes(text).map_err(|e| self.error_at_token(e.msg, t))
    }

    fn parse_replacement_field(&mut self, pieces: &mut Vec<Piece>, raw: bool) -> PResult<()> {
        let open = self.bump();
        self.enter()?;
        let expr_start = self.tok().start as usize;
        if matches!(self.peek(), T::RBrace | T::Exclamation | T::Colon | T::Equal) {
            let t = *self.tok();
            let what = self.text(&t).to_string();
            self.leave();
            return Err(self.error_at_token(format!("f-string: valid expression required before '{}'", what), &t));
        }
        self.fstring_fields += 1;
        let value = if self.at(T::Yield) { self.parse_yield() } else { self.parse_star_expressions() };
        self.fstring_fields -= 1;
        let value = value?;
        let mut conversion = -1;
        let mut debug_text = None;
        if self.at(T::Equal) {
            self.bump();
            let text_start = open.end as usize;
            // The text runs up to the next token (`!`, `:` or `}`), spaces included.
            self.peek();
            let next = *self.tok();
            let next_start = next.start as usize;
            debug_text = Some((strip_comments(&self.src[text_start..next_start]), Range::new(open.end_line, open.end_col, next.line, next.col)));
            let _ = expr_start;
        }
        if self.at(T::Exclamation) {
            let bang = self.bump();
            if self.at(T::Name) && self.tok().start != bang.end {
                let n = *self.tok();
                self.leave();
                return self.err("f-string: conversion type must come right after the exclamanation mark", Range::new(bang.line, bang.col, n.end_line, n.end_col));
            }
            if !self.at(T::Name) {
                let t = *self.tok();
                self.leave();
                if matches!(t.kind, T::RBrace | T::Colon | T::FStringEnd) || t.start != bang.end {
                    return Err(self.error_at_token("f-string: missing conversion character", &t));
                }
                return Err(self.error_at_token("f-string: invalid conversion character: expected 's', 'r', or 'a'", &t));
            }
            let n = self.bump();
            let name = self.text(&n);
            conversion = match name {
                "s" => 's' as i32,
                "r" => 'r' as i32,
                "a" => 'a' as i32,
                _ => {
                    self.leave();
                    return self.err(format!("f-string: invalid conversion character '{}': expected 's', 'r', or 'a'", name), Parser::tok_range(&n));
                }
            };
        }
        if conversion != -1 && !matches!(self.peek(), T::Colon | T::RBrace) {
            let t = *self.tok();
            self.leave();
            return Err(self.error_at_token("f-string: expecting ':' or '}'", &t));
        }
        let mut format_spec = None;
        if self.at(T::Colon) {
            let colon = self.bump();
            // Every FSTRING_MIDDLE of a spec is its own Constant (even an empty
            // one after a nested field); a spec that is one empty string is [].
            let mut values: Vec<Expr> = Vec::new();
            loop {
                match self.peek() {
                    T::FStringMiddle => {
                        let t = self.bump();
                        let s = self.decode_middle(&t, raw)?;
                        values.push(mk(Parser::tok_range(&t), ExprKind::Constant { value: Constant::Str(s.into()), kind: None }));
                    }
                    T::LBrace => {
                        let mut one: Vec<Piece> = Vec::new();
                        self.parse_replacement_field(&mut one, raw)?;
                        for p in one {
                            match p {
                                Piece::Str(s, r) => values.push(mk(r, ExprKind::Constant { value: Constant::Str(s.into()), kind: None })),
                                Piece::Value(e) => values.push(e),
                            }
                        }
                    }
                    _ => break,
                }
            }
            if values.len() == 1 && matches!(&values[0].kind, ExprKind::Constant { value: Constant::Str(s), .. } if s.is_empty()) {
                values.clear();
            }
            let end = *self.prev();
            let r = Range::new(colon.line, colon.col, end.end_line, end.end_col);
            format_spec = Some(NodeBox::new(mk(r, ExprKind::JoinedStr(values))));
        }
        if !self.at(T::RBrace) {
            let t = *self.tok();
            self.leave();
            if format_spec.is_some() {
                return Err(self.error_at_token("f-string: expecting '}', or format specs", &t));
            }
            if let Some(e) = self.forgot_comma(&value) {
                return Err(e);
            }
            if matches!(t.kind, T::FStringEnd | T::FStringMiddle) {
                return Err(self.error_at_token("f-string: expecting '}'", &t));
            }
            return Err(self.invalid_syntax());
        }
        let close = self.bump();
        self.leave();
        if let Some((d, r)) = debug_text {
            push_str(pieces, d, r);
            if conversion == -1 && format_spec.is_none() {
                conversion = 'r' as i32;
            }
        }
        let r = Range::new(open.line, open.col, close.end_line, close.end_col);
        pieces.push(Piece::Value(mk(r, ExprKind::FormattedValue { value: NodeBox::new(value), conversion, format_spec })));
        Ok(())
    }
}

/// Removes `# comments` (outside string literals) from an `=` debug text, as CPython does.
fn strip_comments(text: &str) -> String {
    if !text.contains('#') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut quote: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                } else if c == q {
                    quote = None;
                }
            }
            None => {
                if c == '#' {
                    while chars.peek().is_some_and(|&n| n != '\n') {
                        chars.next();
                    }
                    continue;
                }
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

fn push_str(pieces: &mut Vec<Piece>, s: String, r: Range) {
    if let Some(Piece::Str(last, lr)) = pieces.last_mut() {
        last.push_str(&s);
        lr.end_line = r.end_line;
        lr.end_col = r.end_col;
    } else {
        pieces.push(Piece::Str(s, r));
    }
}
