//! Deeply nested input must give a SyntaxError (or parse), never overflow
//! the Rust stack: the parser bounds its own recursion. Runs on a thread with
//! an 8 MiB stack (the usual main-thread size).

use egret_frontend::{parse_expression, parse_module};

fn on_8mb_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(8 << 20).spawn(f).unwrap().join().unwrap()
}

fn check(src: String) -> Result<(), String> {
    on_8mb_stack(move || parse_module(&src, "f.py").map(|_| ()).map_err(|e| e.msg))
}

#[test]
fn brackets_over_200_are_too_many_nested_parentheses() {
    assert_eq!(check(format!("x = {}1{}", "(".repeat(199), ")".repeat(199))), Ok(()));
    assert_eq!(check(format!("x = {}1{}", "(".repeat(201), ")".repeat(201))), Err("too many nested parentheses".into()));
    assert_eq!(check(format!("x = {}{}", "[".repeat(300), "]".repeat(300))), Err("too many nested parentheses".into()));
}

#[test]
fn long_unary_and_binary_chains() {
    // CPython 3.12 compiles these at 2000 and fails (RecursionError or
    // MemoryError "Parser stack overflowed ...") at 3000 and beyond; Egret
    // raises that MemoryError there.
    let too_complex: Result<(), String> = Err("Parser stack overflowed - Python source too complex to parse".into());
    for n in [2000, 100_000] {
        let expect = if n == 2000 { Ok(()) } else { too_complex.clone() };
        assert_eq!(check(format!("{}x", "-".repeat(n))), expect);
        assert_eq!(check(format!("{}x", "not ".repeat(n))), expect);
        assert_eq!(check(format!("x{}", " + x".repeat(n))), expect);
        assert_eq!(check(format!("a{}", ".b".repeat(n))), expect);
        assert_eq!(check(format!("f{}", "()".repeat(n))), expect);
    }
}

#[test]
fn deep_recursive_forms_are_errors_not_crashes() {
    for src in [
        format!("{}x", "lambda:".repeat(100_000)),
        format!("{}z", "x if y else ".repeat(100_000)),
        format!("x{}", "**x".repeat(100_000)),
        format!("{}x", "await ".repeat(100_000)),
        format!("{}x", "-+~".repeat(100_000)),
        format!("{}x", "yield ".repeat(100_000)),
        format!("x = {}1", "y := ".repeat(100_000)),
        format!("x = {}", "f'{".repeat(10_000)),
    ] {
        let r = check(src);
        assert!(r.is_ok() || r.as_ref().unwrap_err().contains("too") || r.as_ref().unwrap_err().contains("invalid syntax") || r.as_ref().unwrap_err().contains("f-string"), "{:?}", r);
    }
}

#[test]
fn deep_blocks() {
    let mut src = String::new();
    for i in 0..99 {
        src.push_str(&" ".repeat(i));
        src.push_str("if x:\n");
    }
    src.push_str(&" ".repeat(99));
    src.push_str("pass\n");
    assert_eq!(check(src.clone()), Ok(()));
    let mut deeper = String::new();
    for i in 0..150 {
        deeper.push_str(&" ".repeat(i));
        deeper.push_str("if x:\n");
    }
    deeper.push_str(&" ".repeat(150));
    deeper.push_str("pass\n");
    assert_eq!(check(deeper), Err("too many levels of indentation".into()));
}

#[test]
fn expression_mode_nesting() {
    let src = format!("{}1{}", "(".repeat(150), ")".repeat(150));
    let r = on_8mb_stack(move || parse_expression(&src, "<string>").map(|_| ()).map_err(|e| e.msg));
    assert_eq!(r, Ok(()));
}

#[test]
#[ignore]
fn measure_stack() {
    for (name, src) in [
        ("paren", format!("x = {}1{}", "(".repeat(199), ")".repeat(199))),
        ("list", format!("x = {}1{}", "[".repeat(199), "]".repeat(199))),
        ("call", format!("x = {}1{}", "f(".repeat(199), ")".repeat(199))),
        ("lambda", format!("{}x", "lambda:".repeat(900))),
        ("ifexp", format!("{}z", "x if y else ".repeat(900))),
        ("pow", format!("x{}", "**x".repeat(900))),
        ("fstr", format!("x = {}", "f'{".repeat(150))),
    ] {
        let used = std::thread::Builder::new().stack_size(64 << 20).spawn(move || { let r = parse_module(&src, "f").map(|_| ()).map_err(|e| e.msg); (r, egret_frontend::parser::last_parse_stack_use()) }).unwrap().join().unwrap();
        eprintln!("{name}: {:?}", used);
    }
}
