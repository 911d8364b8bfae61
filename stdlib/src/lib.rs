//! # egret-stdlib — native standard-library modules and the embedded `lib/`
//!
//! Native modules live in `src/` (one file per module) and are registered
//! by name in `vm.native_modules`; the project's own pure-Python modules
//! live in `lib/` and are embedded into the binary by `build.rs` (the
//! import system finds them after the directories of `sys.path`).
//! [`register`] wires both into a new VM.

use egret_vm::vm::Vm;

pub mod asyncio;
pub mod binascii;
pub mod blake2;
pub mod cmath;
pub mod contextvars_native;
pub mod hashlib;
pub mod importlib_native;
pub mod keccak;
pub mod struct_native;
pub mod zlib;
pub mod math;
pub mod re;
pub mod open_builtin;
pub mod posix;
pub mod sqlite_native;
pub mod time_native;
pub mod tokenize_native;
pub mod traceback_native;
pub mod typing_native;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Makes every native and embedded module importable in `vm`.
pub fn register(vm: &mut Vm) {
    vm.native_modules.insert("math".into(), math::make_module);
    vm.native_modules.insert("cmath".into(), cmath::make_module);
    vm.native_modules.insert("_sre".into(), re::make_module);
    vm.native_modules.insert("_hashlib".into(), hashlib::make_module);
    vm.native_modules.insert("_blake2".into(), hashlib::make_blake2_module);
    vm.native_modules.insert("_struct".into(), struct_native::make_module);
    vm.native_modules.insert("binascii".into(), binascii::make_module);
    vm.native_modules.insert("zlib".into(), zlib::make_module);
    vm.native_modules.insert("_egret_importlib".into(), importlib_native::make_module);
    vm.native_modules.insert("posix".into(), posix::make_module);
    vm.native_modules.insert("_sqlite3".into(), sqlite_native::make_module);
    vm.native_modules.insert("_time".into(), time_native::make_module);
    vm.native_modules.insert("_typing".into(), typing_native::make_module);
    vm.native_modules.insert("_egret_traceback".into(), traceback_native::make_module);
    vm.native_modules.insert("_tokenize".into(), tokenize_native::make_module);
    vm.native_modules.insert("_contextvars".into(), contextvars_native::make_module);
    vm.native_modules.insert("_asyncio".into(), asyncio::make_module);
    open_builtin::install(vm);
    for (name, source, is_package) in embedded::MODULES {
        vm.embedded_sources.insert(name.to_string(), (source, *is_package));
    }
}
