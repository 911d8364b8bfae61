//! The `_time` native module: the clocks and the C library's local-time
//! conversions behind the pure-Python `time` module (`lib/time.py`, which
//! builds `struct_time`, `gmtime`, `strftime`, `strptime`, ... on top).
//!
//! Clocks read `clock_gettime` (realtime, monotonic, process and thread CPU
//! time), like CPython on Linux; `sleep` rejects negative and non-finite
//! lengths with CPython's messages.

use egret_vm::builtins::float::float_of;
use egret_vm::function::Args;
use egret_vm::value::Value;
use egret_vm::vm::Vm;
use egret_vm::PyResult;
use num_bigint::BigInt;

#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

/// glibc's `struct tm` (with the BSD `tm_gmtoff`/`tm_zone` extensions).
#[repr(C)]
struct Tm {
    tm_sec: i32,
    tm_min: i32,
    tm_hour: i32,
    tm_mday: i32,
    tm_mon: i32,
    tm_year: i32,
    tm_wday: i32,
    tm_yday: i32,
    tm_isdst: i32,
    tm_gmtoff: i64,
    tm_zone: *const std::os::raw::c_char,
}

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    fn localtime_r(t: *const i64, out: *mut Tm) -> *mut Tm;
    fn mktime(tm: *mut Tm) -> i64;
    fn tzset();
}

const CLOCK_REALTIME: i32 = 0;
const CLOCK_MONOTONIC: i32 = 1;
const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

fn read_clock(clock: i32) -> (i64, i64) {
    let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    unsafe { clock_gettime(clock, &mut ts) };
    (ts.tv_sec, ts.tv_nsec)
}

fn clock_f64(clock: i32) -> Value {
    let (s, ns) = read_clock(clock);
    Value::float(s as f64 + ns as f64 * 1e-9)
}

fn clock_ns(vm: &Vm, clock: i32) -> Value {
    let (s, ns) = read_clock(clock);
    match s.checked_mul(1_000_000_000).and_then(|x| x.checked_add(ns)) {
        Some(v) => Value::Int(v),
        None => vm.new_bigint(BigInt::from(s) * 1_000_000_000 + ns),
    }
}

fn no_args(vm: &Vm, args: &Args, name: &str) -> PyResult<()> {
    if !args.pos().is_empty() || args.has_kwargs() {
        return Err(vm.type_error(format!("time.{}() takes no arguments ({} given)", name, args.pos().len())));
    }
    Ok(())
}

macro_rules! clock_fns {
    ($($f:ident, $fns:ident, $clock:expr, $name:literal, $name_ns:literal;)*) => {$(
        fn $f(vm: &mut Vm, args: Args) -> PyResult<Value> {
            no_args(vm, &args, $name)?;
            Ok(clock_f64($clock))
        }
        fn $fns(vm: &mut Vm, args: Args) -> PyResult<Value> {
            no_args(vm, &args, $name_ns)?;
            Ok(clock_ns(vm, $clock))
        }
    )*};
}

clock_fns! {
    t_time, t_time_ns, CLOCK_REALTIME, "time", "time_ns";
    t_monotonic, t_monotonic_ns, CLOCK_MONOTONIC, "monotonic", "monotonic_ns";
    t_perf_counter, t_perf_counter_ns, CLOCK_MONOTONIC, "perf_counter", "perf_counter_ns";
    t_process_time, t_process_time_ns, CLOCK_PROCESS_CPUTIME_ID, "process_time", "process_time_ns";
    t_thread_time, t_thread_time_ns, CLOCK_THREAD_CPUTIME_ID, "thread_time", "thread_time_ns";
}

fn t_sleep(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 1 || args.has_kwargs() {
        return Err(vm.type_error(format!("time.sleep() takes exactly one argument ({} given)", p.len())));
    }
    let secs = match &p[0] {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => float_of(vm, &p[0])?,
        other => {
            let ty = vm.type_of(other);
            if egret_vm::slots::special(&ty, "__float__").is_none() && egret_vm::slots::special(&ty, "__index__").is_none() {
                return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(other))));
            }
            float_of(vm, other)?
        }
    };
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    if !secs.is_finite() || secs > 9.2e9 {
        return Err(vm.overflow_error("sleep length is too large"));
    }
    std::thread::sleep(std::time::Duration::from_secs_f64(secs));
    Ok(Value::None)
}

fn arg_i64(vm: &mut Vm, v: &Value, what: &str) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(b.get() as i64),
        Value::Float(f) if f.get().is_finite() => Ok(f.get().floor() as i64),
        Value::Float(_) => Err(vm.value_error("Invalid value NaN (not a number)")),
        _ => {
            let f = float_of(vm, v).map_err(|_| vm.type_error(format!("{} must be a number", what)))?;
            Ok(f.floor() as i64)
        }
    }
}

fn empty_tm() -> Tm {
    Tm { tm_sec: 0, tm_min: 0, tm_hour: 0, tm_mday: 0, tm_mon: 0, tm_year: 0, tm_wday: 0, tm_yday: 0, tm_isdst: 0, tm_gmtoff: 0, tm_zone: std::ptr::null() }
}

fn tm_tuple(vm: &mut Vm, tm: &Tm) -> Value {
    let zone = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: glibc's tm_zone points at a NUL-terminated static string.
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }.to_string_lossy().into_owned()
    };
    let items = vec![
        Value::Int(tm.tm_year as i64 + 1900),
        Value::Int(tm.tm_mon as i64 + 1),
        Value::Int(tm.tm_mday as i64),
        Value::Int(tm.tm_hour as i64),
        Value::Int(tm.tm_min as i64),
        Value::Int(tm.tm_sec as i64),
        Value::Int((tm.tm_wday as i64 + 6) % 7),
        Value::Int(tm.tm_yday as i64 + 1),
        Value::Int(tm.tm_isdst as i64),
        vm.new_str(zone),
        Value::Int(tm.tm_gmtoff),
    ];
    vm.new_tuple(items)
}

/// `_localtime(secs)`: the C library's local time of whole seconds as
/// `(year, mon, mday, hour, min, sec, wday, yday, isdst, zone, gmtoff)`.
fn t_localtime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    let secs = match p.first() {
        Some(v) => arg_i64(vm, v, "secs")?,
        None => read_clock(CLOCK_REALTIME).0,
    };
    let mut tm = empty_tm();
    // SAFETY: both pointers are valid for the call; localtime_r is reentrant.
    let r = unsafe {
        tzset();
        localtime_r(&secs, &mut tm)
    };
    if r.is_null() {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(tm_tuple(vm, &tm))
}

/// `_mktime(year, mon, mday, hour, min, sec, isdst)`: seconds since the epoch
/// of a local time, or None when the C library cannot represent it.
fn t_mktime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 7 {
        return Err(vm.type_error("_mktime() takes 7 arguments"));
    }
    let mut f = [0i64; 7];
    for (i, v) in p.iter().enumerate() {
        f[i] = arg_i64(vm, v, "time tuple element")?;
    }
    let mut tm = empty_tm();
    tm.tm_year = (f[0] - 1900) as i32;
    tm.tm_mon = (f[1] - 1) as i32;
    tm.tm_mday = f[2] as i32;
    tm.tm_hour = f[3] as i32;
    tm.tm_min = f[4] as i32;
    tm.tm_sec = f[5] as i32;
    tm.tm_isdst = f[6] as i32;
    tm.tm_wday = -1;
    // SAFETY: `tm` is a valid struct tm.
    let t = unsafe {
        tzset();
        mktime(&mut tm)
    };
    if t == -1 && tm.tm_wday == -1 {
        return Ok(Value::None);
    }
    Ok(Value::Int(t))
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_time");
    let funcs: &[(&'static str, egret_vm::function::NativeFn)] = &[
        ("time", t_time),
        ("time_ns", t_time_ns),
        ("monotonic", t_monotonic),
        ("monotonic_ns", t_monotonic_ns),
        ("perf_counter", t_perf_counter),
        ("perf_counter_ns", t_perf_counter_ns),
        ("process_time", t_process_time),
        ("process_time_ns", t_process_time_ns),
        ("thread_time", t_thread_time),
        ("thread_time_ns", t_thread_time_ns),
        ("sleep", t_sleep),
        ("_localtime", t_localtime),
        ("_mktime", t_mktime),
    ];
    for (name, f) in funcs {
        vm.add_module_function(&m, name, *f);
    }
    Ok(m)
}
