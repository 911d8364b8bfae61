//! Bad input must give an error value, never a panic: the tokenizer and the
//! parser run on deterministic mutations (truncations, deleted / duplicated /
//! swapped bytes and inserted brackets or quotes) of real Python files, and on
//! a few hand-made nasty inputs.

use egret_frontend::{parse_expression, parse_interactive, parse_module, tokenize};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(src: &str, rng: &mut Rng) -> String {
    let mut b = src.as_bytes().to_vec();
    for _ in 0..1 + rng.below(3) {
        if b.is_empty() {
            break;
        }
        let i = rng.below(b.len());
        match rng.below(6) {
            0 => b.truncate(i),
            1 => {
                b.remove(i);
            }
            2 => {
                let c = b[i];
                b.insert(i, c);
            }
            3 => {
                let j = rng.below(b.len());
                b.swap(i, j);
            }
            4 => {
                let ins = [b'(', b')', b'[', b'{', b'}', b'"', b'\'', b'\\', b':', b'\n', b'\t', b'f', b'=', b'*', b'@'];
                b.insert(i, ins[rng.below(ins.len())]);
            }
            _ => {
                let j = (i + rng.below(200)).min(b.len());
                let chunk = b[i..j].to_vec();
                let k = rng.below(b.len());
                for (n, c) in chunk.into_iter().enumerate() {
                    b.insert(k + n, c);
                }
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

fn check_all(src: &str) {
    let _ = tokenize(src);
    let _ = parse_module(src, "m.py");
    let _ = parse_expression(src, "m.py");
    let _ = parse_interactive(src, "m.py");
}

#[test]
fn mutated_sources_never_panic() {
    let corpus_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources: Vec<String> = Vec::new();
    // Python sources from the golden corpus plus, when present, a slice of the oracle's stdlib.
    for sub in ["tokens", "ast"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(sub);
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "py") {
                sources.push(std::fs::read_to_string(e.path()).unwrap());
            }
        }
    }
    let _ = corpus_dir;
    for name in ["/root/.pyenv/versions/3.12.1/lib/python3.12/ast.py", "/root/.pyenv/versions/3.12.1/lib/python3.12/test/test_fstring.py", "/root/.pyenv/versions/3.12.1/lib/python3.12/test/test_patma.py"] {
        if let Ok(s) = std::fs::read_to_string(name) {
            sources.push(s);
        }
    }
    // `EGRET_FUZZ_DIR=DIR`: also every .py file directly in DIR.
    if let Ok(dir) = std::env::var("EGRET_FUZZ_DIR") {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "py") {
                if let Ok(s) = std::fs::read_to_string(e.path()) {
                    sources.push(s);
                }
            }
        }
    }
    let handle = std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(move || {
            let mut rng = Rng(0x2545F4914F6CDD1D);
            let mut runs = 0;
            let iters: usize = std::env::var("EGRET_FUZZ_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
            for src in &sources {
                for _ in 0..iters {
                    let m = mutate(src, &mut rng);
                    check_all(&m);
                    runs += 1;
                }
            }
            runs
        })
        .unwrap();
    let runs = handle.join().expect("a mutated source made the front end panic");
    assert!(runs > 100);
}

#[test]
fn nasty_inputs_never_panic() {
    let cases = [
        "", "\n", "\\", "\\\n", "'", "'''", "f'", "f'{", "f'{'", "f'{x!", "f'{x:", "f'{x:{", "f'}'", "f'{{'", "rf'\\", "b'\\x'",
        "'\\N{'", "'\\N{}'", "'\\U0011ffff'", "'\\777'", "0x", "0b", "0o", "1e", "1_", "1j_", "..", "...", "@", "@=", "->", ":=",
        "\t\tx", " \tx\n\t x", "if x:\n\tpass\n        pass", "(" , ")", "[)", "{]", "\u{feff}x", "x\u{0}", "é", "\u{2028}", "\u{a0}x",
        "def", "def f", "def f(", "def f(*", "def f(**", "class", "lambda", "lambda *", "match", "match x:", "match x:\n case", "case",
        "type", "type X", "type X[", "async", "await", "yield", "del", "del (", "import", "from", "from .", "global", "with (", "try:",
        "f'{x=!r:>{w}.{p}}' 'a' b'b'", "x = 1 if", "x[::", "x(*", "x(**", "@x\n", "@x\nclass", "\"\"\"\n\n", "f'''{\n", "f'{a\n",
    ];
    for c in cases {
        check_all(c);
    }
}
