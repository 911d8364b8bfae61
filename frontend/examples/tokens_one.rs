//! Developer tool: print the token stream of `-c SOURCE` or a file.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let src = if args.get(1).map(|s| s.as_str()) == Some("-c") { args[2].clone() } else { std::fs::read_to_string(&args[1]).unwrap() };
    match egret_frontend::tokenize(&src) {
        Ok(toks) => {
            for t in toks {
                println!("{},{}-{},{}: {} {:?}", t.line, t.col, t.end_line, t.end_col, t.kind.type_name(), t.text(&src));
            }
        }
        Err(e) => println!("error: {} ({}, {})", e.msg, e.lineno, e.offset),
    }
}
