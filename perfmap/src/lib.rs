//! # egret-perfmap — `/tmp/perf-<pid>.map` writer (not built yet)
//!
//! Linux `perf` resolves addresses in anonymous executable memory through
//! `/tmp/perf-<pid>.map`, a text file of `START SIZE NAME` lines (hex, no
//! `0x`). This crate will own that file: one writer per process, appended and
//! flushed as code (per-code-object trampolines, JIT traces) is generated.
