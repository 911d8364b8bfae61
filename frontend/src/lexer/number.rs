//! Number literals: decimal, hex, octal, binary, floats, imaginary, with
//! underscores, and CPython's exact error messages and columns.

use super::{is_id_char_byte, LexError, Lexer};
use crate::error::SyntaxErrorKind;
use crate::token::TokenKind;

impl<'a> Lexer<'a> {
    fn peek_at(&self, p: usize) -> u8 {
        self.src.get(p).copied().unwrap_or(0)
    }

    /// Reads digits with single underscores between them, starting at `p`
    /// (CPython's `tok_decimal_tail`). Returns the position after them.
    fn decimal_tail(&self, mut p: usize) -> Result<usize, LexError> {
        loop {
            while self.peek_at(p).is_ascii_digit() {
                p += 1;
            }
            if self.peek_at(p) != b'_' {
                return Ok(p);
            }
            if !self.peek_at(p + 1).is_ascii_digit() {
                return Err(self.error_at_cur("invalid decimal literal", p + 1));
            }
            p += 1;
        }
    }

    /// CPython's `verify_end_of_number`: a number may not run into a name,
    /// except for the keywords that can follow a number in valid code.
    fn verify_end_of_number(&self, p: usize, kind: &str) -> Result<(), LexError> {
        let rest = &self.src[p..];
        let c = self.peek_at(p);
        let kw = match c {
            b'a' => rest.starts_with(b"and"),
            b'e' => rest.starts_with(b"else"),
            b'f' => rest.starts_with(b"for"),
            b'i' => matches!(self.peek_at(p + 1), b'f' | b'n' | b's'),
            b'o' => rest.starts_with(b"or"),
            b'n' => rest.starts_with(b"not"),
            _ => false,
        };
        if !kw && c < 0x80 && is_id_char_byte(c) {
            return Err(self.error_at_cur(format!("invalid {} literal", kind), p));
        }
        Ok(())
    }

    pub(crate) fn lex_number(&mut self) -> Result<(), LexError> {
        let start = self.pos;
        let end = self.scan_number(start)?;
        self.pos = end;
        self.push_here(TokenKind::Number, start);
        Ok(())
    }

    fn scan_radix(&self, mut p: usize, is_digit: fn(u8) -> bool, name: &str) -> Result<usize, LexError> {
        // `p` is after the `0x`/`0o`/`0b`.
        loop {
            if self.peek_at(p) == b'_' {
                p += 1;
            }
            let c = self.peek_at(p);
            if !is_digit(c) {
                if name != "hexadecimal" && c.is_ascii_digit() {
                    return Err(self.error_at_cur(format!("invalid digit '{}' in {} literal", c as char, name), p + 1));
                }
                return Err(self.error_at_cur(format!("invalid {} literal", name), p));
            }
            while is_digit(self.peek_at(p)) {
                p += 1;
            }
            if self.peek_at(p) != b'_' {
                break;
            }
        }
        let c = self.peek_at(p);
        if name != "hexadecimal" && c.is_ascii_digit() {
            return Err(self.error_at_cur(format!("invalid digit '{}' in {} literal", c as char, name), p + 1));
        }
        self.verify_end_of_number(p, name)?;
        Ok(p)
    }

    fn scan_number(&self, start: usize) -> Result<usize, LexError> {
        let mut p = start;
        let c = self.peek_at(p);
        if c == b'.' {
            return self.scan_fraction(p + 1);
        }
        if c == b'0' {
            p += 1;
            match self.peek_at(p) {
                b'x' | b'X' => return self.scan_radix(p + 1, |c| c.is_ascii_hexdigit(), "hexadecimal"),
                b'o' | b'O' => return self.scan_radix(p + 1, |c| (b'0'..=b'7').contains(&c), "octal"),
                b'b' | b'B' => return self.scan_radix(p + 1, |c| c == b'0' || c == b'1', "binary"),
                _ => {}
            }
            // Zeros, possibly with underscores.
            loop {
                if self.peek_at(p) == b'_' {
                    p += 1;
                    if !self.peek_at(p).is_ascii_digit() {
                        return Err(self.error_at_cur("invalid decimal literal", p));
                    }
                }
                if self.peek_at(p) != b'0' {
                    break;
                }
                p += 1;
            }
            let mut nonzero = false;
            let zeros_end = p + 1;
            if self.peek_at(p).is_ascii_digit() {
                nonzero = true;
                p = self.decimal_tail(p)?;
            }
            match self.peek_at(p) {
                b'.' => return self.scan_fraction(p + 1),
                b'e' | b'E' => return self.scan_exponent(p),
                b'j' | b'J' => return self.scan_imaginary(p),
                _ => {}
            }
            if nonzero {
                let off = self.chars_before(self.line_start, start) + 1;
                let end = self.chars_before(self.line_start, zeros_end.min(self.src.len()));
                return Err(self.error_raw(
                    SyntaxErrorKind::SyntaxError,
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    self.line,
                    self.line_start,
                    off,
                    self.line,
                    end,
                ));
            }
            self.verify_end_of_number(p, "decimal")?;
            return Ok(p);
        }
        p = self.decimal_tail(p)?;
        match self.peek_at(p) {
            b'.' => self.scan_fraction(p + 1),
            b'e' | b'E' => self.scan_exponent(p),
            b'j' | b'J' => self.scan_imaginary(p),
            _ => {
                self.verify_end_of_number(p, "decimal")?;
                Ok(p)
            }
        }
    }

    /// After the `.` of a float.
    fn scan_fraction(&self, mut p: usize) -> Result<usize, LexError> {
        if self.peek_at(p).is_ascii_digit() {
            p = self.decimal_tail(p)?;
        }
        match self.peek_at(p) {
            b'e' | b'E' => self.scan_exponent(p),
            b'j' | b'J' => self.scan_imaginary(p),
            _ => {
                self.verify_end_of_number(p, "decimal")?;
                Ok(p)
            }
        }
    }

    /// At the `e` of an exponent.
    fn scan_exponent(&self, e: usize) -> Result<usize, LexError> {
        let mut p = e + 1;
        let c = self.peek_at(p);
        if c == b'+' || c == b'-' {
            p += 1;
            if !self.peek_at(p).is_ascii_digit() {
                return Err(self.error_at_cur("invalid decimal literal", p));
            }
        } else if !c.is_ascii_digit() {
            // `1else`: the number ends before the `e`.
            self.verify_end_of_number(e, "decimal")?;
            return Ok(e);
        }
        p = self.decimal_tail(p)?;
        if matches!(self.peek_at(p), b'j' | b'J') {
            return self.scan_imaginary(p);
        }
        self.verify_end_of_number(p, "decimal")?;
        Ok(p)
    }

    fn scan_imaginary(&self, j: usize) -> Result<usize, LexError> {
        self.verify_end_of_number(j + 1, "imaginary")?;
        Ok(j + 1)
    }
}
