//! The `egret` command line.
fn main() {
    eprintln!("egret: not built yet");
    std::process::exit(2);
}
