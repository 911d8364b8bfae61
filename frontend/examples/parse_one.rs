//! Developer tool: parse a file (or `-c SOURCE`) and print `ast.dump` or the SyntaxError.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let src = if args.get(1).map(|s| s.as_str()) == Some("-c") { args[2].clone() } else { std::fs::read_to_string(&args[1]).unwrap() };
    match egret_frontend::parse_module(&src, "f.py") {
        Ok(m) => println!("{}", egret_frontend::dump_module(&m)),
        Err(e) => println!("{}: {} ({}, {}, {}, {})", e.kind.class_name(), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset),
    }
}
