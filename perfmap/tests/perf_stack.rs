//! End to end with Linux `perf`: the `nested` example runs a busy loop in
//! `py::inner:demo.py`, called from `py::outer:demo.py`, under
//! `perf record -e cpu-clock -g`; `perf script` must show most samples
//! unwinding through both trampolines, inner above outer.
//!
//! Skipped (with the reason printed) where `perf record -e cpu-clock -o
//! /dev/null true` does not work (no perf, or perf_event_paranoid too high).
//!
//! The example's code is compiled into this test binary (`#[path]` below)
//! and run by re-executing the binary with only the ignored test
//! `nested_workload_for_perf` selected, so the test does not depend on cargo
//! having built the examples (`cargo test --test perf_stack` does not).

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Why perf cannot be used here, if it cannot.
fn perf_unavailable() -> Option<String> {
    let output = Command::new("perf")
        .args(["record", "-e", "cpu-clock", "-o", "/dev/null", "true"])
        .stdin(Stdio::null())
        .output();
    match output {
        Err(e) => Some(format!("cannot run perf: {e}")),
        Ok(out) if !out.status.success() => Some(format!(
            "`perf record -e cpu-clock -o /dev/null true` failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Ok(_) => None,
    }
}

#[path = "../examples/nested.rs"]
#[allow(dead_code)]
mod nested_example;

/// Set in the environment of the re-executed test binary.
const CHILD_MARKER: &str = "EGRET_PERFMAP_NESTED_CHILD";

/// The workload perf records; runs only in the re-executed child.
#[test]
#[ignore = "run by perf_sees_python_frames_through_trampolines in a child process"]
fn nested_workload_for_perf() {
    if std::env::var_os(CHILD_MARKER).is_some() {
        nested_example::main();
    }
}

/// Samples of `perf script` output: header line, then frames leaf first.
fn samples(script: &str) -> Vec<Vec<&str>> {
    script
        .split("\n\n")
        .map(|block| block.lines().skip(1).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>())
        .filter(|frames| !frames.is_empty())
        .collect()
}

#[test]
fn perf_sees_python_frames_through_trampolines() {
    if let Some(reason) = perf_unavailable() {
        println!("SKIPPED perf_sees_python_frames_through_trampolines: {reason}");
        return;
    }
    let this_test_binary = std::env::current_exe().expect("current exe");
    let data = std::env::temp_dir().join(format!("egret-perfmap-{}.perf.data", std::process::id()));
    let recorded = Command::new("perf")
        .args(["record", "-e", "cpu-clock", "-g", "-o"])
        .arg(&data)
        .arg("--")
        .arg(&this_test_binary)
        .args(["--ignored", "--exact", "nested_workload_for_perf", "--nocapture", "--test-threads=1"])
        .env(CHILD_MARKER, "1")
        .stdin(Stdio::null())
        .output()
        .expect("run perf record");
    let stdout = String::from_utf8_lossy(&recorded.stdout).into_owned();
    // libtest may print "test nested_workload_for_perf ... " on the same line.
    let map_path = stdout
        .lines()
        .find_map(|line| line.find("map: ").map(|at| line[at + "map: ".len()..].trim()))
        .map(PathBuf::from);
    assert!(
        recorded.status.success(),
        "perf record failed: {}\n{stdout}{}",
        recorded.status,
        String::from_utf8_lossy(&recorded.stderr)
    );
    let script = Command::new("perf").arg("script").arg("-i").arg(&data).stdin(Stdio::null()).output();
    let _ = std::fs::remove_file(&data);
    let map_text = map_path.as_ref().and_then(|path| std::fs::read_to_string(path).ok());
    if let Some(path) = &map_path {
        let _ = std::fs::remove_file(path);
    }
    let script = script.expect("run perf script");
    assert!(script.status.success(), "perf script failed: {}", String::from_utf8_lossy(&script.stderr));
    let script = String::from_utf8_lossy(&script.stdout);

    let map_text = map_text.expect("the example printed its map path and the map exists");
    assert!(map_text.contains(" py::outer:demo.py\n") && map_text.contains(" py::inner:demo.py\n"), "{map_text}");

    let all = samples(&script);
    let busy: Vec<&Vec<&str>> = all.iter().filter(|frames| frames[0].contains("busy_inner")).collect();
    let unwound = busy
        .iter()
        .filter(|frames| {
            let inner = frames.iter().position(|f| f.contains("py::inner:demo.py"));
            let outer = frames.iter().position(|f| f.contains("py::outer:demo.py"));
            matches!((inner, outer), (Some(i), Some(o)) if i < o)
        })
        .count();
    println!("{} samples, {} in the busy loop, {} unwound through inner then outer", all.len(), busy.len(), unwound);
    let example_sample = busy.first().map(|frames| frames.join("\n")).unwrap_or_default();
    assert!(busy.len() >= 100, "too few samples in the busy loop ({}):\n{example_sample}", busy.len());
    assert!(
        unwound * 10 >= busy.len() * 9,
        "only {unwound} of {} busy-loop samples show py::inner:demo.py above py::outer:demo.py; \
         one of them:\n{example_sample}\n(are frame pointers on? RUSTFLAGS overrides .cargo/config.toml)",
        busy.len()
    );
}
