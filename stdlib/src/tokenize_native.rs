//! The `_tokenize` native module: the frontend's lexer (CPython 3.12's
//! token stream, PEP 701 f-string tokens included) exposed to
//! `lib/tokenize.py`. `tokens(source)` returns `(tokens, error)`: each token
//! is `(type_name, string, (row, col), (end_row, end_col), line)` with
//! character columns as Python's tokenize module reports them, and `error`
//! is None or `(msg, lineno, offset)` for the lexer error that stopped it.

use egret_frontend::lexer::tokenize_with_error;
use egret_frontend::token::TokenKind;
use egret_vm::function::Args;
use egret_vm::value::Value;
use egret_vm::vm::Vm;
use egret_vm::PyResult;

/// Byte offsets where each physical line starts (line 1 is index 0).
fn line_starts(src: &str) -> Vec<usize> {
    let mut starts = vec![0];
    for (i, b) in src.bytes().enumerate() {
        if b == b'\n' {
            starts.push(i + 1);
        }
    }
    starts
}

/// The text of lines `first..=last` (1-based), newlines included.
fn lines_text<'a>(src: &'a str, starts: &[usize], first: u32, last: u32) -> &'a str {
    let first = first.max(1) as usize - 1;
    let last = last.max(1) as usize - 1;
    if first >= starts.len() {
        return "";
    }
    let from = starts[first];
    let to = starts.get(last + 1).copied().unwrap_or(src.len());
    &src[from..to.max(from)]
}

/// A UTF-8 byte column of a line as a character column.
fn char_col(src: &str, starts: &[usize], line: u32, byte_col: u32) -> usize {
    let idx = line.max(1) as usize - 1;
    let Some(&from) = starts.get(idx) else { return byte_col as usize };
    let to = (from + byte_col as usize).min(src.len());
    src.get(from..to).map_or(byte_col as usize, |s| s.chars().count())
}

fn type_name(kind: TokenKind) -> &'static str {
    if kind.is_operator() {
        return "OP";
    }
    kind.type_name()
}

/// `tokens(source)`: see the module documentation.
fn tokens(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let src = match args.pos() {
        [v] if !args.has_kwargs() => match v.as_str() {
            Some(s) => s.to_string(),
            None => return Err(vm.type_error(format!("tokens() argument must be str, not {}", vm.type_name(v)))),
        },
        p => return Err(vm.type_error(format!("tokens() takes exactly one argument ({} given)", p.len()))),
    };
    let (toks, err) = tokenize_with_error(&src);
    let starts = line_starts(&src);
    let mut out = Vec::with_capacity(toks.len());
    for t in &toks {
        let text = src.get(t.start as usize..t.end as usize).unwrap_or("");
        let line = match t.kind {
            TokenKind::EndMarker => "",
            _ => lines_text(&src, &starts, t.line, t.end_line),
        };
        let sc = char_col(&src, &starts, t.line, t.col);
        let ec = char_col(&src, &starts, t.end_line, t.end_col);
        let start = vm.new_pair(Value::Int(t.line as i64), Value::Int(sc as i64));
        let end = vm.new_pair(Value::Int(t.end_line as i64), Value::Int(ec as i64));
        let item = vec![vm.new_str(type_name(t.kind)), vm.new_str(text), start, end, vm.new_str(line)];
        out.push(vm.new_tuple(item));
    }
    let list = vm.new_list(out);
    let error = match err {
        None => Value::None,
        Some(e) => {
            let e = e.error;
            vm.new_tuple(vec![vm.new_str(e.msg.as_str()), Value::Int(e.lineno as i64), Value::Int(e.offset as i64)])
        }
    };
    Ok(vm.new_pair(list, error))
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_tokenize");
    vm.add_module_function(&m, "tokens", tokens);
    Ok(m)
}
