//! End-to-end tests: every `tests/programs/<area>/NAME.py` runs under the
//! `egret` binary and its stdout must equal `NAME.out` (made with CPython
//! 3.12.1). Where `NAME.err` exists the program must exit with status 1 and
//! that text as the last line of stderr; otherwise it must exit with 0.
//!
//! Each program runs three times: by default, with the JIT off
//! (`-X nojit`) and with the JIT forced on every loop (`-X jit-threshold=1`):
//! the JIT must never change results.
//!
//! Programs known not to pass yet are listed in `tests/programs-xfail.txt`
//! (one path per line, `#` comments for the reason); they still run, and the
//! test fails if one of them starts passing, so the list only shrinks.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn programs(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().map_or(false, |x| x == "py") && p.with_extension("out").exists() {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn xfail(root: &Path) -> Vec<String> {
    let list = root.parent().unwrap().join("programs-xfail.txt");
    std::fs::read_to_string(list)
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Runs one program; `Err` describes the first difference.
fn run(program: &Path, mode: &[&str]) -> Result<(), String> {
    let exe = env!("CARGO_BIN_EXE_egret");
    let child = Command::new(exe)
        .args(mode)
        .arg(program.file_name().unwrap())
        .current_dir(program.parent().unwrap())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start egret: {e}"))?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let expected = std::fs::read(program.with_extension("out")).unwrap();
    let err_file = program.with_extension("err");
    let stderr = String::from_utf8_lossy(&out.stderr);
    if err_file.exists() {
        let want = std::fs::read_to_string(&err_file).unwrap().trim().to_string();
        let last = stderr.trim().lines().last().unwrap_or("").trim().to_string();
        if out.status.code() != Some(1) || last != want {
            return Err(format!("expected exit 1 with {want:?}, got {:?} with {last:?}", out.status.code()));
        }
    } else if !out.status.success() {
        let tail: Vec<&str> = stderr.trim().lines().rev().take(3).collect();
        return Err(format!("exit status {:?}; stderr ends: {:?}", out.status.code(), tail));
    }
    if out.stdout != expected {
        let got = String::from_utf8_lossy(&out.stdout);
        let want = String::from_utf8_lossy(&expected);
        let line = want.lines().zip(got.lines()).position(|(a, b)| a != b).unwrap_or(want.lines().count().min(got.lines().count()));
        return Err(format!(
            "stdout differs at line {}: expected {:?}, got {:?}",
            line + 1,
            want.lines().nth(line).unwrap_or("<end>"),
            got.lines().nth(line).unwrap_or("<end>")
        ));
    }
    Ok(())
}

#[test]
fn programs_match_cpython_in_every_jit_mode() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let known = xfail(&root);
    let mut failures = Vec::new();
    let mut fixed = Vec::new();
    let mut count = 0;
    for p in programs(&root) {
        let rel = p.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
        let expected_to_fail = known.contains(&rel);
        let mut failed = None;
        for mode in [&[][..], &["-X", "nojit"][..], &["-X", "jit-threshold=1"][..]] {
            count += 1;
            if let Err(why) = run(&p, mode) {
                failed = Some(format!("{rel} {mode:?}: {why}"));
                break;
            }
        }
        match (failed, expected_to_fail) {
            (Some(why), false) => failures.push(why),
            (None, true) => fixed.push(rel),
            _ => {}
        }
    }
    assert!(fixed.is_empty(), "passing now, take off tests/programs-xfail.txt: {fixed:?}");
    assert!(failures.is_empty(), "{} of {count} runs failed:\n{}", failures.len(), failures.join("\n"));
}
