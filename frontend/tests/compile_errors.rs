//! Symbol-table and compiler errors: every case in `golden/compile_errors.txt`
//! (snippet, then CPython 3.12.1's message and location, made by
//! `golden/gen_compile_errors.py`) must give the same SyntaxError.

use egret_frontend::{ast::Mode, compile_source, CompileOptions};

#[test]
fn compile_errors_match_cpython() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/compile_errors.txt");
    let data = std::fs::read_to_string(path).expect("golden file");
    let mut failures = Vec::new();
    let mut count = 0;
    for case in data.split("=====\n") {
        let Some((src, expected)) = case.split_once("\n-----\n") else { continue };
        count += 1;
        let expected = expected.trim_end();
        let got = match compile_source(src.as_bytes(), "<case>", Mode::Exec, &CompileOptions::default()) {
            Ok(_) => "OK".to_string(),
            Err(e) => {
                let end = if e.end_offset == 0 { "None".to_string() } else { e.end_offset.to_string() };
                format!("{} | {} | {} | {} | {}", e.msg, e.lineno, e.offset, e.end_lineno, end)
            }
        };
        if got != expected {
            failures.push(format!("{src:?}\n   expected: {expected}\n   got:      {got}"));
        }
    }
    assert!(count >= 60, "too few cases: {count}");
    assert!(failures.is_empty(), "{} of {count} cases differ:\n{}", failures.len(), failures.join("\n"));
}
