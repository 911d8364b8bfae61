//! Prints the disassembly of a file (`DIS_FILE=path cargo test -p egret-vm --test dis_tool -- --nocapture`).
#[test]
fn dis_file() {
    let Ok(path) = std::env::var("DIS_FILE") else { return };
    let src = std::fs::read(&path).unwrap();
    let code = egret_frontend::compile_source(&src, &path, egret_frontend::ast::Mode::Exec, &Default::default()).unwrap();
    println!("{}", code.disassemble());
}
