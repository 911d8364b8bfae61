//! The `_sqlite3` native module: a thin layer over SQLite's C API (the
//! bundled SQLite of `rusqlite`/`libsqlite3-sys`) for the DB-API module in
//! `lib/sqlite3/`. It exposes connection and statement handles, binding,
//! stepping and row reading, and user-defined functions and aggregates
//! that call back into Python. SQLite errors become exceptions made by
//! the Python-side factory (`set_error_factory`), so the exception classes
//! and their `sqlite_errorcode`/`sqlite_errorname` live in Python.

use egret_vm::function::Args;
use egret_vm::types::Layout;
use egret_vm::value::{Data, NativeData, PyRef, Value};
use egret_vm::vm::Vm;
use egret_vm::{PyErr, PyResult};
use rusqlite::ffi;
use std::cell::{Cell, RefCell};
use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_int, c_void};

struct DbHandle {
    db: Cell<*mut ffi::sqlite3>,
}

impl NativeData for DbHandle {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Callbacks are keyed by the connection's address, which a later
/// connection may reuse: they are forgotten with the connection.
fn forget_callbacks(key: usize) {
    for table in [&TRACE_CALLBACKS, &AUTHORIZERS, &PROGRESS] {
        let _ = table.try_with(|t| {
            if let Ok(mut t) = t.try_borrow_mut() {
                t.retain(|(k, _)| *k != key);
            }
        });
    }
}

impl Drop for DbHandle {
    fn drop(&mut self) {
        let db = self.db.replace(std::ptr::null_mut());
        if !db.is_null() {
            forget_callbacks(db as usize);
            // SAFETY: `db` came from sqlite3_open_v2 and is closed once.
            unsafe { ffi::sqlite3_close_v2(db) };
        }
    }
}

struct StmtHandle {
    stmt: Cell<*mut ffi::sqlite3_stmt>,
    /// Keeps the connection handle alive while the statement exists.
    _db: Value,
}

impl NativeData for StmtHandle {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Drop for StmtHandle {
    fn drop(&mut self) {
        let s = self.stmt.replace(std::ptr::null_mut());
        if !s.is_null() {
            // SAFETY: `s` came from sqlite3_prepare_v2 and is finalized once.
            unsafe { ffi::sqlite3_finalize(s) };
        }
    }
}

thread_local! {
    /// The VM running the current `step` (user functions call back into it).
    static CURRENT_VM: Cell<*mut Vm> = const { Cell::new(std::ptr::null_mut()) };
    /// The Python factory `(code, extended_code, message) -> exception`.
    static ERROR_FACTORY: RefCell<Option<Value>> = const { RefCell::new(None) };
}

fn handle_type(vm: &mut Vm, name: &'static str) -> PyRef {
    if let Some(t) = vm.extra_types.get(name) {
        return t.clone();
    }
    let base = vm.t.object.clone();
    let t = vm.new_builtin_type(name, Some(&base), Layout::Native, 0);
    vm.extra_types.insert(name, t.clone());
    t
}

fn db_of(vm: &Vm, v: &Value) -> PyResult<*mut ffi::sqlite3> {
    match v.native::<DbHandle>() {
        Some(h) if !h.db.get().is_null() => Ok(h.db.get()),
        Some(_) => Err(vm.value_error("closed database handle")),
        None => Err(vm.type_error("expected a database handle")),
    }
}

fn stmt_of(vm: &Vm, v: &Value) -> PyResult<*mut ffi::sqlite3_stmt> {
    match v.native::<StmtHandle>() {
        Some(h) if !h.stmt.get().is_null() => Ok(h.stmt.get()),
        Some(_) => Err(vm.value_error("finalized statement handle")),
        None => Err(vm.type_error("expected a statement handle")),
    }
}

fn cstr_to_string(p: *const c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: SQLite returns NUL-terminated strings valid until the next call.
    unsafe { CStr::from_ptr(p).to_string_lossy().into_owned() }
}

/// The exception for SQLite result `code` with `msg` (via the Python factory).
fn sqlite_error(vm: &mut Vm, code: c_int, msg: String) -> PyErr {
    let factory = ERROR_FACTORY.with(|f| f.borrow().clone());
    let m = vm.new_str(msg.clone());
    match factory {
        Some(f) => match vm.call(&f, &[Value::Int((code & 0xff) as i64), Value::Int(code as i64), m]) {
            Ok(exc) => PyErr(exc),
            Err(e) => e,
        },
        None => vm.runtime_error(msg),
    }
}

fn db_error(vm: &mut Vm, db: *mut ffi::sqlite3) -> PyErr {
    // SAFETY: `db` is an open connection.
    let (code, msg) = unsafe { (ffi::sqlite3_extended_errcode(db), cstr_to_string(ffi::sqlite3_errmsg(db))) };
    sqlite_error(vm, code, msg)
}

fn str_arg<'a>(vm: &Vm, v: &'a Value, what: &str) -> PyResult<&'a str> {
    v.as_str().ok_or_else(|| vm.type_error(format!("{what} must be str, not {}", vm.type_name(v))))
}

fn int_arg(vm: &Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(b.get() as i64),
        _ => Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v)))),
    }
}

fn n_args(vm: &Vm, a: &Args, n: usize, name: &str) -> PyResult<()> {
    if a.pos().len() < n {
        return Err(vm.type_error(format!("{name}() takes {n} arguments ({} given)", a.pos().len())));
    }
    Ok(())
}

// ----- module functions ------------------------------------------------------

fn s_set_error_factory(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "set_error_factory")?;
    let f = a.pos()[0].clone();
    ERROR_FACTORY.with(|e| *e.borrow_mut() = Some(f));
    Ok(Value::None)
}

/// `open(path, flags, vfs_uri)` -> connection handle.
fn s_open(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 2, "open")?;
    let path = str_arg(vm, &a.pos()[0], "database")?.to_string();
    let uri = vm.truthy(&a.pos()[1])?;
    let c = CString::new(path).map_err(|_| vm.value_error("embedded null character in path"))?;
    let mut db: *mut ffi::sqlite3 = std::ptr::null_mut();
    let mut flags = ffi::SQLITE_OPEN_READWRITE | ffi::SQLITE_OPEN_CREATE;
    if uri {
        flags |= ffi::SQLITE_OPEN_URI;
    }
    // SAFETY: valid C string and out-pointer.
    let rc = unsafe { ffi::sqlite3_open_v2(c.as_ptr(), &mut db, flags, std::ptr::null()) };
    if rc != ffi::SQLITE_OK {
        let err = if db.is_null() { sqlite_error(vm, rc, "unable to open database file".into()) } else { db_error(vm, db) };
        if !db.is_null() {
            // SAFETY: close the half-open handle.
            unsafe { ffi::sqlite3_close_v2(db) };
        }
        return Err(err);
    }
    let ty = handle_type(vm, "sqlite3_connection_handle");
    Ok(vm.alloc(ty, Data::Native(Box::new(DbHandle { db: Cell::new(db) }))))
}

fn s_close(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "close")?;
    if let Some(h) = a.pos()[0].native::<DbHandle>() {
        let db = h.db.replace(std::ptr::null_mut());
        if !db.is_null() {
            forget_callbacks(db as usize);
            // SAFETY: closing an open handle once.
            unsafe { ffi::sqlite3_close_v2(db) };
        }
    }
    Ok(Value::None)
}

/// `prepare(db, sql)` -> `(stmt or None, rest_of_sql)`.
fn s_prepare(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 2, "prepare")?;
    let db = db_of(vm, &a.pos()[0])?;
    let sql = str_arg(vm, &a.pos()[1], "sql")?;
    let bytes = sql.as_bytes();
    let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
    let mut tail: *const c_char = std::ptr::null();
    let prev = CURRENT_VM.with(|c| c.replace(vm as *mut Vm));
    // SAFETY: `bytes` outlives the call; SQLite reads exactly `len` bytes.
    // The authorizer callback reaches the VM through CURRENT_VM.
    let rc = unsafe { ffi::sqlite3_prepare_v2(db, bytes.as_ptr() as *const c_char, bytes.len() as c_int, &mut stmt, &mut tail) };
    CURRENT_VM.with(|c| c.set(prev));
    if rc != ffi::SQLITE_OK {
        return Err(db_error(vm, db));
    }
    let consumed = if tail.is_null() { bytes.len() } else { (tail as usize) - (bytes.as_ptr() as usize) };
    let rest = vm.new_str(&sql[consumed.min(sql.len())..]);
    let handle = if stmt.is_null() {
        Value::None
    } else {
        let ty = handle_type(vm, "sqlite3_statement_handle");
        vm.alloc(ty, Data::Native(Box::new(StmtHandle { stmt: Cell::new(stmt), _db: a.pos()[0].clone() })))
    };
    Ok(vm.new_pair(handle, rest))
}

fn s_finalize(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "finalize")?;
    if let Some(h) = a.pos()[0].native::<StmtHandle>() {
        let s = h.stmt.replace(std::ptr::null_mut());
        if !s.is_null() {
            // SAFETY: finalizing a live statement once.
            unsafe { ffi::sqlite3_finalize(s) };
        }
    }
    Ok(Value::None)
}

fn s_reset(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "reset")?;
    if let Some(h) = a.pos()[0].native::<StmtHandle>() {
        let s = h.stmt.get();
        if !s.is_null() {
            // SAFETY: live statement.
            unsafe {
                ffi::sqlite3_reset(s);
                ffi::sqlite3_clear_bindings(s);
            }
        }
    }
    Ok(Value::None)
}

fn s_param_count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "param_count")?;
    let s = stmt_of(vm, &a.pos()[0])?;
    // SAFETY: live statement.
    Ok(Value::Int(unsafe { ffi::sqlite3_bind_parameter_count(s) } as i64))
}

fn s_param_name(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 2, "param_name")?;
    let s = stmt_of(vm, &a.pos()[0])?;
    let i = int_arg(vm, &a.pos()[1])? as c_int;
    // SAFETY: live statement; NULL for nameless parameters.
    let p = unsafe { ffi::sqlite3_bind_parameter_name(s, i) };
    if p.is_null() {
        return Ok(Value::None);
    }
    Ok(vm.new_str(cstr_to_string(p)))
}

fn bytes_of(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Obj(o) => match &o.data {
            Data::Bytes(b) => Some(b.to_vec()),
            Data::ByteArray(b) => Some(b.borrow().clone()),
            _ => None,
        },
        _ => None,
    }
}

/// `bind(stmt, index, value)`: 0 on success, -1 when the type is not
/// supported (the caller raises ProgrammingError), raises OverflowError.
fn s_bind(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 3, "bind")?;
    let s = stmt_of(vm, &a.pos()[0])?;
    let i = int_arg(vm, &a.pos()[1])? as c_int;
    let v = a.pos()[2].clone();
    bind_value(vm, s, i, &v)
}

/// `bind_seq(stmt, seq)`: binds a tuple/list of plain values; returns 0, or
/// the 1-based index of the first value the caller must bind itself.
fn s_bind_seq(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 2, "bind_seq")?;
    let s = stmt_of(vm, &a.pos()[0])?;
    let items: Vec<Value> = match &a.pos()[1] {
        Value::Obj(o) => match &o.data {
            Data::Tuple(t) => t.to_vec(),
            Data::List(l) => l.borrow().clone(),
            _ => return Ok(Value::Int(1)),
        },
        _ => return Ok(Value::Int(1)),
    };
    for (i, v) in items.iter().enumerate() {
        let plain = match v {
            Value::None | Value::Int(_) | Value::Float(_) => true,
            Value::Obj(o) => {
                let t = &o.ty;
                let vmt = &vm.t;
                (std::rc::Rc::ptr_eq(t, &vmt.str) || std::rc::Rc::ptr_eq(t, &vmt.bytes) || std::rc::Rc::ptr_eq(t, &vmt.int) || std::rc::Rc::ptr_eq(t, &vmt.float))
                    && matches!(o.data, Data::Str(_) | Data::Bytes(_) | Data::Int(_) | Data::Float(_))
            }
            _ => false,
        };
        if !plain {
            return Ok(Value::Int(i as i64 + 1));
        }
        bind_value(vm, s, i as c_int + 1, v)?;
    }
    Ok(Value::Int(0))
}

fn bind_value(vm: &mut Vm, s: *mut ffi::sqlite3_stmt, i: c_int, v: &Value) -> PyResult<Value> {
    // SAFETY: live statement; SQLITE_TRANSIENT makes SQLite copy the data.
    let rc = unsafe {
        match v {
            Value::None => ffi::sqlite3_bind_null(s, i),
            Value::Bool(b) => ffi::sqlite3_bind_int64(s, i, b.get() as i64),
            Value::Int(n) => ffi::sqlite3_bind_int64(s, i, *n),
            Value::Float(f) => ffi::sqlite3_bind_double(s, i, f.get()),
            Value::Obj(o) => match &o.data {
                Data::Int(_) => return Err(vm.overflow_error("Python int too large to convert to SQLite INTEGER")),
                Data::Float(f) => ffi::sqlite3_bind_double(s, i, *f),
                Data::Str(t) => {
                    let b = t.as_str().as_bytes();
                    ffi::sqlite3_bind_text(s, i, b.as_ptr() as *const c_char, b.len() as c_int, ffi::SQLITE_TRANSIENT())
                }
                _ => match bytes_of(v) {
                    Some(b) => ffi::sqlite3_bind_blob(s, i, b.as_ptr() as *const c_void, b.len() as c_int, ffi::SQLITE_TRANSIENT()),
                    None => return Ok(Value::Int(-1)),
                },
            },
        }
    };
    if rc != ffi::SQLITE_OK {
        let msg = cstr_to_string(unsafe { ffi::sqlite3_errstr(rc) });
        return Err(sqlite_error(vm, rc, msg));
    }
    Ok(Value::Int(0))
}

/// `step(db, stmt)` -> True for a row, False when done; raises on error.
fn s_step(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 2, "step")?;
    let db = db_of(vm, &a.pos()[0])?;
    let s = stmt_of(vm, &a.pos()[1])?;
    let prev = CURRENT_VM.with(|c| c.replace(vm as *mut Vm));
    // SAFETY: live statement; user functions reach the VM through CURRENT_VM.
    let rc = unsafe { ffi::sqlite3_step(s) };
    CURRENT_VM.with(|c| c.set(prev));
    match rc {
        ffi::SQLITE_ROW => Ok(Value::bool(true)),
        ffi::SQLITE_DONE => Ok(Value::bool(false)),
        _ => {
            // SAFETY: reset reports the statement's error into the connection.
            unsafe { ffi::sqlite3_reset(s) };
            Err(db_error(vm, db))
        }
    }
}

/// Column `i` of the current row; TEXT that is not valid UTF-8 (unless
/// `raw_text`) raises OperationalError as CPython's module does.
fn column_value(vm: &mut Vm, s: *mut ffi::sqlite3_stmt, i: c_int, raw_text: bool) -> PyResult<Value> {
    // SAFETY: `s` has a current row and `i` is in range.
    if !raw_text && unsafe { ffi::sqlite3_column_type(s, i) } == ffi::SQLITE_TEXT {
        let (p, n) = unsafe { (ffi::sqlite3_column_text(s, i), ffi::sqlite3_column_bytes(s, i) as usize) };
        let b = if p.is_null() { &[][..] } else { unsafe { std::slice::from_raw_parts(p, n) } };
        return match std::str::from_utf8(b) {
            Ok(t) => Ok(vm.new_str(t)),
            Err(_) => {
                let name = cstr_to_string(unsafe { ffi::sqlite3_column_name(s, i) });
                let upto_nul = b.split(|&c| c == 0).next().unwrap_or(&[]);
                let text = String::from_utf8_lossy(upto_nul).into_owned();
                Err(sqlite_error(vm, ffi::SQLITE_ERROR, format!("Could not decode to UTF-8 column '{name}' with text '{text}'")))
            }
        };
    }
    Ok(column_value_plain(vm, s, i, raw_text))
}

fn column_value_plain(vm: &Vm, s: *mut ffi::sqlite3_stmt, i: c_int, raw_text: bool) -> Value {
    // SAFETY: `s` has a current row and `i` is in range.
    unsafe {
        match ffi::sqlite3_column_type(s, i) {
            ffi::SQLITE_INTEGER => Value::Int(ffi::sqlite3_column_int64(s, i)),
            ffi::SQLITE_FLOAT => Value::float(ffi::sqlite3_column_double(s, i)),
            ffi::SQLITE_TEXT => {
                let p = ffi::sqlite3_column_text(s, i);
                let n = ffi::sqlite3_column_bytes(s, i) as usize;
                let b = if p.is_null() { &[][..] } else { std::slice::from_raw_parts(p, n) };
                if raw_text {
                    vm.new_bytes(b.to_vec())
                } else {
                    vm.new_str(String::from_utf8_lossy(b).into_owned())
                }
            }
            ffi::SQLITE_BLOB => {
                let p = ffi::sqlite3_column_blob(s, i) as *const u8;
                let n = ffi::sqlite3_column_bytes(s, i) as usize;
                let b = if p.is_null() { Vec::new() } else { std::slice::from_raw_parts(p, n).to_vec() };
                vm.new_bytes(b)
            }
            _ => Value::None,
        }
    }
}

/// `fetch(db, stmt, raw_text)` -> `(row, more)`: the current row, then a
/// step to the next one (an error of that step is raised, the row dropped).
fn s_fetch(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 3, "fetch")?;
    let db = db_of(vm, &a.pos()[0])?;
    let s = stmt_of(vm, &a.pos()[1])?;
    let raw = vm.truthy(&a.pos()[2])?;
    // SAFETY: live statement with a current row.
    let n = unsafe { ffi::sqlite3_column_count(s) };
    let items = (0..n).map(|i| column_value(vm, s, i, raw)).collect::<PyResult<Vec<Value>>>()?;
    let row = vm.new_tuple(items);
    let prev = CURRENT_VM.with(|c| c.replace(vm as *mut Vm));
    // SAFETY: as in `step`.
    let rc = unsafe { ffi::sqlite3_step(s) };
    CURRENT_VM.with(|c| c.set(prev));
    match rc {
        ffi::SQLITE_ROW => Ok(vm.new_pair(row, Value::bool(true))),
        ffi::SQLITE_DONE => Ok(vm.new_pair(row, Value::bool(false))),
        _ => {
            // SAFETY: reset reports the statement's error into the connection.
            unsafe { ffi::sqlite3_reset(s) };
            Err(db_error(vm, db))
        }
    }
}

/// `row(stmt, raw_text)`: the current row as a tuple.
fn s_row(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 2, "row")?;
    let s = stmt_of(vm, &a.pos()[0])?;
    let raw = vm.truthy(&a.pos()[1])?;
    // SAFETY: live statement.
    let n = unsafe { ffi::sqlite3_column_count(s) };
    let items = (0..n).map(|i| column_value(vm, s, i, raw)).collect::<PyResult<Vec<Value>>>()?;
    Ok(vm.new_tuple(items))
}

fn s_column_count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "column_count")?;
    let s = stmt_of(vm, &a.pos()[0])?;
    // SAFETY: live statement.
    Ok(Value::Int(unsafe { ffi::sqlite3_column_count(s) } as i64))
}

fn s_column_names(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "column_names")?;
    let s = stmt_of(vm, &a.pos()[0])?;
    // SAFETY: live statement, indices in range.
    let n = unsafe { ffi::sqlite3_column_count(s) };
    let names = (0..n).map(|i| vm.new_str(cstr_to_string(unsafe { ffi::sqlite3_column_name(s, i) }))).collect();
    Ok(vm.new_list(names))
}

fn s_column_decltypes(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "column_decltypes")?;
    let s = stmt_of(vm, &a.pos()[0])?;
    // SAFETY: live statement, indices in range.
    let n = unsafe { ffi::sqlite3_column_count(s) };
    let mut out = Vec::new();
    for i in 0..n {
        let p = unsafe { ffi::sqlite3_column_decltype(s, i) };
        out.push(if p.is_null() { Value::None } else { vm.new_str(cstr_to_string(p)) });
    }
    Ok(vm.new_list(out))
}

fn s_readonly(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "readonly")?;
    let s = stmt_of(vm, &a.pos()[0])?;
    // SAFETY: live statement.
    Ok(Value::bool(unsafe { ffi::sqlite3_stmt_readonly(s) } != 0))
}

macro_rules! db_int_fn {
    ($name:ident, $call:path, $label:literal) => {
        fn $name(vm: &mut Vm, a: Args) -> PyResult<Value> {
            n_args(vm, &a, 1, $label)?;
            let db = db_of(vm, &a.pos()[0])?;
            // SAFETY: open connection.
            Ok(Value::Int(unsafe { $call(db) } as i64))
        }
    };
}

db_int_fn!(s_changes, ffi::sqlite3_changes, "changes");
db_int_fn!(s_total_changes, ffi::sqlite3_total_changes, "total_changes");
db_int_fn!(s_last_insert_rowid, ffi::sqlite3_last_insert_rowid, "last_insert_rowid");
db_int_fn!(s_get_autocommit, ffi::sqlite3_get_autocommit, "get_autocommit");

fn s_busy_timeout(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 2, "busy_timeout")?;
    let db = db_of(vm, &a.pos()[0])?;
    let ms = int_arg(vm, &a.pos()[1])? as c_int;
    // SAFETY: open connection.
    unsafe { ffi::sqlite3_busy_timeout(db, ms) };
    Ok(Value::None)
}

fn s_complete(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "complete_statement")?;
    let sql = str_arg(vm, &a.pos()[0], "statement")?;
    let c = CString::new(sql).map_err(|_| vm.value_error("embedded null character"))?;
    // SAFETY: valid C string.
    Ok(Value::bool(unsafe { ffi::sqlite3_complete(c.as_ptr()) } != 0))
}

fn s_errstr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "errstr")?;
    let code = int_arg(vm, &a.pos()[0])? as c_int;
    // SAFETY: sqlite3_errstr accepts any code.
    Ok(vm.new_str(cstr_to_string(unsafe { ffi::sqlite3_errstr(code) })))
}

// ----- user-defined functions and aggregates ---------------------------------

struct UdfData {
    callable: Value,
}

unsafe extern "C" fn udf_destroy(p: *mut c_void) {
    if !p.is_null() {
        drop(Box::from_raw(p as *mut UdfData));
    }
}

unsafe fn args_to_values(vm: &Vm, argc: c_int, argv: *mut *mut ffi::sqlite3_value) -> Vec<Value> {
    let mut out = Vec::with_capacity(argc.max(0) as usize);
    for i in 0..argc.max(0) as usize {
        let v = *argv.add(i);
        out.push(match ffi::sqlite3_value_type(v) {
            ffi::SQLITE_INTEGER => Value::Int(ffi::sqlite3_value_int64(v)),
            ffi::SQLITE_FLOAT => Value::float(ffi::sqlite3_value_double(v)),
            ffi::SQLITE_TEXT => {
                let p = ffi::sqlite3_value_text(v);
                let n = ffi::sqlite3_value_bytes(v) as usize;
                let b = if p.is_null() { &[][..] } else { std::slice::from_raw_parts(p, n) };
                vm.new_str(String::from_utf8_lossy(b).into_owned())
            }
            ffi::SQLITE_BLOB => {
                let p = ffi::sqlite3_value_blob(v) as *const u8;
                let n = ffi::sqlite3_value_bytes(v) as usize;
                vm.new_bytes(if p.is_null() { Vec::new() } else { std::slice::from_raw_parts(p, n).to_vec() })
            }
            _ => Value::None,
        });
    }
    out
}

/// Sets the SQL result from a Python value; false if the type is unsupported.
unsafe fn set_result(ctx: *mut ffi::sqlite3_context, v: &Value) -> bool {
    match v {
        Value::None => ffi::sqlite3_result_null(ctx),
        Value::Bool(b) => ffi::sqlite3_result_int64(ctx, b.get() as i64),
        Value::Int(n) => ffi::sqlite3_result_int64(ctx, *n),
        Value::Float(f) => ffi::sqlite3_result_double(ctx, f.get()),
        Value::Obj(o) => match &o.data {
            Data::Float(f) => ffi::sqlite3_result_double(ctx, *f),
            Data::Str(t) => {
                let b = t.as_str().as_bytes();
                ffi::sqlite3_result_text(ctx, b.as_ptr() as *const c_char, b.len() as c_int, ffi::SQLITE_TRANSIENT())
            }
            _ => match bytes_of(v) {
                Some(b) => ffi::sqlite3_result_blob(ctx, b.as_ptr() as *const c_void, b.len() as c_int, ffi::SQLITE_TRANSIENT()),
                None => return false,
            },
        },
    }
    true
}

unsafe fn result_error(ctx: *mut ffi::sqlite3_context, msg: &str) {
    ffi::sqlite3_result_error(ctx, msg.as_ptr() as *const c_char, msg.len() as c_int);
}

fn with_vm<R>(f: impl FnOnce(&mut Vm) -> R) -> Option<R> {
    let p = CURRENT_VM.with(|c| c.get());
    if p.is_null() {
        return None;
    }
    // SAFETY: set by `step` for the duration of sqlite3_step, during which the
    // caller's `&mut Vm` is not otherwise used.
    Some(f(unsafe { &mut *p }))
}

unsafe extern "C" fn udf_call(ctx: *mut ffi::sqlite3_context, argc: c_int, argv: *mut *mut ffi::sqlite3_value) {
    let data = &*(ffi::sqlite3_user_data(ctx) as *const UdfData);
    let done = with_vm(|vm| {
        let args = args_to_values(vm, argc, argv);
        match vm.call(&data.callable, &args) {
            Ok(v) => {
                if !set_result(ctx, &v) {
                    result_error(ctx, "user-defined function raised exception");
                }
            }
            Err(_) => result_error(ctx, "user-defined function raised exception"),
        }
    });
    if done.is_none() {
        result_error(ctx, "user-defined function called outside a query");
    }
}

unsafe extern "C" fn agg_step(ctx: *mut ffi::sqlite3_context, argc: c_int, argv: *mut *mut ffi::sqlite3_value) {
    let data = &*(ffi::sqlite3_user_data(ctx) as *const UdfData);
    let slot = ffi::sqlite3_aggregate_context(ctx, std::mem::size_of::<*mut Value>() as c_int) as *mut *mut Value;
    if slot.is_null() {
        ffi::sqlite3_result_error_nomem(ctx);
        return;
    }
    with_vm(|vm| {
        if (*slot).is_null() {
            match vm.call(&data.callable, &[]) {
                Ok(inst) => *slot = Box::into_raw(Box::new(inst)),
                Err(_) => {
                    result_error(ctx, "user-defined aggregate's '__init__' method raised error");
                    return;
                }
            }
        }
        let inst = (**slot).clone();
        let args = args_to_values(vm, argc, argv);
        let ok = match vm.getattr_str(&inst, "step") {
            Ok(m) => vm.call(&m, &args).is_ok(),
            Err(_) => false,
        };
        if !ok {
            result_error(ctx, "user-defined aggregate's 'step' method raised error");
        }
    });
}

unsafe extern "C" fn agg_final(ctx: *mut ffi::sqlite3_context) {
    let slot = ffi::sqlite3_aggregate_context(ctx, 0) as *mut *mut Value;
    if slot.is_null() || (*slot).is_null() {
        ffi::sqlite3_result_null(ctx);
        return;
    }
    let inst = *Box::from_raw(*slot);
    *slot = std::ptr::null_mut();
    with_vm(|vm| {
        let r = match vm.getattr_str(&inst, "finalize") {
            Ok(m) => vm.call(&m, &[]),
            Err(e) => Err(e),
        };
        match r {
            Ok(v) => {
                if !set_result(ctx, &v) {
                    result_error(ctx, "user-defined aggregate's 'finalize' method raised error");
                }
            }
            Err(_) => result_error(ctx, "user-defined aggregate's 'finalize' method raised error"),
        }
    });
}

/// Calls `method` on the window aggregate instance of `ctx` (creating it
/// first if needed); with `set`, the return value becomes the SQL result.
unsafe fn window_call(ctx: *mut ffi::sqlite3_context, method: &str, argc: c_int, argv: *mut *mut ffi::sqlite3_value, set: bool) {
    let data = &*(ffi::sqlite3_user_data(ctx) as *const UdfData);
    let slot = ffi::sqlite3_aggregate_context(ctx, std::mem::size_of::<*mut Value>() as c_int) as *mut *mut Value;
    if slot.is_null() {
        ffi::sqlite3_result_error_nomem(ctx);
        return;
    }
    with_vm(|vm| {
        if (*slot).is_null() {
            match vm.call(&data.callable, &[]) {
                Ok(inst) => *slot = Box::into_raw(Box::new(inst)),
                Err(_) => {
                    result_error(ctx, "user-defined aggregate's '__init__' method raised error");
                    return;
                }
            }
        }
        let inst = (**slot).clone();
        let args = args_to_values(vm, argc, argv);
        let r = match vm.getattr_opt(&inst, method) {
            Ok(Some(m)) => vm.call(&m, &args),
            Ok(None) => {
                result_error(ctx, &format!("user-defined aggregate's '{method}' method not defined"));
                return;
            }
            Err(e) => Err(e),
        };
        match r {
            Ok(v) => {
                if set && !set_result(ctx, &v) {
                    result_error(ctx, &format!("user-defined aggregate's '{method}' method raised error"));
                }
            }
            Err(_) => result_error(ctx, &format!("user-defined aggregate's '{method}' method raised error")),
        }
    });
}

unsafe extern "C" fn win_step(ctx: *mut ffi::sqlite3_context, argc: c_int, argv: *mut *mut ffi::sqlite3_value) {
    window_call(ctx, "step", argc, argv, false);
}

unsafe extern "C" fn win_inverse(ctx: *mut ffi::sqlite3_context, argc: c_int, argv: *mut *mut ffi::sqlite3_value) {
    window_call(ctx, "inverse", argc, argv, false);
}

unsafe extern "C" fn win_value(ctx: *mut ffi::sqlite3_context) {
    window_call(ctx, "value", 0, std::ptr::null_mut(), true);
}

/// `create_window_function(db, name, narg, cls_or_None)`.
fn s_create_window_function(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 4, "create_window_function")?;
    let db = db_of(vm, &a.pos()[0])?;
    let name = str_arg(vm, &a.pos()[1], "name")?.to_string();
    let narg = int_arg(vm, &a.pos()[2])? as c_int;
    let cls = a.pos()[3].clone();
    let cname = CString::new(name).map_err(|_| vm.value_error("embedded null character"))?;
    // SAFETY: `data` is owned by SQLite and freed by udf_destroy.
    let rc = unsafe {
        if cls.is_none() {
            ffi::sqlite3_create_window_function(db, cname.as_ptr(), narg, ffi::SQLITE_UTF8, std::ptr::null_mut(), None, None, None, None, None)
        } else {
            let data = Box::into_raw(Box::new(UdfData { callable: cls })) as *mut c_void;
            ffi::sqlite3_create_window_function(db, cname.as_ptr(), narg, ffi::SQLITE_UTF8, data, Some(win_step), Some(agg_final), Some(win_value), Some(win_inverse), Some(udf_destroy))
        }
    };
    if rc != ffi::SQLITE_OK {
        return Err(db_error(vm, db));
    }
    Ok(Value::None)
}

/// `create_function(db, name, narg, callable_or_None, deterministic, is_aggregate)`.
fn s_create_function(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 6, "create_function")?;
    let db = db_of(vm, &a.pos()[0])?;
    let name = str_arg(vm, &a.pos()[1], "name")?.to_string();
    let narg = int_arg(vm, &a.pos()[2])? as c_int;
    let callable = a.pos()[3].clone();
    let deterministic = vm.truthy(&a.pos()[4])?;
    let aggregate = vm.truthy(&a.pos()[5])?;
    let cname = CString::new(name).map_err(|_| vm.value_error("embedded null character"))?;
    let mut flags = ffi::SQLITE_UTF8;
    if deterministic {
        flags |= ffi::SQLITE_DETERMINISTIC;
    }
    // SAFETY: `data` is owned by SQLite from here on and freed by udf_destroy.
    let rc = unsafe {
        if callable.is_none() {
            ffi::sqlite3_create_function_v2(db, cname.as_ptr(), narg, flags, std::ptr::null_mut(), None, None, None, None)
        } else {
            let data = Box::into_raw(Box::new(UdfData { callable })) as *mut c_void;
            if aggregate {
                ffi::sqlite3_create_function_v2(db, cname.as_ptr(), narg, flags, data, None, Some(agg_step), Some(agg_final), Some(udf_destroy))
            } else {
                ffi::sqlite3_create_function_v2(db, cname.as_ptr(), narg, flags, data, Some(udf_call), None, None, Some(udf_destroy))
            }
        }
    };
    if rc != ffi::SQLITE_OK {
        return Err(db_error(vm, db));
    }
    Ok(Value::None)
}

unsafe extern "C" fn collation_compare(p: *mut c_void, n1: c_int, s1: *const c_void, n2: c_int, s2: *const c_void) -> c_int {
    let data = &*(p as *const UdfData);
    let text = |s: *const c_void, n: c_int| {
        let b = if s.is_null() || n <= 0 { &[][..] } else { std::slice::from_raw_parts(s as *const u8, n as usize) };
        String::from_utf8_lossy(b).into_owned()
    };
    let (a, b) = (text(s1, n1), text(s2, n2));
    with_vm(|vm| {
        let (a, b) = (vm.new_str(a), vm.new_str(b));
        match vm.call(&data.callable, &[a, b]) {
            Ok(Value::Int(i)) => i.signum() as c_int,
            Ok(Value::Bool(x)) => x.get() as c_int,
            Ok(Value::Obj(o)) => match &o.data {
                Data::Int(i) => {
                    use num_traits::Signed;
                    if i.is_negative() {
                        -1
                    } else {
                        1
                    }
                }
                _ => 0,
            },
            _ => 0,
        }
    })
    .unwrap_or(0)
}

/// `create_collation(db, name, callable_or_None)`.
fn s_create_collation(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 3, "create_collation")?;
    let db = db_of(vm, &a.pos()[0])?;
    let name = str_arg(vm, &a.pos()[1], "name")?.to_string();
    let cname = CString::new(name).map_err(|_| vm.value_error("embedded null character"))?;
    let callable = a.pos()[2].clone();
    // SAFETY: `data` is owned by SQLite and freed by udf_destroy.
    let rc = unsafe {
        if callable.is_none() {
            ffi::sqlite3_create_collation_v2(db, cname.as_ptr(), ffi::SQLITE_UTF8, std::ptr::null_mut(), None, None)
        } else {
            let data = Box::into_raw(Box::new(UdfData { callable })) as *mut c_void;
            ffi::sqlite3_create_collation_v2(db, cname.as_ptr(), ffi::SQLITE_UTF8, data, Some(collation_compare), Some(udf_destroy))
        }
    };
    if rc != ffi::SQLITE_OK {
        return Err(db_error(vm, db));
    }
    Ok(Value::None)
}

thread_local! {
    /// Trace callbacks by connection address (set_trace_callback).
    static TRACE_CALLBACKS: RefCell<Vec<(usize, Value)>> = const { RefCell::new(Vec::new()) };
}

unsafe extern "C" fn trace_callback(kind: std::os::raw::c_uint, ctx: *mut c_void, p: *mut c_void, x: *mut c_void) -> c_int {
    if kind != ffi::SQLITE_TRACE_STMT as std::os::raw::c_uint {
        return 0;
    }
    let key = ctx as usize;
    let cb = TRACE_CALLBACKS.with(|t| t.borrow().iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()));
    let Some(cb) = cb else { return 0 };
    let raw = cstr_to_string(x as *const c_char);
    let text = if raw.starts_with("--") {
        raw
    } else {
        let e = ffi::sqlite3_expanded_sql(p as *mut ffi::sqlite3_stmt);
        if e.is_null() {
            raw
        } else {
            let s = cstr_to_string(e);
            ffi::sqlite3_free(e as *mut c_void);
            s
        }
    };
    with_vm(|vm| {
        let t = vm.new_str(text);
        let _ = vm.call(&cb, &[t]);
    });
    0
}

/// `set_trace_callback(db, callable_or_None)`.
fn s_set_trace(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 2, "set_trace_callback")?;
    let db = db_of(vm, &a.pos()[0])?;
    let cb = a.pos()[1].clone();
    let key = db as usize;
    TRACE_CALLBACKS.with(|t| t.borrow_mut().retain(|(k, _)| *k != key));
    // SAFETY: `db` is open; the context is only used as a lookup key.
    unsafe {
        if cb.is_none() {
            ffi::sqlite3_trace_v2(db, 0, None, std::ptr::null_mut());
        } else {
            TRACE_CALLBACKS.with(|t| t.borrow_mut().push((key, cb)));
            ffi::sqlite3_trace_v2(db, ffi::SQLITE_TRACE_STMT as std::os::raw::c_uint, Some(trace_callback), db as *mut c_void);
        }
    }
    Ok(Value::None)
}

thread_local! {
    /// Authorizer and progress callbacks by connection address.
    static AUTHORIZERS: RefCell<Vec<(usize, Value)>> = const { RefCell::new(Vec::new()) };
    static PROGRESS: RefCell<Vec<(usize, Value)>> = const { RefCell::new(Vec::new()) };
}

fn callback_for(table: &'static std::thread::LocalKey<RefCell<Vec<(usize, Value)>>>, key: usize) -> Option<Value> {
    table.with(|t| t.borrow().iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()))
}

fn set_callback(table: &'static std::thread::LocalKey<RefCell<Vec<(usize, Value)>>>, key: usize, cb: Option<Value>) {
    table.with(|t| {
        let mut t = t.borrow_mut();
        t.retain(|(k, _)| *k != key);
        if let Some(cb) = cb {
            t.push((key, cb));
        }
    });
}

unsafe extern "C" fn authorizer_cb(ctx: *mut c_void, action: c_int, a1: *const c_char, a2: *const c_char, a3: *const c_char, a4: *const c_char) -> c_int {
    let Some(cb) = callback_for(&AUTHORIZERS, ctx as usize) else { return ffi::SQLITE_OK };
    with_vm(|vm| {
        let arg = |vm: &mut Vm, p: *const c_char| if p.is_null() { Value::None } else { vm.new_str(cstr_to_string(p)) };
        let args = vec![Value::Int(action as i64), arg(vm, a1), arg(vm, a2), arg(vm, a3), arg(vm, a4)];
        match vm.call(&cb, &args) {
            Ok(Value::Int(r)) => r as c_int,
            Ok(Value::Bool(b)) => b.get() as c_int,
            _ => ffi::SQLITE_DENY,
        }
    })
    .unwrap_or(ffi::SQLITE_OK)
}

/// `set_authorizer(db, callable_or_None)`.
fn s_set_authorizer(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 2, "set_authorizer")?;
    let db = db_of(vm, &a.pos()[0])?;
    let cb = a.pos()[1].clone();
    let key = db as usize;
    // SAFETY: `db` is open; the context is only used as a lookup key.
    unsafe {
        if cb.is_none() {
            set_callback(&AUTHORIZERS, key, None);
            ffi::sqlite3_set_authorizer(db, None, std::ptr::null_mut());
        } else {
            set_callback(&AUTHORIZERS, key, Some(cb));
            ffi::sqlite3_set_authorizer(db, Some(authorizer_cb), db as *mut c_void);
        }
    }
    Ok(Value::None)
}

unsafe extern "C" fn progress_cb(ctx: *mut c_void) -> c_int {
    let Some(cb) = callback_for(&PROGRESS, ctx as usize) else { return 0 };
    with_vm(|vm| match vm.call(&cb, &[]) {
        Ok(v) => vm.truthy(&v).map(|t| t as c_int).unwrap_or(1),
        Err(_) => 1,
    })
    .unwrap_or(0)
}

/// `set_progress_handler(db, callable_or_None, n)`.
fn s_set_progress_handler(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 3, "set_progress_handler")?;
    let db = db_of(vm, &a.pos()[0])?;
    let cb = a.pos()[1].clone();
    let n = int_arg(vm, &a.pos()[2])? as c_int;
    let key = db as usize;
    // SAFETY: `db` is open; the context is only used as a lookup key.
    unsafe {
        if cb.is_none() {
            set_callback(&PROGRESS, key, None);
            ffi::sqlite3_progress_handler(db, 0, None, std::ptr::null_mut());
        } else {
            set_callback(&PROGRESS, key, Some(cb));
            ffi::sqlite3_progress_handler(db, n, Some(progress_cb), db as *mut c_void);
        }
    }
    Ok(Value::None)
}

/// `backup(src_db, dst_db, name)`: copy the whole database in one step.
fn s_backup(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 3, "backup")?;
    let src = db_of(vm, &a.pos()[0])?;
    let dst = db_of(vm, &a.pos()[1])?;
    let name = CString::new(str_arg(vm, &a.pos()[2], "name")?).map_err(|_| vm.value_error("embedded null character"))?;
    let main = CString::new("main").unwrap();
    // SAFETY: both handles are open; the backup object is finished before returning.
    unsafe {
        let b = ffi::sqlite3_backup_init(dst, main.as_ptr(), src, name.as_ptr());
        if b.is_null() {
            return Err(db_error(vm, dst));
        }
        ffi::sqlite3_backup_step(b, -1);
        let rc = ffi::sqlite3_backup_finish(b);
        if rc != ffi::SQLITE_OK {
            return Err(db_error(vm, dst));
        }
    }
    Ok(Value::None)
}

fn s_interrupt(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "interrupt")?;
    let db = db_of(vm, &a.pos()[0])?;
    // SAFETY: open connection.
    unsafe { ffi::sqlite3_interrupt(db) };
    Ok(Value::None)
}

/// `limit(db, category, new_value)` -> the previous value (new_value -1 reads).
fn s_limit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 3, "limit")?;
    let db = db_of(vm, &a.pos()[0])?;
    let cat = int_arg(vm, &a.pos()[1])? as c_int;
    let v = int_arg(vm, &a.pos()[2])? as c_int;
    // SAFETY: open connection.
    let r = unsafe { ffi::sqlite3_limit(db, cat, v) };
    if r < 0 {
        return Err(vm.new_error(&vm.e.value_error.clone(), "unknown limit category"));
    }
    Ok(Value::Int(r as i64))
}

struct BlobHandle {
    blob: Cell<*mut ffi::sqlite3_blob>,
    _db: Value,
}

impl NativeData for BlobHandle {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Drop for BlobHandle {
    fn drop(&mut self) {
        let b = self.blob.replace(std::ptr::null_mut());
        if !b.is_null() {
            // SAFETY: an open blob handle, closed once.
            unsafe { ffi::sqlite3_blob_close(b) };
        }
    }
}

fn blob_of(vm: &Vm, v: &Value) -> PyResult<*mut ffi::sqlite3_blob> {
    match v.native::<BlobHandle>() {
        Some(h) if !h.blob.get().is_null() => Ok(h.blob.get()),
        _ => Err(vm.value_error("closed blob handle")),
    }
}

/// `blob_open(db, dbname, table, column, row, readonly)` -> blob handle.
fn s_blob_open(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 6, "blob_open")?;
    let db = db_of(vm, &a.pos()[0])?;
    let mut names = Vec::new();
    for i in 1..4 {
        let s = str_arg(vm, &a.pos()[i], "name")?;
        names.push(CString::new(s).map_err(|_| vm.value_error("embedded null character"))?);
    }
    let row = int_arg(vm, &a.pos()[4])?;
    let readonly = vm.truthy(&a.pos()[5])?;
    let mut blob: *mut ffi::sqlite3_blob = std::ptr::null_mut();
    // SAFETY: valid C strings and out-pointer on an open connection.
    let rc = unsafe { ffi::sqlite3_blob_open(db, names[0].as_ptr(), names[1].as_ptr(), names[2].as_ptr(), row, (!readonly) as c_int, &mut blob) };
    if rc != ffi::SQLITE_OK {
        return Err(db_error(vm, db));
    }
    let ty = handle_type(vm, "sqlite3_blob_handle");
    Ok(vm.alloc(ty, Data::Native(Box::new(BlobHandle { blob: Cell::new(blob), _db: a.pos()[0].clone() }))))
}

fn s_blob_bytes(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "blob_bytes")?;
    let b = blob_of(vm, &a.pos()[0])?;
    // SAFETY: open blob.
    Ok(Value::Int(unsafe { ffi::sqlite3_blob_bytes(b) } as i64))
}

/// `blob_read(db, blob, n, offset)` -> bytes.
fn s_blob_read(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 4, "blob_read")?;
    let db = db_of(vm, &a.pos()[0])?;
    let b = blob_of(vm, &a.pos()[1])?;
    let off = int_arg(vm, &a.pos()[3])? as c_int;
    // SAFETY: open blob.
    let total = unsafe { ffi::sqlite3_blob_bytes(b) }.max(0) as i64;
    let n = int_arg(vm, &a.pos()[2])?.clamp(0, total) as usize;
    let mut buf = vec![0u8; n];
    // SAFETY: `buf` has room for `n` bytes.
    let rc = unsafe { ffi::sqlite3_blob_read(b, buf.as_mut_ptr() as *mut c_void, n as c_int, off) };
    if rc != ffi::SQLITE_OK {
        return Err(db_error(vm, db));
    }
    Ok(vm.new_bytes(buf))
}

/// `blob_write(db, blob, data, offset)`.
fn s_blob_write(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 4, "blob_write")?;
    let db = db_of(vm, &a.pos()[0])?;
    let b = blob_of(vm, &a.pos()[1])?;
    let data = bytes_of(&a.pos()[2]).ok_or_else(|| vm.type_error("a bytes-like object is required"))?;
    let off = int_arg(vm, &a.pos()[3])? as c_int;
    // SAFETY: valid buffer on an open blob.
    let rc = unsafe { ffi::sqlite3_blob_write(b, data.as_ptr() as *const c_void, data.len() as c_int, off) };
    if rc != ffi::SQLITE_OK {
        return Err(db_error(vm, db));
    }
    Ok(Value::None)
}

fn s_blob_close(vm: &mut Vm, a: Args) -> PyResult<Value> {
    n_args(vm, &a, 1, "blob_close")?;
    if let Some(h) = a.pos()[0].native::<BlobHandle>() {
        let b = h.blob.replace(std::ptr::null_mut());
        if !b.is_null() {
            // SAFETY: closing an open blob once.
            unsafe { ffi::sqlite3_blob_close(b) };
        }
    }
    Ok(Value::None)
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_sqlite3");
    let fns: &[(&'static str, egret_vm::function::NativeFn)] = &[
        ("set_error_factory", s_set_error_factory),
        ("open", s_open),
        ("close", s_close),
        ("prepare", s_prepare),
        ("finalize", s_finalize),
        ("reset", s_reset),
        ("param_count", s_param_count),
        ("param_name", s_param_name),
        ("bind", s_bind),
        ("bind_seq", s_bind_seq),
        ("fetch", s_fetch),
        ("step", s_step),
        ("row", s_row),
        ("column_count", s_column_count),
        ("column_names", s_column_names),
        ("column_decltypes", s_column_decltypes),
        ("readonly", s_readonly),
        ("changes", s_changes),
        ("total_changes", s_total_changes),
        ("last_insert_rowid", s_last_insert_rowid),
        ("get_autocommit", s_get_autocommit),
        ("busy_timeout", s_busy_timeout),
        ("complete_statement", s_complete),
        ("errstr", s_errstr),
        ("create_function", s_create_function),
        ("create_collation", s_create_collation),
        ("blob_open", s_blob_open),
        ("blob_bytes", s_blob_bytes),
        ("blob_read", s_blob_read),
        ("blob_write", s_blob_write),
        ("blob_close", s_blob_close),
        ("create_window_function", s_create_window_function),
        ("set_trace_callback", s_set_trace),
        ("backup", s_backup),
        ("set_authorizer", s_set_authorizer),
        ("set_progress_handler", s_set_progress_handler),
        ("interrupt", s_interrupt),
        ("limit", s_limit),
    ];
    for (name, f) in fns {
        vm.add_module_function(&m, name, *f);
    }
    // SAFETY: sqlite3_libversion returns a static string.
    let version = cstr_to_string(unsafe { ffi::sqlite3_libversion() });
    let d = vm.module_dict(&m).unwrap();
    let v = vm.new_str(version);
    vm.dict_set_str(&d, "sqlite_version", v);
    Ok(m)
}
