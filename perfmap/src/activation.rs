//! Turning perf support on and off, with CPython 3.12's rules.
//!
//! - `sys.activate_stack_trampoline(backend)`: [`activate`]. `"perf"` is the
//!   only backend; any other string fails with CPython 3.12.1's message
//!   `invalid backend: <backend>`, which the VM raises as `ValueError`.
//!   Activating twice is fine. (Argument type checks — `TypeError` for a
//!   non-str, `ValueError: embedded null character` — belong to the VM.)
//! - `sys.deactivate_stack_trampoline()`: [`deactivate`]; fine when off.
//!   Existing trampolines stay mapped (a thread may be inside one) and the
//!   map file stays open; the VM simply stops calling through trampolines.
//! - `sys.is_stack_trampoline_active()`: [`is_active`].
//! - At startup: [`perf_support_requested`] / [`perf_support_requested_by_process`].
//!   `-X perf` (any `-X perf=...` value too) always turns it on;
//!   `PYTHONPERFSUPPORT` turns it on when it parses as a non-zero C `int`
//!   (`strtol` rules: leading blanks and a sign allowed, nothing after the
//!   digits, within `i32`), and is ignored under `-E`/`-I` and when empty.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether perf support (trampolines + perf map) is on.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The stack trampoline backends CPython 3.12 knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Perf,
}

impl Backend {
    /// Parses `sys.activate_stack_trampoline`'s argument; the error is
    /// CPython's `ValueError` message.
    pub fn parse(name: &str) -> Result<Backend, String> {
        match name {
            "perf" => Ok(Backend::Perf),
            other => Err(format!("invalid backend: {other}")),
        }
    }
}

/// `sys.activate_stack_trampoline(backend)`. `Err` holds the `ValueError`
/// message. On a CPU without a trampoline template this fails as CPython
/// does where trampolines are not built in.
pub fn activate(backend: &str) -> Result<(), String> {
    Backend::parse(backend)?;
    if !crate::trampoline::trampolines_supported() {
        return Err("perf trampoline not available".to_string());
    }
    // A failure to map memory or open the map is retried after activation.
    crate::trampoline::allow_retry();
    crate::process_state::lock_state().map.allow_retry();
    ACTIVE.store(true, Ordering::Release);
    Ok(())
}

/// `sys.deactivate_stack_trampoline()`.
pub fn deactivate() {
    ACTIVE.store(false, Ordering::Release);
}

/// `sys.is_stack_trampoline_active()`. One atomic load: the VM may call it
/// on every Python call.
#[inline]
pub fn is_active() -> bool {
    ACTIVE.load(Ordering::Relaxed)
}

/// Whether startup options ask for perf support, by CPython's rules.
///
/// `xoptions` are the `-X` arguments as given (`"perf"`, `"perf=0"`,
/// `"utf8"`, ...); `use_environment` is false under `-E` or `-I`;
/// `perfsupport_env` is the value of `PYTHONPERFSUPPORT`, if set.
pub fn perf_support_requested<'a>(
    xoptions: impl IntoIterator<Item = &'a str>,
    use_environment: bool,
    perfsupport_env: Option<&OsStr>,
) -> bool {
    let from_xoption = xoptions.into_iter().any(|option| option.split('=').next() == Some("perf"));
    let from_env = use_environment
        && perfsupport_env
            .map(OsStr::as_bytes)
            .filter(|value| !value.is_empty())
            .and_then(parse_c_int)
            .is_some_and(|value| value != 0);
    from_xoption || from_env
}

/// [`perf_support_requested`] reading `PYTHONPERFSUPPORT` from this process.
pub fn perf_support_requested_by_process<S: AsRef<str>>(xoptions: &[S], use_environment: bool) -> bool {
    let env = std::env::var_os("PYTHONPERFSUPPORT");
    perf_support_requested(xoptions.iter().map(AsRef::as_ref), use_environment, env.as_deref())
}

/// A whole string read as a C `int` the way CPython's `_Py_str_to_int`
/// does (`strtol` base 10): optional leading C whitespace, optional sign,
/// one or more digits, nothing after them, and the value within `i32`.
fn parse_c_int(text: &[u8]) -> Option<i32> {
    let is_c_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let rest = &text[text.iter().take_while(|b| is_c_space(b)).count()..];
    let (negative, digits) = match rest.first() {
        Some(b'-') => (true, &rest[1..]),
        Some(b'+') => (false, &rest[1..]),
        _ => (false, rest),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut value: i64 = 0;
    for digit in digits {
        value = value.checked_mul(10)?.checked_add(i64::from(digit - b'0'))?;
        if value > i64::from(i32::MAX) + 1 {
            return None;
        }
    }
    i32::try_from(if negative { -value } else { value }).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_int_parsing_follows_strtol() {
        assert_eq!(parse_c_int(b"1"), Some(1));
        assert_eq!(parse_c_int(b"+1"), Some(1));
        assert_eq!(parse_c_int(b"\t 7"), Some(7));
        assert_eq!(parse_c_int(b"-0"), Some(0));
        assert_eq!(parse_c_int(b"01"), Some(1));
        assert_eq!(parse_c_int(b"2147483647"), Some(i32::MAX));
        assert_eq!(parse_c_int(b"-2147483648"), Some(i32::MIN));
        for bad in [&b"2147483648"[..], b"-2147483649", b"99999999999999999999999", b"1 ", b"1x", b"0x1", b" ", b"+", b"-", b""] {
            assert_eq!(parse_c_int(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
    }
}
