//! Trampolines: one tiny native function per code object, so native stack
//! unwinding shows which Python function each interpreter frame runs.
//!
//! Every trampoline is a copy of one machine-code template with the C
//! signature `usize tramp(void *a, void *b, EvalFn f)`: it pushes a
//! frame-pointer frame, calls `f(a, b)` (the arguments are already in the
//! first two argument registers), pops the frame and returns `f`'s result.
//!
//! ```text
//! x86-64                              aarch64
//! endbr64          (CET landing pad)  stp  x29, x30, [sp, #-16]!
//! push rbp                            mov  x29, sp
//! mov  rbp, rsp                       blr  x2
//! call rdx                            ldp  x29, x30, [sp], #16
//! pop  rbp                            ret
//! ret
//! ```
//!
//! A frame-pointer unwinder walking from the evaluator finds the return
//! address inside the trampoline, and the perf map names that address.
//!
//! Memory: chunks of 64 KiB are `mmap`ed read+write, filled entirely with
//! copies of the template (one per 16- or 32-byte slot, padding filled with
//! trap instructions), then `mprotect`ed read+execute and, on aarch64, the
//! instruction cache is flushed. Slots are then handed out one by one; a
//! chunk is never written again and never unmapped (some thread may be
//! running inside any trampoline), and a full chunk is followed by a fresh
//! one. Each trampoline is registered in the perf map as it is handed out;
//! slots do not overlap, so neither do the entries.

use std::ffi::c_void;
use std::fmt;
use std::ptr::NonNull;

use crate::map::register_locked;
use crate::process_state::lock_state;

/// The function a trampoline calls: the VM's frame evaluator. It must not
/// unwind (panic) out: trampolines have no unwind tables, and `extern "C"`
/// aborts on unwinding anyway.
pub type EvalFn = unsafe extern "C" fn(a: *mut c_void, b: *mut c_void) -> usize;

/// The machine-code signature of every trampoline.
type TrampolineFn = unsafe extern "C" fn(a: *mut c_void, b: *mut c_void, f: EvalFn) -> usize;

#[cfg(target_arch = "x86_64")]
const TEMPLATE: Option<&[u8]> = Some(&[
    0xf3, 0x0f, 0x1e, 0xfa, // endbr64
    0x55, //                   push rbp
    0x48, 0x89, 0xe5, //       mov  rbp, rsp
    0xff, 0xd2, //             call rdx
    0x5d, //                   pop  rbp
    0xc3, //                   ret
]);
#[cfg(target_arch = "x86_64")]
const SLOT_SIZE: usize = 16;
/// Fills slot padding: `int3`.
#[cfg(target_arch = "x86_64")]
const PADDING: &[u8] = &[0xcc];

#[cfg(target_arch = "aarch64")]
const TEMPLATE: Option<&[u8]> = Some(&[
    0xfd, 0x7b, 0xbf, 0xa9, // stp  x29, x30, [sp, #-16]!
    0xfd, 0x03, 0x00, 0x91, // mov  x29, sp
    0x40, 0x00, 0x3f, 0xd6, // blr  x2
    0xfd, 0x7b, 0xc1, 0xa8, // ldp  x29, x30, [sp], #16
    0xc0, 0x03, 0x5f, 0xd6, // ret
]);
#[cfg(target_arch = "aarch64")]
const SLOT_SIZE: usize = 32;
/// Fills slot padding: `brk #0`.
#[cfg(target_arch = "aarch64")]
const PADDING: &[u8] = &[0x00, 0x00, 0x20, 0xd4];

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
const TEMPLATE: Option<&[u8]> = None;
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
const SLOT_SIZE: usize = 16;
#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
const PADDING: &[u8] = &[0];

/// Bytes per chunk (rounded up to whole pages).
const CHUNK_BYTES: usize = 64 * 1024;

/// Whether this target has a trampoline template.
pub fn trampolines_supported() -> bool {
    TEMPLATE.is_some()
}

/// The size of one trampoline's code (what its perf map entry covers).
pub fn trampoline_code_size() -> usize {
    TEMPLATE.map_or(0, <[u8]>::len)
}

/// The perf map name CPython gives a Python function: `py::<qualname>:<filename>`.
pub fn python_frame_name(qualname: &str, filename: &str) -> String {
    format!("py::{qualname}:{filename}")
}

/// Why no trampoline could be handed out. The VM then calls its evaluator
/// directly (as CPython does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrampolineError {
    /// Perf support is off; trampolines are only made while it is on.
    Inactive,
    /// No template for this CPU architecture.
    Unsupported,
    /// Executable memory could not be obtained (the first failure is kept;
    /// no further attempt is made until perf support is re-activated).
    NoExecutableMemory(String),
}

impl fmt::Display for TrampolineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrampolineError::Inactive => write!(f, "perf trampolines are not active"),
            TrampolineError::Unsupported => write!(f, "perf trampolines are not available on this CPU"),
            TrampolineError::NoExecutableMemory(why) => {
                write!(f, "failed to create executable memory for perf trampolines: {why}")
            }
        }
    }
}

impl std::error::Error for TrampolineError {}

/// One trampoline: the address of its code. Copy it freely; it stays valid
/// for the life of the process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Trampoline {
    entry: NonNull<u8>,
}

// SAFETY: the code is immutable and never unmapped.
unsafe impl Send for Trampoline {}
unsafe impl Sync for Trampoline {}

impl Trampoline {
    /// The address of the trampoline's first instruction.
    pub fn address(&self) -> usize {
        self.entry.as_ptr() as usize
    }

    /// Calls `f(a, b)` through this trampoline and returns its result.
    ///
    /// # Safety
    /// Calling `f(a, b)` directly must be safe.
    #[inline]
    pub unsafe fn call(&self, f: EvalFn, a: *mut c_void, b: *mut c_void) -> usize {
        // SAFETY: `entry` points at a read+exec copy of TEMPLATE, which has
        // exactly the TrampolineFn signature.
        let trampoline: TrampolineFn = std::mem::transmute(self.entry.as_ptr());
        trampoline(a, b, f)
    }
}

/// A chunk of executable memory full of trampoline copies.
struct Chunk {
    base: usize,
    slots: usize,
    next_slot: usize,
}

/// The chunk trampolines are currently handed out from.
pub(crate) struct TrampolineArena {
    current: Option<Chunk>,
    failure: Option<String>,
}

impl TrampolineArena {
    pub(crate) const fn new() -> TrampolineArena {
        TrampolineArena { current: None, failure: None }
    }

    /// Forget an earlier mmap failure (called on activation).
    pub(crate) fn allow_retry(&mut self) {
        self.failure = None;
    }

    /// The next free trampoline, mapping a fresh chunk when needed.
    fn next_trampoline(&mut self) -> Result<Trampoline, TrampolineError> {
        let template = TEMPLATE.ok_or(TrampolineError::Unsupported)?;
        if let Some(why) = &self.failure {
            return Err(TrampolineError::NoExecutableMemory(why.clone()));
        }
        let full = self.current.as_ref().is_none_or(|chunk| chunk.next_slot == chunk.slots);
        if full {
            match map_chunk(template) {
                Ok(chunk) => self.current = Some(chunk),
                Err(why) => {
                    self.failure = Some(why.clone());
                    return Err(TrampolineError::NoExecutableMemory(why));
                }
            }
        }
        let chunk = self.current.as_mut().expect("a chunk with a free slot");
        let address = chunk.base + chunk.next_slot * SLOT_SIZE;
        chunk.next_slot += 1;
        let entry = NonNull::new(address as *mut u8).expect("mmap never returns address 0");
        Ok(Trampoline { entry })
    }
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if size > 0 {
        size as usize
    } else {
        4096
    }
}

/// Maps one chunk, fills every slot with the template, makes it read+exec.
fn map_chunk(template: &[u8]) -> Result<Chunk, String> {
    let page = page_size();
    let len = CHUNK_BYTES.div_ceil(page) * page;
    // SAFETY: an anonymous private mapping at an address the kernel picks.
    let base = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if base == libc::MAP_FAILED {
        return Err(format!("mmap: {}", std::io::Error::last_os_error()));
    }
    // SAFETY: `base..base+len` was just mapped read+write and is ours alone.
    let bytes = unsafe { std::slice::from_raw_parts_mut(base as *mut u8, len) };
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = PADDING[i % PADDING.len()];
    }
    let slots = len / SLOT_SIZE;
    for slot in bytes.chunks_exact_mut(SLOT_SIZE) {
        slot[..template.len()].copy_from_slice(template);
    }
    // SAFETY: changes the protection of our own mapping only.
    if unsafe { libc::mprotect(base, len, libc::PROT_READ | libc::PROT_EXEC) } != 0 {
        let why = format!("mprotect to read+exec: {}", std::io::Error::last_os_error());
        // SAFETY: unmapping the mapping made above, which nothing uses yet.
        unsafe { libc::munmap(base, len) };
        return Err(why);
    }
    flush_instruction_cache(base as *mut u8, len);
    Ok(Chunk { base: base as usize, slots, next_slot: 0 })
}

#[cfg(target_arch = "aarch64")]
fn flush_instruction_cache(start: *mut u8, len: usize) {
    extern "C" {
        fn __clear_cache(start: *mut std::ffi::c_char, end: *mut std::ffi::c_char);
    }
    // SAFETY: the range is one mapping we own.
    unsafe { __clear_cache(start.cast(), start.add(len).cast()) };
}

#[cfg(not(target_arch = "aarch64"))]
fn flush_instruction_cache(_start: *mut u8, _len: usize) {
    // x86-64 keeps instruction and data caches coherent.
}

/// A new trampoline, named `name` in the perf map.
///
/// Every call returns a different trampoline: the VM keeps one per code
/// object (or uses [`trampoline_cached`]). A perf map write failure does not
/// fail the call (the trampoline works, perf just cannot name it); it is
/// kept for [`crate::take_map_error`].
pub fn trampoline_for(name: &str) -> Result<Trampoline, TrampolineError> {
    if !crate::is_active() {
        return Err(TrampolineError::Inactive);
    }
    let mut state = lock_state();
    allocate_named(&mut state, name)
}

fn allocate_named(
    state: &mut crate::process_state::ProcessState,
    name: &str,
) -> Result<Trampoline, TrampolineError> {
    let trampoline = state.arena.next_trampoline()?;
    if let Err(error) = register_locked(state, trampoline.address(), trampoline_code_size(), name) {
        state.map.note_error(&error);
    }
    Ok(trampoline)
}

/// The trampoline for caller id `id` (say, a code object's address or
/// serial number), made and named `name()` on first request.
pub fn trampoline_cached(id: usize, name: impl FnOnce() -> String) -> Result<Trampoline, TrampolineError> {
    if !crate::is_active() {
        return Err(TrampolineError::Inactive);
    }
    if let Some(found) = lock_state().cache.get(&id) {
        return Ok(*found);
    }
    // The name is built without the lock held (it is caller code).
    let name = name();
    let mut state = lock_state();
    if let Some(found) = state.cache.get(&id) {
        return Ok(*found); // another thread made it meanwhile
    }
    let trampoline = allocate_named(&mut state, &name)?;
    state.cache.insert(id, trampoline);
    Ok(trampoline)
}

/// Forget an earlier failure to map executable memory (on activation).
pub(crate) fn allow_retry() {
    lock_state().arena.allow_retry();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_frames_are_named_like_cpython() {
        assert_eq!(python_frame_name("C.method", "demo.py"), "py::C.method:demo.py");
    }

    #[test]
    fn the_template_fits_a_slot_with_padding_that_traps() {
        assert!(trampoline_code_size() <= SLOT_SIZE);
        assert_eq!(SLOT_SIZE % PADDING.len(), 0);
        assert_eq!(SLOT_SIZE % 16, 0, "slots keep 16-byte alignment");
    }

    #[test]
    fn a_chunk_holds_whole_slots_and_is_not_writable() {
        let Some(template) = TEMPLATE else { return };
        let chunk = map_chunk(template).expect("mmap works in tests");
        assert!(chunk.slots >= CHUNK_BYTES / SLOT_SIZE);
        assert_eq!(chunk.base % page_size(), 0);
        let maps = std::fs::read_to_string("/proc/self/maps").expect("procfs");
        let line = maps
            .lines()
            .find(|line| {
                let range = line.split(' ').next().unwrap_or("");
                let (lo, hi) = range.split_once('-').unwrap_or(("0", "0"));
                let lo = usize::from_str_radix(lo, 16).unwrap_or(0);
                let hi = usize::from_str_radix(hi, 16).unwrap_or(0);
                lo <= chunk.base && chunk.base < hi
            })
            .expect("the chunk is mapped");
        let perms = line.split(' ').nth(1).expect("permissions column");
        assert_eq!(&perms[..3], "r-x", "chunk must be read+exec only: {line}");
    }
}
