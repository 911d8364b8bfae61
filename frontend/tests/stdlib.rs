//! Parses every `.py` file of CPython 3.12.1's standard library (when the
//! oracle's stdlib directory exists) and checks that parsing succeeds exactly
//! for the files CPython's parser accepts (`golden/stdlib_rejected.txt`, made
//! with `compile(..., flags=ast.PyCF_ONLY_AST)`).
//!
//! With `EGRET_STDLIB_AST_DIR=DIR` (a tree of `ast.dump` outputs made by
//! `golden/dump_stdlib_ast.py DIR`), also compares every AST dump; with
//! `EGRET_STDLIB_POSITIONS=1` (and a DIR made with `--positions`) the dumps
//! include every node's position.
//! Run in release mode: `cargo test --release -p egret-frontend --test stdlib -- --nocapture`.

use egret_frontend::{decode_source, dump_module, parse_module};
use egret_frontend::ast_dump::dump_module_with_positions;
use std::path::{Path, PathBuf};

fn stdlib_dir() -> Option<PathBuf> {
    let out = std::process::Command::new("python3")
        .env("PYENV_VERSION", "3.12.1")
        .args(["-c", "import sys, sysconfig; assert sys.version_info[:3] == (3, 12, 1); print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let p = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    p.is_dir().then_some(p)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

#[test]
fn parse_whole_stdlib() {
    let Some(root) = stdlib_dir() else {
        eprintln!("CPython 3.12.1 stdlib not found; skipping");
        return;
    };
    let rejected: std::collections::HashSet<String> =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/stdlib_rejected.txt")).unwrap().lines().map(|s| s.to_string()).collect();
    let ast_dir = std::env::var("EGRET_STDLIB_AST_DIR").ok().map(PathBuf::from);
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let root2 = root.clone();
    let compare_ast = ast_dir.is_some();
    let (ok, mismatches, ast_diffs, total_bytes, elapsed) = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut ok = 0;
            let mut mismatches = Vec::new();
            let mut ast_diffs = Vec::new();
            let mut total_bytes = 0;
            let mut elapsed = std::time::Duration::ZERO;
            for f in &files {
                let rel = f.strip_prefix(&root2).unwrap().to_string_lossy().into_owned();
                let bytes = std::fs::read(f).unwrap();
                total_bytes += bytes.len();
                let t0 = std::time::Instant::now();
                let result = decode_source(&bytes, &rel).and_then(|src| parse_module(&src, &rel).map(|m| (m, src)));
                elapsed += t0.elapsed();
                let expect_ok = !rejected.contains(&rel);
                match (&result, expect_ok) {
                    (Ok((m, _)), true) => {
                        ok += 1;
                        if let Some(dir) = &ast_dir {
                            let exp = std::fs::read_to_string(dir.join(format!("{}.ast", rel))).unwrap_or_default();
                            let got = if std::env::var("EGRET_STDLIB_POSITIONS").is_ok() { dump_module_with_positions(m) } else { dump_module(m) } + "\n";
                            if exp != got {
                                let i = exp.bytes().zip(got.bytes()).position(|(a, b)| a != b).unwrap_or(0);
                                let lo = exp.floor_char_boundary(i.saturating_sub(80));
                                let ctx = |s: &str| s.get(lo..s.floor_char_boundary((i + 60).min(s.len()))).unwrap_or("").to_string();
                                ast_diffs.push(format!("{}\n    expected: {}\n    got:      {}", rel, ctx(&exp), ctx(&got)));
                            }
                        }
                    }
                    (Err(_), false) => ok += 1,
                    (Ok(_), false) => mismatches.push(format!("{}: parsed but CPython rejects it", rel)),
                    (Err(e), true) => mismatches.push(format!("{}: {} (line {}, offset {})", rel, e.msg, e.lineno, e.offset)),
                }
            }
            (ok, mismatches, ast_diffs, total_bytes, elapsed)
        })
        .unwrap()
        .join()
        .unwrap();
    eprintln!(
        "stdlib: {} of {} files agree with CPython; {} MB decoded+parsed in {:?}",
        ok,
        ok + mismatches.len(),
        total_bytes / 1_000_000,
        elapsed
    );
    if compare_ast {
        eprintln!("AST dumps differing: {}", ast_diffs.len());
        for d in ast_diffs.iter().take(100) {
            eprintln!("  {}", d);
        }
    }
    assert!(mismatches.is_empty(), "{} files disagree:\n{}", mismatches.len(), mismatches.join("\n"));
    assert!(ast_diffs.is_empty(), "{} AST dumps differ", ast_diffs.len());
    let _ = root;
}

/// Snippets where Egret's error is known to differ from CPython's.
const KNOWN_ERROR_DIFFERENCES: &[&str] = &[
    // CPython reports the first-pass failure point of a call whose
    // positional argument follows a keyword one.
    "dict(x=34, (x for x in range 10), 1); x $ y",
];

/// Every syntax-error example of CPython's own test suite (collected from the
/// installed Lib/test at test time) gives the same message and location.
#[test]
fn cpython_test_suite_syntax_errors() {
    if stdlib_dir().is_none() {
        eprintln!("CPython 3.12.1 not found; skipping");
        return;
    }
    let out = std::process::Command::new("python3")
        .env("PYENV_VERSION", "3.12.1")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/cpython_error_cases.py"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let cases = parse_json_pairs(&text);
    assert!(cases.len() > 300, "only {} cases", cases.len());
    let results = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut diffs = Vec::new();
            for (src, expected) in &cases {
                let got = match parse_module(src, "f.py") {
                    Ok(_) => "OK".to_string(),
                    Err(e) => format!("{}: {} ({}, {}, {}, {})", e.kind.class_name(), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset),
                };
                if &got != expected && !KNOWN_ERROR_DIFFERENCES.contains(&src.as_str()) {
                    diffs.push(format!("{:?}\n  expected: {}\n  got:      {}", src, expected, got));
                }
            }
            (cases.len(), diffs)
        })
        .unwrap()
        .join()
        .unwrap();
    eprintln!("CPython test-suite snippets: {} of {} agree", results.0 - results.1.len(), results.0);
    assert!(results.1.is_empty(), "{}", results.1.join("\n"));
}

/// A minimal reader for the `[[str, str], ...]` JSON the script prints.
fn parse_json_pairs(s: &str) -> Vec<(String, String)> {
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut strings = Vec::new();
    while i < b.len() {
        if b[i] == '"' {
            i += 1;
            let mut out = String::new();
            while b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                    match b[i] {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'u' => {
                            let hex: String = b[i + 1..i + 5].iter().collect();
                            let mut cp = u32::from_str_radix(&hex, 16).unwrap();
                            i += 4;
                            if (0xD800..0xDC00).contains(&cp) && b.get(i + 1) == Some(&'\\') && b.get(i + 2) == Some(&'u') {
                                let hex2: String = b[i + 3..i + 7].iter().collect();
                                let lo = u32::from_str_radix(&hex2, 16).unwrap();
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                                i += 6;
                            }
                            out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                        }
                        c => out.push(c),
                    }
                } else {
                    out.push(b[i]);
                }
                i += 1;
            }
            strings.push(out);
        }
        i += 1;
    }
    strings.chunks(2).map(|c| (c[0].clone(), c[1].clone())).collect()
}
