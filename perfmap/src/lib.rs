//! # egret-perfmap — Python frames for Linux `perf`
//!
//! ## The problem
//!
//! `perf record -g` samples the *native* stack. Every Python function Egret
//! runs is executed by the same Rust function (the interpreter's frame
//! evaluator), so a native profile of
//!
//! ```python
//! def inner(): ...busy...
//! def outer(): inner()
//! outer()
//! ```
//!
//! shows only `eval_frame -> call -> eval_frame -> call -> main`: the
//! profiler cannot tell which Python function each `eval_frame` was running.
//!
//! ## The mechanism (CPython 3.12's perf trampolines, `-X perf`)
//!
//! When perf support is on, the VM does not call its evaluator directly.
//! Each code object gets its own *trampoline*: a few machine instructions
//! that build an ordinary frame-pointer frame, call the function pointer they
//! were given with the two arguments they were given, and return its result.
//! All trampolines are copies of one template ([`trampoline`]); only their
//! addresses differ, and the address is what names them. A sample taken
//! inside `inner`'s evaluator now unwinds as
//!
//! ```text
//! eval_frame            <- the interpreter running inner()
//! py::inner:demo.py     <- inner's trampoline (a return address inside it)
//! eval_frame            <- the interpreter running outer()
//! py::outer:demo.py     <- outer's trampoline
//! main
//! ```
//!
//! The trampolines live in anonymous executable memory, which has no
//! symbols, so each one is announced in the perf map below. Trampolines are
//! handed out from 64 KiB chunks that are filled with copies of the template
//! while writable and then made read+execute (W^X; no page is ever writable
//! and executable, and a chunk is never written again). They are never freed:
//! a trampoline may be on some thread's stack at any time.
//!
//! Frame-pointer unwinding only works if the evaluator the trampoline calls
//! keeps frame pointers too (the workspace builds with
//! `-C force-frame-pointers=yes`); trampolines have no DWARF unwind
//! information, so `perf record --call-graph dwarf` does not see through them.
//!
//! ## The perf map
//!
//! `perf report`/`perf script` look up addresses in anonymous memory in
//! `/tmp/perf-<pid>.map` (path fixed by perf), one line per code range:
//!
//! ```text
//! START SIZE NAME
//! 7f3a1c000000 c py::inner:demo.py
//! ```
//!
//! START and SIZE are lower-case hex without `0x`; NAME runs to the end of
//! the line. The [`map`] module owns this file: one writer per process,
//! opened on first use (append, mode 0644; emptied first, since anything in
//! it is from an earlier process with the same pid), one `write` per line so a
//! profiler reading the file at any time sees whole entries. Python frames
//! are named `py::<qualname>:<filename>`; the JIT will add its compiled
//! traces to the same file. A forked child has a new pid and so writes its
//! own file, starting with every entry it inherited from its parent.
//!
//! ## Switching it on ([`activation`])
//!
//! `-X perf`, `PYTHONPERFSUPPORT=<nonzero int>` (ignored under `-E`/`-I`) and
//! `sys.activate_stack_trampoline("perf")` turn it on;
//! `sys.deactivate_stack_trampoline()` turns it off. When off, nothing is
//! opened, allocated or written.
//!
//! ## How the VM uses this crate
//!
//! ```ignore
//! // startup
//! if egret_perfmap::perf_support_requested_by_process(&xoptions, use_environment) {
//!     egret_perfmap::activate("perf").expect("perf is a known backend");
//! }
//! // calling a code object
//! if egret_perfmap::is_active() {
//!     // cache the Result in the code object: one trampoline per code object
//!     let name = egret_perfmap::python_frame_name(qualname, filename);
//!     if let Ok(t) = egret_perfmap::trampoline_for(&name) {
//!         return unsafe { t.call(eval_entry, vm_ptr, frame_ptr) };
//!     }
//! }
//! eval_entry(vm_ptr, frame_ptr) // direct call when off or on failure
//! ```

pub mod activation;
mod fork_safe_lock;
pub mod map;
mod process_state;
pub mod trampoline;

pub use activation::{
    activate, deactivate, is_active, perf_support_requested, perf_support_requested_by_process,
    Backend,
};
pub use map::{
    after_fork_child, current_map_path, format_entry, map_path_for_pid, register,
    take_map_error, PerfMapFile, RegisterError,
};
pub use trampoline::{
    python_frame_name, trampoline_cached, trampoline_for, EvalFn, Trampoline, TrampolineError,
};
