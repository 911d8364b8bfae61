//! # egret-stdlib — native standard-library modules and the embedded `lib/`
//!
//! Native modules live in `src/` (one file per module); the project's own
//! pure-Python modules live in `lib/` and are embedded into the binary.
