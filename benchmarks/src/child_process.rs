//! Running one interpreter process and measuring it from outside: wall
//! time, exit status, captured stdout/stderr, peak RSS and CPU times from
//! `wait4(2)`'s rusage, and the perf counters of `perf_counters`.
//!
//! We fork and exec by hand instead of using `std::process::Command`,
//! because the counters must be attached to the child's pid *between* fork
//! and exec: the child blocks on a "gate" pipe until the parent has opened
//! them (std's `spawn` would wait for the exec and deadlock). Everything the
//! child touches after `fork` (argv, envp, the program path) is prepared
//! beforehand, and it only calls async-signal-safe functions. Output goes
//! to unlinked temporary files (no reader threads to disturb the counts).
//! A watchdog thread kills the child's process group after the timeout.

use std::ffi::{CString, OsStr};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::perf_counters::{ChildCounters, CounterValues};

/// How the child ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitKind {
    Code(i32),
    Signal(i32),
    TimedOut,
}

/// Everything measured about one child process.
#[derive(Clone, Debug)]
pub struct ChildOutcome {
    pub exit: ExitKind,
    pub stdout: String,
    pub stderr: String,
    /// From the release of the gate (just before exec) to the exit.
    pub wall_seconds: f64,
    pub max_rss_bytes: u64,
    pub user_seconds: f64,
    pub system_seconds: f64,
    pub counters: CounterValues,
}

impl ChildOutcome {
    pub fn succeeded(&self) -> bool {
        self.exit == ExitKind::Code(0)
    }

    /// A one-line description of a failed exit, with the last stderr line.
    pub fn failure_summary(&self) -> String {
        let how = match self.exit {
            ExitKind::Code(code) => format!("exit status {code}"),
            ExitKind::Signal(signal) => format!("killed by signal {signal}"),
            ExitKind::TimedOut => "timed out".to_string(),
        };
        match self.stderr.lines().rev().find(|line| !line.trim().is_empty()) {
            Some(line) => format!("{how}: {}", truncate(line.trim(), 160)),
            None => how,
        }
    }
}

pub fn truncate(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        text.to_string()
    } else {
        let cut: String = text.chars().take(limit).collect();
        format!("{cut}...")
    }
}

/// The process group of the child being measured (0: none). The child runs
/// in its own group (so a timeout kills its sub-processes too), which means
/// a Ctrl-C on the terminal does not reach it: our SIGINT/SIGTERM handler
/// kills that group before we exit.
static RUNNING_CHILD_GROUP: AtomicI32 = AtomicI32::new(0);

extern "C" fn kill_child_and_exit(signal: libc::c_int) {
    let group = RUNNING_CHILD_GROUP.load(Ordering::SeqCst);
    // SAFETY: kill and _exit are async-signal-safe.
    unsafe {
        if group > 0 {
            libc::kill(-group, libc::SIGKILL);
            // The child may not have made its group yet: kill it by pid too.
            libc::kill(group, libc::SIGKILL);
        }
        libc::_exit(128 + signal);
    }
}

/// Install the handler above once (idempotent).
fn install_interrupt_handler() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let handler = kill_child_and_exit as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: installing a handler that only calls async-signal-safe functions.
        unsafe {
            libc::signal(libc::SIGINT, handler);
            libc::signal(libc::SIGTERM, handler);
        }
    });
}

/// Find `program` like `execvp` would (a name with a slash is used as is).
pub fn resolve_program(program: &str) -> Option<PathBuf> {
    if program.contains('/') {
        let path = PathBuf::from(program);
        return is_executable(&path).then_some(path);
    }
    let search = std::env::var_os("PATH")?;
    std::env::split_paths(&search).map(|dir| dir.join(program)).find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).map(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0).unwrap_or(false)
}

fn c_string(bytes: &[u8]) -> Result<CString, String> {
    CString::new(bytes).map_err(|_| format!("argument contains a NUL byte: {:?}", String::from_utf8_lossy(bytes)))
}

fn anonymous_file() -> Result<File, String> {
    static SERIAL: AtomicU64 = AtomicU64::new(0);
    let path = std::env::temp_dir().join(format!(
        "egret-bench-{}-{}.out",
        std::process::id(),
        SERIAL.fetch_add(1, Ordering::Relaxed)
    ));
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    let _ = std::fs::remove_file(&path);
    Ok(file)
}

fn read_back(mut file: File) -> String {
    let mut bytes = Vec::new();
    let _ = file.seek(SeekFrom::Start(0));
    let _ = file.read_to_end(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

fn pipe_cloexec() -> Result<[libc::c_int; 2], String> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: fds is a valid 2-element array.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(format!("pipe2: {}", std::io::Error::last_os_error()));
    }
    Ok(fds)
}

/// Run `argv` (argv[0] is looked up in PATH) with `extra_env` added to our
/// environment, stdin from /dev/null, and measure it. An `Err` means the
/// process could not be started at all (not found, not executable).
pub fn run_child(argv: &[String], extra_env: &[(String, String)], timeout: Duration) -> Result<ChildOutcome, String> {
    let program = argv.first().ok_or("empty command")?;
    let path = resolve_program(program).ok_or_else(|| format!("{program}: command not found or not executable"))?;
    let c_path = c_string(path.as_os_str().as_bytes())?;
    let c_argv: Vec<CString> = argv.iter().map(|a| c_string(a.as_bytes())).collect::<Result<_, _>>()?;
    let mut argv_ptrs: Vec<*const libc::c_char> = c_argv.iter().map(|a| a.as_ptr()).collect();
    argv_ptrs.push(std::ptr::null());
    let mut env_entries: Vec<CString> = Vec::new();
    for (key, value) in std::env::vars_os() {
        if extra_env.iter().any(|(k, _)| OsStr::new(k) == key) {
            continue;
        }
        let mut entry = key.as_bytes().to_vec();
        entry.push(b'=');
        entry.extend_from_slice(value.as_bytes());
        env_entries.push(c_string(&entry)?);
    }
    for (key, value) in extra_env {
        env_entries.push(c_string(format!("{key}={value}").as_bytes())?);
    }
    let mut env_ptrs: Vec<*const libc::c_char> = env_entries.iter().map(|e| e.as_ptr()).collect();
    env_ptrs.push(std::ptr::null());

    install_interrupt_handler();
    let stdout_file = anonymous_file()?;
    let stderr_file = anonymous_file()?;
    let devnull = File::open("/dev/null").map_err(|e| format!("/dev/null: {e}"))?;
    let gate = pipe_cloexec()?;
    let exec_status = pipe_cloexec()?;

    // SAFETY: fork; the child below only calls async-signal-safe functions on
    // data prepared before the fork, then execs or _exits.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(format!("fork: {}", std::io::Error::last_os_error()));
    }
    if pid == 0 {
        // SAFETY: child side; see above.
        unsafe {
            let mut byte = 0u8;
            loop {
                let got = libc::read(gate[0], (&mut byte as *mut u8).cast(), 1);
                if got >= 0 || *libc::__errno_location() != libc::EINTR {
                    break;
                }
            }
            libc::setpgid(0, 0);
            libc::dup2(devnull.as_raw_fd(), 0);
            libc::dup2(stdout_file.as_raw_fd(), 1);
            libc::dup2(stderr_file.as_raw_fd(), 2);
            libc::execve(c_path.as_ptr(), argv_ptrs.as_ptr(), env_ptrs.as_ptr());
            let errno = *libc::__errno_location();
            libc::write(exec_status[1], (&errno as *const i32).cast(), std::mem::size_of::<i32>());
            libc::_exit(127);
        }
    }

    // Parent.
    // SAFETY: closing our copies of the child's pipe ends.
    unsafe {
        libc::close(gate[0]);
        libc::close(exec_status[1]);
    }
    RUNNING_CHILD_GROUP.store(pid, Ordering::SeqCst);
    let counters = ChildCounters::open(pid);
    let started = Instant::now();
    // SAFETY: writing one byte to our pipe, then closing it.
    unsafe {
        libc::write(gate[1], b"g".as_ptr().cast(), 1);
        libc::close(gate[1]);
    }
    let mut exec_errno = 0i32;
    // SAFETY: reading at most 4 bytes into an i32 from our pipe.
    let got = unsafe { libc::read(exec_status[0], (&mut exec_errno as *mut i32).cast(), std::mem::size_of::<i32>()) };
    // SAFETY: closing our pipe end.
    unsafe {
        libc::close(exec_status[0]);
    }

    let (done_sender, done_receiver) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = done_receiver.recv_timeout(timeout) {
            // SAFETY: the child is not reaped yet (the main thread waits with
            // WNOWAIT before telling us), so the pid and group are still its.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
                libc::kill(pid, libc::SIGKILL);
            }
            return true;
        }
        false
    });
    // Wait for the exit without reaping, so the watchdog can never kill a reused pid.
    loop {
        // SAFETY: info is a zeroed siginfo_t we own.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, libc::WEXITED | libc::WNOWAIT) };
        if rc == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            break;
        }
    }
    let wall_seconds = started.elapsed().as_secs_f64();
    let _ = done_sender.send(());
    let timed_out = watchdog.join().unwrap_or(false);
    let mut status = 0;
    // SAFETY: rusage is a zeroed struct we own; pid is our child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if rc >= 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            break;
        }
    }
    RUNNING_CHILD_GROUP.store(0, Ordering::SeqCst);
    let counter_values = counters.read();

    if got == std::mem::size_of::<i32>() as isize {
        return Err(format!("{}: cannot execute: {}", path.display(), std::io::Error::from_raw_os_error(exec_errno)));
    }
    let exit = if timed_out {
        ExitKind::TimedOut
    } else if libc::WIFEXITED(status) {
        ExitKind::Code(libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        ExitKind::Signal(libc::WTERMSIG(status))
    } else {
        ExitKind::Code(-1)
    };
    let timeval_seconds = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    Ok(ChildOutcome {
        exit,
        stdout: read_back(stdout_file),
        stderr: read_back(stderr_file),
        wall_seconds,
        // Linux reports ru_maxrss in kilobytes.
        max_rss_bytes: (usage.ru_maxrss.max(0) as u64) * 1024,
        user_seconds: timeval_seconds(usage.ru_utime),
        system_seconds: timeval_seconds(usage.ru_stime),
        counters: counter_values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_output_and_status() {
        let argv: Vec<String> = ["sh", "-c", "echo out; echo err >&2; exit 3"].iter().map(|s| s.to_string()).collect();
        let outcome = run_child(&argv, &[], Duration::from_secs(20)).unwrap();
        assert_eq!(outcome.exit, ExitKind::Code(3));
        assert_eq!(outcome.stdout, "out\n");
        assert_eq!(outcome.stderr, "err\n");
        assert!(outcome.max_rss_bytes > 0);
        assert!(outcome.failure_summary().contains("exit status 3: err"));
    }

    #[test]
    fn passes_extra_environment() {
        let argv: Vec<String> = ["sh", "-c", "printf %s \"$EGRET_TEST_VALUE\""].iter().map(|s| s.to_string()).collect();
        let outcome = run_child(&argv, &[("EGRET_TEST_VALUE".into(), "forty two".into())], Duration::from_secs(20)).unwrap();
        assert!(outcome.succeeded());
        assert_eq!(outcome.stdout, "forty two");
    }

    #[test]
    fn kills_after_timeout() {
        let argv: Vec<String> = ["sh", "-c", "sleep 30"].iter().map(|s| s.to_string()).collect();
        let outcome = run_child(&argv, &[], Duration::from_millis(300)).unwrap();
        assert_eq!(outcome.exit, ExitKind::TimedOut);
        assert!(outcome.wall_seconds < 10.0);
    }

    #[test]
    fn counts_task_clock_when_the_kernel_allows_it() {
        // A busy shell loop of a few tens of milliseconds.
        let script = "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done";
        let argv: Vec<String> = ["sh", "-c", script].iter().map(|s| s.to_string()).collect();
        let outcome = run_child(&argv, &[], Duration::from_secs(60)).unwrap();
        assert!(outcome.succeeded());
        match outcome.counters.task_clock_ns {
            None => println!("skipped: task-clock not supported on this machine"),
            Some(ns) => {
                let seconds = ns as f64 / 1e9;
                assert!(seconds > 0.001, "task-clock {seconds} s for a busy loop");
                assert!(seconds <= outcome.wall_seconds * 2.0 + 0.05, "task-clock {seconds} s > wall {}", outcome.wall_seconds);
            }
        }
        let cpu = outcome.user_seconds + outcome.system_seconds;
        assert!(cpu > 0.0 && cpu <= outcome.wall_seconds * 2.0 + 0.05, "rusage CPU {cpu} s");
    }

    #[test]
    fn reports_missing_program() {
        let argv = vec!["/nonexistent/egret-python".to_string()];
        assert!(run_child(&argv, &[], Duration::from_secs(5)).is_err());
    }
}
