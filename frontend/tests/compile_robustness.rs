//! Robustness: standard-library sources cut at many points and with bytes
//! flipped go through `compile_source` (decode, parse, symtable, compile) on a
//! thread with a 256 MB stack. Every input must end compiled or with a
//! SyntaxError — never a panic (caught and reported) or a crash. Deterministic:
//! the mutations come from a fixed-seed generator.

use egret_frontend::{ast::Mode, compile_source, CompileOptions};
use std::path::PathBuf;

const FILES: &[&str] = &["argparse.py", "dataclasses.py", "typing.py", "asyncio/tasks.py", "re/_parser.py", "enum.py"];

fn stdlib_dir() -> Option<PathBuf> {
    let out = std::process::Command::new("python3")
        .env("PYENV_VERSION", "3.12.1")
        .args(["-c", "import sysconfig;print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .ok()?;
    let p = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    p.is_dir().then_some(p)
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn mutated_sources_never_panic() {
    let Some(dir) = stdlib_dir() else {
        eprintln!("CPython 3.12 stdlib not found; skipped");
        return;
    };
    let sources: Vec<(String, Vec<u8>)> = FILES
        .iter()
        .filter_map(|f| std::fs::read(dir.join(f)).ok().map(|b| (f.to_string(), b)))
        .collect();
    let report = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
            let (mut compiled, mut errors, mut panics) = (0, 0, Vec::new());
            let prev_hook = std::panic::take_hook();
            std::panic::set_hook(Box::new(|_| {}));
            for (name, src) in &sources {
                for i in 0..60 {
                    let mut input = src.clone();
                    let what = if i % 2 == 0 {
                        let cut = (rng.next() as usize) % (input.len() + 1);
                        input.truncate(cut);
                        format!("{name} cut at {cut}")
                    } else {
                        let flips = 1 + rng.next() % 4;
                        for _ in 0..flips {
                            let at = (rng.next() as usize) % input.len().max(1);
                            if let Some(b) = input.get_mut(at) {
                                *b = (rng.next() & 0xff) as u8;
                            }
                        }
                        format!("{name} with {flips} bytes changed (mutation {i})")
                    };
                    match std::panic::catch_unwind(|| compile_source(&input, name, Mode::Exec, &CompileOptions::default())) {
                        Ok(Ok(_)) => compiled += 1,
                        Ok(Err(_)) => errors += 1,
                        Err(_) => panics.push(what),
                    }
                }
            }
            std::panic::set_hook(prev_hook);
            (compiled, errors, panics)
        })
        .unwrap()
        .join()
        .unwrap();
    let (compiled, errors, panics) = report;
    eprintln!("mutated inputs: {compiled} compiled, {errors} SyntaxErrors, {} panics", panics.len());
    assert!(panics.is_empty(), "panics on: {panics:#?}");
    assert!(compiled + errors > 0);
}
