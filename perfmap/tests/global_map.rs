//! The process-wide perf map: well-formed, non-overlapping lines, nothing
//! written while off, errors for bad ranges, and a forked child's own map.
//!
//! The tests share this process's map file and activation state, so they
//! take `SERIAL` to run one at a time.

mod common;

use std::sync::Mutex;

use common::{check_no_overlap, parse_map, MapLine};
use egret_perfmap::{
    activate, current_map_path, deactivate, is_active, register, trampoline_for, RegisterError,
    TrampolineError,
};

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn read_map() -> Vec<MapLine> {
    let text = std::fs::read_to_string(current_map_path()).unwrap_or_default();
    parse_map(&text).expect("every map line is well-formed")
}

/// A fresh address range nobody else in this process uses (a leaked
/// reservation), so tests never collide with trampolines.
fn reserved_range(size: usize) -> usize {
    let block: &'static mut [u8] = Vec::leak(vec![0u8; size]);
    block.as_ptr() as usize
}

#[test]
fn entries_are_written_as_hex_lines_and_never_overlap() {
    let _serial = serial();
    common::activate_and_remove_map_at_exit();
    let base = reserved_range(0x300);
    register(base, 0x100, "jit::trace 1 (loop at demo.py:3)").expect("register");
    register(base + 0x100, 0x80, "py::spaced name:dir with space/x.py").expect("register");
    register(base + 0x200, 0x10, "bad\nname").expect("register");
    let t = trampoline_for("py::f:demo.py").expect("trampoline");

    let lines = read_map();
    check_no_overlap(&lines).expect("no overlap");
    let find = |start: usize| lines.iter().find(|line| line.start == start).cloned();
    assert_eq!(find(base).map(|l| (l.size, l.name)), Some((0x100, "jit::trace 1 (loop at demo.py:3)".into())));
    assert_eq!(find(base + 0x100).map(|l| l.name), Some("py::spaced name:dir with space/x.py".into()));
    assert_eq!(find(base + 0x200).map(|l| l.name), Some("bad?name".into()));
    let trampoline_line = find(t.address()).expect("the trampoline is named");
    assert_eq!(trampoline_line.name, "py::f:demo.py");
    assert_eq!(trampoline_line.size, egret_perfmap::trampoline::trampoline_code_size());

    let text = std::fs::read_to_string(current_map_path()).expect("map");
    assert!(text.contains(&format!("{:x} 100 jit::trace 1", base)), "lower-case hex, no 0x: {text}");
}

#[test]
fn overlapping_and_empty_ranges_are_refused() {
    let _serial = serial();
    common::activate_and_remove_map_at_exit();
    let base = reserved_range(0x100);
    register(base + 0x10, 0x20, "first").expect("register");
    let before = read_map().len();
    for (start, size) in [(base, 0x11), (base + 0x2f, 1), (base + 0x18, 4), (base, 0x100)] {
        match register(start, size, "second") {
            Err(RegisterError::Overlap { existing_start, existing_name, .. }) => {
                assert_eq!((existing_start, existing_name.as_str()), (base + 0x10, "first"));
            }
            other => panic!("{start:#x}+{size:#x}: expected an overlap error, got {other:?}"),
        }
    }
    // Touching ranges are fine, and the same entry twice is written once.
    register(base, 0x10, "before").expect("adjacent below");
    register(base + 0x30, 0x10, "after").expect("adjacent above");
    register(base + 0x10, 0x20, "first").expect("exact repeat");
    assert_eq!(register(base + 0x80, 0, "empty"), Err(RegisterError::EmptyRange { start: base + 0x80 }));
    assert!(matches!(register(usize::MAX - 1, 4, "wraps"), Err(RegisterError::AddressOverflow { .. })));
    let lines = read_map();
    assert_eq!(lines.len(), before + 2);
    check_no_overlap(&lines).expect("no overlap");
    let message = register(base + 0x18, 4, "x").unwrap_err().to_string();
    assert!(message.contains("overlaps") && message.contains("first"), "{message}");
}

#[test]
fn nothing_is_written_or_allocated_while_off() {
    let _serial = serial();
    common::activate_and_remove_map_at_exit();
    let before = read_map();
    deactivate();
    assert!(!is_active());
    let base = reserved_range(0x40);
    register(base, 0x40, "while off").expect("a no-op, not an error");
    assert_eq!(trampoline_for("py::off:demo.py"), Err(TrampolineError::Inactive));
    assert_eq!(read_map(), before);
    deactivate(); // twice is fine, as in CPython
    activate("perf").expect("activate");
    activate("perf").expect("activating twice is fine");
    assert!(is_active());
    register(base, 0x40, "after re-activation").expect("register");
    assert_eq!(read_map().len(), before.len() + 1);
}

#[test]
fn unknown_backends_fail_with_cpythons_message() {
    let _serial = serial();
    common::activate_and_remove_map_at_exit();
    assert_eq!(activate("x"), Err("invalid backend: x".to_string()));
    assert_eq!(activate(""), Err("invalid backend: ".to_string()));
    assert_eq!(activate("Perf"), Err("invalid backend: Perf".to_string()));
    assert!(is_active(), "a failed activation leaves the state alone");
    deactivate();
    assert_eq!(activate("perff"), Err("invalid backend: perff".to_string()));
    assert!(!is_active());
    activate("perf").expect("activate");
}

#[test]
fn a_forked_child_writes_its_own_map_with_the_inherited_entries() {
    let _serial = serial();
    common::activate_and_remove_map_at_exit();
    let parent_trampoline = trampoline_for("py::parent:fork.py").expect("trampoline");
    let parent_lines = read_map();

    // SAFETY: the child only uses this crate (fork-safe lock) and the
    // allocator, then leaves with _exit.
    let child = unsafe { libc::fork() };
    assert!(child >= 0, "fork failed");
    if child == 0 {
        // A map left at this pid by an earlier process: its names must not
        // survive into this process's map.
        // SAFETY: getpid has no preconditions.
        let own = egret_perfmap::map_path_for_pid(unsafe { libc::getpid() } as u32);
        let _ = std::fs::write(&own, "10 1 stale:from-a-dead-process\n");
        let status = match trampoline_for("py::child:fork.py") {
            Ok(t) if egret_perfmap::take_map_error().is_none() => {
                let f: egret_perfmap::EvalFn = {
                    unsafe extern "C" fn seven(_: *mut std::ffi::c_void, _: *mut std::ffi::c_void) -> usize {
                        7
                    }
                    seven
                };
                let via_inherited = unsafe { parent_trampoline.call(f, std::ptr::null_mut(), std::ptr::null_mut()) };
                let via_new = unsafe { t.call(f, std::ptr::null_mut(), std::ptr::null_mut()) };
                if via_inherited == 7 && via_new == 7 { 0 } else { 2 }
            }
            _ => 1,
        };
        unsafe { libc::_exit(status) };
    }
    let mut status = 0;
    // SAFETY: waiting for our own child.
    assert_eq!(unsafe { libc::waitpid(child, &mut status, 0) }, child);
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "child failed: status {status:#x}");

    let child_path = egret_perfmap::map_path_for_pid(child as u32);
    let child_text = std::fs::read_to_string(&child_path).expect("the child wrote its own map");
    let _ = std::fs::remove_file(&child_path);
    let child_lines = parse_map(&child_text).expect("well-formed");
    check_no_overlap(&child_lines).expect("no overlap");
    for line in &parent_lines {
        assert!(child_lines.contains(line), "inherited entry {line:?} missing from the child's map");
    }
    assert!(child_lines.iter().any(|line| line.name == "py::child:fork.py"));
    assert!(!child_lines.iter().any(|line| line.name.starts_with("stale:")), "a stale map at the child's pid was not started afresh");
    assert!(
        !read_map().iter().any(|line| line.name == "py::child:fork.py"),
        "the child's entry must not go to the parent's map"
    );
}

#[test]
fn the_map_file_belongs_to_this_user_and_is_0644() {
    use std::os::unix::fs::MetadataExt;
    let _serial = serial();
    common::activate_and_remove_map_at_exit();
    trampoline_for("py::mode:demo.py").expect("trampoline");
    let metadata = std::fs::metadata(current_map_path()).expect("map exists");
    assert_eq!(metadata.uid(), unsafe { libc::geteuid() });
    // SAFETY: umask is process-wide; read it and put it back at once.
    let umask = unsafe {
        let old = libc::umask(0o022);
        libc::umask(old);
        old
    };
    assert_eq!(metadata.mode() & 0o777, 0o644 & !(umask as u32));
}

#[test]
fn a_symlink_at_the_map_path_is_refused() {
    let _serial = serial();
    let dir = std::env::temp_dir().join(format!("egret-perfmap-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let target = dir.join("target");
    let link = dir.join("link.map");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    assert!(egret_perfmap::PerfMapFile::open(&link).is_err());
    assert!(!target.exists(), "nothing was created through the link");
    let mut plain = egret_perfmap::PerfMapFile::open(&dir.join("plain.map")).expect("open");
    plain.write_entry(0x1000, 0x20, "one").expect("write");
    plain.write_entry(0x1020, 0x20, "two").expect("write");
    let text = std::fs::read_to_string(dir.join("plain.map")).expect("read");
    assert_eq!(text, "1000 20 one\n1020 20 two\n");
    std::fs::remove_dir_all(&dir).expect("clean up");
}
