//! Two nested Python-like frames for `perf`: `py::outer:demo.py` calls
//! `py::inner:demo.py`, which spins in a busy loop for about a second
//! (`nested [SECONDS]`). Try:
//!
//! ```text
//! cargo build -p egret-perfmap --example nested
//! perf record -e cpu-clock -g -o perf.data target/debug/examples/nested
//! perf script -i perf.data | less     # py::inner:demo.py above py::outer:demo.py
//! ```
//!
//! The map stays in `/tmp/perf-<pid>.map` (perf reads it after the process
//! exits); the pid is printed on stdout as `map: <path>`.

use std::ffi::c_void;
use std::hint::black_box;
use std::time::{Duration, Instant};

use egret_perfmap::{trampoline_for, Trampoline};

/// What the outer frame needs to start the inner one.
struct Frames {
    inner: Trampoline,
    deadline: Instant,
}

/// The "interpreter" running `inner`: burns CPU until the deadline.
#[inline(never)]
unsafe extern "C" fn busy_inner(frames: *mut c_void, _unused: *mut c_void) -> usize {
    let deadline = (*(frames as *const Frames)).deadline;
    let mut acc: usize = 0;
    while Instant::now() < deadline {
        for i in 0..10_000usize {
            acc = black_box(acc.wrapping_mul(31).wrapping_add(i));
        }
    }
    acc
}

/// The "interpreter" running `outer`: calls `inner` through its trampoline.
#[inline(never)]
unsafe extern "C" fn run_outer(frames: *mut c_void, unused: *mut c_void) -> usize {
    let inner = (*(frames as *const Frames)).inner;
    black_box(inner.call(busy_inner, frames, unused))
}

pub fn main() {
    let seconds: f64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(1.0);
    if let Err(message) = egret_perfmap::activate("perf") {
        eprintln!("nested: {message}");
        std::process::exit(1);
    }
    let made = trampoline_for("py::outer:demo.py").and_then(|outer| Ok((outer, trampoline_for("py::inner:demo.py")?)));
    let (outer, inner) = match made {
        Ok(pair) => pair,
        Err(error) => {
            eprintln!("nested: {error}");
            std::process::exit(1);
        }
    };
    if let Some(error) = egret_perfmap::take_map_error() {
        eprintln!("nested: {error}");
        std::process::exit(1);
    }
    println!("map: {}", egret_perfmap::current_map_path().display());
    let mut frames = Frames { inner, deadline: Instant::now() + Duration::from_secs_f64(seconds) };
    let result = unsafe { outer.call(run_outer, (&mut frames as *mut Frames).cast(), std::ptr::null_mut()) };
    println!("result: {result}");
}
