//! The `egret` command: CPython's command line, wiring the crates together.
//!
//! The interpreter runs on a thread with a large native stack: deeply nested
//! source and native recursion (repr of nested containers, comparisons)
//! are bounded by explicit depth checks that raise `SyntaxError` or
//! `RecursionError`, and the big stack keeps those limits far from the real
//! end of the stack.

mod cli;
mod repl;
mod run;

use std::process::ExitCode;

/// mimalloc behind per-size-class LIFO free lists (`egret_vm::alloc`).
#[global_allocator]
static GLOBAL: egret_vm::alloc::EgretAlloc = egret_vm::alloc::EgretAlloc;

pub(crate) const STACK_SIZE: usize = 1 << 30;

/// mimalloc option `arena_eager_commit` (index 4 in its option table).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Runs before `main` (and before the Rust runtime allocates): an eagerly
/// committed arena is backed by transparent huge pages on Linux, which
/// costs ~13 MB of resident memory for nothing in a small program.
#[used]
#[link_section = ".init_array"]
static CONFIGURE_ALLOCATOR: extern "C" fn() = configure_allocator;

extern "C" fn configure_allocator() {
    // SAFETY: sets a process-wide option; called once, before any thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let opts = match cli::parse(args) {
        Ok(o) => o,
        Err((msg, code)) => {
            eprint!("{msg}");
            return ExitCode::from(code as u8);
        }
    };
    let handle = std::thread::Builder::new().name("egret-main".into()).stack_size(STACK_SIZE).spawn(move || run::main(opts));
    let code = match handle {
        Ok(h) => match h.join() {
            Ok(code) => code,
            Err(_) => {
                eprintln!("Fatal Python error: internal error in the Egret runtime (a Rust panic); please report it");
                egret_vm::stdio::flush_stdout();
                70
            }
        },
        Err(e) => {
            eprintln!("egret: cannot start the interpreter thread: {e}");
            1
        }
    };
    ExitCode::from((code & 0xff) as u8)
}
