//! The `_hashlib` and `_blake2` native modules behind `lib/hashlib.py` and
//! `lib/hmac.py`: hash objects (`_hashlib.HASH`, `_hashlib.HASHXOF`,
//! `_blake2.blake2b`, `_blake2.blake2s`) with update/digest/hexdigest/copy
//! and name/digest_size/block_size, the `openssl_*` constructors,
//! `new(name)`, `pbkdf2_hmac`, `hmac_digest` and `compare_digest`.
//!
//! MD5, SHA-1, SHA-2 and SHA-3/SHAKE come from the RustCrypto crates;
//! BLAKE2 is our own (`blake2.rs`). Argument checking and error messages
//! follow CPython 3.12.

use crate::blake2::{Blake2b, Blake2s, Params};
use crate::keccak::Keccak;
use egret_vm::builtins::int::add_getter;
use egret_vm::function::{Args, NativeFn};
use egret_vm::types::Layout;
use egret_vm::value::{Data, NativeData, Value};
use egret_vm::vm::Vm;
use egret_vm::{PyRef, PyResult};
use std::cell::RefCell;

/// The running state of one hash computation.
#[derive(Clone)]
pub enum State {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha512_224(sha2::Sha512_224),
    Sha512_256(sha2::Sha512_256),
    Sha3_224(Box<Keccak>),
    Sha3_256(Box<Keccak>),
    Sha3_384(Box<Keccak>),
    Sha3_512(Box<Keccak>),
    Shake128(Box<Keccak>),
    Shake256(Box<Keccak>),
    Md5Sha1(md5::Md5, sha1::Sha1),
    Blake2b(Box<Blake2b>),
    Blake2s(Box<Blake2s>),
}

fn fin<D: sha2::Digest + Clone>(d: &D) -> Vec<u8> {
    d.clone().finalize().to_vec()
}

impl State {
    /// The state for a Python-level algorithm name (exact spelling).
    pub fn by_name(name: &str) -> Option<State> {
        use sha2::Digest;
        Some(match name {
            "md5" => State::Md5(md5::Md5::new()),
            "sha1" => State::Sha1(sha1::Sha1::new()),
            "sha224" => State::Sha224(sha2::Sha224::new()),
            "sha256" => State::Sha256(sha2::Sha256::new()),
            "sha384" => State::Sha384(sha2::Sha384::new()),
            "sha512" => State::Sha512(sha2::Sha512::new()),
            "sha512_224" => State::Sha512_224(sha2::Sha512_224::new()),
            "sha512_256" => State::Sha512_256(sha2::Sha512_256::new()),
            "sha3_224" => State::Sha3_224(Box::new(Keccak::sha3(224))),
            "sha3_256" => State::Sha3_256(Box::new(Keccak::sha3(256))),
            "sha3_384" => State::Sha3_384(Box::new(Keccak::sha3(384))),
            "sha3_512" => State::Sha3_512(Box::new(Keccak::sha3(512))),
            "shake_128" => State::Shake128(Box::new(Keccak::shake(128))),
            "shake_256" => State::Shake256(Box::new(Keccak::shake(256))),
            "md5-sha1" => State::Md5Sha1(md5::Md5::new(), sha1::Sha1::new()),
            "blake2b" => State::Blake2b(Box::new(Blake2b::new(&default_params(64)))),
            "blake2s" => State::Blake2s(Box::new(Blake2s::new(&default_params(32)))),
            _ => return None,
        })
    }

    /// Resolves a name as `_hashlib.new` does: Python names first, then
    /// the (case-insensitive) OpenSSL names and aliases.
    pub fn lookup(name: &str) -> Option<State> {
        if let Some(s) = State::by_name(name) {
            return Some(s);
        }
        let canonical = match name.to_ascii_lowercase().as_str() {
            "md5" | "ssl3-md5" => "md5",
            "sha1" | "sha-1" | "ssl3-sha1" => "sha1",
            "sha224" | "sha-224" | "sha2-224" => "sha224",
            "sha256" | "sha-256" | "sha2-256" => "sha256",
            "sha384" | "sha-384" | "sha2-384" => "sha384",
            "sha512" | "sha-512" | "sha2-512" => "sha512",
            "sha512-224" | "sha-512/224" | "sha2-512/224" => "sha512_224",
            "sha512-256" | "sha-512/256" | "sha2-512/256" => "sha512_256",
            "sha3-224" => "sha3_224",
            "sha3-256" => "sha3_256",
            "sha3-384" => "sha3_384",
            "sha3-512" => "sha3_512",
            "shake128" | "shake-128" => "shake_128",
            "shake256" | "shake-256" => "shake_256",
            "blake2b512" | "blake2b-512" => "blake2b",
            "blake2s256" | "blake2s-256" => "blake2s",
            "md5-sha1" => "md5-sha1",
            _ => return None,
        };
        State::by_name(canonical)
    }

    pub fn name(&self) -> &'static str {
        match self {
            State::Md5(_) => "md5",
            State::Sha1(_) => "sha1",
            State::Sha224(_) => "sha224",
            State::Sha256(_) => "sha256",
            State::Sha384(_) => "sha384",
            State::Sha512(_) => "sha512",
            State::Sha512_224(_) => "sha512_224",
            State::Sha512_256(_) => "sha512_256",
            State::Sha3_224(_) => "sha3_224",
            State::Sha3_256(_) => "sha3_256",
            State::Sha3_384(_) => "sha3_384",
            State::Sha3_512(_) => "sha3_512",
            State::Shake128(_) => "shake_128",
            State::Shake256(_) => "shake_256",
            State::Md5Sha1(..) => "md5-sha1",
            State::Blake2b(_) => "blake2b",
            State::Blake2s(_) => "blake2s",
        }
    }

    pub fn digest_size(&self) -> usize {
        match self {
            State::Md5(_) => 16,
            State::Sha1(_) => 20,
            State::Sha224(_) | State::Sha3_224(_) | State::Sha512_224(_) => 28,
            State::Sha256(_) | State::Sha3_256(_) | State::Sha512_256(_) => 32,
            State::Sha384(_) | State::Sha3_384(_) => 48,
            State::Sha512(_) | State::Sha3_512(_) => 64,
            State::Shake128(_) | State::Shake256(_) => 0,
            State::Md5Sha1(..) => 36,
            State::Blake2b(b) => b.digest_size(),
            State::Blake2s(b) => b.digest_size(),
        }
    }

    pub fn block_size(&self) -> usize {
        match self {
            State::Md5(_) | State::Sha1(_) | State::Sha224(_) | State::Sha256(_) | State::Md5Sha1(..) | State::Blake2s(_) => 64,
            State::Sha384(_) | State::Sha512(_) | State::Sha512_224(_) | State::Sha512_256(_) | State::Blake2b(_) => 128,
            State::Sha3_224(k) | State::Sha3_256(k) | State::Sha3_384(k) | State::Sha3_512(k) => k.rate(),
            State::Shake128(k) | State::Shake256(k) => k.rate(),
        }
    }

    pub fn is_xof(&self) -> bool {
        matches!(self, State::Shake128(_) | State::Shake256(_))
    }

    pub fn update(&mut self, data: &[u8]) {
        use sha2::Digest;
        match self {
            State::Md5(h) => h.update(data),
            State::Sha1(h) => h.update(data),
            State::Sha224(h) => h.update(data),
            State::Sha256(h) => h.update(data),
            State::Sha384(h) => h.update(data),
            State::Sha512(h) => h.update(data),
            State::Sha512_224(h) => h.update(data),
            State::Sha512_256(h) => h.update(data),
            State::Sha3_224(h) | State::Sha3_256(h) | State::Sha3_384(h) | State::Sha3_512(h) => h.update(data),
            State::Shake128(h) | State::Shake256(h) => h.update(data),
            State::Md5Sha1(a, b) => {
                a.update(data);
                b.update(data);
            }
            State::Blake2b(h) => h.update(data),
            State::Blake2s(h) => h.update(data),
        }
    }

    /// The digest so far (fixed-size algorithms), without finishing the state.
    pub fn digest(&self) -> Vec<u8> {
        match self {
            State::Md5(h) => fin(h),
            State::Sha1(h) => fin(h),
            State::Sha224(h) => fin(h),
            State::Sha256(h) => fin(h),
            State::Sha384(h) => fin(h),
            State::Sha512(h) => fin(h),
            State::Sha512_224(h) => fin(h),
            State::Sha512_256(h) => fin(h),
            State::Sha3_224(h) => h.squeeze(28),
            State::Sha3_256(h) => h.squeeze(32),
            State::Sha3_384(h) => h.squeeze(48),
            State::Sha3_512(h) => h.squeeze(64),
            State::Shake128(_) | State::Shake256(_) => self.xof(32),
            State::Md5Sha1(a, b) => {
                let mut out = fin(a);
                out.extend(fin(b));
                out
            }
            State::Blake2b(h) => h.finalize(),
            State::Blake2s(h) => h.finalize(),
        }
    }

    /// `n` bytes of extendable output (SHAKE).
    pub fn xof(&self, n: usize) -> Vec<u8> {
        match self {
            State::Shake128(h) | State::Shake256(h) => h.squeeze(n),
            _ => vec![0u8; n],
        }
    }
}

fn default_params(size: usize) -> Params {
    Params { digest_size: size, fanout: 1, depth: 1, ..Default::default() }
}

/// A Python hash object.
pub struct PyHash {
    pub state: RefCell<State>,
}

impl NativeData for PyHash {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

// ----- helpers ------------------------------------------------------------------

/// Calls `f` with the bytes of a buffer argument to a hash function:
/// str gives "Strings must be encoded before hashing".
fn with_data<R>(vm: &mut Vm, v: &Value, f: impl FnOnce(&[u8]) -> R) -> PyResult<R> {
    if let Value::Obj(o) = v {
        match &o.data {
            Data::Bytes(b) => return Ok(f(b)),
            Data::ByteArray(b) => return Ok(f(&b.borrow())),
            Data::Str(_) => return Err(vm.type_error("Strings must be encoded before hashing")),
            _ => {
                if let Some(b) = egret_vm::builtins::str_memoryview::memoryview_bytes(v) {
                    return Ok(f(&b));
                }
            }
        }
    }
    Err(vm.type_error("object supporting the buffer API required"))
}

/// A bytes-like argument with the generic message.
fn buffer_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    egret_vm::builtins::bytes::bytes_arg(vm, v)
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    PosOnly,
    PosOrKw,
    KwOnly,
}

/// Binds `args` to `params` with CPython's argument-clinic messages.
fn bind(vm: &mut Vm, args: &Args, fname: &str, params: &[(&str, Kind)]) -> PyResult<Vec<Option<Value>>> {
    let mut out: Vec<Option<Value>> = vec![None; params.len()];
    let pos = args.pos();
    let max_pos = params.iter().filter(|p| p.1 != Kind::KwOnly).count();
    if pos.len() > max_pos {
        let msg = if max_pos == 0 {
            format!("{}() takes no positional arguments", fname)
        } else {
            format!(
                "{}() takes at most {} positional argument{} ({} given)",
                fname,
                max_pos,
                if max_pos == 1 { "" } else { "s" },
                pos.len()
            )
        };
        return Err(vm.type_error(msg));
    }
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        match params.iter().position(|p| p.0 == k && p.1 != Kind::PosOnly) {
            Some(i) => {
                if out[i].is_some() {
                    return Err(vm.type_error(format!("argument for {}() given by name ('{}') and position ({})", fname, k, i + 1)));
                }
                out[i] = Some(v.clone());
            }
            None => return Err(vm.type_error(format!("'{}' is an invalid keyword argument for {}()", k, fname))),
        }
    }
    Ok(out)
}

fn hash_type(vm: &mut Vm, key: &'static str) -> PyRef {
    if let Some(t) = vm.extra_types.get(key) {
        return t.clone();
    }
    init_types(vm);
    vm.extra_types[key].clone()
}

fn type_key(state: &State) -> &'static str {
    match state {
        State::Shake128(_) | State::Shake256(_) => "_hashlib.HASHXOF",
        State::Blake2b(_) => "_blake2.blake2b",
        State::Blake2s(_) => "_blake2.blake2s",
        _ => "_hashlib.HASH",
    }
}

fn new_hash_object(vm: &mut Vm, state: State) -> Value {
    let ty = hash_type(vm, type_key(&state));
    vm.alloc(ty, Data::Native(Box::new(PyHash { state: RefCell::new(state) })))
}

fn new_hash_object_of(vm: &mut Vm, ty: PyRef, state: State) -> Value {
    vm.alloc(ty, Data::Native(Box::new(PyHash { state: RefCell::new(state) })))
}

fn this<'a>(vm: &Vm, args: &Args<'a>, what: &str) -> PyResult<&'a PyHash> {
    match args.pos().first().and_then(|v| v.native::<PyHash>()) {
        Some(h) => Ok(h),
        None => Err(vm.type_error(format!("descriptor '{}' requires a hash object", what))),
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

// ----- hash object methods ---------------------------------------------------------

fn owner_name(state: &State) -> &'static str {
    match state {
        State::Shake128(_) | State::Shake256(_) => "HASHXOF",
        State::Blake2b(_) => "blake2b",
        State::Blake2s(_) => "blake2s",
        _ => "HASH",
    }
}

fn h_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let h = this(vm, &args, "update")?;
    let n = args.pos().len() - 1;
    if n != 1 || args.has_kwargs() {
        let owner = owner_name(&h.state.borrow());
        return Err(vm.type_error(format!("{}.update() takes exactly one argument ({} given)", owner, n)));
    }
    let data = args.pos()[1].clone();
    with_data(vm, &data, |b| h.state.borrow_mut().update(b))?;
    Ok(Value::None)
}

/// The `length` argument of a SHAKE digest()/hexdigest().
fn xof_length(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<usize> {
    let bound = bind(vm, args, meth, &[("self", Kind::PosOnly), ("length", Kind::PosOrKw)])?;
    let Some(v) = bound[1].clone() else {
        return Err(vm.type_error(format!("{}() missing required argument 'length' (pos 1)", meth)));
    };
    let n = vm.index_to_i64(&v)?;
    if n < 0 {
        return Err(vm.memory_error());
    }
    if n > (1 << 31) {
        return Err(vm.memory_error());
    }
    Ok(n as usize)
}

fn digest_bytes(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<Vec<u8>> {
    let h = this(vm, args, meth)?;
    let xof = h.state.borrow().is_xof();
    if xof {
        let n = xof_length(vm, args, meth)?;
        return Ok(h.state.borrow().xof(n));
    }
    if args.pos().len() > 1 || args.has_kwargs() {
        let owner = owner_name(&h.state.borrow());
        return Err(vm.type_error(format!("{}.{}() takes no arguments ({} given)", owner, meth, args.args.len() - 1)));
    }
    let d = h.state.borrow().digest();
    Ok(d)
}

fn h_digest(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = digest_bytes(vm, &args, "digest")?;
    Ok(vm.new_bytes(d))
}

fn h_hexdigest(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = digest_bytes(vm, &args, "hexdigest")?;
    Ok(vm.new_str(hex(&d)))
}

fn h_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let h = this(vm, &args, "copy")?;
    let state = h.state.borrow().clone();
    let ty = vm.type_of(&args.pos()[0]);
    Ok(new_hash_object_of(vm, ty, state))
}

fn h_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let h = this(vm, &args, "__repr__")?;
    let me = &args.pos()[0];
    let s = match &*h.state.borrow() {
        State::Blake2b(_) | State::Blake2s(_) => {
            format!("<_blake2.{} object at {:#x}>", vm.type_name(me), me.id())
        }
        st => format!("<{} _hashlib.{} object @ {:#x}>", st.name(), owner_name(st), me.id()),
    };
    Ok(vm.new_str(s))
}

fn g_name(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v.native::<PyHash>() {
        Some(h) => {
            let n = h.state.borrow().name();
            Ok(vm.new_str(n))
        }
        None => Err(vm.type_error("descriptor 'name' requires a hash object")),
    }
}

fn g_digest_size(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v.native::<PyHash>() {
        Some(h) => Ok(Value::Int(h.state.borrow().digest_size() as i64)),
        None => Err(vm.type_error("descriptor 'digest_size' requires a hash object")),
    }
}

fn g_block_size(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v.native::<PyHash>() {
        Some(h) => Ok(Value::Int(h.state.borrow().block_size() as i64)),
        None => Err(vm.type_error("descriptor 'block_size' requires a hash object")),
    }
}

fn init_types(vm: &mut Vm) {
    let specs: [(&'static str, &str, &str, &'static str); 4] = [
        ("_hashlib.HASH", "HASH", "_hashlib", "HASH"),
        ("_hashlib.HASHXOF", "HASHXOF", "_hashlib", "HASHXOF"),
        ("_blake2.blake2b", "blake2b", "_blake2", "blake2b"),
        ("_blake2.blake2s", "blake2s", "_blake2", "blake2s"),
    ];
    let mut hash_base: Option<PyRef> = None;
    for (key, name, module, owner) in specs {
        let base = if key == "_hashlib.HASHXOF" { hash_base.clone() } else { None };
        let flags = if module == "_blake2" { egret_vm::types::type_flags::BASETYPE } else { 0 };
        let t = vm.new_builtin_type(name, base.as_ref(), Layout::Native, flags);
        let m = vm.new_str(module);
        vm.set_type_attr(&t, "__module__", m);
        let methods: &[(&'static str, NativeFn)] = &[
            ("update", h_update),
            ("digest", h_digest),
            ("hexdigest", h_hexdigest),
            ("copy", h_copy),
            ("__repr__", h_repr),
        ];
        for &(n, f) in methods {
            vm.add_method(&t, n, f);
        }
        add_getter(vm, &t, "name", owner, g_name);
        add_getter(vm, &t, "digest_size", owner, g_digest_size);
        add_getter(vm, &t, "block_size", owner, g_block_size);
        if key == "_hashlib.HASH" {
            hash_base = Some(t.clone());
        }
        vm.extra_types.insert(key, t);
    }
    // blake2 constructors and class constants.
    for (key, big) in [("_blake2.blake2b", true), ("_blake2.blake2s", false)] {
        let t = vm.extra_types[key].clone();
        vm.add_staticmethod(&t, "__new__", if big { blake2b_new } else { blake2s_new });
        let consts: [(&str, usize); 4] = if big {
            [("MAX_DIGEST_SIZE", 64), ("MAX_KEY_SIZE", 64), ("SALT_SIZE", 16), ("PERSON_SIZE", 16)]
        } else {
            [("MAX_DIGEST_SIZE", 32), ("MAX_KEY_SIZE", 32), ("SALT_SIZE", 8), ("PERSON_SIZE", 8)]
        };
        for (n, v) in consts {
            vm.set_type_attr(&t, n, Value::Int(v as i64));
        }
    }
}

// ----- constructors ---------------------------------------------------------------

/// `openssl_<name>(string=b'', *, usedforsecurity=True)`.
fn construct(vm: &mut Vm, args: &Args, fname: &str, algo: &str) -> PyResult<Value> {
    let b = bind(vm, args, fname, &[("string", Kind::PosOrKw), ("usedforsecurity", Kind::KwOnly)])?;
    let mut state = State::by_name(algo).expect("known algorithm");
    if let Some(data) = &b[0] {
        with_data(vm, data, |d| state.update(d))?;
    }
    Ok(new_hash_object(vm, state))
}

macro_rules! constructors {
    ($($f:ident, $fname:literal, $algo:literal;)*) => {$(
        fn $f(vm: &mut Vm, args: Args) -> PyResult<Value> {
            construct(vm, &args, $fname, $algo)
        }
    )*};
}

constructors! {
    c_md5, "openssl_md5", "md5";
    c_sha1, "openssl_sha1", "sha1";
    c_sha224, "openssl_sha224", "sha224";
    c_sha256, "openssl_sha256", "sha256";
    c_sha384, "openssl_sha384", "sha384";
    c_sha512, "openssl_sha512", "sha512";
    c_sha3_224, "openssl_sha3_224", "sha3_224";
    c_sha3_256, "openssl_sha3_256", "sha3_256";
    c_sha3_384, "openssl_sha3_384", "sha3_384";
    c_sha3_512, "openssl_sha3_512", "sha3_512";
    c_shake_128, "openssl_shake_128", "shake_128";
    c_shake_256, "openssl_shake_256", "shake_256";
}

/// `_hashlib.new(name, string=b'', *, usedforsecurity=True)`.
fn hl_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "new", &[("name", Kind::PosOrKw), ("string", Kind::PosOrKw), ("usedforsecurity", Kind::KwOnly)])?;
    let Some(name) = b[0].clone() else {
        return Err(vm.type_error("new() missing required argument 'name' (pos 1)"));
    };
    let Some(name) = name.as_str().map(|s| s.to_string()) else {
        return Err(vm.type_error("name must be a string"));
    };
    let Some(mut state) = State::lookup(&name) else {
        return Err(unsupported(vm, &name));
    };
    if let Some(data) = &b[1] {
        with_data(vm, data, |d| state.update(d))?;
    }
    Ok(new_hash_object(vm, state))
}

/// `UnsupportedDigestmodError("unsupported hash type NAME")`.
fn unsupported(vm: &mut Vm, name: &str) -> egret_vm::PyErr {
    let msg = vm.new_str(format!("unsupported hash type {}", name));
    match unsupported_class(vm) {
        Some(cls) => match vm.call(&cls, &[msg]) {
            Ok(exc) => egret_vm::PyErr(exc),
            Err(e) => e,
        },
        None => vm.value_error(format!("unsupported hash type {}", name)),
    }
}

fn unsupported_class(vm: &mut Vm) -> Option<Value> {
    vm.extra_types.get("_hashlib.UnsupportedDigestmodError").map(|t| Value::Obj(t.clone()))
}

fn int_param(vm: &mut Vm, v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        Some(v) => vm.index_to_i64(v),
        None => Ok(default),
    }
}

/// The `__new__` of blake2b/blake2s: validates every parameter with
/// CPython's messages, then absorbs the optional data.
fn blake2_new(vm: &mut Vm, args: Args, big: bool) -> PyResult<Value> {
    let fname = if big { "blake2b" } else { "blake2s" };
    let (max_digest, max_key, salt_size) = if big { (64, 64, 16) } else { (32, 32, 8) };
    let pos = args.pos();
    let cls: PyRef = match pos.first() {
        Some(Value::Obj(o)) if matches!(o.data, Data::Type(_)) => o.clone(),
        _ => return Err(vm.type_error(format!("{}.__new__(X): X is not a type object", fname))),
    };
    let rest = Args::new(&args.args[1..], args.kwnames);
    let names: [(&str, Kind); 13] = [
        ("data", Kind::PosOnly),
        ("digest_size", Kind::KwOnly),
        ("key", Kind::KwOnly),
        ("salt", Kind::KwOnly),
        ("person", Kind::KwOnly),
        ("fanout", Kind::KwOnly),
        ("depth", Kind::KwOnly),
        ("leaf_size", Kind::KwOnly),
        ("node_offset", Kind::KwOnly),
        ("node_depth", Kind::KwOnly),
        ("inner_size", Kind::KwOnly),
        ("last_node", Kind::KwOnly),
        ("usedforsecurity", Kind::KwOnly),
    ];
    let b = bind(vm, &rest, fname, &names)?;
    let digest_size = int_param(vm, &b[1], max_digest)?;
    if digest_size < 1 || digest_size > max_digest {
        return Err(vm.value_error(format!("digest_size must be between 1 and {} bytes", max_digest)));
    }
    let mut p = default_params(digest_size as usize);
    for (idx, what, max) in [(2usize, "key", max_key as usize), (3, "salt", salt_size), (4, "person", salt_size)] {
        if let Some(v) = &b[idx] {
            let bytes = buffer_arg(vm, v)?;
            if bytes.len() > max {
                return Err(vm.value_error(format!("maximum {} length is {} bytes", what, max)));
            }
            match idx {
                2 => p.key = bytes,
                3 => p.salt = bytes,
                _ => p.person = bytes,
            }
        }
    }
    let fanout = int_param(vm, &b[5], 1)?;
    if !(0..=255).contains(&fanout) {
        return Err(vm.value_error("fanout must be between 0 and 255"));
    }
    p.fanout = fanout as u8;
    let depth = int_param(vm, &b[6], 1)?;
    if !(1..=255).contains(&depth) {
        return Err(vm.value_error("depth must be between 1 and 255"));
    }
    p.depth = depth as u8;
    let leaf = int_param(vm, &b[7], 0)?;
    if leaf < 0 {
        return Err(vm.value_error("value must be positive"));
    }
    if leaf > u32::MAX as i64 {
        return Err(vm.overflow_error("leaf_size is too large"));
    }
    p.leaf_size = leaf as u32;
    let offset = match &b[8] {
        Some(v) => {
            let big_v = egret_vm::builtins::container_helpers::to_bigint(vm, v)?;
            match big_v {
                Some(n) => {
                    if n < num_bigint::BigInt::from(0) {
                        return Err(vm.value_error("value must be positive"));
                    }
                    match num_traits::ToPrimitive::to_u64(&n) {
                        Some(x) => x,
                        None => return Err(vm.overflow_error("Python int too large to convert to C unsigned long long")),
                    }
                }
                None => return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v)))),
            }
        }
        None => 0,
    };
    if !big && offset > (1u64 << 48) - 1 {
        return Err(vm.overflow_error("node_offset is too large"));
    }
    p.node_offset = offset;
    let node_depth = int_param(vm, &b[9], 0)?;
    if !(0..=255).contains(&node_depth) {
        return Err(vm.value_error("node_depth must be between 0 and 255"));
    }
    p.node_depth = node_depth as u8;
    let inner = int_param(vm, &b[10], 0)?;
    if inner < 0 || inner > max_digest {
        return Err(vm.value_error(format!("inner_size must be between 0 and is {}", max_digest)));
    }
    p.inner_size = inner as u8;
    p.last_node = match &b[11] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut state = if big { State::Blake2b(Box::new(Blake2b::new(&p))) } else { State::Blake2s(Box::new(Blake2s::new(&p))) };
    if let Some(data) = &b[0] {
        with_data(vm, data, |d| state.update(d))?;
    }
    Ok(new_hash_object_of(vm, cls, state))
}

fn blake2b_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    blake2_new(vm, args, true)
}

fn blake2s_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    blake2_new(vm, args, false)
}

// ----- pbkdf2, hmac, compare_digest ------------------------------------------------

/// HMAC over `state`'s algorithm: returns (inner, outer) states keyed with `key`.
fn hmac_states(base: &State, key: &[u8]) -> (State, State) {
    let block = base.block_size();
    let mut k = if key.len() > block {
        let mut h = base.clone();
        h.update(key);
        h.digest()
    } else {
        key.to_vec()
    };
    k.resize(block, 0);
    let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
    let opad: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
    let mut inner = base.clone();
    inner.update(&ipad);
    let mut outer = base.clone();
    outer.update(&opad);
    (inner, outer)
}

fn hmac_finish(inner: &State, outer: &State, msg: &[u8]) -> Vec<u8> {
    let mut i = inner.clone();
    i.update(msg);
    let mut o = outer.clone();
    o.update(&i.digest());
    o.digest()
}

/// `pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None)`.
fn hl_pbkdf2_hmac(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let params = [
        ("hash_name", Kind::PosOrKw),
        ("password", Kind::PosOrKw),
        ("salt", Kind::PosOrKw),
        ("iterations", Kind::PosOrKw),
        ("dklen", Kind::PosOrKw),
    ];
    let b = bind(vm, &args, "pbkdf2_hmac", &params)?;
    for (i, (n, _)) in params.iter().enumerate().take(4) {
        if b[i].is_none() {
            return Err(vm.type_error(format!("pbkdf2_hmac() missing required argument '{}' (pos {})", n, i + 1)));
        }
    }
    let name_v = b[0].clone().unwrap();
    let Some(name) = name_v.as_str().map(|s| s.to_string()) else {
        return Err(vm.type_error(format!("pbkdf2_hmac() argument 'hash_name' must be str, not {}", vm.type_name(&name_v))));
    };
    let password = buffer_arg(vm, b[1].as_ref().unwrap())?;
    let salt = buffer_arg(vm, b[2].as_ref().unwrap())?;
    let iterations = vm.index_to_i64(b[3].as_ref().unwrap())?;
    if iterations < 1 {
        return Err(vm.value_error("iteration value must be greater than 0."));
    }
    if iterations > u32::MAX as i64 {
        return Err(vm.overflow_error("iteration value is too great."));
    }
    let base = match State::lookup(&name) {
        Some(s) if !s.is_xof() => s,
        _ => {
            let msg = vm.new_str("[digital envelope routines] unsupported");
            return Err(match unsupported_class(vm) {
                Some(cls) => match vm.call(&cls, &[msg]) {
                    Ok(e) => egret_vm::PyErr(e),
                    Err(e) => e,
                },
                None => vm.value_error("[digital envelope routines] unsupported"),
            });
        }
    };
    let dklen = match &b[4] {
        None | Some(Value::None) => base.digest_size() as i64,
        Some(v) => vm.index_to_i64(v)?,
    };
    if dklen < 1 {
        return Err(vm.value_error("key length must be greater than 0."));
    }
    if dklen > u32::MAX as i64 {
        return Err(vm.overflow_error("key length is too great."));
    }
    let (inner, outer) = hmac_states(&base, &password);
    let mut out = Vec::with_capacity(dklen as usize);
    let mut block_index: u32 = 1;
    while (out.len() as i64) < dklen {
        let mut msg = salt.clone();
        msg.extend_from_slice(&block_index.to_be_bytes());
        let mut u = hmac_finish(&inner, &outer, &msg);
        let mut t = u.clone();
        for _ in 1..iterations {
            u = hmac_finish(&inner, &outer, &u);
            for (a, b) in t.iter_mut().zip(u.iter()) {
                *a ^= b;
            }
        }
        out.extend_from_slice(&t);
        block_index += 1;
    }
    out.truncate(dklen as usize);
    Ok(vm.new_bytes(out))
}

/// `hmac_digest(key, msg, digest)`: one-shot HMAC for a named algorithm.
fn hl_hmac_digest(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "hmac_digest", &[("key", Kind::PosOrKw), ("msg", Kind::PosOrKw), ("digest", Kind::PosOrKw)])?;
    let (Some(key), Some(msg), Some(digest)) = (b[0].clone(), b[1].clone(), b[2].clone()) else {
        return Err(vm.type_error("hmac_digest() missing required argument"));
    };
    let Some(name) = digest.as_str().map(|s| s.to_string()) else {
        return Err(vm.type_error("digest must be a string"));
    };
    let key = buffer_arg(vm, &key)?;
    let base = match State::lookup(&name) {
        Some(s) if !s.is_xof() => s,
        _ => return Err(unsupported(vm, &name)),
    };
    let (inner, outer) = hmac_states(&base, &key);
    let out = with_data(vm, &msg, |m| hmac_finish(&inner, &outer, m))?;
    Ok(vm.new_bytes(out))
}

fn bytes_view(vm: &mut Vm, v: &Value) -> Option<Vec<u8>> {
    egret_vm::builtins::bytes::buffer_bytes(vm, v).ok().flatten()
}

/// `compare_digest(a, b)`: equality in time independent of where they differ.
fn hl_compare_digest(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() != 2 || args.has_kwargs() {
        return Err(vm.type_error(format!("compare_digest expected 2 arguments, got {}", pos.len())));
    }
    let (a, b) = (&pos[0], &pos[1]);
    let (x, y) = match (a.as_str(), b.as_str()) {
        (Some(s), Some(t)) => {
            if !s.is_ascii() || !t.is_ascii() {
                return Err(vm.type_error("comparing strings with non-ASCII characters is not supported"));
            }
            (s.as_bytes().to_vec(), t.as_bytes().to_vec())
        }
        _ => {
            let xa = if a.as_str().is_some() { None } else { bytes_view(vm, a) };
            let yb = if b.as_str().is_some() { None } else { bytes_view(vm, b) };
            match (xa, yb) {
                (Some(x), Some(y)) => (x, y),
                (None, None) if a.as_str().is_none() && b.as_str().is_none() => {
                    return Err(vm.type_error(format!(
                        "unsupported operand types(s) or combination of types: '{}' and '{}'",
                        vm.type_name(a),
                        vm.type_name(b)
                    )))
                }
                (None, _) => return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(a)))),
                (_, None) => return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(b)))),
            }
        }
    };
    let mut diff = (x.len() != y.len()) as u8;
    let cmp = if x.len() == y.len() { &y } else { &x };
    for (p, q) in x.iter().zip(cmp.iter()) {
        diff |= p ^ q;
    }
    Ok(Value::bool(diff == 0))
}

// ----- modules ---------------------------------------------------------------------

fn make_exception_class(vm: &mut Vm) -> PyResult<()> {
    if vm.extra_types.contains_key("_hashlib.UnsupportedDigestmodError") {
        return Ok(());
    }
    let name = vm.new_str("UnsupportedDigestmodError");
    let bases = vm.new_tuple(vec![Value::Obj(vm.e.value_error.clone())]);
    let ns = vm.new_dict();
    let m = vm.new_str("_hashlib");
    vm.dict_set_str(&ns, "__module__", m);
    let cls = vm.call(&Value::Obj(vm.type_type.clone()), &[name, bases, ns])?;
    if let Value::Obj(t) = cls {
        vm.extra_types.insert("_hashlib.UnsupportedDigestmodError", t);
    }
    Ok(())
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_hashlib");
    let fns: &[(&'static str, NativeFn)] = &[
        ("openssl_md5", c_md5),
        ("openssl_sha1", c_sha1),
        ("openssl_sha224", c_sha224),
        ("openssl_sha256", c_sha256),
        ("openssl_sha384", c_sha384),
        ("openssl_sha512", c_sha512),
        ("openssl_sha3_224", c_sha3_224),
        ("openssl_sha3_256", c_sha3_256),
        ("openssl_sha3_384", c_sha3_384),
        ("openssl_sha3_512", c_sha3_512),
        ("openssl_shake_128", c_shake_128),
        ("openssl_shake_256", c_shake_256),
        ("new", hl_new),
        ("pbkdf2_hmac", hl_pbkdf2_hmac),
        ("hmac_digest", hl_hmac_digest),
        ("compare_digest", hl_compare_digest),
    ];
    for &(n, f) in fns {
        vm.add_module_function(&m, n, f);
    }
    make_exception_class(vm)?;
    let d = vm.module_dict(&m).expect("module dict");
    for (attr, key) in [("HASH", "_hashlib.HASH"), ("HASHXOF", "_hashlib.HASHXOF"), ("UnsupportedDigestmodError", "_hashlib.UnsupportedDigestmodError")] {
        let t = if key == "_hashlib.UnsupportedDigestmodError" { vm.extra_types[key].clone() } else { hash_type(vm, key) };
        vm.dict_set_str(&d, attr, Value::Obj(t));
    }
    let names: Vec<Value> = [
        "md5", "md5-sha1", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512_224", "sha512_256", "sha3_224",
        "sha3_256", "sha3_384", "sha3_512", "shake_128", "shake_256", "blake2b", "blake2s",
    ]
    .iter()
    .map(|n| vm.new_str(*n))
    .collect();
    let fs = vm.new_frozenset_from(names)?;
    vm.dict_set_str(&d, "openssl_md_meth_names", fs);
    Ok(m)
}

pub fn make_blake2_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_blake2");
    let d = vm.module_dict(&m).expect("module dict");
    for (attr, key) in [("blake2b", "_blake2.blake2b"), ("blake2s", "_blake2.blake2s")] {
        let t = hash_type(vm, key);
        vm.dict_set_str(&d, attr, Value::Obj(t));
    }
    for (n, v) in [
        ("BLAKE2B_MAX_DIGEST_SIZE", 64),
        ("BLAKE2B_MAX_KEY_SIZE", 64),
        ("BLAKE2B_SALT_SIZE", 16),
        ("BLAKE2B_PERSON_SIZE", 16),
        ("BLAKE2S_MAX_DIGEST_SIZE", 32),
        ("BLAKE2S_MAX_KEY_SIZE", 32),
        ("BLAKE2S_SALT_SIZE", 8),
        ("BLAKE2S_PERSON_SIZE", 8),
    ] {
        vm.dict_set_str(&d, n, Value::Int(v));
    }
    Ok(m)
}
