//! The `sys` module. (Owned by the lead.)

use crate::function::Args;
use crate::types::{type_flags as tf, Layout};
use crate::value::{Data, NativeData, Value};
use crate::vm::Vm;
use crate::PyResult;

pub const VERSION: &str = "3.12.1 (main, egret 0.1.0) [Rust]";

/// A standard stream object (`sys.stdout`, `sys.stderr`, `sys.stdin`).
pub struct StdStream {
    /// 0 stdin, 1 stdout, 2 stderr.
    pub fd: i32,
}

impl NativeData for StdStream {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn stream_type(vm: &mut Vm) -> crate::PyRef {
    if let Some(t) = vm.extra_types.get("_io.TextIOWrapper") {
        return t.clone();
    }
    let t = vm.new_builtin_type("TextIOWrapper", None, Layout::Native, 0);
    vm.add_method(&t, "write", stream_write);
    vm.add_method(&t, "writelines", stream_writelines);
    vm.add_method(&t, "flush", stream_flush);
    vm.add_method(&t, "fileno", stream_fileno);
    vm.add_method(&t, "isatty", stream_isatty);
    vm.add_method(&t, "readline", stream_readline);
    vm.add_method(&t, "read", stream_read);
    vm.add_method(&t, "readable", |_, a| Ok(Value::bool(fd_of(&a.pos()[0]) == 0)));
    vm.add_method(&t, "writable", |_, a| Ok(Value::bool(fd_of(&a.pos()[0]) != 0)));
    vm.add_method(&t, "__repr__", stream_repr);
    let enc = vm.new_str("utf-8");
    vm.set_type_attr(&t, "encoding", enc);
    let err = vm.new_str("strict");
    vm.set_type_attr(&t, "errors", err);
    vm.extra_types.insert("_io.TextIOWrapper", t.clone());
    t
}

fn fd_of(v: &Value) -> i32 {
    v.native::<StdStream>().map(|s| s.fd).unwrap_or(1)
}

fn stream_write(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let fd = fd_of(&pos[0]);
    let Some(s) = pos.get(1).and_then(|v| v.as_str()) else {
        let tn = pos.get(1).map(|v| vm.type_name(v).to_string()).unwrap_or_default();
        return Err(vm.type_error(format!("write() argument must be str, not {tn}")));
    };
    let n = s.chars().count();
    match fd {
        2 => crate::stdio::write_stderr(vm, s),
        0 => return Err(vm.new_error(&vm.e.os_error.clone(), "not writable")),
        _ => crate::stdio::write_stdout(vm, s),
    }
    Ok(Value::Int(n as i64))
}

fn stream_writelines(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let items = vm.collect(&pos[1])?;
    for it in items {
        stream_write(vm, Args::positional(&[pos[0].clone(), it]))?;
    }
    Ok(Value::None)
}

fn stream_flush(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    if fd_of(&a.pos()[0]) == 1 {
        crate::stdio::flush_stdout();
    }
    Ok(Value::None)
}

fn stream_fileno(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Int(fd_of(&a.pos()[0]) as i64))
}

fn stream_isatty(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    use std::io::IsTerminal;
    Ok(Value::bool(match fd_of(&a.pos()[0]) {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        _ => std::io::stderr().is_terminal(),
    }))
}

fn stream_readline(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    crate::stdio::flush_stdout();
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    Ok(vm.new_str(line))
}

fn stream_read(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    use std::io::Read;
    crate::stdio::flush_stdout();
    let mut s = String::new();
    let _ = std::io::stdin().read_to_string(&mut s);
    Ok(vm.new_str(s))
}

fn stream_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let name = match fd_of(&a.pos()[0]) {
        0 => "<stdin>",
        1 => "<stdout>",
        _ => "<stderr>",
    };
    Ok(vm.new_str(format!("<_io.TextIOWrapper name='{name}' mode='{}' encoding='utf-8'>", if name == "<stdin>" { "r" } else { "w" })))
}

/// Builds `sys` and puts it in `sys.modules` (called once at start-up).
pub fn init_sys(vm: &mut Vm) -> Value {
    let sys = vm.new_module("sys");
    let d = vm.module_dict(&sys).unwrap();
    let st = stream_type(vm);
    for (name, fd) in [("stdin", 0), ("stdout", 1), ("stderr", 2)] {
        let s = vm.alloc(st.clone(), Data::Native(Box::new(StdStream { fd })));
        vm.dict_set_str(&d, name, s.clone());
        vm.dict_set_str(&d, &format!("__{name}__"), s);
    }
    let argv: Vec<Value> = vm.config.argv.clone().into_iter().map(|a| vm.new_str(a)).collect();
    let argv_l = vm.new_list(argv.clone());
    vm.dict_set_str(&d, "argv", argv_l);
    let orig = vm.new_list(argv);
    vm.dict_set_str(&d, "orig_argv", orig);
    let path = vm.new_list(vec![]);
    vm.dict_set_str(&d, "path", path);
    let modules = Value::Obj(vm.modules.clone());
    vm.dict_set_str(&d, "modules", modules);
    for (name, v) in [("meta_path", vec![]), ("path_hooks", vec![]), ("warnoptions", vec![])] {
        let l = vm.new_list(v);
        vm.dict_set_str(&d, name, l);
    }
    let pic = vm.new_dict();
    vm.dict_set_str(&d, "path_importer_cache", pic);
    let xo = vm.new_dict();
    for x in vm.config.xoptions.clone() {
        let (k, v) = match x.split_once('=') {
            Some((k, v)) => (k.to_string(), vm.new_str(v)),
            None => (x.clone(), Value::bool(true)),
        };
        let kv = vm.new_str(k);
        let _ = vm.dict_set(&xo, kv, v);
    }
    vm.dict_set_str(&d, "_xoptions", xo);
    let strs: [(&str, &str); 12] = [
        ("version", VERSION),
        ("platform", "linux"),
        ("byteorder", if cfg!(target_endian = "little") { "little" } else { "big" }),
        ("prefix", "/usr/local"),
        ("base_prefix", "/usr/local"),
        ("exec_prefix", "/usr/local"),
        ("base_exec_prefix", "/usr/local"),
        ("platlibdir", "lib"),
        ("copyright", "Copyright (c) Egret contributors.\nPython is Copyright (c) Python Software Foundation."),
        ("float_repr_style", "short"),
        ("abiflags", ""),
        ("pycache_prefix", ""),
    ];
    for (k, v) in strs {
        let s = vm.new_str(v);
        vm.dict_set_str(&d, k, s);
    }
    vm.dict_set_str(&d, "pycache_prefix", Value::None);
    let exe = std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    let exe_v = vm.new_str(exe.clone());
    vm.dict_set_str(&d, "executable", exe_v.clone());
    vm.dict_set_str(&d, "_base_executable", exe_v);
    vm.dict_set_str(&d, "maxsize", Value::Int(i64::MAX));
    vm.dict_set_str(&d, "maxunicode", Value::Int(0x10ffff));
    vm.dict_set_str(&d, "api_version", Value::Int(1013));
    vm.dict_set_str(&d, "hexversion", Value::Int(0x030c01f0));
    vm.dict_set_str(&d, "dont_write_bytecode", Value::bool(true));
    let vi = named_tuple(vm, "sys.version_info", &["major", "minor", "micro", "releaselevel", "serial"], vec![
        Value::Int(3),
        Value::Int(12),
        Value::Int(1),
        vm.new_str("final"),
        Value::Int(0),
    ]);
    vm.dict_set_str(&d, "version_info", vi.clone());
    let sn = simple_namespace_type(vm);
    let imp = vm.alloc(sn, Data::Empty);
    let n = vm.new_str("egret");
    let _ = vm.set_attr_raw(&imp, "name", n);
    let _ = vm.set_attr_raw(&imp, "version", vi);
    let tag = vm.new_str("egret-312");
    let _ = vm.set_attr_raw(&imp, "cache_tag", tag);
    let _ = vm.set_attr_raw(&imp, "hexversion", Value::Int(0x000100f0));
    vm.dict_set_str(&d, "implementation", imp);
    let flags = named_tuple(vm, "sys.flags", &[
        "debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site", "no_site", "ignore_environment",
        "verbose", "bytes_warning", "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode", "warn_default_encoding",
        "safe_path", "int_max_str_digits",
    ], vec![
        Value::Int(0),
        Value::Int(vm.config.inspect as i64),
        Value::Int(vm.config.inspect as i64),
        Value::Int(vm.config.optimize as i64),
        Value::Int(1),
        Value::Int(0),
        Value::Int(0),
        Value::Int(vm.config.ignore_environment as i64),
        Value::Int(0),
        Value::Int(0),
        Value::Int(0),
        Value::Int(1),
        Value::Int(vm.config.isolated as i64),
        Value::bool(false),
        Value::Int(1),
        Value::Int(0),
        Value::bool(vm.config.isolated),
        Value::Int(4300),
    ]);
    vm.dict_set_str(&d, "flags", flags);
    let hi = named_tuple(vm, "sys.hash_info", &["width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits", "seed_bits", "cutoff"], vec![
        Value::Int(64),
        Value::Int(crate::hash::MODULUS as i64),
        Value::Int(crate::hash::INF),
        Value::Int(0),
        Value::Int(1000003),
        vm.new_str("siphash13"),
        Value::Int(64),
        Value::Int(128),
        Value::Int(0),
    ]);
    vm.dict_set_str(&d, "hash_info", hi);
    let fi = named_tuple(vm, "sys.float_info", &["max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig", "epsilon", "radix", "rounds"], vec![
        Value::float(f64::MAX),
        Value::Int(1024),
        Value::Int(308),
        Value::float(f64::MIN_POSITIVE),
        Value::Int(-1021),
        Value::Int(-307),
        Value::Int(15),
        Value::Int(53),
        Value::float(f64::EPSILON),
        Value::Int(2),
        Value::Int(1),
    ]);
    vm.dict_set_str(&d, "float_info", fi);
    let ii = named_tuple(vm, "sys.int_info", &["bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"], vec![
        Value::Int(30),
        Value::Int(4),
        Value::Int(4300),
        Value::Int(640),
    ]);
    vm.dict_set_str(&d, "int_info", ii);
    let bmn: Vec<Value> = ["builtins", "sys"].iter().map(|s| vm.new_str(*s)).collect();
    let bmn = vm.new_tuple(bmn);
    vm.dict_set_str(&d, "builtin_module_names", bmn);

    for (name, f) in [
        ("exit", sys_exit as crate::function::NativeFn),
        ("getrecursionlimit", sys_getrecursionlimit),
        ("setrecursionlimit", sys_setrecursionlimit),
        ("getdefaultencoding", |vm: &mut Vm, _a: Args| Ok(vm.new_str("utf-8"))),
        ("getfilesystemencoding", |vm: &mut Vm, _a: Args| Ok(vm.new_str("utf-8"))),
        ("getfilesystemencodeerrors", |vm: &mut Vm, _a: Args| Ok(vm.new_str("surrogateescape"))),
        ("intern", sys_intern),
        ("getsizeof", sys_getsizeof),
        ("getrefcount", sys_getrefcount),
        ("is_finalizing", |_: &mut Vm, _a: Args| Ok(Value::bool(false))),
        ("settrace", |_: &mut Vm, _a: Args| Ok(Value::None)),
        ("setprofile", |_: &mut Vm, _a: Args| Ok(Value::None)),
        ("gettrace", |_: &mut Vm, _a: Args| Ok(Value::None)),
        ("getprofile", |_: &mut Vm, _a: Args| Ok(Value::None)),
        ("getswitchinterval", |_: &mut Vm, _a: Args| Ok(Value::float(0.005))),
        ("setswitchinterval", |_: &mut Vm, _a: Args| Ok(Value::None)),
        ("excepthook", sys_excepthook),
        ("displayhook", sys_displayhook),
        ("audit", |_: &mut Vm, _a: Args| Ok(Value::None)),
        ("activate_stack_trampoline", sys_activate_stack_trampoline),
        ("deactivate_stack_trampoline", |_: &mut Vm, _a: Args| {
            egret_perfmap::deactivate();
            Ok(Value::None)
        }),
        ("is_stack_trampoline_active", |_: &mut Vm, _a: Args| Ok(Value::bool(egret_perfmap::is_active()))),
        ("addaudithook", |_: &mut Vm, _a: Args| Ok(Value::None)),
        ("get_int_max_str_digits", crate::builtins::int::sys_get_int_max_str_digits),
        ("exc_info", sys_exc_info),
        ("exception", sys_exception),
        ("_getframe", sys_getframe),
        ("set_int_max_str_digits", crate::builtins::int::sys_set_int_max_str_digits),
        ("set_asyncgen_hooks", crate::interp::generator::sys_set_asyncgen_hooks),
        ("get_asyncgen_hooks", crate::interp::generator::sys_get_asyncgen_hooks),
    ] {
        vm.add_module_function(&sys, name, f);
    }
    let eh = vm.dict_get_str(&d, "excepthook").unwrap();
    vm.dict_set_str(&d, "__excepthook__", eh);
    let dh = vm.dict_get_str(&d, "displayhook").unwrap();
    vm.dict_set_str(&d, "__displayhook__", dh);
    vm.dict_set_str(&Value::Obj(vm.modules.clone()), "sys", sys.clone());
    sys
}

/// A `types.SimpleNamespace`-like type (attributes only).
pub fn simple_namespace_type(vm: &mut Vm) -> crate::PyRef {
    if let Some(t) = vm.extra_types.get("SimpleNamespace") {
        return t.clone();
    }
    let t = vm.new_builtin_type("types.SimpleNamespace", None, Layout::Object, tf::HAS_ATTRS | tf::BASETYPE);
    *crate::types::tdata(&t).qualname.borrow_mut() = "SimpleNamespace".into();
    vm.add_method(&t, "__init__", namespace_init);
    vm.add_method(&t, "__repr__", namespace_repr);
    vm.add_method(&t, "__eq__", namespace_eq);
    vm.set_type_attr(&t, "__hash__", Value::None);
    vm.extra_types.insert("SimpleNamespace", t.clone());
    t
}

/// `SimpleNamespace(**kwargs)`.
fn namespace_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if a.pos().len() > 1 {
        return Err(vm.type_error("no positional arguments expected"));
    }
    let this = a.pos()[0].clone();
    for (k, v) in a.kwargs() {
        let key = vm.intern(k);
        vm.setattr(&this, &key, v.clone())?;
    }
    Ok(Value::None)
}

thread_local! {
    /// Namespaces whose repr is being computed (recursive ones print `namespace(...)`).
    static NAMESPACE_REPRS: std::cell::RefCell<Vec<i64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `namespace(a=1, b=2)` (a subclass shows its own name).
fn namespace_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let this = a.pos()[0].clone();
    let ty = vm.type_of(&this);
    let is_exact = vm.extra_types.get("SimpleNamespace").map_or(false, |t| std::rc::Rc::ptr_eq(t, &ty));
    let name = if is_exact { "namespace".to_string() } else { crate::types::tdata(&ty).name().to_string() };
    let id = this.id();
    if NAMESPACE_REPRS.with(|r| r.borrow().contains(&id)) {
        return Ok(vm.new_str(format!("{name}(...)")));
    }
    let items = match crate::builtins::object::instance_dict_value(vm, &this) {
        Some(d) => d.as_dict().map(|d| d.borrow().items()).unwrap_or_default(),
        None => Vec::new(),
    };
    NAMESPACE_REPRS.with(|r| r.borrow_mut().push(id));
    let mut parts = Vec::new();
    let mut result = Ok(());
    for (k, v) in items {
        let Some(ks) = k.as_str().map(|s| s.to_string()) else { continue };
        match vm.repr_string(&v) {
            Ok(r) => parts.push(format!("{ks}={r}")),
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    NAMESPACE_REPRS.with(|r| r.borrow_mut().retain(|x| *x != id));
    result?;
    Ok(vm.new_str(format!("{name}({})", parts.join(", "))))
}

/// Namespaces are equal when their attribute dicts are.
fn namespace_eq(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    let (x, y) = (pos[0].clone(), pos.get(1).cloned().unwrap_or(Value::None));
    let t = simple_namespace_type(vm);
    if !crate::types::is_subtype(&vm.type_of(&y), &t) || !crate::types::is_subtype(&vm.type_of(&x), &t) {
        return Ok(vm.not_implemented.clone());
    }
    let dx = crate::builtins::object::instance_dict_value(vm, &x).unwrap_or(Value::None);
    let dy = crate::builtins::object::instance_dict_value(vm, &y).unwrap_or(Value::None);
    Ok(Value::bool(vm.eq(&dx, &dy)?))
}

/// A tuple subclass whose fields are also attributes (a structseq: `sys.version_info`).
pub fn named_tuple(vm: &mut Vm, name: &'static str, fields: &[&'static str], values: Vec<Value>) -> Value {
    let key: &'static str = name;
    let ty = match vm.extra_types.get(key) {
        Some(t) => t.clone(),
        None => {
            let tuple = vm.t.tuple.clone();
            let short = name.rsplit('.').next().unwrap_or(name);
            let t = vm.new_builtin_type(short, Some(&tuple), Layout::Tuple, 0);
            for (i, f) in fields.iter().enumerate() {
                let getter: crate::descriptor::Getter = match i {
                    0 => |vm, v| field(vm, v, 0),
                    1 => |vm, v| field(vm, v, 1),
                    2 => |vm, v| field(vm, v, 2),
                    3 => |vm, v| field(vm, v, 3),
                    4 => |vm, v| field(vm, v, 4),
                    5 => |vm, v| field(vm, v, 5),
                    6 => |vm, v| field(vm, v, 6),
                    7 => |vm, v| field(vm, v, 7),
                    8 => |vm, v| field(vm, v, 8),
                    9 => |vm, v| field(vm, v, 9),
                    10 => |vm, v| field(vm, v, 10),
                    11 => |vm, v| field(vm, v, 11),
                    12 => |vm, v| field(vm, v, 12),
                    13 => |vm, v| field(vm, v, 13),
                    14 => |vm, v| field(vm, v, 14),
                    15 => |vm, v| field(vm, v, 15),
                    16 => |vm, v| field(vm, v, 16),
                    _ => |vm, v| field(vm, v, 17),
                };
                let gs = vm.alloc(vm.t.object.clone(), Data::Native(Box::new(crate::descriptor::GetSet { name: f, get: getter, set: None, owner: short_static(name) })));
                vm.set_type_attr(&t, f, gs);
            }
            let names: Vec<Value> = fields.iter().map(|f| vm.new_str(*f)).collect();
            let nt = vm.new_tuple(names);
            vm.set_type_attr(&t, "_fields", nt);
            vm.set_type_attr(&t, "n_fields", Value::Int(fields.len() as i64));
            vm.add_method(&t, "__repr__", structseq_repr);
            let qn = vm.new_str(name);
            *crate::types::tdata(&t).qualname.borrow_mut() = name.into();
            let _ = qn;
            vm.extra_types.insert(key, t.clone());
            t
        }
    };
    vm.alloc(ty, Data::Tuple(crate::value::TupleItems::from_vec(values)))
}

fn short_static(name: &'static str) -> &'static str {
    name.rsplit('.').next().unwrap_or(name)
}

fn field(vm: &mut Vm, v: &Value, i: usize) -> PyResult<Value> {
    match v.as_tuple().and_then(|t| t.get(i)) {
        Some(x) => Ok(x.clone()),
        None => Err(vm.index_error("tuple index out of range")),
    }
}

fn structseq_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let this = &a.pos()[0];
    let ty = vm.type_of(this);
    let qn = crate::types::tdata(&ty).qualname.borrow().to_string();
    let fields = crate::types::lookup(&ty, "_fields").and_then(|f| f.as_tuple().map(|t| t.to_vec())).unwrap_or_default();
    let items = this.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
    let mut parts = Vec::new();
    for (f, v) in fields.iter().zip(items.iter()) {
        let r = vm.repr_string(v)?;
        parts.push(format!("{}={}", f.as_str().unwrap_or("?"), r));
    }
    Ok(vm.new_str(format!("{qn}({})", parts.join(", "))))
}

fn sys_exit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let code = a.pos().first().cloned();
    let args = match code {
        Some(c) => vec![c],
        None => vec![],
    };
    let se = Value::Obj(vm.e.system_exit.clone());
    let exc = vm.call(&se, &args)?;
    Err(crate::PyErr(exc))
}

fn sys_activate_stack_trampoline(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    if pos.len() != 1 {
        return Err(vm.type_error(format!("sys.activate_stack_trampoline() takes exactly one argument ({} given)", pos.len())));
    }
    let Some(backend) = pos[0].as_str() else {
        return Err(vm.type_error(format!("activate_stack_trampoline() argument must be str, not {}", vm.type_name(&pos[0]))));
    };
    if backend.contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    egret_perfmap::activate(backend).map_err(|m| vm.value_error(m))?;
    Ok(Value::None)
}

fn sys_getrecursionlimit(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(Value::Int(vm.recursion_limit as i64))
}

fn sys_setrecursionlimit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let n = match a.pos().first() {
        Some(Value::Int(n)) => *n,
        Some(v) => {
            if matches!(v, Value::Float(_)) {
                return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
            }
            vm.index_to_i64(v)?
        }
        None => return Err(vm.type_error("setrecursionlimit() takes exactly one argument (0 given)")),
    };
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    if (n as usize) <= vm.recursion_depth {
        return Err(vm.recursion_error(format!(
            "cannot set the recursion limit to {} at the recursion depth {}: the limit is too low",
            n, vm.recursion_depth
        )));
    }
    vm.recursion_limit = n as usize;
    Ok(Value::None)
}

fn sys_intern(vm: &mut Vm, a: Args) -> PyResult<Value> {
    match a.pos().first().and_then(|v| v.as_str().map(|s| s.to_string())) {
        Some(s) => Ok(vm.intern(&s)),
        None => Err(vm.type_error("intern() argument must be str")),
    }
}

fn sys_getsizeof(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = a.pos().first().cloned().unwrap_or(Value::None);
    if let Some(f) = crate::slots::special(&vm.type_of(&v), "__sizeof__") {
        let r = vm.call(&f, &[v.clone()])?;
        let n = vm.index_to_i64(&r)?;
        return Ok(Value::Int(n + 16));
    }
    Ok(Value::Int(match &v {
        Value::None | Value::Bool(_) => 16,
        Value::Int(_) => 28,
        Value::Float(_) => 24,
        Value::Obj(o) => match &o.data {
            Data::Str(s) => 49 + s.s.len() as i64,
            Data::List(l) => 56 + 8 * l.borrow().len() as i64,
            Data::Tuple(t) => 40 + 8 * t.len() as i64,
            _ => 56,
        },
    }))
}

fn sys_getrefcount(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Int(match a.pos().first() {
        Some(Value::Obj(o)) => std::rc::Rc::strong_count(o) as i64,
        _ => (1u64 << 32) as i64 - 1,
    }))
}

fn sys_excepthook(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    if pos.len() != 3 {
        return Err(vm.type_error(format!("excepthook expected 3 arguments, got {}", pos.len())));
    }
    crate::traceback::print_exception(vm, &pos[1]);
    Ok(Value::None)
}

fn sys_displayhook(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = a.pos().first().cloned().unwrap_or(Value::None);
    if v.is_none() {
        return Ok(Value::None);
    }
    let b = Value::Obj(vm.builtins.clone());
    vm.dict_set_str(&b, "_", Value::None);
    let r = vm.repr_string(&v)?;
    crate::stdio::write_stdout(vm, &format!("{r}\n"));
    vm.dict_set_str(&b, "_", v);
    Ok(Value::None)
}

/// `sys.exc_info()`: `(type, value, traceback)` of the handled exception.
fn sys_exc_info(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.pos().is_empty() || !a.kwnames.is_empty() {
        return Err(vm.type_error(format!("sys.exc_info() takes no arguments ({} given)", a.pos().len() + a.kwnames.len())));
    }
    let e = crate::interp::handled_exception(vm);
    if e.is_none() {
        return Ok(vm.new_tuple(vec![Value::None, Value::None, Value::None]));
    }
    let t = Value::Obj(vm.type_of(&e));
    let tb = vm.exception_data(&e).map(|d| d.borrow().traceback.clone()).unwrap_or(Value::None);
    Ok(vm.new_tuple(vec![t, e, tb]))
}

/// `sys.exception()`: the handled exception or None.
fn sys_exception(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.pos().is_empty() || !a.kwnames.is_empty() {
        return Err(vm.type_error(format!("sys.exception() takes no arguments ({} given)", a.pos().len() + a.kwnames.len())));
    }
    Ok(crate::interp::handled_exception(vm))
}

/// `sys._getframe(depth=0)`.
fn sys_getframe(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    if pos.len() > 1 {
        return Err(vm.type_error(format!("_getframe expected at most 1 argument, got {}", pos.len())));
    }
    let depth = match pos.first() {
        None => 0,
        Some(v) => {
            if matches!(v, Value::Float(_)) {
                return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
            }
            vm.index_to_i64(v)?
        }
    };
    if depth < 0 {
        return crate::interp::get_frame(vm, 0);
    }
    crate::interp::get_frame(vm, depth as usize)
}
