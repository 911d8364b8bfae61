//! Fuzz target: arbitrary bytes through `compile_source` in all three modes.
//! Any outcome other than a code object or a SyntaxError (a panic, an abort, a
//! stack overflow) is a bug.
#![no_main]

use egret_frontend::{ast::Mode, compile_source, CompileOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = CompileOptions::default();
    for mode in [Mode::Exec, Mode::Eval, Mode::Single] {
        let _ = compile_source(data, "<fuzz>", mode, &options);
    }
});
