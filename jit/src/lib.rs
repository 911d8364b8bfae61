//! # egret-jit — the tracing JIT (not built yet)
//!
//! This crate will hold, laid out as LuaJIT's `lj_trace.c` / `lj_record.c` /
//! `lj_snap.c` / `lj_opt_*.c` / `lj_asm*.c` are:
//!
//! - `trace.rs`: the trace state machine, hot counters, blacklisting;
//! - `record.rs`: following the interpreter and emitting trace IR;
//! - `ir.rs`: the trace IR, declared once in a table (op, mode, operands);
//! - `snapshot.rs`: interpreter state restored at each guard;
//! - `opt_*.rs`: one file per optimisation pass;
//! - `backend.rs`: Cranelift code generation; `exit.rs`: side exits.
//!
//! The VM does not depend on this crate: it exposes a hot-loop hook trait
//! (`egret_vm::jit_hooks`) which this crate will implement; the binary wires
//! them together. Until then `-X nojit` and `-X jit-threshold=N` are accepted
//! and the interpreter runs alone.
