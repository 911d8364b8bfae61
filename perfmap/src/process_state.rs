//! The crate's one piece of process-wide mutable state, behind one lock.
//!
//! The perf map writer, the trampoline chunks and the id -> trampoline cache
//! change together (a trampoline is allocated and named in one step), so they
//! share one [`ForkSafeLock`]. `pthread_atfork` hooks, installed on first
//! use, take the lock around `fork`, so a child never inherits it half-way
//! through an update made by some other thread.

use std::collections::BTreeMap;
use std::sync::Once;

use crate::fork_safe_lock::{ForkSafeGuard, ForkSafeLock};
use crate::map::ProcessMap;
use crate::trampoline::{Trampoline, TrampolineArena};

pub(crate) struct ProcessState {
    pub(crate) map: ProcessMap,
    pub(crate) arena: TrampolineArena,
    /// Trampolines handed out by [`crate::trampoline_cached`], by caller id.
    pub(crate) cache: BTreeMap<usize, Trampoline>,
}

static STATE: ForkSafeLock<ProcessState> = ForkSafeLock::new(ProcessState {
    map: ProcessMap::new(),
    arena: TrampolineArena::new(),
    cache: BTreeMap::new(),
});

static INSTALL_FORK_HOOKS: Once = Once::new();

extern "C" fn before_fork() {
    STATE.acquire();
}

extern "C" fn after_fork_in_parent() {
    STATE.release();
}

extern "C" fn after_fork_in_child() {
    STATE.release();
}

/// Locks the process state (installing the fork hooks the first time).
pub(crate) fn lock_state() -> ForkSafeGuard<'static, ProcessState> {
    INSTALL_FORK_HOOKS.call_once(|| {
        // SAFETY: the hooks only touch the atomic flag of a static lock.
        // A failure (ENOMEM) leaves fork-safety to the pid check in `map`.
        unsafe {
            libc::pthread_atfork(
                Some(before_fork),
                Some(after_fork_in_parent),
                Some(after_fork_in_child),
            );
        }
    });
    STATE.lock()
}
