//! Trampolines really call their target, pass both arguments through and
//! return its value; many of them (several chunks) stay distinct.

// Integers travel through the pointer arguments on purpose.
#![allow(clippy::manual_dangling_ptr)]

mod common;

use std::ffi::c_void;
use std::sync::atomic::{AtomicUsize, Ordering};

use egret_perfmap::{trampoline_cached, trampoline_for, Trampoline};

unsafe extern "C" fn add_arguments(a: *mut c_void, b: *mut c_void) -> usize {
    a as usize + b as usize
}

unsafe extern "C" fn store_and_return(a: *mut c_void, b: *mut c_void) -> usize {
    let slot = a as *mut u64;
    *slot = 0xdead_beef;
    b as usize * 3
}

#[test]
fn a_trampoline_calls_its_target_and_returns_its_value() {
    common::activate_and_remove_map_at_exit();
    let t = trampoline_for("py::add:test.py").expect("trampoline");
    let result = unsafe { t.call(add_arguments, 40 as *mut c_void, 2 as *mut c_void) };
    assert_eq!(result, 42);
    // Full-width values survive both ways.
    let big = usize::MAX - 5;
    let result = unsafe { t.call(add_arguments, big as *mut c_void, 5 as *mut c_void) };
    assert_eq!(result, usize::MAX);
}

#[test]
fn pointer_arguments_reach_the_target() {
    common::activate_and_remove_map_at_exit();
    let t = trampoline_for("py::store:test.py").expect("trampoline");
    let mut cell: u64 = 0;
    let result = unsafe { t.call(store_and_return, (&mut cell as *mut u64).cast(), 7 as *mut c_void) };
    assert_eq!((cell, result), (0xdead_beef, 21));
}

struct Nested {
    inner: Trampoline,
    depth_seen: usize,
}

unsafe extern "C" fn leaf(a: *mut c_void, _b: *mut c_void) -> usize {
    (*(a as *mut Nested)).depth_seen += 1;
    1000
}

unsafe extern "C" fn through_inner(a: *mut c_void, b: *mut c_void) -> usize {
    let nested = a as *mut Nested;
    (*nested).depth_seen += 1;
    let inner = (*nested).inner;
    inner.call(leaf, a, b) + 1
}

#[test]
fn trampolines_nest() {
    common::activate_and_remove_map_at_exit();
    let outer = trampoline_for("py::outer:test.py").expect("trampoline");
    let inner = trampoline_for("py::inner:test.py").expect("trampoline");
    let mut nested = Nested { inner, depth_seen: 0 };
    let result = unsafe { outer.call(through_inner, (&mut nested as *mut Nested).cast(), std::ptr::null_mut()) };
    assert_eq!((result, nested.depth_seen), (1001, 2));
}

#[test]
fn thousands_of_trampolines_span_chunks_and_all_work() {
    common::activate_and_remove_map_at_exit();
    let size = egret_perfmap::trampoline::trampoline_code_size();
    let mut trampolines = Vec::new();
    for i in 0..10_000 {
        trampolines.push(trampoline_for(&format!("py::f{i}:many.py")).expect("trampoline"));
    }
    for (i, t) in trampolines.iter().enumerate() {
        let result = unsafe { t.call(add_arguments, i as *mut c_void, 1 as *mut c_void) };
        assert_eq!(result, i + 1);
    }
    let mut addresses: Vec<usize> = trampolines.iter().map(Trampoline::address).collect();
    addresses.sort_unstable();
    for pair in addresses.windows(2) {
        assert!(pair[1] - pair[0] >= size, "trampolines {:#x} and {:#x} overlap", pair[0], pair[1]);
    }
    let span = addresses[addresses.len() - 1] - addresses[0];
    assert!(span >= 64 * 1024, "10000 trampolines need more than one 64 KiB chunk");
}

#[test]
fn trampolines_can_be_called_from_many_threads() {
    common::activate_and_remove_map_at_exit();
    let handles: Vec<_> = (0..4)
        .map(|thread| {
            std::thread::spawn(move || {
                let mut total = 0;
                for i in 0..200 {
                    let t = trampoline_for(&format!("py::t{thread}_{i}:threads.py")).expect("trampoline");
                    total += unsafe { t.call(add_arguments, i as *mut c_void, thread as *mut c_void) };
                }
                total
            })
        })
        .collect();
    for (thread, handle) in handles.into_iter().enumerate() {
        let expected: usize = (0..200).map(|i| i + thread).sum();
        assert_eq!(handle.join().expect("thread"), expected);
    }
}

#[test]
fn the_cache_returns_one_trampoline_per_id_and_names_it_once() {
    common::activate_and_remove_map_at_exit();
    static NAMED: AtomicUsize = AtomicUsize::new(0);
    let name = || {
        NAMED.fetch_add(1, Ordering::SeqCst);
        "py::cached:test.py".to_string()
    };
    let first = trampoline_cached(0x5eed, name).expect("trampoline");
    let second = trampoline_cached(0x5eed, name).expect("trampoline");
    let other = trampoline_cached(0x5eee, || "py::other:test.py".to_string()).expect("trampoline");
    assert_eq!(first, second);
    assert_ne!(first, other);
    assert_eq!(NAMED.load(Ordering::SeqCst), 1);
    assert_eq!(unsafe { second.call(add_arguments, 1 as *mut c_void, 1 as *mut c_void) }, 2);
}
