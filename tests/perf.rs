//! Profiling with Linux perf (issue 4): the perf map and Python frames in
//! `perf record -g` stacks.
//!
//! The `perf record` test needs a working `perf` with the `cpu-clock`
//! software event; where it cannot run it prints why and passes as skipped.
//! The map-file tests need no perf at all.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SCRIPT: &str = "\
def inner(n):
    s = 0
    for i in range(n):
        s += i * i
    return s

def outer():
    t = 0
    for _ in range(REPEAT):
        t += inner(20000)
    return t

print(outer())
";

fn egret() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_egret"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("egret-perf-test-{}-{}", std::process::id(), name));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_script(dir: &Path, prologue: &str, repeat: u32) -> PathBuf {
    let path = dir.join("script.py");
    std::fs::write(&path, format!("{}{}", prologue, SCRIPT.replace("REPEAT", &repeat.to_string()))).unwrap();
    path
}

fn expected_sum(repeat: u64) -> String {
    let one: u64 = (0..20000u64).map(|i| i * i).sum();
    format!("{}\n", one * repeat)
}

/// Runs egret and returns (pid, output); the pid names the map file.
fn run(args: &[&str], script: &Path, env: &[(&str, &str)]) -> (u32, Output) {
    let mut cmd = Command::new(egret());
    cmd.args(args).arg(script).env_remove("PYTHONPERFSUPPORT").stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = cmd.spawn().expect("egret runs");
    let pid = child.id();
    (pid, child.wait_with_output().unwrap())
}

fn map_path(pid: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/perf-{}.map", pid))
}

/// Parses and checks every map line (`START SIZE NAME`, hex without 0x);
/// checks entries do not overlap; returns the names.
fn read_map(pid: u32) -> Vec<String> {
    let path = map_path(pid);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {}", path.display(), e));
    let mut ranges = Vec::new();
    let mut names = Vec::new();
    for line in text.lines() {
        let mut parts = line.splitn(3, ' ');
        let start = parts.next().unwrap_or("");
        let size = parts.next().unwrap_or("");
        let name = parts.next().unwrap_or("");
        assert!(!start.starts_with("0x") && !size.starts_with("0x"), "bad map line {:?}", line);
        let start = u64::from_str_radix(start, 16).unwrap_or_else(|_| panic!("bad start in {:?}", line));
        let size = u64::from_str_radix(size, 16).unwrap_or_else(|_| panic!("bad size in {:?}", line));
        assert!(size > 0 && !name.is_empty(), "bad map line {:?}", line);
        ranges.push((start, start + size));
        names.push(name.to_string());
    }
    ranges.sort();
    for w in ranges.windows(2) {
        assert!(w[0].1 <= w[1].0, "overlapping map entries {:x?} and {:x?}", w[0], w[1]);
    }
    let _ = std::fs::remove_file(&path);
    names
}

fn has_entry(names: &[String], func: &str, script: &Path) -> bool {
    let want = format!("py::{}:{}", func, script.display());
    names.iter().any(|n| *n == want)
}

#[test]
fn pythonperfsupport_writes_entries_for_both_functions() {
    let dir = scratch("env");
    let script = write_script(&dir, "", 3);
    let (pid, out) = run(&[], &script, &[("PYTHONPERFSUPPORT", "1")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected_sum(3));
    let names = read_map(pid);
    assert!(has_entry(&names, "inner", &script), "{:?}", names);
    assert!(has_entry(&names, "outer", &script), "{:?}", names);
}

#[test]
fn x_perf_writes_entries_and_is_active() {
    let dir = scratch("xopt");
    let script = write_script(&dir, "import sys\nprint(sys.is_stack_trampoline_active())\n", 2);
    let (pid, out) = run(&["-X", "perf"], &script, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("True\n{}", expected_sum(2)));
    let names = read_map(pid);
    assert!(has_entry(&names, "inner", &script) && has_entry(&names, "outer", &script), "{:?}", names);
}

#[test]
fn activate_stack_trampoline_writes_entries() {
    let dir = scratch("activate");
    let prologue = "import sys\nprint(sys.is_stack_trampoline_active())\nsys.activate_stack_trampoline('perf')\nprint(sys.is_stack_trampoline_active())\n";
    let script = write_script(&dir, prologue, 2);
    let (pid, out) = run(&[], &script, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("False\nTrue\n{}", expected_sum(2)));
    let names = read_map(pid);
    assert!(has_entry(&names, "inner", &script) && has_entry(&names, "outer", &script), "{:?}", names);
}

#[test]
fn unknown_backend_and_deactivate() {
    let dir = scratch("backend");
    let script = dir.join("b.py");
    std::fs::write(
        &script,
        "import sys\ntry:\n    sys.activate_stack_trampoline('nope')\nexcept ValueError as e:\n    print('ValueError', e)\n\
         sys.activate_stack_trampoline('perf')\nsys.deactivate_stack_trampoline()\nprint(sys.is_stack_trampoline_active())\n",
    )
    .unwrap();
    let (pid, out) = run(&[], &script, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ValueError invalid backend: nope\nFalse\n");
    let _ = std::fs::remove_file(map_path(pid));
}

#[test]
fn no_map_without_perf_support() {
    let dir = scratch("off");
    let script = write_script(&dir, "", 1);
    for env in [&[][..], &[("PYTHONPERFSUPPORT", "0")][..]] {
        let (pid, out) = run(&[], &script, env);
        assert!(out.status.success());
        assert!(!map_path(pid).exists(), "a map file appeared without perf support");
    }
    // -E ignores PYTHONPERFSUPPORT.
    let (pid, out) = run(&["-E"], &script, &[("PYTHONPERFSUPPORT", "1")]);
    assert!(out.status.success());
    assert!(!map_path(pid).exists(), "-E must ignore PYTHONPERFSUPPORT");
}

fn perf_record_works(dir: &Path) -> Result<(), String> {
    let data = dir.join("probe.data");
    let out = Command::new("perf")
        .args(["record", "-e", "cpu-clock", "-g", "-o"])
        .arg(&data)
        .arg("true")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("perf not runnable: {}", e))?;
    if !out.status.success() {
        return Err(format!("perf record fails here: {}", String::from_utf8_lossy(&out.stderr).lines().next().unwrap_or("")));
    }
    Ok(())
}

#[test]
fn perf_record_shows_python_frames() {
    let dir = scratch("record");
    if let Err(why) = perf_record_works(&dir) {
        eprintln!("SKIPPED perf_record_shows_python_frames: {}", why);
        return;
    }
    let script = write_script(&dir, "", 150);
    let data = dir.join("perf.data");
    let out = Command::new("perf")
        .args(["record", "-e", "cpu-clock", "-F", "2000", "-g", "-o"])
        .arg(&data)
        .arg(egret())
        .args(["-X", "perf"])
        .arg(&script)
        .env_remove("PYTHONPERFSUPPORT")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected_sum(150));
    let script_out = Command::new("perf").args(["script", "-i"]).arg(&data).stderr(Stdio::null()).output().unwrap();
    let text = String::from_utf8_lossy(&script_out.stdout);
    let inner = format!("py::inner:{}", script.display());
    let outer = format!("py::outer:{}", script.display());
    // Samples are separated by blank lines; frames run innermost first.
    let mut total = 0;
    let mut nested = 0;
    for sample in text.split("\n\n") {
        total += 1;
        let lines: Vec<&str> = sample.lines().collect();
        let i = lines.iter().position(|l| l.contains(&inner));
        let o = lines.iter().position(|l| l.contains(&outer));
        if let (Some(i), Some(o)) = (i, o) {
            if i < o {
                nested += 1;
            }
        }
    }
    assert!(nested >= 20 && nested * 2 >= total, "only {} of {} samples show {} under {}", nested, total, inner, outer);
    // Leave /tmp clean: the first sample line names egret's pid.
    if let Some(pid) = text.lines().next().and_then(|l| l.split_whitespace().nth(1)).and_then(|p| p.parse::<u32>().ok()) {
        let _ = std::fs::remove_file(map_path(pid));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
