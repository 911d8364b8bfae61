//! Writing results in pyperf's JSON format (file format version "1.0"), so
//! `python3 -m pyperf show out.json` and `pyperf compare_to a.json b.json`
//! read them:
//!
//! ```text
//! {"version": "1.0",
//!  "metadata": {suite metadata common to every run: python_executable, ...},
//!  "benchmarks": [
//!    {"metadata": {"name": "nbody", "unit": "second"},
//!     "runs": [{"metadata": {"date": ..., "duration": ..., "loops": 1, ...},
//!               "warmups": [[loops, seconds], ...],
//!               "values": [seconds per iteration, ...]}]}]}
//! ```
//!
//! pyperf checks some metadata types (loops: int >= 1, mem_max_rss: int
//! bytes, duration: seconds, strings non-empty without newlines); our own
//! keys (task_clock, instructions, cycles, user_time, system_time) are plain
//! numbers, which pyperf accepts.

use serde_json::{json, Map, Value};

use crate::measure::ProcessRun;
use crate::results::SuiteResults;

/// The whole file for one interpreter's results (failed benchmarks are
/// left out: pyperf has no way to say "not supported").
pub fn suite_json(results: &SuiteResults) -> Value {
    let interpreter = &results.interpreter;
    let mut metadata = Map::new();
    let mut put = |key: &str, value: Value| {
        let usable = match &value {
            Value::String(text) => !text.trim().is_empty() && !text.contains(['\n', '\r']),
            _ => true,
        };
        if usable {
            metadata.insert(key.to_string(), value);
        }
    };
    put("python_executable", json!(interpreter.command));
    put("python_implementation", json!(interpreter.implementation));
    put("python_version", json!(interpreter.version));
    put("runner", json!(format!("egret-bench {}", env!("CARGO_PKG_VERSION"))));
    put("bench_size", json!(results.settings.size_name()));
    put("cpu_count", json!(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)));
    if let Some(host) = read_trimmed("/proc/sys/kernel/hostname") {
        put("hostname", json!(host));
    }
    if let Some(release) = read_trimmed("/proc/sys/kernel/osrelease") {
        put("platform", json!(format!("{}-{}-{}", std::env::consts::OS, release, std::env::consts::ARCH)));
    }
    if let Some(model) = cpu_model_name() {
        put("cpu_model_name", json!(model));
    }

    let benchmarks: Vec<Value> = results
        .benchmarks
        .iter()
        .filter_map(|bench| {
            let runs = bench.outcome.as_ref().ok()?;
            Some(json!({
                "metadata": {"name": bench.name, "unit": "second"},
                "runs": runs.iter().map(run_json).collect::<Vec<_>>(),
            }))
        })
        .collect();
    json!({"version": "1.0", "metadata": metadata, "benchmarks": benchmarks})
}

fn run_json(run: &ProcessRun) -> Value {
    let mut metadata = Map::new();
    metadata.insert("date".into(), json!(run.date));
    metadata.insert("duration".into(), json!(run.duration));
    metadata.insert("loops".into(), json!(run.loops));
    if run.max_rss_bytes > 0 {
        metadata.insert("mem_max_rss".into(), json!(run.max_rss_bytes));
    }
    metadata.insert("user_time".into(), json!(run.user_seconds));
    metadata.insert("system_time".into(), json!(run.system_seconds));
    if let Some(ns) = run.counters.task_clock_ns {
        metadata.insert("task_clock".into(), json!(ns as f64 / 1e9));
    }
    if let Some(count) = run.counters.instructions {
        metadata.insert("instructions".into(), json!(count));
    }
    if let Some(count) = run.counters.cycles {
        metadata.insert("cycles".into(), json!(count));
    }
    let warmups: Vec<Value> = run.warmups.iter().map(|w| json!([run.loops, w])).collect();
    let mut object = Map::new();
    object.insert("metadata".into(), Value::Object(metadata));
    if !warmups.is_empty() {
        object.insert("warmups".into(), Value::Array(warmups));
    }
    object.insert("values".into(), json!(run.values));
    Value::Object(object)
}

fn read_trimmed(path: &str) -> Option<String> {
    std::fs::read_to_string(path).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn cpu_model_name() -> Option<String> {
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .find(|line| line.starts_with("model name"))
        .and_then(|line| line.split_once(':'))
        .map(|(_, model)| model.trim().to_string())
        .filter(|model| !model.is_empty())
}

/// Write the file (pretty-printed, one benchmark per few lines).
pub fn write_suite(results: &SuiteResults, path: &std::path::Path) -> Result<(), String> {
    let text = serde_json::to_string_pretty(&suite_json(results)).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n").map_err(|e| format!("cannot write {}: {e}", path.display()))
}
