//! Code-object metadata against CPython 3.12.1: for the top-level modules of
//! the 3.12 standard library, every code object (in constant order, depth
//! first) must have CPython's qualname, flags, argument counts, first line,
//! plain locals, cell variables and free variables. This checks the symbol
//! table (scopes, cells, `__class__`, inlined comprehensions) end to end.

use egret_frontend::bytecode::{CodeObject, ConstValue, LocalKind};
use egret_frontend::{ast::Mode, compile_source, CompileOptions};
use std::path::PathBuf;
use std::process::{Command, Stdio};

const DUMP: &str = r#"
import sys
def walk(co, out):
    cells = set(co.co_cellvars)
    plain = [v for v in co.co_varnames if v not in cells]
    out.append("%s|%d|%d|%d|%d|%d|%s|%s|%s" % (co.co_qualname, co.co_flags & 0x3bf, co.co_argcount,
        co.co_posonlyargcount, co.co_kwonlyargcount, co.co_firstlineno, ",".join(plain),
        ",".join(sorted(cells)), ",".join(co.co_freevars)))
    for c in co.co_consts:
        if hasattr(c, "co_code"):
            walk(c, out)
for line in sys.stdin:
    p = line.strip()
    try:
        co = compile(open(p, "rb").read(), p, "exec")
    except SyntaxError:
        continue
    out = []
    walk(co, out)
    print("FILE " + p)
    for o in out:
        print(o)
"#;

fn describe(code: &CodeObject, out: &mut Vec<String>) {
    let mut plain = Vec::new();
    let mut cells = Vec::new();
    let mut frees = Vec::new();
    for (n, k) in code.localsplus_names.iter().zip(&code.localsplus_kinds) {
        match k {
            LocalKind::Local => plain.push(n.to_string()),
            LocalKind::Cell => cells.push(n.to_string()),
            LocalKind::Free => frees.push(n.to_string()),
        }
    }
    cells.sort();
    out.push(format!(
        "{}|{}|{}|{}|{}|{}|{}|{}|{}",
        code.qualname,
        code.flags & 0x3bf,
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        code.first_line,
        plain.join(","),
        cells.join(","),
        frees.join(",")
    ));
    for c in &code.constants {
        if let ConstValue::Code(inner) = c {
            describe(inner, out);
        }
    }
}

#[test]
fn code_objects_match_cpython_metadata() {
    let Ok(out) = Command::new("python3")
        .env("PYENV_VERSION", "3.12.1")
        .args(["-c", "import sysconfig;print(sysconfig.get_paths()['stdlib'])"])
        .output()
    else {
        eprintln!("python3 not found; skipped");
        return;
    };
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("stdlib not found; skipped");
        return;
    };
    let mut files: Vec<PathBuf> = rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "py")).collect();
    // EGRET_FULL_STDLIB=1: the whole tree (minus site-packages), not just top-level modules.
    if std::env::var_os("EGRET_FULL_STDLIB").is_some() {
        fn walk(d: &std::path::Path, out: &mut Vec<PathBuf>) {
            for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    if !p.ends_with("site-packages") {
                        walk(&p, out);
                    }
                } else if p.extension().is_some_and(|x| x == "py") {
                    out.push(p);
                }
            }
        }
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if e.path().is_dir() && !e.path().ends_with("site-packages") {
                walk(&e.path(), &mut files);
            }
        }
    }
    files.sort();
    let mut child = Command::new("python3")
        .env("PYENV_VERSION", "3.12.1")
        .args(["-c", DUMP])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // Feed the file list from another thread: the child's output can fill its pipe first.
    let list: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        use std::io::Write;
        let _ = stdin.write_all(list.as_bytes());
    });
    let text = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
    feeder.join().unwrap();
    let expected_by_file: Vec<(String, Vec<String>)> = text
        .split("FILE ")
        .filter(|c| !c.is_empty())
        .map(|c| {
            let mut lines = c.lines();
            let name = lines.next().unwrap().to_string();
            (name, lines.map(str::to_string).collect())
        })
        .collect();
    let (mismatches, objects) = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut mismatches = Vec::new();
            let mut objects = 0;
            for (path, expected) in &expected_by_file {
                let src = std::fs::read(path).unwrap();
                let code = match compile_source(&src, path, Mode::Exec, &CompileOptions::default()) {
                    Ok(c) => c,
                    Err(e) => {
                        mismatches.push(format!("{path}: {}", e.msg));
                        continue;
                    }
                };
                let mut got = Vec::new();
                describe(&code, &mut got);
                objects += got.len();
                if got.len() != expected.len() {
                    mismatches.push(format!("{path}: {} code objects, CPython has {}", got.len(), expected.len()));
                    continue;
                }
                for (g, e) in got.iter().zip(expected) {
                    if g != e {
                        mismatches.push(format!("{path}:\n   got      {g}\n   expected {e}"));
                    }
                }
            }
            (mismatches, objects)
        })
        .unwrap()
        .join()
        .unwrap();
    eprintln!("{objects} code objects compared, {} mismatches", mismatches.len());
    for m in mismatches.iter().take(30) {
        eprintln!("{m}");
    }
    assert!(mismatches.is_empty());
}
