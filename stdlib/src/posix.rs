//! The `posix` native module: the operating-system calls behind the
//! pure-Python `os` module (`lib/os.py`), as CPython's `posix` module on
//! Linux. Paths are `str`, `bytes` or objects with `__fspath__`; failures
//! raise `OSError(errno, strerror, filename[, None, filename2])`, which the
//! VM turns into the errno's subclass (`FileNotFoundError`, ...), so the
//! messages read "[Errno 2] No such file or directory: 'x'".
//!
//! `stat` results are plain tuples here; `os.py` wraps them in
//! `stat_result`. `listdir_types` gives `(name, d_type)` pairs for `scandir`.

use egret_vm::function::Args;
use egret_vm::value::{Data, Value};
use egret_vm::vm::Vm;
use egret_vm::{PyErr, PyResult};
use std::ffi::{CStr, CString, OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{DirBuilderExt, DirEntryExt, FileTypeExt, MetadataExt, PermissionsExt};
use std::path::PathBuf;

extern "C" {
    fn strerror(errnum: i32) -> *const std::os::raw::c_char;
    fn open(path: *const std::os::raw::c_char, flags: i32, mode: u32) -> i32;
    fn read(fd: i32, buf: *mut u8, n: usize) -> isize;
    fn write(fd: i32, buf: *const u8, n: usize) -> isize;
    fn close(fd: i32) -> i32;
    fn lseek(fd: i32, off: i64, whence: i32) -> i64;
    fn isatty(fd: i32) -> i32;
    fn ftruncate(fd: i32, len: i64) -> i32;
    fn fsync(fd: i32) -> i32;
    fn getpid() -> i32;
    fn getppid() -> i32;
    fn getuid() -> u32;
    fn geteuid() -> u32;
    fn getgid() -> u32;
    fn umask(mask: u32) -> u32;
    fn access(path: *const std::os::raw::c_char, mode: i32) -> i32;
    fn setenv(k: *const std::os::raw::c_char, v: *const std::os::raw::c_char, overwrite: i32) -> i32;
    fn unsetenv(k: *const std::os::raw::c_char) -> i32;
    fn dup(fd: i32) -> i32;
    fn __errno_location() -> *mut i32;
    fn uname(buf: *mut UtsName) -> i32;
    fn atexit(f: extern "C" fn()) -> i32;
    fn getegid() -> u32;
    fn getpgrp() -> i32;
    fn kill(pid: i32, sig: i32) -> i32;
    fn getloadavg(avg: *mut f64, n: i32) -> i32;
    fn truncate(path: *const std::os::raw::c_char, len: i64) -> i32;
    fn fchmod(fd: i32, mode: u32) -> i32;
    fn dup2(fd: i32, fd2: i32) -> i32;
    fn pipe2(fds: *mut i32, flags: i32) -> i32;
    fn system(cmd: *const std::os::raw::c_char) -> i32;
    fn mkfifo(path: *const std::os::raw::c_char, mode: u32) -> i32;
    fn fdatasync(fd: i32) -> i32;
    fn sync();
    fn pread(fd: i32, buf: *mut u8, n: usize, off: i64) -> isize;
    fn pwrite(fd: i32, buf: *const u8, n: usize, off: i64) -> isize;
    fn sched_yield() -> i32;
    fn fcntl(fd: i32, cmd: i32, ...) -> i32;
    fn times(buf: *mut Tms) -> i64;
    fn sysconf(name: i32) -> i64;
    fn statvfs(path: *const std::os::raw::c_char, buf: *mut u64) -> i32;
}

/// `statvfs(path)` -> (bsize, frsize, blocks, bfree, bavail, files, ffree,
/// favail, flag, namemax, fsid) from glibc's 64-bit `struct statvfs`.
fn p_statvfs(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = arg(vm, &a, 0, "path", "statvfs")?.clone();
    let p = path_arg(vm, "statvfs", "path", &v, true)?;
    let c = cstring(&p.path);
    let mut buf = [0u64; 16];
    // SAFETY: `buf` is larger than struct statvfs (112 bytes on 64-bit Linux).
    if unsafe { statvfs(c.as_ptr(), buf.as_mut_ptr()) } < 0 {
        return Err(os_error(vm, last_errno(), Some(&p.shown), None));
    }
    let order = [0usize, 1, 2, 3, 4, 5, 6, 7, 9, 10, 8];
    let items = order.iter().map(|&i| Value::Int(buf[i] as i64)).collect();
    Ok(vm.new_tuple(items))
}

#[repr(C)]
struct Tms {
    utime: i64,
    stime: i64,
    cutime: i64,
    cstime: i64,
}

fn check(vm: &mut Vm, rc: i64) -> PyResult<Value> {
    if rc < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::None)
}

fn int_at(vm: &mut Vm, a: &Args, i: usize, name: &str, func: &str) -> PyResult<i64> {
    let v = arg(vm, a, i, name, func)?.clone();
    int_arg(vm, &v, "")
}

fn p_getegid(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    // SAFETY: cannot fail.
    Ok(Value::Int(unsafe { getegid() } as i64))
}

fn p_getpgrp(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    // SAFETY: cannot fail.
    Ok(Value::Int(unsafe { getpgrp() } as i64))
}

fn p_kill(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pid = int_at(vm, &a, 0, "pid", "kill")? as i32;
    let sig = int_at(vm, &a, 1, "signal", "kill")? as i32;
    // SAFETY: plain syscall.
    let rc = unsafe { kill(pid, sig) } as i64;
    check(vm, rc)
}

fn p_getloadavg(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    let mut avg = [0f64; 3];
    // SAFETY: room for three values.
    if unsafe { getloadavg(avg.as_mut_ptr(), 3) } != 3 {
        return Err(vm.os_error("Load averages are unobtainable"));
    }
    Ok(vm.new_tuple(avg.iter().map(|x| Value::float(*x)).collect()))
}

fn p_truncate(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = arg(vm, &a, 0, "path", "truncate")?.clone();
    let len = int_at(vm, &a, 1, "length", "truncate")?;
    if let Value::Int(fd) = v {
        // SAFETY: plain syscall.
        let rc = unsafe { ftruncate(fd as i32, len) } as i64;
        return check(vm, rc);
    }
    let p = path_arg(vm, "truncate", "path", &v, true)?;
    let c = cstring(&p.path);
    // SAFETY: valid C string.
    if unsafe { truncate(c.as_ptr(), len) } < 0 {
        return Err(os_error(vm, last_errno(), Some(&p.shown), None));
    }
    Ok(Value::None)
}

fn p_fchmod(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = int_at(vm, &a, 0, "fd", "fchmod")? as i32;
    let mode = int_at(vm, &a, 1, "mode", "fchmod")? as u32;
    // SAFETY: plain syscall.
    let rc = unsafe { fchmod(fd, mode) } as i64;
    check(vm, rc)
}

fn p_dup2(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = int_at(vm, &a, 0, "fd", "dup2")? as i32;
    let fd2 = int_at(vm, &a, 1, "fd2", "dup2")? as i32;
    // SAFETY: plain syscall.
    let r = unsafe { dup2(fd, fd2) };
    if r < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::Int(r as i64))
}

fn p_pipe(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    let mut fds = [0i32; 2];
    // SAFETY: room for two descriptors; O_CLOEXEC as CPython.
    if unsafe { pipe2(fds.as_mut_ptr(), 0o2000000) } < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(vm.new_tuple(vec![Value::Int(fds[0] as i64), Value::Int(fds[1] as i64)]))
}

fn p_system(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = arg(vm, &a, 0, "command", "system")?.clone();
    let p = path_arg(vm, "system", "command", &v, false)?;
    let c = cstring(&p.path);
    egret_vm::stdio::flush_stdout();
    // SAFETY: valid C string.
    Ok(Value::Int(unsafe { system(c.as_ptr()) } as i64))
}

fn p_mkfifo(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = arg(vm, &a, 0, "path", "mkfifo")?.clone();
    let p = path_arg(vm, "mkfifo", "path", &v, false)?;
    let mode = match opt_arg(&a, 1, "mode") {
        Some(m) => int_arg(vm, m, "")? as u32,
        None => 0o666,
    };
    let c = cstring(&p.path);
    // SAFETY: valid C string.
    if unsafe { mkfifo(c.as_ptr(), mode) } < 0 {
        return Err(os_error(vm, last_errno(), Some(&p.shown), None));
    }
    Ok(Value::None)
}

fn p_fdatasync(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = int_at(vm, &a, 0, "fd", "fdatasync")? as i32;
    // SAFETY: plain syscall.
    let rc = unsafe { fdatasync(fd) } as i64;
    check(vm, rc)
}

fn p_sync(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    // SAFETY: cannot fail.
    unsafe { sync() };
    Ok(Value::None)
}

fn p_pread(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = int_at(vm, &a, 0, "fd", "pread")? as i32;
    let n = int_at(vm, &a, 1, "length", "pread")?;
    let off = int_at(vm, &a, 2, "offset", "pread")?;
    if n < 0 {
        return Err(vm.value_error("negative buffersize in pread"));
    }
    let mut buf = alloc_buffer(vm, n as usize)?;
    // SAFETY: `buf` has room for `n` bytes.
    let got = unsafe { pread(fd, buf.as_mut_ptr(), n as usize, off) };
    if got < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    buf.truncate(got as usize);
    Ok(vm.new_bytes(buf))
}

fn p_pwrite(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = int_at(vm, &a, 0, "fd", "pwrite")? as i32;
    let data = arg(vm, &a, 1, "str", "pwrite")?.clone();
    let data = bytes_like(vm, &data)?;
    let off = int_at(vm, &a, 2, "offset", "pwrite")?;
    // SAFETY: valid buffer.
    let n = unsafe { pwrite(fd, data.as_ptr(), data.len(), off) };
    if n < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::Int(n as i64))
}

fn p_sched_yield(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    // SAFETY: cannot fail.
    unsafe { sched_yield() };
    Ok(Value::None)
}

const F_GETFD: i32 = 1;
const F_SETFD: i32 = 2;
const F_GETFL: i32 = 3;
const F_SETFL: i32 = 4;

fn fd_flag(vm: &mut Vm, a: &Args, func: &str, get: i32, set: i32, bit: i32, invert: bool) -> PyResult<Value> {
    let fd = int_at(vm, a, 0, "fd", func)? as i32;
    // SAFETY: fcntl on an integer descriptor.
    let flags = unsafe { fcntl(fd, get) };
    if flags < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    match a.pos().get(1) {
        None => Ok(Value::bool(((flags & bit) != 0) != invert)),
        Some(v) => {
            let on = vm.truthy(v)? != invert;
            let nf = if on { flags | bit } else { flags & !bit };
            // SAFETY: as above.
            if unsafe { fcntl(fd, set, nf) } < 0 {
                return Err(os_error(vm, last_errno(), None, None));
            }
            Ok(Value::None)
        }
    }
}

fn p_get_inheritable(vm: &mut Vm, a: Args) -> PyResult<Value> {
    fd_flag(vm, &a, "get_inheritable", F_GETFD, F_SETFD, 1, true)
}

fn p_set_inheritable(vm: &mut Vm, a: Args) -> PyResult<Value> {
    fd_flag(vm, &a, "set_inheritable", F_GETFD, F_SETFD, 1, true)
}

fn p_get_blocking(vm: &mut Vm, a: Args) -> PyResult<Value> {
    fd_flag(vm, &a, "get_blocking", F_GETFL, F_SETFL, 0o4000, true)
}

fn p_set_blocking(vm: &mut Vm, a: Args) -> PyResult<Value> {
    fd_flag(vm, &a, "set_blocking", F_GETFL, F_SETFL, 0o4000, true)
}

/// `times()` -> (user, system, children_user, children_system, elapsed).
fn p_times(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    let mut t = Tms { utime: 0, stime: 0, cutime: 0, cstime: 0 };
    // SAFETY: writable struct; _SC_CLK_TCK is 2 on Linux.
    let (elapsed, hz) = unsafe { (times(&mut t), sysconf(2)) };
    let hz = if hz > 0 { hz as f64 } else { 100.0 };
    Ok(vm.new_tuple(vec![
        Value::float(t.utime as f64 / hz),
        Value::float(t.stime as f64 / hz),
        Value::float(t.cutime as f64 / hz),
        Value::float(t.cstime as f64 / hz),
        Value::float(elapsed as f64 / hz),
    ]))
}

/// Addresses of the live fd guards: file objects still alive when the
/// process exits (module globals sit in reference cycles that are never
/// freed) get their buffered writes flushed by an `atexit` handler.
static LIVE_GUARDS: std::sync::Mutex<Vec<usize>> = std::sync::Mutex::new(Vec::new());
static ATEXIT_ONCE: std::sync::Once = std::sync::Once::new();

extern "C" fn flush_live_guards() {
    let live = match LIVE_GUARDS.lock() {
        Ok(g) => g.clone(),
        Err(_) => return,
    };
    for addr in live {
        // SAFETY: a registered guard is alive (Drop unregisters it) and the
        // interpreter thread has finished, so nothing else touches it.
        let g = unsafe { &*(addr as *const FdGuard) };
        let _ = g.flush();
    }
}

/// glibc's `struct utsname` (Linux: six 65-byte fields).
#[repr(C)]
struct UtsName {
    fields: [[u8; 65]; 6],
}

/// `uname()` -> (sysname, nodename, release, version, machine).
fn p_uname(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    let mut u = UtsName { fields: [[0; 65]; 6] };
    // SAFETY: `u` is a writable utsname.
    if unsafe { uname(&mut u) } < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    let items = u.fields[..5]
        .iter()
        .map(|f| {
            let end = f.iter().position(|&b| b == 0).unwrap_or(f.len());
            vm.new_str(String::from_utf8_lossy(&f[..end]).into_owned())
        })
        .collect();
    Ok(vm.new_tuple(items))
}

fn last_errno() -> i32 {
    // SAFETY: glibc's errno location is always a valid thread-local pointer.
    unsafe { *__errno_location() }
}

/// The C library's message for `errno`.
pub fn strerror_text(errno: i32) -> String {
    // SAFETY: strerror returns a valid NUL-terminated string for any errno.
    unsafe { CStr::from_ptr(strerror(errno)).to_string_lossy().into_owned() }
}

/// A path argument: the OS path and whether the caller passed bytes.
struct PathArg {
    path: PathBuf,
    is_bytes: bool,
    /// What the error message shows as `filename` (the caller's object).
    shown: Value,
}

fn path_arg(vm: &mut Vm, func: &str, argname: &str, v: &Value, allow_fd: bool) -> PyResult<PathArg> {
    let mut val = v.clone();
    if !matches!(&val, Value::Obj(o) if matches!(o.data, Data::Str(_) | Data::Bytes(_))) {
        if let Some(f) = vm.getattr_opt(&val, "__fspath__")? {
            if !matches!(val, Value::Obj(ref o) if matches!(o.data, Data::Type(_))) {
                val = vm.call(&f, &[])?;
            }
        }
    }
    match &val {
        Value::Obj(o) => match &o.data {
            Data::Str(s) => {
                if s.as_str().contains('\0') {
                    return Err(vm.value_error(format!("{func}: embedded null character in {argname}")));
                }
                return Ok(PathArg { path: PathBuf::from(s.as_str()), is_bytes: false, shown: val.clone() });
            }
            Data::Bytes(b) => {
                if b.contains(&0) {
                    return Err(vm.value_error(format!("{func}: embedded null character in {argname}")));
                }
                return Ok(PathArg { path: PathBuf::from(OsStr::from_bytes(b)), is_bytes: true, shown: val.clone() });
            }
            _ => {}
        },
        _ => {}
    }
    let kinds = if allow_fd { "string, bytes, os.PathLike or integer" } else { "string, bytes or os.PathLike" };
    Err(vm.type_error(format!("{func}: {argname} should be {kinds}, not {}", vm.type_name(v))))
}

fn os_error(vm: &mut Vm, errno: i32, filename: Option<&Value>, filename2: Option<&Value>) -> PyErr {
    let msg = vm.new_str(strerror_text(errno));
    let mut args = vec![Value::Int(errno as i64), msg];
    if let Some(f) = filename {
        args.push(f.clone());
        if let Some(f2) = filename2 {
            args.push(Value::Int(0));
            args.push(f2.clone());
        }
    }
    let cls = Value::Obj(vm.e.os_error.clone());
    match vm.call(&cls, &args) {
        Ok(exc) => {
            if filename2.is_some() {
                let _ = vm.set_attr_raw(&exc, "winerror", Value::None);
            }
            PyErr(exc)
        }
        Err(e) => e,
    }
}

fn io_error(vm: &mut Vm, e: std::io::Error, filename: Option<&Value>) -> PyErr {
    let errno = e.raw_os_error().unwrap_or(5);
    os_error(vm, errno, filename, None)
}

fn int_arg(vm: &Vm, v: &Value, what: &str) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(b.get() as i64),
        _ => Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer{}", vm.type_name(v), if what.is_empty() { "" } else { "" }))),
    }
}

fn arg<'a>(vm: &Vm, a: &'a Args, i: usize, name: &str, func: &str) -> PyResult<&'a Value> {
    if let Some(v) = a.pos().get(i) {
        return Ok(v);
    }
    a.kwarg(name).ok_or_else(|| vm.type_error(format!("{func}() missing required argument '{name}' (pos {})", i + 1)))
}

fn opt_arg<'a>(a: &'a Args, i: usize, name: &str) -> Option<&'a Value> {
    a.pos().get(i).or_else(|| a.kwarg(name)).filter(|v| !v.is_none())
}

fn name_value(vm: &Vm, name: OsString, is_bytes: bool) -> Value {
    if is_bytes {
        vm.new_bytes(name.into_vec())
    } else {
        vm.new_str(name.to_string_lossy().into_owned())
    }
}

fn cstring(p: &PathBuf) -> CString {
    CString::new(p.as_os_str().as_bytes()).unwrap_or_default()
}

fn p_getcwd(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    match std::env::current_dir() {
        Ok(p) => Ok(vm.new_str(p.to_string_lossy().into_owned())),
        Err(e) => Err(io_error(vm, e, None)),
    }
}

fn p_getcwdb(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    match std::env::current_dir() {
        Ok(p) => Ok(vm.new_bytes(p.into_os_string().into_vec())),
        Err(e) => Err(io_error(vm, e, None)),
    }
}

fn p_chdir(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, "chdir", "path", arg(vm, &a, 0, "path", "chdir")?, true)?;
    std::env::set_current_dir(&p.path).map_err(|e| io_error(vm, e, Some(&p.shown)))?;
    Ok(Value::None)
}

fn dir_arg(vm: &mut Vm, a: &Args, func: &str) -> PyResult<PathArg> {
    match opt_arg(a, 0, "path") {
        Some(v) => path_arg(vm, func, "path", v, true),
        None => Ok(PathArg { path: PathBuf::from("."), is_bytes: false, shown: vm.new_str(".") }),
    }
}

fn p_listdir(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = dir_arg(vm, &a, "listdir")?;
    let rd = std::fs::read_dir(&p.path).map_err(|e| io_error(vm, e, Some(&p.shown)))?;
    let mut out = Vec::new();
    for e in rd {
        let e = e.map_err(|e| io_error(vm, e, Some(&p.shown)))?;
        out.push(name_value(vm, e.file_name(), p.is_bytes));
    }
    Ok(vm.new_list(out))
}

/// `listdir_types(path)`: `[(name, kind)]` with kind 1 = dir, 2 = file,
/// 3 = symlink, 0 = other, -1 = unknown (the caller must stat).
fn p_listdir_types(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = dir_arg(vm, &a, "scandir")?;
    let rd = std::fs::read_dir(&p.path).map_err(|e| io_error(vm, e, Some(&p.shown)))?;
    let mut out = Vec::new();
    for e in rd {
        let e = e.map_err(|e| io_error(vm, e, Some(&p.shown)))?;
        let kind = match e.file_type() {
            Ok(t) if t.is_symlink() => 3,
            Ok(t) if t.is_dir() => 1,
            Ok(t) if t.is_file() => 2,
            Ok(_) => 0,
            Err(_) => -1,
        };
        let ino = e.ino() as i64;
        let name = name_value(vm, e.file_name(), p.is_bytes);
        out.push(vm.new_tuple(vec![name, Value::Int(kind), Value::Int(ino)]));
    }
    Ok(vm.new_list(out))
}

fn stat_tuple(vm: &Vm, m: &std::fs::Metadata) -> Value {
    let f = |s: i64, ns: i64| Value::float(s as f64 + ns as f64 * 1e-9);
    let ns = |s: i64, n: i64| -> Value {
        match s.checked_mul(1_000_000_000).and_then(|x| x.checked_add(n)) {
            Some(v) => Value::Int(v),
            None => vm.new_bigint(num_bigint::BigInt::from(s) * 1_000_000_000 + n),
        }
    };
    vm.new_tuple(vec![
        Value::Int(m.mode() as i64),
        Value::Int(m.ino() as i64),
        Value::Int(m.dev() as i64),
        Value::Int(m.nlink() as i64),
        Value::Int(m.uid() as i64),
        Value::Int(m.gid() as i64),
        Value::Int(m.size() as i64),
        Value::Int(m.atime()),
        Value::Int(m.mtime()),
        Value::Int(m.ctime()),
        f(m.atime(), m.atime_nsec()),
        f(m.mtime(), m.mtime_nsec()),
        f(m.ctime(), m.ctime_nsec()),
        ns(m.atime(), m.atime_nsec()),
        ns(m.mtime(), m.mtime_nsec()),
        ns(m.ctime(), m.ctime_nsec()),
        Value::Int(m.blksize() as i64),
        Value::Int(m.blocks() as i64),
        Value::Int(m.rdev() as i64),
    ])
}

fn follow(a: &Args, default: bool, vm: &mut Vm) -> PyResult<bool> {
    match a.kwarg("follow_symlinks") {
        Some(v) => vm.truthy(v),
        None => Ok(default),
    }
}

fn fd_metadata(fd: i64) -> std::io::Result<std::fs::Metadata> {
    use std::os::unix::io::FromRawFd;
    // SAFETY: the File is wrapped in ManuallyDrop so the caller's fd stays open.
    let f = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(fd as i32) });
    f.metadata()
}

fn p_stat(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = arg(vm, &a, 0, "path", "stat")?;
    if let Value::Int(fd) = v {
        let m = fd_metadata(*fd).map_err(|e| io_error(vm, e, None))?;
        return Ok(stat_tuple(vm, &m));
    }
    let p = path_arg(vm, "stat", "path", v, true)?;
    let m = if follow(&a, true, vm)? { std::fs::metadata(&p.path) } else { std::fs::symlink_metadata(&p.path) };
    let m = m.map_err(|e| io_error(vm, e, Some(&p.shown)))?;
    Ok(stat_tuple(vm, &m))
}

fn p_lstat(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, "lstat", "path", arg(vm, &a, 0, "path", "lstat")?, false)?;
    let m = std::fs::symlink_metadata(&p.path).map_err(|e| io_error(vm, e, Some(&p.shown)))?;
    Ok(stat_tuple(vm, &m))
}

fn p_fstat(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = int_arg(vm, arg(vm, &a, 0, "fd", "fstat")?, "")?;
    let m = fd_metadata(fd).map_err(|e| io_error(vm, e, None))?;
    Ok(stat_tuple(vm, &m))
}

fn p_mkdir(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, "mkdir", "path", arg(vm, &a, 0, "path", "mkdir")?, false)?;
    let mode = match opt_arg(&a, 1, "mode") {
        Some(m) => int_arg(vm, m, "")? as u32,
        None => 0o777,
    };
    std::fs::DirBuilder::new().mode(mode).create(&p.path).map_err(|e| io_error(vm, e, Some(&p.shown)))?;
    Ok(Value::None)
}

fn p_rmdir(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, "rmdir", "path", arg(vm, &a, 0, "path", "rmdir")?, false)?;
    std::fs::remove_dir(&p.path).map_err(|e| io_error(vm, e, Some(&p.shown)))?;
    Ok(Value::None)
}

fn p_unlink(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, "remove", "path", arg(vm, &a, 0, "path", "remove")?, false)?;
    std::fs::remove_file(&p.path).map_err(|e| io_error(vm, e, Some(&p.shown)))?;
    Ok(Value::None)
}

fn two_paths(vm: &mut Vm, a: &Args, func: &str) -> PyResult<(PathArg, PathArg)> {
    let s = path_arg(vm, func, "src", arg(vm, a, 0, "src", func)?, false)?;
    let d = path_arg(vm, func, "dst", arg(vm, a, 1, "dst", func)?, false)?;
    Ok((s, d))
}

fn p_rename(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (s, d) = two_paths(vm, &a, "rename")?;
    if let Err(e) = std::fs::rename(&s.path, &d.path) {
        return Err(os_error(vm, e.raw_os_error().unwrap_or(5), Some(&s.shown), Some(&d.shown)));
    }
    Ok(Value::None)
}

fn p_link(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (s, d) = two_paths(vm, &a, "link")?;
    if let Err(e) = std::fs::hard_link(&s.path, &d.path) {
        return Err(os_error(vm, e.raw_os_error().unwrap_or(5), Some(&s.shown), Some(&d.shown)));
    }
    Ok(Value::None)
}

fn p_symlink(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (s, d) = two_paths(vm, &a, "symlink")?;
    if let Err(e) = std::os::unix::fs::symlink(&s.path, &d.path) {
        return Err(os_error(vm, e.raw_os_error().unwrap_or(5), Some(&s.shown), Some(&d.shown)));
    }
    Ok(Value::None)
}

fn p_readlink(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, "readlink", "path", arg(vm, &a, 0, "path", "readlink")?, false)?;
    let t = std::fs::read_link(&p.path).map_err(|e| io_error(vm, e, Some(&p.shown)))?;
    Ok(name_value(vm, t.into_os_string(), p.is_bytes))
}

fn p_chmod(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, "chmod", "path", arg(vm, &a, 0, "path", "chmod")?, true)?;
    let mode = int_arg(vm, arg(vm, &a, 1, "mode", "chmod")?, "")? as u32;
    std::fs::set_permissions(&p.path, std::fs::Permissions::from_mode(mode)).map_err(|e| io_error(vm, e, Some(&p.shown)))?;
    Ok(Value::None)
}

fn p_access(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, "access", "path", arg(vm, &a, 0, "path", "access")?, true)?;
    let mode = int_arg(vm, arg(vm, &a, 1, "mode", "access")?, "")? as i32;
    let c = cstring(&p.path);
    // SAFETY: `c` is a valid NUL-terminated path.
    Ok(Value::bool(unsafe { access(c.as_ptr(), mode) } == 0))
}

fn p_utime(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, "utime", "path", arg(vm, &a, 0, "path", "utime")?, true)?;
    let (at, mt) = match opt_arg(&a, 1, "times") {
        Some(t) => {
            let items = vm.collect(t)?;
            if items.len() != 2 {
                return Err(vm.type_error("utime: 'times' must be either a tuple of two ints or None"));
            }
            let f = |v: &Value| match v {
                Value::Int(i) => *i as f64,
                Value::Float(f) => f.get(),
                _ => 0.0,
            };
            (f(&items[0]), f(&items[1]))
        }
        None => {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
            (now, now)
        }
    };
    let to_st = |x: f64| std::time::UNIX_EPOCH + std::time::Duration::try_from_secs_f64(x.max(0.0)).unwrap_or_default();
    let f = std::fs::File::options().write(false).read(true).open(&p.path).map_err(|e| io_error(vm, e, Some(&p.shown)))?;
    let times = std::fs::FileTimes::new().set_accessed(to_st(at)).set_modified(to_st(mt));
    f.set_times(times).map_err(|e| io_error(vm, e, Some(&p.shown)))?;
    Ok(Value::None)
}

fn p_open(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, "open", "path", arg(vm, &a, 0, "path", "open")?, false)?;
    let flags = int_arg(vm, arg(vm, &a, 1, "flags", "open")?, "")? as i32;
    let mode = match opt_arg(&a, 2, "mode") {
        Some(m) => int_arg(vm, m, "")? as u32,
        None => 0o777,
    };
    let c = cstring(&p.path);
    // SAFETY: `c` is a valid NUL-terminated path; O_CLOEXEC as CPython sets it.
    let fd = unsafe { open(c.as_ptr(), flags | 0o2000000, mode) };
    if fd < 0 {
        return Err(os_error(vm, last_errno(), Some(&p.shown), None));
    }
    Ok(Value::Int(fd as i64))
}

fn p_read(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = int_arg(vm, arg(vm, &a, 0, "fd", "read")?, "")? as i32;
    let n = int_arg(vm, arg(vm, &a, 1, "length", "read")?, "")?;
    if n < 0 {
        return Err(vm.value_error("negative length"));
    }
    let mut buf = alloc_buffer(vm, n as usize)?;
    // SAFETY: `buf` has room for `n` bytes.
    let got = unsafe { read(fd, buf.as_mut_ptr(), n as usize) };
    if got < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    buf.truncate(got as usize);
    Ok(vm.new_bytes(buf))
}

/// A zeroed buffer of `n` bytes, or MemoryError when it cannot be allocated.
fn alloc_buffer(vm: &Vm, n: usize) -> PyResult<Vec<u8>> {
    let mut buf = Vec::new();
    if buf.try_reserve_exact(n).is_err() {
        return Err(vm.memory_error());
    }
    buf.resize(n, 0);
    Ok(buf)
}

fn bytes_like(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Value::Obj(o) = v {
        match &o.data {
            Data::Bytes(b) => return Ok(b.to_vec()),
            Data::ByteArray(b) => return Ok(b.borrow().clone()),
            _ => {}
        }
    }
    Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(v))))
}

fn p_write(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = int_arg(vm, arg(vm, &a, 0, "fd", "write")?, "")? as i32;
    let data = arg(vm, &a, 1, "data", "write")?.clone();
    let data = match bytes_like(vm, &data) {
        Ok(d) => d,
        Err(_) => {
            let b = vm.call_method(&data, "tobytes", &[]).map_err(|_| vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(&data))))?;
            bytes_like(vm, &b)?
        }
    };
    // SAFETY: `data` is a valid buffer of the given length.
    let n = unsafe { write(fd, data.as_ptr(), data.len()) };
    if n < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::Int(n as i64))
}

fn p_close(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = int_arg(vm, arg(vm, &a, 0, "fd", "close")?, "")? as i32;
    // SAFETY: closing an fd number is always memory-safe.
    if unsafe { close(fd) } < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::None)
}

fn p_lseek(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = int_arg(vm, arg(vm, &a, 0, "fd", "lseek")?, "")? as i32;
    let pos = int_arg(vm, arg(vm, &a, 1, "position", "lseek")?, "")?;
    let how = int_arg(vm, arg(vm, &a, 2, "whence", "lseek")?, "")? as i32;
    // SAFETY: plain syscall on integers.
    let r = unsafe { lseek(fd, pos, how) };
    if r < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::Int(r))
}

fn p_ftruncate(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = int_arg(vm, arg(vm, &a, 0, "fd", "ftruncate")?, "")? as i32;
    let len = int_arg(vm, arg(vm, &a, 1, "length", "ftruncate")?, "")?;
    // SAFETY: plain syscall on integers.
    if unsafe { ftruncate(fd, len) } < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::None)
}

fn fd_simple(vm: &mut Vm, a: &Args, name: &str) -> PyResult<i32> {
    Ok(int_arg(vm, arg(vm, a, 0, "fd", name)?, "")? as i32)
}

fn p_isatty(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = fd_simple(vm, &a, "isatty")?;
    // SAFETY: plain syscall on an integer.
    Ok(Value::bool(unsafe { isatty(fd) } == 1))
}

fn p_fsync(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = fd_simple(vm, &a, "fsync")?;
    // SAFETY: plain syscall on an integer.
    if unsafe { fsync(fd) } < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::None)
}

fn p_dup(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = fd_simple(vm, &a, "dup")?;
    // SAFETY: plain syscall on an integer.
    let r = unsafe { dup(fd) };
    if r < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::Int(r as i64))
}

fn p_getpid(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    // SAFETY: getpid cannot fail.
    Ok(Value::Int(unsafe { getpid() } as i64))
}

fn p_getppid(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    // SAFETY: getppid cannot fail.
    Ok(Value::Int(unsafe { getppid() } as i64))
}

fn p_getuid(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    // SAFETY: getuid cannot fail.
    Ok(Value::Int(unsafe { getuid() } as i64))
}

fn p_geteuid(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    // SAFETY: geteuid cannot fail.
    Ok(Value::Int(unsafe { geteuid() } as i64))
}

fn p_getgid(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    // SAFETY: getgid cannot fail.
    Ok(Value::Int(unsafe { getgid() } as i64))
}

fn p_umask(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = int_arg(vm, arg(vm, &a, 0, "mask", "umask")?, "")? as u32;
    // SAFETY: umask cannot fail.
    Ok(Value::Int(unsafe { umask(m) } as i64))
}

fn p_strerror(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let code = int_arg(vm, arg(vm, &a, 0, "code", "strerror")?, "")? as i32;
    Ok(vm.new_str(strerror_text(code)))
}

fn env_bytes(vm: &mut Vm, v: &Value, what: &str) -> PyResult<Vec<u8>> {
    match v {
        Value::Obj(o) => match &o.data {
            Data::Str(s) => Ok(s.as_str().as_bytes().to_vec()),
            Data::Bytes(b) => Ok(b.to_vec()),
            _ => Err(vm.type_error(format!("{what}: expected str, bytes or os.PathLike object, not {}", vm.type_name(v)))),
        },
        _ => Err(vm.type_error(format!("{what}: expected str, bytes or os.PathLike object, not {}", vm.type_name(v)))),
    }
}

fn p_putenv(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let k = env_bytes(vm, arg(vm, &a, 0, "name", "putenv")?, "putenv")?;
    let v = env_bytes(vm, arg(vm, &a, 1, "value", "putenv")?, "putenv")?;
    if k.contains(&0) || v.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    if k.contains(&b'=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    let (k, v) = (CString::new(k).unwrap_or_default(), CString::new(v).unwrap_or_default());
    // SAFETY: both are valid C strings; the interpreter is single-threaded.
    if unsafe { setenv(k.as_ptr(), v.as_ptr(), 1) } < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::None)
}

fn p_unsetenv(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let k = env_bytes(vm, arg(vm, &a, 0, "name", "unsetenv")?, "unsetenv")?;
    let k = CString::new(k).map_err(|_| vm.value_error("embedded null byte"))?;
    // SAFETY: a valid C string; the interpreter is single-threaded.
    if unsafe { unsetenv(k.as_ptr()) } < 0 {
        return Err(os_error(vm, last_errno(), None, None));
    }
    Ok(Value::None)
}

/// The environment at call time as a dict of str -> str.
fn p_environ_snapshot(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    let d = vm.new_dict();
    for (k, v) in std::env::vars_os() {
        let k = vm.new_str(k.to_string_lossy().into_owned());
        let v = vm.new_str(v.to_string_lossy().into_owned());
        vm.dict_set(&d, k, v)?;
    }
    Ok(d)
}

fn p_urandom(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let n = int_arg(vm, arg(vm, &a, 0, "size", "urandom")?, "")?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    use std::io::Read;
    let mut buf = alloc_buffer(vm, n as usize)?;
    let mut f = std::fs::File::open("/dev/urandom").map_err(|e| io_error(vm, e, None))?;
    f.read_exact(&mut buf).map_err(|e| io_error(vm, e, None))?;
    Ok(vm.new_bytes(buf))
}

fn p_cpu_count(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(std::thread::available_parallelism().map(|n| Value::Int(n.get() as i64)).unwrap_or(Value::None))
}

fn p_is_fifo_like(vm: &mut Vm, a: Args) -> PyResult<Value> {
    // `_filetype(path)`: 'fifo', 'socket', 'block', 'char' or '' (for stat helpers).
    let p = path_arg(vm, "stat", "path", arg(vm, &a, 0, "path", "stat")?, false)?;
    let m = std::fs::metadata(&p.path).map_err(|e| io_error(vm, e, Some(&p.shown)))?;
    let t = m.file_type();
    let s = if t.is_fifo() {
        "fifo"
    } else if t.is_socket() {
        "socket"
    } else if t.is_block_device() {
        "block"
    } else if t.is_char_device() {
        "char"
    } else {
        ""
    };
    Ok(vm.new_str(s))
}

/// Owns a file descriptor for a Python file object, with its write buffer:
/// dropping the guard (when the file object is freed without close())
/// writes out buffered data and closes the descriptor, as CPython's
/// finalizers of buffered files and FileIO do.
struct FdGuard {
    fd: std::cell::Cell<i32>,
    buf: std::cell::RefCell<Vec<u8>>,
}

impl egret_vm::value::NativeData for FdGuard {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl FdGuard {
    /// Writes out the buffer; Err(errno) on failure (the unwritten rest stays).
    fn flush(&self) -> Result<(), i32> {
        let fd = self.fd.get();
        let mut buf = self.buf.borrow_mut();
        if fd < 0 || buf.is_empty() {
            return Ok(());
        }
        let mut done = 0;
        while done < buf.len() {
            // SAFETY: writing from a live buffer to the owned descriptor.
            let n = unsafe { write(fd, buf[done..].as_ptr(), buf.len() - done) };
            if n < 0 {
                let e = last_errno();
                if e == 4 {
                    continue;
                }
                buf.drain(..done);
                return Err(e);
            }
            if n == 0 {
                break;
            }
            done += n as usize;
        }
        buf.clear();
        Ok(())
    }
}

impl Drop for FdGuard {
    fn drop(&mut self) {
        let me = self as *const FdGuard as usize;
        if let Ok(mut live) = LIVE_GUARDS.lock() {
            if let Some(i) = live.iter().rposition(|&a| a == me) {
                live.swap_remove(i);
            }
        }
        let _ = self.flush();
        let fd = self.fd.replace(-1);
        if fd >= 0 {
            // SAFETY: the guard owns `fd`, which is closed once.
            unsafe { close(fd) };
        }
    }
}

const GUARD_BUFFER_SIZE: usize = 8192;

/// `fd_guard(fd)`: a guard that closes `fd` when it is freed.
fn p_fd_guard(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = int_arg(vm, arg(vm, &a, 0, "fd", "fd_guard")?, "")? as i32;
    let ty = match vm.extra_types.get("posix_fd_guard") {
        Some(t) => t.clone(),
        None => {
            let base = vm.t.object.clone();
            let t = vm.new_builtin_type("fd_guard", Some(&base), egret_vm::types::Layout::Native, 0);
            vm.extra_types.insert("posix_fd_guard", t.clone());
            t
        }
    };
    let guard = Box::new(FdGuard { fd: std::cell::Cell::new(fd), buf: std::cell::RefCell::new(Vec::new()) });
    let addr = &*guard as *const FdGuard as usize;
    ATEXIT_ONCE.call_once(|| {
        // SAFETY: registering a plain extern "C" function.
        unsafe { atexit(flush_live_guards) };
    });
    if let Ok(mut live) = LIVE_GUARDS.lock() {
        live.push(addr);
    }
    Ok(vm.alloc(ty, Data::Native(guard)))
}

fn guard_arg<'a>(vm: &Vm, a: &'a Args, func: &str) -> PyResult<&'a FdGuard> {
    arg(vm, a, 0, "guard", func)?.native::<FdGuard>().ok_or_else(|| vm.type_error(format!("{func}: expected an fd guard")))
}

/// `fd_guard_write(guard, data)`: buffer `data` (written out past 8 KiB).
fn p_fd_guard_write(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = guard_arg(vm, &a, "fd_guard_write")?;
    let data = arg(vm, &a, 1, "data", "fd_guard_write")?;
    let n = match data {
        Value::Obj(o) => match &o.data {
            Data::Bytes(b) => {
                g.buf.borrow_mut().extend_from_slice(b);
                b.len()
            }
            Data::ByteArray(b) => {
                let b = b.borrow();
                g.buf.borrow_mut().extend_from_slice(&b);
                b.len()
            }
            _ => return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(data)))),
        },
        _ => return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(data)))),
    };
    if g.buf.borrow().len() >= GUARD_BUFFER_SIZE {
        if let Err(e) = g.flush() {
            return Err(os_error(vm, e, None, None));
        }
    }
    Ok(Value::Int(n as i64))
}

/// `fd_guard_flush(guard)`: write out the buffer.
fn p_fd_guard_flush(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = guard_arg(vm, &a, "fd_guard_flush")?;
    if let Err(e) = g.flush() {
        return Err(os_error(vm, e, None, None));
    }
    Ok(Value::None)
}

/// `fd_guard_close(guard, really_close)`: write out the buffer and forget
/// the descriptor, closing it when `really_close`; raises OSError on failure.
fn p_fd_guard_close(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = arg(vm, &a, 0, "guard", "fd_guard_close")?.clone();
    let really = match a.pos().get(1) {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    if let Some(g) = g.native::<FdGuard>() {
        let flushed = g.flush();
        g.buf.borrow_mut().clear();
        let fd = g.fd.replace(-1);
        // SAFETY: the guard owned `fd`; it is closed once.
        if fd >= 0 && really && unsafe { close(fd) } < 0 {
            return Err(os_error(vm, last_errno(), None, None));
        }
        if let Err(e) = flushed {
            return Err(os_error(vm, e, None, None));
        }
    }
    Ok(Value::None)
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("posix");
    let fns: &[(&'static str, egret_vm::function::NativeFn)] = &[
        ("getcwd", p_getcwd),
        ("getcwdb", p_getcwdb),
        ("chdir", p_chdir),
        ("listdir", p_listdir),
        ("listdir_types", p_listdir_types),
        ("stat", p_stat),
        ("lstat", p_lstat),
        ("fstat", p_fstat),
        ("mkdir", p_mkdir),
        ("rmdir", p_rmdir),
        ("unlink", p_unlink),
        ("remove", p_unlink),
        ("rename", p_rename),
        ("replace", p_rename),
        ("link", p_link),
        ("symlink", p_symlink),
        ("readlink", p_readlink),
        ("chmod", p_chmod),
        ("access", p_access),
        ("utime", p_utime),
        ("open", p_open),
        ("read", p_read),
        ("write", p_write),
        ("close", p_close),
        ("lseek", p_lseek),
        ("ftruncate", p_ftruncate),
        ("isatty", p_isatty),
        ("fsync", p_fsync),
        ("dup", p_dup),
        ("getpid", p_getpid),
        ("getppid", p_getppid),
        ("getuid", p_getuid),
        ("geteuid", p_geteuid),
        ("getgid", p_getgid),
        ("umask", p_umask),
        ("strerror", p_strerror),
        ("putenv", p_putenv),
        ("unsetenv", p_unsetenv),
        ("environ_snapshot", p_environ_snapshot),
        ("urandom", p_urandom),
        ("cpu_count", p_cpu_count),
        ("filetype", p_is_fifo_like),
        ("fd_guard", p_fd_guard),
        ("uname", p_uname),
        ("getegid", p_getegid),
        ("getpgrp", p_getpgrp),
        ("kill", p_kill),
        ("getloadavg", p_getloadavg),
        ("truncate", p_truncate),
        ("fchmod", p_fchmod),
        ("dup2", p_dup2),
        ("pipe", p_pipe),
        ("system", p_system),
        ("mkfifo", p_mkfifo),
        ("fdatasync", p_fdatasync),
        ("sync", p_sync),
        ("pread", p_pread),
        ("pwrite", p_pwrite),
        ("sched_yield", p_sched_yield),
        ("get_inheritable", p_get_inheritable),
        ("set_inheritable", p_set_inheritable),
        ("get_blocking", p_get_blocking),
        ("set_blocking", p_set_blocking),
        ("times", p_times),
        ("statvfs", p_statvfs),
        ("fd_guard_close", p_fd_guard_close),
        ("fd_guard_write", p_fd_guard_write),
        ("fd_guard_flush", p_fd_guard_flush),
    ];
    for (name, f) in fns {
        vm.add_module_function(&m, name, *f);
    }
    let d = vm.module_dict(&m).unwrap();
    let consts: &[(&str, i64)] = &[
        ("O_RDONLY", 0),
        ("O_WRONLY", 1),
        ("O_RDWR", 2),
        ("O_CREAT", 0o100),
        ("O_EXCL", 0o200),
        ("O_NOCTTY", 0o400),
        ("O_TRUNC", 0o1000),
        ("O_APPEND", 0o2000),
        ("O_NONBLOCK", 0o4000),
        ("O_DIRECTORY", 0o200000),
        ("O_NOFOLLOW", 0o400000),
        ("O_CLOEXEC", 0o2000000),
        ("F_OK", 0),
        ("R_OK", 4),
        ("W_OK", 2),
        ("X_OK", 1),
        ("SEEK_SET", 0),
        ("SEEK_CUR", 1),
        ("SEEK_END", 2),
    ];
    for (k, v) in consts {
        vm.dict_set_str(&d, k, Value::Int(*v));
    }
    Ok(m)
}
