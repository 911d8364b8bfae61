//! A tiny lock that stays usable in a forked child.
//!
//! `std::sync::Mutex` cannot be released in a `fork` child if another parent
//! thread held it at the moment of `fork` (that thread does not exist in the
//! child, so the child would wait forever). This lock is one atomic flag, so
//! `pthread_atfork` handlers can take it before `fork` and release it in both
//! parent and child (see `process_state`). It is held only for short,
//! non-blocking sections (a map lookup, one `write`, one `mmap`), so waiting
//! threads simply yield.

use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, Ordering};

pub(crate) struct ForkSafeLock<T> {
    locked: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: access to `value` is serialised by `locked`.
unsafe impl<T: Send> Sync for ForkSafeLock<T> {}
unsafe impl<T: Send> Send for ForkSafeLock<T> {}

impl<T> ForkSafeLock<T> {
    pub(crate) const fn new(value: T) -> Self {
        ForkSafeLock { locked: AtomicBool::new(false), value: UnsafeCell::new(value) }
    }

    pub(crate) fn lock(&self) -> ForkSafeGuard<'_, T> {
        self.acquire();
        ForkSafeGuard { lock: self }
    }

    /// Takes the lock without a guard (for the `pthread_atfork` prepare hook).
    pub(crate) fn acquire(&self) {
        while self
            .locked
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            std::thread::yield_now();
        }
    }

    /// Releases a lock taken with [`ForkSafeLock::acquire`].
    pub(crate) fn release(&self) {
        self.locked.store(false, Ordering::Release);
    }
}

pub(crate) struct ForkSafeGuard<'a, T> {
    lock: &'a ForkSafeLock<T>,
}

impl<T> Deref for ForkSafeGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard proves the lock is held.
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> DerefMut for ForkSafeGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard proves the lock is held, and it is borrowed mutably.
        unsafe { &mut *self.lock.value.get() }
    }
}

impl<T> Drop for ForkSafeGuard<'_, T> {
    fn drop(&mut self) {
        self.lock.release();
    }
}
