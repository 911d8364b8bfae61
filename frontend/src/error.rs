//! Compile-time errors: `SyntaxError`, `IndentationError`, `TabError`.
//!
//! Lexical, parse and symbol-table errors all end up as a [`SyntaxError`]
//! carrying exactly what CPython's exception carries (`msg`, `filename`,
//! `lineno`, `offset`, `end_lineno`, `end_offset`, `text`), so the VM can turn
//! it into the Python exception object and print it the way CPython does.

use std::fmt;

/// Which Python exception class the error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// Source nested too deeply for the parser: CPython 3.12 raises
    /// `MemoryError("Parser stack overflowed - Python source too complex to parse")`
    /// (a plain MemoryError, without location).
    MemoryError,
}

impl SyntaxErrorKind {
    pub fn class_name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
            SyntaxErrorKind::MemoryError => "MemoryError",
        }
    }
}

/// A compile-time error, with CPython's fields. `offset`/`end_offset` are
/// 1-based *character* columns as in CPython's `SyntaxError` (0 = unknown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub filename: String,
    pub lineno: u32,
    pub offset: u32,
    pub end_lineno: u32,
    pub end_offset: u32,
    /// The offending source line (with its newline), when known.
    pub text: Option<String>,
}

impl SyntaxError {
    pub fn new(kind: SyntaxErrorKind, msg: impl Into<String>) -> SyntaxError {
        SyntaxError {
            kind,
            msg: msg.into(),
            filename: String::new(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
            text: None,
        }
    }

    /// The report CPython prints for an uncaught SyntaxError (without a
    /// traceback header): `  File "f.py", line 3`, the source line, the carets,
    /// and `SyntaxError: msg`.
    pub fn render(&self) -> String {
        if self.kind == SyntaxErrorKind::MemoryError {
            return format!("MemoryError: {}\n", self.msg);
        }
        let mut out = String::new();
        out.push_str(&format!("  File \"{}\", line {}\n", self.filename, self.lineno));
        if let Some(text) = &self.text {
            let line = text.trim_end_matches(['\n', '\r']);
            let trimmed = line.trim_start_matches([' ', '\t', '\x0c']);
            let indent = line.chars().count() - trimmed.chars().count();
            if !trimmed.is_empty() {
                out.push_str("    ");
                out.push_str(trimmed);
                out.push('\n');
                if self.offset > 0 {
                    let start = (self.offset as usize).saturating_sub(1).saturating_sub(indent);
                    let end = if self.end_lineno == self.lineno && self.end_offset > self.offset {
                        (self.end_offset as usize).saturating_sub(1).saturating_sub(indent)
                    } else {
                        start + 1
                    };
                    let width = trimmed.chars().count();
                    let start = start.min(width);
                    let end = end.max(start + 1).min(width.max(start + 1));
                    out.push_str("    ");
                    out.push_str(&" ".repeat(start));
                    out.push_str(&"^".repeat(end - start));
                    out.push('\n');
                }
            }
        }
        out.push_str(&format!("{}: {}\n", self.kind.class_name(), self.msg));
        out
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}, line {})", self.msg, self.filename, self.lineno)
    }
}

impl std::error::Error for SyntaxError {}
