//! Developer tool: `ast.dump(..., include_attributes=True)` of each
//! `\n----\n`-separated case of a file, one line each.
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let src = std::fs::read_to_string(path).unwrap();
    for case in src.split("\n----\n") {
        match egret_frontend::parse_module(case, "f.py") {
            Ok(m) => println!("{}", egret_frontend::ast_dump::dump_module_with_positions(&m)),
            Err(e) => println!("error: {}", e.msg),
        }
    }
}
