//! Compiles every `.py` file of the CPython 3.12 and 3.11 standard libraries
//! found on this machine (skipping site-packages) with `compile_source`, and
//! checks that exactly the files CPython itself rejects are rejected. CPython's
//! verdicts come from one subprocess per interpreter that runs `compile()` on
//! every file. Missing interpreters skip the corresponding library.

use egret_frontend::{ast::Mode, compile_source, CompileOptions};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn python_stdlib(cmd: &[&str]) -> Option<PathBuf> {
    let mut c = Command::new(cmd[0]);
    for (k, v) in cmd[1..].iter().filter_map(|s| s.split_once('=')) {
        c.env(k, v);
    }
    let out = c.args(["-c", "import sysconfig;print(sysconfig.get_paths()['stdlib'])"]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let p = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    p.is_dir().then_some(p)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "site-packages" || n == "__pycache__") {
                continue;
            }
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

/// The files CPython's `compile()` rejects, by one run of the interpreter.
fn cpython_rejects(python: &[&str], files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let script = "import sys\nfor line in sys.stdin:\n    p=line.rstrip('\\n')\n    try:\n        compile(open(p,'rb').read(), p, 'exec')\n    except (SyntaxError, ValueError):\n        print(p)\n";
    let mut c = Command::new(python[0]);
    for (k, v) in python[1..].iter().filter_map(|s| s.split_once('=')) {
        c.env(k, v);
    }
    let mut child = c
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("python runs");
    let list: String = files.iter().map(|p| format!("{}\n", p.display())).collect();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        use std::io::Write;
        let _ = stdin.write_all(list.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    String::from_utf8_lossy(&out.stdout).lines().map(PathBuf::from).collect()
}

fn check_library(label: &str, python: &[&str]) {
    let Some(dir) = python_stdlib(python) else {
        eprintln!("{label}: interpreter not found, skipped");
        return;
    };
    let mut files = Vec::new();
    collect(&dir, &mut files);
    let rejects = cpython_rejects(python, &files);
    let files2 = files.clone();
    let results: Vec<(PathBuf, Result<(), String>)> = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            files2
                .into_iter()
                .map(|p| {
                    let src = std::fs::read(&p).unwrap_or_default();
                    let name = p.display().to_string();
                    let r = std::panic::catch_unwind(|| compile_source(&src, &name, Mode::Exec, &CompileOptions::default()));
                    let r = match r {
                        Ok(Ok(_)) => Ok(()),
                        Ok(Err(e)) => Err(format!("{}:{}:{}: {}", name, e.lineno, e.offset, e.msg)),
                        Err(_) => Err(format!("{name}: PANIC")),
                    };
                    (p, r)
                })
                .collect()
        })
        .unwrap()
        .join()
        .unwrap();
    let mut wrong = Vec::new();
    let mut ok = 0;
    let mut rejected = 0;
    for (p, r) in &results {
        match r {
            Ok(()) => {
                ok += 1;
                if rejects.contains(p) {
                    wrong.push(format!("{}: compiled, CPython rejects it", p.display()));
                }
            }
            Err(msg) => {
                rejected += 1;
                if !rejects.contains(p) || msg.ends_with("PANIC") {
                    wrong.push(msg.clone());
                }
            }
        }
    }
    eprintln!(
        "{label}: {} files in {}: {ok} compiled, {rejected} rejected (CPython rejects {}), {} mismatches",
        results.len(),
        dir.display(),
        rejects.len(),
        wrong.len()
    );
    for w in wrong.iter().take(40) {
        eprintln!("  {w}");
    }
    assert!(wrong.is_empty(), "{label}: {} files differ from CPython", wrong.len());
}

#[test]
fn stdlib_3_12_compiles_like_cpython() {
    check_library("CPython 3.12 stdlib", &["python3", "PYENV_VERSION=3.12.1"]);
}

#[test]
fn stdlib_3_11_compiles_like_cpython() {
    check_library("CPython 3.11 stdlib", &["/usr/bin/python3"]);
}
