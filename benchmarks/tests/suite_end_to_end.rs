//! End-to-end tests of `egret-bench` and the benchmark programs, using
//! /usr/bin/python3 (CPython) as the interpreter under test:
//! - every program's result check rejects a perturbed answer
//!   (EGRET_BENCH_BREAK=1) and accepts the real one;
//! - `run --fast` over the whole suite checks every benchmark and writes
//!   JSON with pyperf's structure, which `pyperf show` reads when pyperf is
//!   installed for some Python here;
//! - `compare` runs interpreter commands with arguments, in turns, and
//!   prints the Markdown table with a geometric mean;
//! - failures (a broken interpreter, a wrong result) are reported as "not
//!   supported" and the run goes on.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const PYTHON: &str = "/usr/bin/python3";

fn runner() -> Command {
    Command::new(env!("CARGO_BIN_EXE_egret-bench"))
}

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("programs")
}

fn python_available() -> bool {
    if Path::new(PYTHON).exists() {
        true
    } else {
        println!("skipped: {PYTHON} does not exist on this machine");
        false
    }
}

fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("egret-bench-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn text(output: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn benchmark_names() -> Vec<String> {
    let output = runner().arg("list").output().unwrap();
    assert!(output.status.success(), "{}", text(&output));
    String::from_utf8(output.stdout).unwrap().lines().map(str::to_string).collect()
}

#[test]
fn list_names_at_least_25_benchmarks_including_startup() {
    let names = benchmark_names();
    assert!(names.len() >= 25, "only {} benchmarks: {names:?}", names.len());
    for required in ["nbody", "richards", "deltablue", "go", "hexiom", "startup", "json_loads", "sqlite_synth"] {
        assert!(names.iter().any(|n| n == required), "{required} missing from {names:?}");
    }
    assert!(!names.iter().any(|n| n.starts_with('_')), "helper modules listed: {names:?}");
}

#[test]
fn every_program_rejects_a_perturbed_result_and_accepts_the_real_one() {
    if !python_available() {
        return;
    }
    let names: Vec<String> = benchmark_names().into_iter().filter(|n| n != "startup").collect();
    for name in &names {
        let program = programs_dir().join(format!("{name}.py"));
        let broken = Command::new(PYTHON)
            .arg(&program)
            .args(["--worker", "--size", "small"])
            .env("EGRET_BENCH_BREAK", "1")
            .output()
            .unwrap();
        assert_eq!(broken.status.code(), Some(3), "{name} accepted a perturbed result:\n{}", text(&broken));
        let stderr = String::from_utf8_lossy(&broken.stderr);
        assert!(stderr.contains("wrong result"), "{name}: no message:\n{}", text(&broken));
        assert!(broken.stdout.is_empty(), "{name} printed timings for a wrong result:\n{}", text(&broken));

        let good = Command::new(PYTHON)
            .arg(&program)
            .args(["--worker", "--size", "small", "--warmups", "1", "--values", "2"])
            .env_remove("EGRET_BENCH_BREAK")
            .output()
            .unwrap();
        assert!(good.status.success(), "{name} failed on its real result:\n{}", text(&good));
        let line: Value = serde_json::from_slice(&good.stdout).unwrap_or_else(|e| panic!("{name}: {e}\n{}", text(&good)));
        assert_eq!(line["name"].as_str(), Some(name.as_str()));
        assert_eq!(line["values"].as_array().map(Vec::len), Some(2), "{name}: {line}");
        assert_eq!(line["warmups"].as_array().map(Vec::len), Some(1), "{name}: {line}");
    }
}

#[test]
fn runner_reports_a_wrong_result_as_not_supported_and_goes_on() {
    if !python_available() {
        return;
    }
    let output = runner()
        .args(["run", "--python", PYTHON, "--fast", "-b", "nbody,fannkuch", "--strict", "--no-counters"])
        .env("EGRET_BENCH_BREAK", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("nbody: wrong result"), "{}", text(&output));
    assert!(stderr.contains("fannkuch: wrong result"), "the run stopped after the first failure:\n{}", text(&output));
}

#[test]
fn runner_treats_a_failing_interpreter_as_not_supported() {
    if !python_available() {
        return;
    }
    // An "interpreter" that exits 5 whatever it is asked to run.
    let broken = format!("{PYTHON} -c 'raise SystemExit(5)'");
    let output = runner()
        .args(["compare", "--python", PYTHON, "--python", &broken, "--fast", "-b", "startup,nqueens"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("not supported (exit status 5"), "{}", text(&output));
    assert!(stdout.contains("no benchmark ran on both"), "{}", text(&output));
}

#[test]
fn compare_runs_interpreters_with_arguments_and_prints_a_table() {
    if !python_available() {
        return;
    }
    let second = format!("{PYTHON} -X 'int_max_str_digits=0' -E");
    let json_dir = temp_path("compare-json");
    let output = runner()
        .args(["compare", &format!("--python={PYTHON}"), &format!("--python={second}"), "--fast", "-b", "nbody,startup,pidigits"])
        .arg(format!("--json-dir={}", json_dir.display()))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("| benchmark |"), "{stdout}");
    assert!(stdout.contains("-X 'int_max_str_digits=0' -E"), "{stdout}");
    assert!(stdout.contains("**geometric mean**") && stdout.contains("(3 of 3 benchmarks)"), "{stdout}");
    for row in ["| nbody |", "| startup |", "| pidigits |"] {
        assert!(stdout.contains(row), "missing {row}: {stdout}");
    }
    for index in 1..=2 {
        let file = json_dir.join(format!("interpreter-{index}.json"));
        let suite: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(suite["benchmarks"].as_array().map(Vec::len), Some(3));
    }
}

/// Check pyperf's file structure by hand (what `pyperf` itself requires).
fn check_pyperf_structure(suite: &Value, expected_names: &[String]) {
    assert_eq!(suite["version"], "1.0");
    let metadata = suite["metadata"].as_object().expect("top-level metadata");
    for key in ["python_executable", "python_version", "python_implementation"] {
        let value = metadata.get(key).and_then(Value::as_str).unwrap_or_else(|| panic!("no {key}"));
        assert!(!value.trim().is_empty() && !value.contains('\n'));
    }
    let benchmarks = suite["benchmarks"].as_array().expect("benchmarks list");
    let names: Vec<&str> = benchmarks.iter().map(|b| b["metadata"]["name"].as_str().expect("name")).collect();
    assert_eq!(names, expected_names.iter().map(String::as_str).collect::<Vec<_>>());
    for bench in benchmarks {
        assert_eq!(bench["metadata"]["unit"], "second");
        let runs = bench["runs"].as_array().expect("runs");
        assert!(!runs.is_empty());
        for run in runs {
            let values = run["values"].as_array().expect("values");
            assert!(!values.is_empty());
            assert!(values.iter().all(|v| v.as_f64().is_some_and(|t| t > 0.0)), "{run}");
            let meta = &run["metadata"];
            assert!(meta["loops"].as_u64().is_some_and(|l| l >= 1), "{run}");
            assert!(meta["date"].as_str().is_some_and(|d| d.len() >= 19), "{run}");
            assert!(meta["duration"].as_f64().is_some_and(|d| d > 0.0), "{run}");
            assert!(meta["mem_max_rss"].as_u64().is_some_and(|m| m > 0), "{run}");
            for warmup in run["warmups"].as_array().expect("warmups") {
                let pair = warmup.as_array().expect("warmup pair");
                assert_eq!(pair.len(), 2);
                assert!(pair[0].as_u64().is_some_and(|l| l >= 1));
                assert!(pair[1].as_f64().is_some());
            }
        }
    }
}

/// A Python that can `import pyperf`, as (program, PYENV_VERSION to set):
/// $EGRET_BENCH_PYPERF_PYTHON, /usr/bin/python3, the oracle
/// `PYENV_VERSION=3.12.1 python3`, or `python3` on PATH.
fn python_with_pyperf() -> Option<(String, Option<&'static str>)> {
    let mut candidates: Vec<(String, Option<&'static str>)> = Vec::new();
    if let Ok(python) = std::env::var("EGRET_BENCH_PYPERF_PYTHON") {
        candidates.push((python, None));
    }
    candidates.push((PYTHON.to_string(), None));
    candidates.push(("python3".to_string(), Some("3.12.1")));
    candidates.push(("python3".to_string(), None));
    candidates.into_iter().find(|(python, pyenv)| {
        let mut command = Command::new(python);
        if let Some(version) = pyenv {
            command.env("PYENV_VERSION", version);
        }
        command.args(["-c", "import pyperf"]).output().map(|o| o.status.success()).unwrap_or(false)
    })
}

fn pyperf_command((python, pyenv): &(String, Option<&'static str>)) -> Command {
    let mut command = Command::new(python);
    if let Some(version) = pyenv {
        command.env("PYENV_VERSION", version);
    }
    command.args(["-m", "pyperf"]);
    command
}

#[test]
fn fast_run_of_the_whole_suite_writes_pyperf_json() {
    if !python_available() {
        return;
    }
    let out = temp_path("fast-suite.json");
    let output = runner()
        .args(["run", &format!("--python={PYTHON}"), "--fast", "--strict", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    let suite: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    check_pyperf_structure(&suite, &benchmark_names());

    match python_with_pyperf() {
        None => println!("skipped the pyperf part: no Python here can import pyperf (pip install pyperf)"),
        Some(python) => {
            println!("checking with pyperf from {python:?}");
            let show = pyperf_command(&python).args(["show", "--quiet"]).arg(&out).output().unwrap();
            assert!(show.status.success(), "pyperf show failed:\n{}", text(&show));
            assert!(String::from_utf8_lossy(&show.stdout).contains("nbody"), "{}", text(&show));
            let compare = pyperf_command(&python).arg("compare_to").arg(&out).arg(&out).output().unwrap();
            assert!(compare.status.success(), "pyperf compare_to failed:\n{}", text(&compare));
        }
    }
}
