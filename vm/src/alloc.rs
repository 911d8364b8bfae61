//! The process's memory allocator: mimalloc, with a small LIFO free list
//! per size class in front of it for small blocks, as CPython's pymalloc.
//!
//! Why the free lists: Python programs allocate and free small objects at a
//! very high rate, and CPython hands a just-freed block straight back to
//! the next allocation of the same size class. Programs observe that
//! (`id()` of a temporary equals the next temporary's, "<X object at ...>"
//! in reprs), and it keeps the working set in cache. mimalloc alone does
//! not reuse a freed block until its page's free list runs out.
//!
//! Blocks of up to [`MAX_SMALL`] bytes with alignment up to 16 are rounded
//! up to a multiple of 16 (their class); a freed block is pushed on its
//! class's list (at most [`MAX_CACHED`] per class and thread) and the next
//! allocation of the class pops it. Everything else goes to mimalloc
//! directly. The lists are per thread: a block freed on another thread
//! than the one that allocated it is simply reused there. A thread's
//! cached blocks (at most 256 per class) are not returned when it exits;
//! Egret runs Python on one thread, so that is bounded, but a future
//! `threading` with OS threads should drain the lists at thread exit.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

const GRAIN: usize = 16;
/// Largest size served by the free lists.
const MAX_SMALL: usize = 512;
const CLASSES: usize = MAX_SMALL / GRAIN;
/// Most blocks kept per class and thread.
const MAX_CACHED: u32 = 256;

struct Bins {
    head: [*mut Block; CLASSES],
    count: [u32; CLASSES],
}

/// A free block: its first word links to the next free block of the class.
struct Block {
    next: *mut Block,
}

thread_local! {
    static BINS: UnsafeCell<Bins> = const { UnsafeCell::new(Bins { head: [null_mut(); CLASSES], count: [0; CLASSES] }) };
}

/// The size class of a layout served by the free lists.
#[inline(always)]
fn class_of(l: &Layout) -> Option<usize> {
    let size = l.size();
    if size != 0 && size <= MAX_SMALL && l.align() <= GRAIN {
        Some((size - 1) / GRAIN)
    } else {
        None
    }
}

#[inline(always)]
fn class_size(c: usize) -> usize {
    (c + 1) * GRAIN
}

/// The global allocator (installed by the `egret` binary).
pub struct EgretAlloc;

impl EgretAlloc {
    #[inline(always)]
    unsafe fn pop(c: usize) -> *mut u8 {
        BINS.with(|b| {
            // SAFETY: the bins are this thread's own and never borrowed across calls.
            let b = unsafe { &mut *b.get() };
            let p = b.head[c];
            if !p.is_null() {
                // SAFETY: a block on the list is free memory of at least one word.
                b.head[c] = unsafe { (*p).next };
                b.count[c] -= 1;
            }
            p as *mut u8
        })
    }
    /// Pushes a freed block of class `c`; false when the list is full.
    #[inline(always)]
    unsafe fn push(c: usize, p: *mut u8) -> bool {
        BINS.with(|b| {
            // SAFETY: as in `pop`.
            let b = unsafe { &mut *b.get() };
            if b.count[c] >= MAX_CACHED {
                return false;
            }
            let blk = p as *mut Block;
            // SAFETY: the block is free, at least 16 bytes and 16-aligned.
            unsafe { (*blk).next = b.head[c] };
            b.head[c] = blk;
            b.count[c] += 1;
            true
        })
    }
}

// SAFETY: every block handed out is either fresh from mimalloc or a block of
// the same size class (hence at least as large and 16-aligned) freed earlier.
unsafe impl GlobalAlloc for EgretAlloc {
    #[inline]
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        match class_of(&l) {
            Some(c) => {
                let p = unsafe { Self::pop(c) };
                if !p.is_null() {
                    return p;
                }
                unsafe { mi::mi_malloc(class_size(c)) as *mut u8 }
            }
            // mimalloc's blocks are 16-aligned: the aligned entry point (a
            // slower path that may over-allocate) only for larger alignments.
            None if l.align() <= GRAIN => unsafe { mi::mi_malloc(l.size()) as *mut u8 },
            None => unsafe { mi::mi_malloc_aligned(l.size(), l.align()) as *mut u8 },
        }
    }
    #[inline]
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        match class_of(&l) {
            Some(c) => {
                let p = unsafe { Self::pop(c) };
                if !p.is_null() {
                    unsafe { std::ptr::write_bytes(p, 0, l.size()) };
                    return p;
                }
                unsafe { mi::mi_zalloc(class_size(c)) as *mut u8 }
            }
            None if l.align() <= GRAIN => unsafe { mi::mi_zalloc(l.size()) as *mut u8 },
            None => unsafe { mi::mi_zalloc_aligned(l.size(), l.align()) as *mut u8 },
        }
    }
    #[inline]
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        if let Some(c) = class_of(&l) {
            if unsafe { Self::push(c, p) } {
                return;
            }
        }
        unsafe { mi::mi_free(p as *mut std::ffi::c_void) }
    }
    #[inline]
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
        let old_class = class_of(&l);
        // SAFETY: the caller guarantees a valid layout for the new size.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, l.align()) };
        let new_class = class_of(&new_layout);
        if old_class.is_some() && old_class == new_class {
            return p;
        }
        if old_class.is_none() && new_class.is_none() {
            if l.align() <= GRAIN {
                return unsafe { mi::mi_realloc(p as *mut std::ffi::c_void, new_size) as *mut u8 };
            }
            return unsafe { mi::mi_realloc_aligned(p as *mut std::ffi::c_void, new_size, l.align()) as *mut u8 };
        }
        let q = unsafe { self.alloc(new_layout) };
        if !q.is_null() {
            unsafe {
                std::ptr::copy_nonoverlapping(p, q, l.size().min(new_size));
                self.dealloc(p, l);
            }
        }
        q
    }
}
