//! Golden tests: token streams, AST dumps and syntax errors compared with
//! what CPython 3.12.1 produces (expected files made by `golden/oracle.py`;
//! `EGRET_BLESS=1 cargo test -p egret-frontend --test golden` rewrites them
//! by running the oracle `PYENV_VERSION=3.12.1 python3`).

use egret_frontend::token::TokenKind;
use egret_frontend::{dump_module, parse_module, tokenize};
use std::path::{Path, PathBuf};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn bless() -> bool {
    std::env::var("EGRET_BLESS").is_ok_and(|v| v == "1")
}

fn oracle(kind: &str, file: &Path) -> String {
    let out = std::process::Command::new("python3")
        .env("PYENV_VERSION", "3.12.1")
        .arg(golden_dir().join("oracle.py"))
        .arg(kind)
        .arg(file)
        .output()
        .expect("running the oracle");
    assert!(out.status.success(), "oracle failed on {}: {}", file.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn files(sub: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(golden_dir().join(sub)).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == ext)).collect();
    v.sort();
    v
}

/// Runs `f` on a thread with a big stack (deeply nested snippets).
fn big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(256 << 20).spawn(f).unwrap().join().unwrap()
}

/// Compares each input with its expected file; returns the failures.
fn run_golden(sub: &str, ext: &str, kind: &str, expected_ext: &str, actual: fn(&str) -> String) {
    let mut failures = Vec::new();
    let mut count = 0;
    for f in files(sub, ext) {
        let exp_path = f.with_extension(expected_ext);
        if bless() {
            std::fs::write(&exp_path, oracle(kind, &f)).unwrap();
        }
        let src = std::fs::read_to_string(&f).unwrap();
        let expected = std::fs::read_to_string(&exp_path).unwrap_or_default();
        let got = big_stack(move || actual(&src));
        count += 1;
        if got != expected {
            let (e, g): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), got.lines().collect());
            let mut detail = String::new();
            let mut shown = 0;
            for i in 0..e.len().max(g.len()) {
                let (a, b) = (e.get(i).copied().unwrap_or("<none>"), g.get(i).copied().unwrap_or("<none>"));
                if a != b && shown < 40 {
                    detail.push_str(&format!("\n line {}:\n  expected: {}\n  got:      {}", i + 1, a, b));
                    shown += 1;
                }
            }
            failures.push(format!("{}: {}", f.display(), detail));
        }
    }
    assert!(count > 0, "no golden files in {}", sub);
    assert!(failures.is_empty(), "{} of {} {} goldens differ:\n{}", failures.len(), count, sub, failures.join("\n"));
}

fn token_text(src: &str) -> String {
    // Python's tokenize module columns are in characters.
    let line_starts: Vec<usize> = std::iter::once(0).chain(src.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let char_col = |line: u32, col: u32| -> usize {
        let Some(&s) = line_starts.get(line as usize - 1) else { return col as usize };
        let e = (s + col as usize).min(src.len());
        src.get(s..e).map(|t| t.chars().count()).unwrap_or(col as usize) + (s + col as usize - e)
    };
    let mut out = String::new();
    match tokenize(src) {
        Ok(toks) => {
            for t in toks {
                let text = match t.kind {
                    TokenKind::Newline | TokenKind::Nl if t.start == t.end => String::new(),
                    TokenKind::EndMarker | TokenKind::Dedent => String::new(),
                    _ => t.text(src).to_string(),
                };
                out.push_str(&format!(
                    "{},{}-{},{}: {} {}\n",
                    t.line,
                    char_col(t.line, t.col),
                    t.end_line,
                    char_col(t.end_line, t.end_col),
                    if t.text(src) == "<>" { "OP" } else { t.kind.type_name() },
                    egret_frontend::ast_dump::repr_str(&text)
                ));
            }
        }
        Err(e) => out.push_str(&format!("error: {}\n", e.msg)),
    }
    out
}

fn ast_text(src: &str) -> String {
    match parse_module(src, "f.py") {
        Ok(m) => dump_module(&m) + "\n",
        Err(e) => format!("error: {} ({}, {})\n", e.msg, e.lineno, e.offset),
    }
}

fn errors_text(src: &str) -> String {
    let mut out = String::new();
    for case in src.split("\n----\n") {
        match parse_module(case, "f.py") {
            Ok(_) => out.push_str("OK\n"),
            Err(e) => out.push_str(&format!("{}: {} ({}, {}, {}, {})\n", e.kind.class_name(), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)),
        }
    }
    out
}

#[test]
fn golden_tokens() {
    run_golden("tokens", "py", "tokens", "tokens", token_text);
}

#[test]
fn golden_ast() {
    run_golden("ast", "py", "ast", "ast", ast_text);
}

#[test]
fn golden_syntax_errors() {
    run_golden("syntax_errors", "txt", "errors", "expected", errors_text);
}

fn mode_text(src: &str, eval: bool) -> String {
    let mut out = String::new();
    for case in src.split("\n----\n") {
        let r = if eval {
            egret_frontend::parse_expression(case, "f.py").map(|e| egret_frontend::ast_dump::dump_expression_mode(&e))
        } else {
            egret_frontend::parse_interactive(case, "f.py").map(|m| egret_frontend::ast_dump::dump_interactive(&m))
        };
        match r {
            Ok(d) => out.push_str(&(d + "\n")),
            Err(e) => out.push_str(&format!("{}: {} ({}, {}, {}, {})\n", e.kind.class_name(), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)),
        }
    }
    out
}

#[test]
fn golden_eval_mode() {
    run_golden("modes", "eval", "eval", "eval_expected", |s| mode_text(s, true));
}

#[test]
fn golden_single_mode() {
    run_golden("modes", "single", "single", "single_expected", |s| mode_text(s, false));
}

#[test]
fn golden_ast_positions() {
    run_golden("ast", "py", "positions", "positions", |src| match parse_module(src, "f.py") {
        Ok(m) => egret_frontend::ast_dump::dump_module_with_positions(&m) + "\n",
        Err(e) => format!("error: {} ({}, {})\n", e.msg, e.lineno, e.offset),
    });
}
