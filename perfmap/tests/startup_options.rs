//! `-X perf` / `PYTHONPERFSUPPORT` decide activation at startup exactly as
//! CPython 3.12.1 does. Every expectation below was checked with
//! `PYTHONPERFSUPPORT=<value> python3.12 [-E|-I] [-X ...] -c
//! 'import sys; print(sys.is_stack_trampoline_active())'`.

use std::ffi::OsStr;

use egret_perfmap::perf_support_requested;

fn env_only(value: &str) -> bool {
    perf_support_requested([], true, Some(OsStr::new(value)))
}

#[test]
fn pythonperfsupport_values_as_cpython_reads_them() {
    let cases = [
        ("", false),
        ("0", false),
        ("1", true),
        ("2", true),
        ("-1", true),
        ("x", false),
        (" 1", true),
        ("\t1", true),
        ("1x", false),
        ("1 ", false),
        ("+1", true),
        ("99999999999", false),
        ("2147483647", true),
        ("2147483648", false),
        ("-2147483648", true),
        ("0x1", false),
        (" ", false),
        ("+", false),
        ("-0", false),
        ("01", true),
    ];
    for (value, expected) in cases {
        assert_eq!(env_only(value), expected, "PYTHONPERFSUPPORT={value:?}");
    }
}

#[test]
fn unset_variable_means_off() {
    assert!(!perf_support_requested([], true, None));
    assert!(!perf_support_requested(["utf8", "dev"], true, None));
}

#[test]
fn the_environment_is_ignored_under_e_and_i() {
    assert!(!perf_support_requested([], false, Some(OsStr::new("1"))));
}

#[test]
fn x_perf_turns_it_on_with_any_value_even_under_e() {
    for option in ["perf", "perf=0", "perf=1", "perf="] {
        assert!(perf_support_requested([option], true, None), "-X {option}");
        assert!(perf_support_requested([option], false, None), "-E -X {option}");
        assert!(perf_support_requested(["utf8", option], true, Some(OsStr::new("0"))), "-X {option}");
    }
    assert!(!perf_support_requested(["perfx"], true, None));
    assert!(!perf_support_requested(["xperf"], true, None));
}

#[test]
fn non_utf8_values_are_not_numbers() {
    use std::os::unix::ffi::OsStrExt;
    assert!(!perf_support_requested([], true, Some(OsStr::from_bytes(b"1\xff"))));
}
