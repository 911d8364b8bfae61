//! Benchmark: compile the CPython 3.12 standard library's top-level modules
//! with Egret and with CPython's `compile()` (`/usr/bin/python3`, measured in
//! the same run by a child process), and report both times.
//!
//! `cargo run --release -p egret-frontend --example compile_bench [REPEATS]`
//!
//! Both sides read the files first and time only compilation (decode + parse +
//! symbol table + code generation); each side reports its best of REPEATS
//! (default 5). Files the timing interpreter cannot compile (newer syntax) are
//! left out of both measurements. The front end runs with the global
//! allocator of the `egret` binary (`egret_vm::alloc`), as it does for users.

use egret_frontend::{ast::Mode, compile_source, CompileOptions};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

#[global_allocator]
static GLOBAL: egret_vm::alloc::EgretAlloc = egret_vm::alloc::EgretAlloc;

const CPYTHON_TIMER: &str = r#"
import sys, time
repeats = int(sys.argv[1])
paths = [l.rstrip("\n") for l in sys.stdin if l.strip()]
sources = []
for p in paths:
    with open(p, "rb") as f:
        data = f.read()
    try:
        compile(data, p, "exec")
        sources.append((p, data))
    except Exception:
        pass
best = float("inf")
for _ in range(repeats):
    t = time.perf_counter()
    for p, data in sources:
        compile(data, p, "exec")
    best = min(best, time.perf_counter() - t)
for p, _ in sources:
    print("OK", p)
print("TIME", best)
"#;

fn main() {
    let repeats: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let out = Command::new("python3")
        .env("PYENV_VERSION", "3.12.1")
        .args(["-c", "import sysconfig;print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .expect("python3 (pyenv 3.12.1) to locate the stdlib");
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("stdlib dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();

    // CPython's side.
    let mut child = Command::new("/usr/bin/python3")
        .args(["-c", CPYTHON_TIMER, &repeats.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("/usr/bin/python3");
    let list: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(list.as_bytes());
    });
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let ok: Vec<PathBuf> = text.lines().filter_map(|l| l.strip_prefix("OK ")).map(PathBuf::from).collect();
    let cpython_time: f64 = text.lines().find_map(|l| l.strip_prefix("TIME ")).and_then(|t| t.parse().ok()).unwrap_or(f64::NAN);

    // Egret's side, on the same files.
    let sources: Vec<(String, Vec<u8>)> =
        ok.iter().map(|p| (p.display().to_string(), std::fs::read(p).unwrap())).collect();
    let bytes: usize = sources.iter().map(|(_, s)| s.len()).sum();
    let result = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let options = CompileOptions::default();
            let mut best = f64::INFINITY;
            let mut failures = 0;
            for _ in 0..repeats {
                failures = 0;
                let t = Instant::now();
                for (name, src) in &sources {
                    if compile_source(src, name, Mode::Exec, &options).is_err() {
                        failures += 1;
                    }
                }
                best = best.min(t.elapsed().as_secs_f64());
            }
            // Phase split: decode + parse only.
            let mut parse_best = f64::INFINITY;
            for _ in 0..repeats {
                let t = Instant::now();
                for (name, src) in &sources {
                    if let Ok(text) = egret_frontend::decode_source(src, name) {
                        let _ = egret_frontend::parse_module(&text, name);
                    }
                }
                parse_best = parse_best.min(t.elapsed().as_secs_f64());
            }
            // Phase split: decode + parse + symbol table.
            let mut symtable_best = f64::INFINITY;
            for _ in 0..repeats {
                let t = Instant::now();
                for (name, src) in &sources {
                    if let Ok(text) = egret_frontend::decode_source(src, name) {
                        if let Ok(m) = egret_frontend::parse_module(&text, name) {
                            let _ = egret_frontend::symtable::build_module(&m.body, false);
                        }
                    }
                }
                symtable_best = symtable_best.min(t.elapsed().as_secs_f64());
            }
            (best, failures, parse_best, symtable_best)
        })
        .unwrap()
        .join()
        .unwrap();
    let (egret_time, failures, parse_time, symtable_time) = result;
    println!("files: {} top-level stdlib modules ({:.1} MB) from {}", ok.len(), bytes as f64 / 1e6, dir.display());
    println!("CPython 3.11 compile(): {:.3} s (best of {repeats})", cpython_time);
    println!("Egret compile_source:   {:.3} s (best of {repeats}), {failures} failures", egret_time);
    println!("  of which decode + parse: {:.3} s", parse_time);
    println!("  of which symbol table: {:.3} s", symtable_time - parse_time);
    println!("  of which code generation + assembly: {:.3} s", egret_time - symtable_time);
    println!("speedup: {:.2}x", cpython_time / egret_time);
}
