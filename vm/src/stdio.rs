//! Standard streams: buffered writes to the process's stdout and stderr,
//! used by `print` and by `sys.stdout`/`sys.stderr` while they are the
//! original stream objects. stdout is block-buffered when not a terminal
//! (as CPython) and flushed at exit, before reading stdin, and on `flush()`.

use crate::vm::Vm;
use std::cell::RefCell;
use std::io::Write;

thread_local! {
    static STDOUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// When true (`-u`, or stdout is a terminal) every write is flushed at once
/// (a terminal is flushed at each newline).
pub fn write_stdout(vm: &Vm, s: &str) {
    STDOUT.with(|b| {
        let mut b = b.borrow_mut();
        b.extend_from_slice(s.as_bytes());
        if vm.config.unbuffered || b.len() >= 1 << 16 || (is_tty() && s.contains('\n')) {
            let _ = std::io::stdout().write_all(&b);
            let _ = std::io::stdout().flush();
            b.clear();
        }
    });
}

pub fn flush_stdout() {
    STDOUT.with(|b| {
        let mut b = b.borrow_mut();
        if !b.is_empty() {
            let _ = std::io::stdout().write_all(&b);
            b.clear();
        }
        let _ = std::io::stdout().flush();
    });
}

/// stderr is unbuffered; stdout is flushed first so the two interleave as written.
pub fn write_stderr(_vm: &Vm, s: &str) {
    flush_stdout();
    let _ = std::io::stderr().write_all(s.as_bytes());
    let _ = std::io::stderr().flush();
}

fn is_tty() -> bool {
    thread_local! {
        static TTY: bool = std::io::IsTerminal::is_terminal(&std::io::stdout());
    }
    TTY.with(|t| *t)
}
