//! # egret-bench — the benchmark runner (not built yet)
fn main() {
    eprintln!("egret-bench: not implemented yet");
    std::process::exit(2);
}
