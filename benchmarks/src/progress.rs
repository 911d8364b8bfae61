//! The progress display on stderr: on a terminal one line rewritten in
//! place while a process runs, and one permanent line per finished
//! benchmark and interpreter; elsewhere only the permanent lines.

use std::io::Write;

pub struct Progress {
    total: usize,
    on_terminal: bool,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        // SAFETY: isatty only inspects the file descriptor.
        let on_terminal = unsafe { libc::isatty(2) } == 1;
        Progress { total, on_terminal }
    }

    fn prefix(&self, index: usize) -> String {
        let width = self.total.to_string().len();
        format!("[{:>width$}/{}]", index + 1, self.total)
    }

    /// A process is about to run.
    pub fn running(&self, index: usize, name: &str, interpreter: &str, process: u32, processes: u32) {
        if self.on_terminal {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K{} {name} on {interpreter}: process {}/{processes}", self.prefix(index), process + 1);
            let _ = err.flush();
        }
    }

    /// A benchmark finished on one interpreter.
    pub fn finished(&self, index: usize, name: &str, interpreter: &str, summary: &str) {
        let mut err = std::io::stderr().lock();
        let clear = if self.on_terminal { "\r\x1b[K" } else { "" };
        let _ = writeln!(err, "{clear}{} {name} on {interpreter}: {summary}", self.prefix(index));
    }
}
