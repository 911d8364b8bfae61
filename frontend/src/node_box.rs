//! [`NodeBox<T>`]: the owning pointer of AST children (what `Box<T>` would
//! be), with its memory taken from a per-thread pool of fixed-size slots.
//!
//! Why: a module's AST is ~10^5 small nodes, made one at a time while parsing
//! and freed together when compilation ends. Through the system allocator
//! these were the largest single cost of the front end: the parser never
//! frees, so every node took malloc's slow path, and dropping the tree sent
//! every node through `free` (and later through malloc's consolidation).
//! The pool keeps one free list per 16-byte size class and carves new slots
//! out of 64 KiB slabs, so making or freeing a node is a few instructions,
//! and the slots the last module freed are what the next parse reuses.
//!
//! Safety rules, all local to this file:
//! - a slot never moves while its node lives, and a slab is only returned to
//!   the system when the thread's pool is destroyed with no node alive (if
//!   nodes are still alive then, the slabs are leaked, so a node freed late,
//!   during thread-local destruction, still points at valid memory);
//! - `NodeBox` holds a raw pointer, so it is neither `Send` nor `Sync`: a
//!   node is always freed on the thread whose pool made it;
//! - the pool is never borrowed while a node's destructor runs (children are
//!   freed from inside that destructor).

use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use std::cell::UnsafeCell;
use std::fmt;
use std::marker::PhantomData;
use std::mem::{align_of, size_of, ManuallyDrop};
use std::ops::{Deref, DerefMut};
use std::ptr::{self, NonNull};

/// Slot sizes are multiples of this (also the slots' alignment).
const CLASS_BYTES: usize = 16;
/// Size classes 16, 32, ..., 256 bytes; bigger nodes use the global allocator.
const CLASSES: usize = 16;
const SLAB_BYTES: usize = 64 * 1024;

/// A free slot holds the link to the next free slot of its class.
struct FreeSlot {
    next: *mut FreeSlot,
}

struct Pool {
    free: [*mut FreeSlot; CLASSES],
    /// The unused tail of the newest slab.
    bump: *mut u8,
    end: *mut u8,
    slabs: Vec<NonNull<u8>>,
    /// Nodes allocated and not yet freed.
    live: usize,
}

fn slab_layout() -> Layout {
    Layout::from_size_align(SLAB_BYTES, CLASS_BYTES).expect("slab layout")
}

impl Pool {
    /// A slot of `class` (0-based: `(class + 1) * 16` bytes).
    fn alloc(&mut self, class: usize) -> *mut u8 {
        self.live += 1;
        let head = self.free[class];
        if !head.is_null() {
            // SAFETY: every pointer on a free list is a slot of this class
            // that no node owns, written by `free` with a valid link.
            self.free[class] = unsafe { (*head).next };
            return head.cast();
        }
        let size = (class + 1) * CLASS_BYTES;
        if (self.end as usize) - (self.bump as usize) < size {
            // SAFETY: the layout has a non-zero size.
            let slab = unsafe { alloc(slab_layout()) };
            let Some(slab) = NonNull::new(slab) else { handle_alloc_error(slab_layout()) };
            self.slabs.push(slab);
            self.bump = slab.as_ptr();
            // SAFETY: one past the end of the slab just allocated.
            self.end = unsafe { slab.as_ptr().add(SLAB_BYTES) };
        }
        let slot = self.bump;
        // SAFETY: `size` bytes fit before `end` (checked above).
        self.bump = unsafe { self.bump.add(size) };
        slot
    }

    /// Puts a slot of `class` back on its free list.
    fn free(&mut self, slot: *mut u8, class: usize) {
        self.live -= 1;
        let slot = slot.cast::<FreeSlot>();
        // SAFETY: the slot is at least 16 bytes, 16-aligned, and no longer owned.
        unsafe { slot.write(FreeSlot { next: self.free[class] }) };
        self.free[class] = slot;
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        if self.live != 0 {
            return; // Nodes outlive the thread's pool: leave their memory alone.
        }
        for slab in self.slabs.drain(..) {
            // SAFETY: allocated in `alloc` with this layout, and no node lives in it.
            unsafe { dealloc(slab.as_ptr(), slab_layout()) };
        }
    }
}

thread_local! {
    static POOL: UnsafeCell<Pool> = const {
        UnsafeCell::new(Pool {
            free: [ptr::null_mut(); CLASSES],
            bump: ptr::null_mut(),
            end: ptr::null_mut(),
            slabs: Vec::new(),
            live: 0,
        })
    };
}

/// The size class of `T`, or None when `T` is too big (or too aligned) for the pool.
const fn class_of<T>() -> Option<usize> {
    let size = size_of::<T>();
    if size == 0 || size > CLASSES * CLASS_BYTES || align_of::<T>() > CLASS_BYTES {
        None
    } else {
        Some((size + CLASS_BYTES - 1) / CLASS_BYTES - 1)
    }
}

/// An owned AST node in pooled memory; derefs to `T` like a `Box<T>`.
pub struct NodeBox<T> {
    ptr: NonNull<T>,
    _owns: PhantomData<T>,
}

impl<T> NodeBox<T> {
    pub fn new(value: T) -> NodeBox<T> {
        let Some(class) = class_of::<T>() else {
            let ptr = NonNull::from(Box::leak(Box::new(value)));
            return NodeBox { ptr, _owns: PhantomData };
        };
        let slot = POOL
            // SAFETY: the pool is only borrowed inside `alloc`, which runs no other code.
            .try_with(|p| unsafe { (*p.get()).alloc(class) })
            .unwrap_or_else(|_| {
                // The thread's pool is gone (thread-local destruction): a slot
                // from the global allocator, leaked when freed.
                let layout = Layout::from_size_align((class + 1) * CLASS_BYTES, CLASS_BYTES).expect("slot layout");
                // SAFETY: non-zero size.
                let p = unsafe { alloc(layout) };
                if p.is_null() {
                    handle_alloc_error(layout)
                }
                p
            });
        let ptr = slot.cast::<T>();
        // SAFETY: the slot is big enough and aligned for `T`, and unowned.
        unsafe { ptr.write(value) };
        NodeBox { ptr: NonNull::new(ptr).expect("slot"), _owns: PhantomData }
    }

    /// Moves the node out, freeing its slot.
    pub fn into_inner(b: NodeBox<T>) -> T {
        let b = ManuallyDrop::new(b);
        // SAFETY: the node is initialised and owned by `b`, which is not dropped.
        let value = unsafe { b.ptr.as_ptr().read() };
        // SAFETY: the value has been moved out; only the memory remains.
        unsafe { release::<T>(b.ptr.as_ptr()) };
        value
    }
}

/// Returns the memory of a node whose value is already dropped or moved out.
///
/// # Safety
/// `ptr` must come from `NodeBox::<T>::new` and hold no live value.
unsafe fn release<T>(ptr: *mut T) {
    match class_of::<T>() {
        None => {
            // SAFETY: made by `Box::leak` in `new`; `ManuallyDrop` stops a second drop of `T`.
            drop(unsafe { Box::from_raw(ptr.cast::<ManuallyDrop<T>>()) });
        }
        Some(class) => {
            // SAFETY: the pool is only borrowed inside `free`, which runs no other code.
            let _ = POOL.try_with(|p| unsafe { (*p.get()).free(ptr.cast(), class) });
        }
    }
}

impl<T> Drop for NodeBox<T> {
    fn drop(&mut self) {
        let ptr = self.ptr.as_ptr();
        // SAFETY: the node is initialised and owned; dropping it first (it may
        // free children through the pool), then returning its slot.
        unsafe {
            ptr::drop_in_place(ptr);
            release::<T>(ptr);
        }
    }
}

impl<T> Deref for NodeBox<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: the node is initialised and owned for as long as `self` lives.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T> DerefMut for NodeBox<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as `deref`, and `&mut self` makes the access unique.
        unsafe { self.ptr.as_mut() }
    }
}

impl<T: Clone> Clone for NodeBox<T> {
    fn clone(&self) -> NodeBox<T> {
        NodeBox::new((**self).clone())
    }
}

impl<T: fmt::Debug> fmt::Debug for NodeBox<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: PartialEq> PartialEq for NodeBox<T> {
    fn eq(&self, other: &NodeBox<T>) -> bool {
        **self == **other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_reused_and_values_survive() {
        let a = NodeBox::new([7u64; 10]);
        let addr = &*a as *const _ as usize;
        assert_eq!(a[9], 7);
        drop(a);
        let b = NodeBox::new([8u64; 10]);
        assert_eq!(&*b as *const _ as usize, addr);
        assert_eq!(NodeBox::into_inner(b), [8u64; 10]);
    }

    #[test]
    fn big_nodes_and_clones() {
        let big = NodeBox::new([1u8; 1000]);
        let copy = big.clone();
        assert_eq!(big, copy);
        let nested = NodeBox::new(Some(NodeBox::new(String::from("x"))));
        assert_eq!(nested.as_ref().map(|s| s.as_str()), Some("x"));
    }
}
