//! Running a program: building the VM from the options, the `__main__`
//! module, and CPython's exit rules (SystemExit codes, uncaught exceptions).

use crate::cli::{Options, Target, HELP};
use egret_frontend::ast::Mode;
use egret_vm::value::Value;
use egret_vm::vm::{Config, Vm};
use egret_vm::PyErr;

/// Runs the program described by `opts`; returns the process exit status.
pub fn main(opts: Options) -> i32 {
    if opts.help {
        print!("{HELP}");
        return 0;
    }
    if opts.version > 0 {
        if opts.version > 1 {
            println!("Python 3.12.1 (egret {}) [Rust]", env!("CARGO_PKG_VERSION"));
        } else {
            println!("Python 3.12.1");
        }
        return 0;
    }
    if opts.xoptions.iter().any(|x| x == "compile-only") {
        return compile_only(&opts);
    }
    let env = |name: &str| if opts.ignore_environment { None } else { std::env::var(name).ok().filter(|v| !v.is_empty()) };
    let mut config = Config {
        optimize: opts.optimize.max(env("PYTHONOPTIMIZE").and_then(|v| v.parse().ok()).unwrap_or(0).min(2)),
        dont_write_bytecode: opts.dont_write_bytecode,
        ignore_environment: opts.ignore_environment,
        isolated: opts.isolated,
        unbuffered: opts.unbuffered || env("PYTHONUNBUFFERED").is_some(),
        no_jit: false,
        jit_threshold: 1000,
        perf: env("PYTHONPERFSUPPORT").map_or(false, |v| v != "0"),
        argv: opts.argv.clone(),
        xoptions: opts.xoptions.clone(),
        inspect: opts.inspect || env("PYTHONINSPECT").is_some(),
    };
    for x in &opts.xoptions {
        match x.split_once('=') {
            Some(("jit-threshold", n)) => match n.parse::<u32>() {
                Ok(n) if n >= 1 => config.jit_threshold = n,
                _ => {
                    eprintln!("-X jit-threshold=N: N must be a positive integer, got '{n}'");
                    return 2;
                }
            },
            None if x == "nojit" => config.no_jit = true,
            None if x == "perf" => config.perf = true,
            _ => {}
        }
    }
    if egret_perfmap::perf_support_requested_by_process(&opts.xoptions, !opts.ignore_environment) {
        // Only "perf" can fail here, and only on unsupported architectures: CPython then runs without it.
        let _ = egret_perfmap::activate("perf");
        config.perf = egret_perfmap::is_active();
    }
    seed_hashes(env("PYTHONHASHSEED"));
    let mut vm = Vm::new(config);
    // The interpreter thread's stack (main.rs) minus a generous margin for
    // the frames between a depth check and the next one.
    vm.interp.native_stack_limit = crate::STACK_SIZE - (64 << 20);
    egret_stdlib::register(&mut vm);
    egret_vm::sysmodule::init_sys(&mut vm);
    let bm = vm.new_module("builtins");
    if let Value::Obj(o) = &bm {
        if let egret_vm::Data::Module(m) = &o.data {
            // The builtins module's namespace is the VM's builtins dict.
            let d = Value::Obj(vm.builtins.clone());
            let name = vm.new_str("builtins");
            vm.dict_set_str(&d, "__name__", name);
            let _ = m;
        }
    }
    let builtins_module = make_builtins_module(&mut vm);
    vm.dict_set_str(&Value::Obj(vm.modules.clone()), "builtins", builtins_module);
    set_sys_path(&mut vm, &opts, env("PYTHONPATH"));

    let status = match opts.target.clone().unwrap_or(Target::Repl) {
        Target::File(path) => match std::fs::read(&path) {
            Ok(src) => {
                // CPython 3.12 runs the script under its absolute path
                // (`__file__`, `co_filename`, tracebacks); `sys.argv[0]` stays as given.
                let shown = abspath(&path);
                let main = main_module(&mut vm, Some(&shown));
                run_source(&mut vm, &src, &shown, &main)
            }
            Err(e) => {
                let abs = std::env::current_dir().map(|d| d.join(&path).to_string_lossy().into_owned()).unwrap_or(path.clone());
                eprintln!(
                    "{}: can't open file '{}': [Errno {}] {}",
                    exe_name(),
                    abs,
                    e.raw_os_error().unwrap_or(2),
                    strerror(&e)
                );
                2
            }
        },
        Target::Command(cmd) => {
            let main = main_module(&mut vm, None);
            run_source(&mut vm, cmd.as_bytes(), "<string>", &main)
        }
        Target::Module(name) => run_module(&mut vm, &name),
        Target::Stdin => {
            let mut src = Vec::new();
            let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut src);
            let main = main_module(&mut vm, None);
            run_source(&mut vm, &src, "<stdin>", &main)
        }
        Target::Repl => {
            let main = main_module(&mut vm, None);
            crate::repl::run(&mut vm, &main, opts.quiet)
        }
    };
    let status = if vm.config.inspect && !matches!(opts.target, Some(Target::Repl)) {
        let main = egret_vm::import::sys_module(&vm, "__main__").unwrap_or(Value::None);
        crate::repl::run(&mut vm, &main, true)
    } else {
        status
    };
    egret_vm::interp::finalize(&mut vm);
    egret_vm::stdio::flush_stdout();
    status
}

/// `os.path.abspath`: joined to the working directory and normalised
/// lexically (`.`, `..` and repeated separators; symlinks are kept).
fn abspath(path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        match std::env::current_dir() {
            Ok(d) => format!("{}/{}", d.to_string_lossy(), path),
            Err(_) => return path.to_string(),
        }
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    // POSIX keeps exactly two leading slashes; abspath has one otherwise.
    let lead = if joined.starts_with("//") && !joined.starts_with("///") { "//" } else { "/" };
    format!("{}{}", lead, parts.join("/"))
}

fn exe_name() -> String {
    std::env::args().next().unwrap_or_else(|| "egret".into())
}

fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    // "No such file or directory (os error 2)" -> "No such file or directory"
    match s.rfind(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn seed_hashes(seed: Option<String>) {
    let (k0, k1) = match seed.as_deref().map(|s| s.parse::<u64>()) {
        Some(Ok(n)) => {
            if n == 0 {
                (0, 0)
            } else {
                // Derive two keys from the seed with a fixed mixer.
                let a = n.wrapping_mul(0x9E3779B97F4A7C15) ^ 0x5851F42D4C957F2D;
                let b = a.rotate_left(31).wrapping_mul(0xBF58476D1CE4E5B9);
                (a, b)
            }
        }
        _ => {
            let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
            let p = std::process::id() as u64;
            let addr = &t as *const u64 as u64;
            (t ^ p.rotate_left(32) ^ addr, t.rotate_left(17).wrapping_mul(0x9E3779B97F4A7C15) ^ addr)
        }
    };
    egret_vm::hash::set_seed(k0, k1);
}

/// The `builtins` module object sharing the VM's builtins dict.
fn make_builtins_module(vm: &mut Vm) -> Value {
    let m = vm.alloc(vm.t.module.clone(), egret_vm::Data::Module(Box::new(egret_vm::module::ModuleData { dict: vm.builtins.clone() })));
    egret_vm::module::bind_namespace(&m);
    m
}

fn set_sys_path(vm: &mut Vm, opts: &Options, pythonpath: Option<String>) {
    let mut entries: Vec<String> = Vec::new();
    if !opts.safe_path {
        match &opts.target {
            Some(Target::File(p)) => {
                let path = std::path::Path::new(p);
                let dir = path.parent().map(|d| d.to_path_buf()).unwrap_or_default();
                let abs = if dir.as_os_str().is_empty() {
                    std::env::current_dir().unwrap_or_default()
                } else if dir.is_absolute() {
                    dir
                } else {
                    std::env::current_dir().unwrap_or_default().join(dir)
                };
                entries.push(abs.canonicalize().unwrap_or(abs).to_string_lossy().into_owned());
            }
            Some(Target::Module(_)) => entries.push(std::env::current_dir().unwrap_or_default().to_string_lossy().into_owned()),
            _ => entries.push(String::new()),
        }
    }
    if let Some(pp) = pythonpath {
        entries.extend(pp.split(':').filter(|s| !s.is_empty()).map(|s| s.to_string()));
    }
    entries.push(egret_vm::import::EMBEDDED_PREFIX.to_string());
    let values: Vec<Value> = entries.into_iter().map(|e| vm.new_str(e)).collect();
    if let Some(sys) = egret_vm::import::sys_module(vm, "sys") {
        let l = vm.new_list(values);
        if let Some(d) = vm.module_dict(&sys) {
            vm.dict_set_str(&d, "path", l);
        }
    }
}

/// Creates `__main__` (in `sys.modules`) and returns its namespace dict.
pub fn main_module(vm: &mut Vm, file: Option<&str>) -> Value {
    let m = vm.new_module("__main__");
    let d = vm.module_dict(&m).expect("module dict");
    let b = Value::Obj(vm.builtins.clone());
    let bm = egret_vm::import::sys_module(vm, "builtins").unwrap_or(b);
    vm.dict_set_str(&d, "__builtins__", bm);
    vm.dict_set_str(&d, "__package__", Value::None);
    vm.dict_set_str(&d, "__spec__", Value::None);
    vm.dict_set_str(&d, "__loader__", Value::None);
    vm.dict_set_str(&d, "__annotations__", Value::None);
    let _ = vm.dict_del(&d, &Value::None);
    let ann = vm.new_dict();
    vm.dict_set_str(&d, "__annotations__", ann);
    let k = vm.intern("__annotations__");
    let _ = vm.dict_del(&d, &k);
    if let Some(f) = file {
        let fv = vm.new_str(f);
        vm.dict_set_str(&d, "__file__", fv);
    }
    vm.dict_set_str(&Value::Obj(vm.modules.clone()), "__main__", m);
    d
}

/// Compiles and runs `src` in `globals`; returns the exit status.
pub fn run_source(vm: &mut Vm, src: &[u8], filename: &str, globals: &Value) -> i32 {
    let code = match egret_vm::compile::compile(vm, src, filename, Mode::Exec, None) {
        Ok(c) => c,
        Err(e) => return report(vm, e),
    };
    let Value::Obj(g) = globals else { return 1 };
    match egret_vm::interp::run_code(vm, code, g.clone(), None) {
        Ok(_) => 0,
        Err(e) => report(vm, e),
    }
}

fn run_module(vm: &mut Vm, name: &str) -> i32 {
    let found = match egret_vm::import::find_module_source(vm, name) {
        Ok(f) => f,
        Err(e) => return report(vm, e),
    };
    let (src, filename) = match found {
        Some((_, _, true)) => {
            let main_name = format!("{name}.__main__");
            match egret_vm::import::find_module_source(vm, &main_name) {
                Ok(Some((src, f, _))) => (src, f),
                Ok(None) => {
                    eprintln!("{}: No module named {}; '{}' is a package and cannot be directly executed", exe_name(), main_name, name);
                    return 1;
                }
                Err(e) => return report(vm, e),
            }
        }
        Some((src, f, false)) => (src, f),
        None => {
            eprintln!("{}: No module named {}", exe_name(), name);
            return 1;
        }
    };
    if let Some(sys) = egret_vm::import::sys_module(vm, "sys") {
        if let Ok(argv) = vm.getattr_str(&sys, "argv") {
            if let Some(l) = argv.as_list() {
                let fv = vm.new_str(filename.clone());
                if let Some(first) = l.borrow_mut().first_mut() {
                    *first = fv;
                }
            }
        }
    }
    let main = main_module(vm, Some(&filename));
    let pkg = name.rsplit_once('.').map(|(p, _)| p.to_string());
    let pv = match pkg {
        Some(p) => vm.new_str(p),
        None => vm.new_str(""),
    };
    vm.dict_set_str(&main, "__package__", pv);
    run_source(vm, &src, &filename, &main)
}

/// Handles an exception that reached the top: SystemExit's code, or the
/// traceback through `sys.excepthook`; returns the exit status.
pub fn report(vm: &mut Vm, e: PyErr) -> i32 {
    let exc = e.0;
    if vm.is_instance(&exc, &vm.e.system_exit.clone()) {
        let code = vm.get_attr_raw(&exc, "code").unwrap_or_else(|| {
            let args = egret_vm::builtins::exceptions::exception_args(vm, &exc);
            args.first().cloned().unwrap_or(Value::None)
        });
        return match code {
            Value::None => 0,
            Value::Int(n) => n as i32,
            Value::Bool(b) => b.get() as i32,
            other => {
                let s = vm.str_string(&other).unwrap_or_default();
                egret_vm::stdio::write_stderr(vm, &format!("{s}\n"));
                1
            }
        };
    }
    let hook = egret_vm::import::sys_module(vm, "sys").and_then(|s| vm.getattr_opt(&s, "excepthook").ok().flatten());
    let ty = Value::Obj(vm.type_of(&exc));
    let tb = vm.exception_data(&exc).map(|d| d.borrow().traceback.clone()).unwrap_or(Value::None);
    let mut printed = false;
    if let Some(h) = hook {
        let is_default = matches!(&h, Value::Obj(o) if matches!(&o.data, egret_vm::Data::Builtin(b) if b.name == "excepthook"));
        if !is_default {
            match vm.call(&h, &[ty, exc.clone(), tb]) {
                Ok(_) => printed = true,
                Err(e2) => {
                    egret_vm::stdio::write_stderr(vm, "Error in sys.excepthook:\n");
                    egret_vm::traceback::print_exception(vm, &e2.0);
                    egret_vm::stdio::write_stderr(vm, "\nOriginal exception was:\n");
                }
            }
        }
    }
    if !printed {
        egret_vm::traceback::print_exception(vm, &exc);
    }
    if vm.is_instance(&exc, &vm.e.keyboard_interrupt.clone()) {
        return 130;
    }
    1
}

/// `-X compile-only FILE...`: compile every file, print each SyntaxError as
/// CPython does, exit 0 only if all compiled.
fn compile_only(opts: &Options) -> i32 {
    let files: Vec<String> = match &opts.target {
        Some(Target::File(_)) => opts.argv.clone(),
        _ => {
            eprintln!("{}: -X compile-only needs one or more files", exe_name());
            return 2;
        }
    };
    let mut status = 0;
    for f in files {
        let src = match std::fs::read(&f) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{}: can't open file '{}': {}", exe_name(), f, strerror(&e));
                status = 1;
                continue;
            }
        };
        let options = egret_frontend::CompileOptions { optimize: opts.optimize, ..Default::default() };
        if let Err(err) = egret_frontend::compile_source(&src, &f, Mode::Exec, &options) {
            eprint!("{}", err.render());
            status = 1;
        }
    }
    status
}
