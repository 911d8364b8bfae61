//! Embeds every `.py` file under `lib/` into the binary: generates a table
//! of (module name, source, is_package) included by `src/embedded.rs`.

use std::fmt::Write as _;
use std::path::Path;

fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, String, bool)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if name == "__pycache__" {
                continue;
            }
            let sub = if prefix.is_empty() { name.clone() } else { format!("{prefix}.{name}") };
            let init = path.join("__init__.py");
            if init.is_file() {
                out.push((sub.clone(), init.to_string_lossy().into_owned(), true));
            }
            walk(&path, &sub, out);
        } else if let Some(stem) = name.strip_suffix(".py") {
            if stem == "__init__" {
                continue;
            }
            let module = if prefix.is_empty() { stem.to_string() } else { format!("{prefix}.{stem}") };
            out.push((module, path.to_string_lossy().into_owned(), false));
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lib");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    walk(&root, "", &mut files);
    let mut src = String::from("/// (module name, source, is_package) of every embedded module.\npub static MODULES: &[(&str, &str, bool)] = &[\n");
    for (module, path, pkg) in &files {
        println!("cargo:rerun-if-changed={path}");
        let _ = writeln!(src, "    ({module:?}, include_str!({path:?}), {pkg}),");
    }
    src.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(out, src).unwrap();
}
