//! Developer tool: parse each `\n----\n`-separated case of a file and print
//! one line per case in the golden `syntax_errors` format (OK or the error).
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let src = std::fs::read_to_string(path).unwrap();
    let out = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut out = String::new();
            for case in src.split("\n----\n") {
                match egret_frontend::parse_module(case, "f.py") {
                    Ok(_) => out.push_str("OK\n"),
                    Err(e) => out.push_str(&format!("{}: {} ({}, {}, {}, {})\n", e.kind.class_name(), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)),
                }
            }
            out
        })
        .unwrap()
        .join()
        .unwrap();
    print!("{}", out);
}
