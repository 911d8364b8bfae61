//! Golden bytecode tests: each `golden/bytecode/NAME.py` is compiled and its
//! disassembly compared with `NAME.dis`. `EGRET_BLESS=1 cargo test -p
//! egret-frontend` rewrites the `.dis` files (review the diff before committing).

use egret_frontend::{ast::Mode, compile_source, CompileOptions};
use std::path::PathBuf;

#[test]
fn golden_disassembly() {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/bytecode"));
    let bless = std::env::var_os("EGRET_BLESS").is_some();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("golden dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    names.sort();
    assert!(names.len() >= 30, "expected at least 30 snippets, found {}", names.len());
    let mut failures = Vec::new();
    for py in &names {
        let src = std::fs::read(py).unwrap();
        let name = py.file_name().unwrap().to_string_lossy().to_string();
        let got = match compile_source(&src, &name, Mode::Exec, &CompileOptions::default()) {
            Ok(code) => code.disassemble(),
            Err(e) => format!("ERROR {}\n", e.render()),
        };
        let dis = py.with_extension("dis");
        if bless {
            std::fs::write(&dis, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&dis).unwrap_or_default();
        if expected != got {
            failures.push(format!("{name}: disassembly differs (EGRET_BLESS=1 to update)\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
