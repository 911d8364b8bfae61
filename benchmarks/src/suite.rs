//! The benchmark suite: the programs in `benchmarks/programs/` (every
//! `NAME.py` not starting with `_`) plus `startup`, which the runner times
//! itself as whole `INTERP -c pass` processes.

use std::path::{Path, PathBuf};

/// Name of the benchmark measured by the runner instead of a program.
pub const STARTUP: &str = "startup";

/// One benchmark of the suite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Benchmark {
    /// `programs/NAME.py`, speaking the worker protocol of `_harness.py`.
    Program { name: String, path: PathBuf },
    /// `INTERP -c pass`, timed as a whole process.
    Startup,
}

impl Benchmark {
    pub fn name(&self) -> &str {
        match self {
            Benchmark::Program { name, .. } => name,
            Benchmark::Startup => STARTUP,
        }
    }
}

/// The folder holding the programs: `--programs DIR`, else
/// `$EGRET_BENCH_PROGRAMS`, else the crate's own `programs/` folder (known at
/// build time), else `programs/` beside the running binary's workspace.
pub fn programs_dir(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os("EGRET_BENCH_PROGRAMS") {
        return Ok(PathBuf::from(dir));
    }
    let built_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("programs");
    if built_in.is_dir() {
        return Ok(built_in);
    }
    if let Ok(exe) = std::env::current_exe() {
        // target/release/egret-bench -> <workspace>/benchmarks/programs
        if let Some(workspace) = exe.parent().and_then(Path::parent).and_then(Path::parent) {
            let candidate = workspace.join("benchmarks").join("programs");
            if candidate.is_dir() {
                return Ok(candidate);
            }
        }
    }
    Err("cannot find the benchmark programs; pass --programs DIR".to_string())
}

/// Every benchmark, sorted by name.
pub fn discover(dir: &Path) -> Result<Vec<Benchmark>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut benchmarks = vec![Benchmark::Startup];
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        let Some(name) = file_name.strip_suffix(".py") else { continue };
        if name.starts_with('_') || !path.is_file() {
            continue;
        }
        let absolute = std::fs::canonicalize(&path).unwrap_or(path.clone());
        benchmarks.push(Benchmark::Program { name: name.to_string(), path: absolute });
    }
    if benchmarks.len() == 1 {
        return Err(format!("no benchmark programs in {}", dir.display()));
    }
    benchmarks.sort_by(|a, b| a.name().cmp(b.name()));
    Ok(benchmarks)
}

/// The benchmarks named in `selection` (comma-separated), in the suite's
/// order; an unknown name is an error.
pub fn select(all: &[Benchmark], selection: Option<&str>) -> Result<Vec<Benchmark>, String> {
    let Some(selection) = selection else { return Ok(all.to_vec()) };
    let wanted: Vec<&str> = selection.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    if wanted.is_empty() {
        return Err("-b needs at least one benchmark name".to_string());
    }
    for name in &wanted {
        if !all.iter().any(|b| b.name() == *name) {
            return Err(format!("unknown benchmark {name:?} (see `egret-bench list`)"));
        }
    }
    Ok(all.iter().filter(|b| wanted.contains(&b.name())).cloned().collect())
}
