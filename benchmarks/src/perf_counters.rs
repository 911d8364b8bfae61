//! Kernel performance counters for one child process, through the
//! `perf_event_open(2)` system call: task-clock (software) and the hardware
//! counters instructions and cycles.
//!
//! The counters are opened on the child's pid after `fork` and before the
//! child `exec`s (the child waits on a pipe for us), with `enable_on_exec`
//! so counting starts exactly at `exec`, and `inherit` so threads and
//! sub-processes of the interpreter are counted too. Only user-space is
//! counted (`exclude_kernel`), which `perf_event_paranoid <= 2` allows.
//!
//! Where the kernel or the virtual machine has no such counter (ENOENT,
//! EOPNOTSUPP, EACCES, ...) we say so once on stderr and go on without it.

use std::sync::atomic::{AtomicBool, Ordering};

/// One counter we know how to open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CounterKind {
    TaskClock,
    Instructions,
    Cycles,
}

impl CounterKind {
    pub const ALL: [CounterKind; 3] = [CounterKind::TaskClock, CounterKind::Instructions, CounterKind::Cycles];

    pub fn name(self) -> &'static str {
        match self {
            CounterKind::TaskClock => "task-clock",
            CounterKind::Instructions => "instructions",
            CounterKind::Cycles => "cycles",
        }
    }

    /// (perf type, config) as in `linux/perf_event.h`.
    fn type_and_config(self) -> (u32, u64) {
        const PERF_TYPE_HARDWARE: u32 = 0;
        const PERF_TYPE_SOFTWARE: u32 = 1;
        const PERF_COUNT_HW_CPU_CYCLES: u64 = 0;
        const PERF_COUNT_HW_INSTRUCTIONS: u64 = 1;
        const PERF_COUNT_SW_TASK_CLOCK: u64 = 1;
        match self {
            CounterKind::TaskClock => (PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK),
            CounterKind::Instructions => (PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS),
            CounterKind::Cycles => (PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// What one child process counted. `None`: not available for this run.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CounterValues {
    /// CPU time of the process and its threads, in nanoseconds.
    pub task_clock_ns: Option<u64>,
    pub instructions: Option<u64>,
    pub cycles: Option<u64>,
}

/// Open counters attached to one (not yet exec'd) child.
pub struct ChildCounters {
    fds: Vec<(CounterKind, i32)>,
}

static UNSUPPORTED_REPORTED: [AtomicBool; 3] = [AtomicBool::new(false), AtomicBool::new(false), AtomicBool::new(false)];
static DISABLED: AtomicBool = AtomicBool::new(false);

/// Turn counters off for the whole run (`--no-counters`).
pub fn disable_counters() {
    DISABLED.store(true, Ordering::Relaxed);
}

const ATTR_SIZE: usize = 128; // PERF_ATTR_SIZE_VER7
const FLAG_DISABLED: u64 = 1 << 0;
const FLAG_INHERIT: u64 = 1 << 1;
const FLAG_EXCLUDE_KERNEL: u64 = 1 << 5;
const FLAG_EXCLUDE_HV: u64 = 1 << 6;
const FLAG_ENABLE_ON_EXEC: u64 = 1 << 12;
const READ_FORMAT_TOTAL_TIME_ENABLED: u64 = 1 << 0;
const READ_FORMAT_TOTAL_TIME_RUNNING: u64 = 1 << 1;

#[cfg(target_os = "linux")]
fn open_counter(kind: CounterKind, pid: libc::pid_t) -> Result<i32, std::io::Error> {
    // struct perf_event_attr, filled by offset: type u32 @0, size u32 @4,
    // config u64 @8, sample_period @16, sample_type @24, read_format @32,
    // the flag bit-field u64 @40; everything else zero.
    let mut attr = [0u8; ATTR_SIZE];
    let (event_type, config) = kind.type_and_config();
    attr[0..4].copy_from_slice(&event_type.to_ne_bytes());
    attr[4..8].copy_from_slice(&(ATTR_SIZE as u32).to_ne_bytes());
    attr[8..16].copy_from_slice(&config.to_ne_bytes());
    let read_format = READ_FORMAT_TOTAL_TIME_ENABLED | READ_FORMAT_TOTAL_TIME_RUNNING;
    attr[32..40].copy_from_slice(&read_format.to_ne_bytes());
    let flags = FLAG_DISABLED | FLAG_INHERIT | FLAG_EXCLUDE_KERNEL | FLAG_EXCLUDE_HV | FLAG_ENABLE_ON_EXEC;
    attr[40..48].copy_from_slice(&flags.to_ne_bytes());
    const PERF_FLAG_FD_CLOEXEC: libc::c_ulong = 1 << 3;
    // SAFETY: attr is a valid, fully initialised buffer of the declared size.
    let fd = unsafe {
        libc::syscall(libc::SYS_perf_event_open, attr.as_ptr(), pid, -1 as libc::c_int, -1 as libc::c_int, PERF_FLAG_FD_CLOEXEC)
    };
    if fd < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(fd as i32)
    }
}

#[cfg(not(target_os = "linux"))]
fn open_counter(_kind: CounterKind, _pid: libc::pid_t) -> Result<i32, std::io::Error> {
    Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "perf_event_open exists only on Linux"))
}

impl ChildCounters {
    /// Open every counter the machine supports on `pid`; the unsupported
    /// ones are reported once per run of egret-bench and skipped.
    pub fn open(pid: libc::pid_t) -> ChildCounters {
        let mut fds = Vec::new();
        if DISABLED.load(Ordering::Relaxed) {
            return ChildCounters { fds };
        }
        for kind in CounterKind::ALL {
            if UNSUPPORTED_REPORTED[kind.index()].load(Ordering::Relaxed) {
                continue;
            }
            match open_counter(kind, pid) {
                Ok(fd) => fds.push((kind, fd)),
                Err(error) => {
                    if !UNSUPPORTED_REPORTED[kind.index()].swap(true, Ordering::Relaxed) {
                        eprintln!("egret-bench: counter {} not supported here ({error}); going on without it", kind.name());
                    }
                }
            }
        }
        ChildCounters { fds }
    }

    /// Read the totals (after the child has exited), scaled when the kernel
    /// multiplexed the counter.
    pub fn read(self) -> CounterValues {
        let mut values = CounterValues::default();
        for &(kind, fd) in &self.fds {
            let mut buffer = [0u64; 3];
            // SAFETY: reading at most 24 bytes into a 24-byte buffer from our own fd.
            let got = unsafe { libc::read(fd, buffer.as_mut_ptr().cast(), std::mem::size_of_val(&buffer)) };
            if got != std::mem::size_of_val(&buffer) as isize {
                continue;
            }
            let [raw, enabled, running] = buffer;
            if running == 0 {
                continue;
            }
            let scaled = if running < enabled { (raw as f64 * enabled as f64 / running as f64) as u64 } else { raw };
            match kind {
                CounterKind::TaskClock => values.task_clock_ns = Some(scaled),
                CounterKind::Instructions => values.instructions = Some(scaled),
                CounterKind::Cycles => values.cycles = Some(scaled),
            }
        }
        values
    }
}

impl Drop for ChildCounters {
    fn drop(&mut self) {
        for &(_, fd) in &self.fds {
            // SAFETY: closing fds we opened and own.
            unsafe {
                libc::close(fd);
            }
        }
    }
}
