//! Prints Egret's disassembly of a Python file (or `-c SOURCE`): a debugging aid.
//! Usage: `cargo run -p egret-frontend --example egret_dis -- FILE` or `-- -c "x = 1"`.

use egret_frontend::{ast::Mode, compile_source, CompileOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (source, name) = match args.as_slice() {
        [flag, src] if flag == "-c" => (src.clone().into_bytes(), "<string>".to_string()),
        [path] => (std::fs::read(path).expect("readable file"), path.clone()),
        _ => {
            eprintln!("usage: egret_dis FILE | -c SOURCE");
            std::process::exit(2);
        }
    };
    match compile_source(&source, &name, Mode::Exec, &CompileOptions::default()) {
        Ok(code) => print!("{}", code.disassemble()),
        Err(e) => {
            print!("{}", e.render());
            std::process::exit(1);
        }
    }
}
