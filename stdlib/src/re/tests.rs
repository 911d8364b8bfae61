//! Table test of the regex engine against CPython 3.12.1: `cases.txt`
//! (made by `cases_gen.py`) lists patterns x subjects with the spans of
//! every group of `re.search`, whether `re.fullmatch` succeeds, and
//! compile errors with their message and position.

use super::compiler::compile;
use super::matcher::{Matcher, UNSET};
use super::parser::parse;

fn unesc(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' && it.peek() == Some(&'u') {
            it.next();
            it.next(); // {
            let mut h = String::new();
            for d in it.by_ref() {
                if d == '}' {
                    break;
                }
                h.push(d);
            }
            out.push(u32::from_str_radix(&h, 16).unwrap());
        } else {
            out.push(c as u32);
        }
    }
    out
}

fn text(v: &[u32]) -> String {
    v.iter().map(|&c| char::from_u32(c).unwrap()).collect()
}

fn run_case(kind: &str, flags: u32, pat: &[u32], subj: &[u32], expected: &str) -> Result<(), String> {
    let is_text = kind == "s";
    let parsed = parse(pat, is_text, flags).and_then(|p| compile(&p, is_text).map(|c| (p, c)));
    let (_, prog) = match parsed {
        Err(e) => {
            let got = format!("E{}@{}", e.msg, e.pos.map_or("-".to_string(), |p| p.to_string()));
            let want = text(&unesc(expected));
            return if got == want { Ok(()) } else { Err(format!("got {:?}", got)) };
        }
        Ok(x) => x,
    };
    if expected.starts_with('E') {
        return Err("compiled, expected an error".into());
    }
    let (found, full) = if subj.iter().all(|&c| c < 128) || !is_text {
        let t: Vec<u8> = subj.iter().map(|&c| c as u8).collect();
        let mut m = Matcher::new(&prog, &t);
        let r = m.search(0).map(|(s, e)| {
            let mut sl = m.slots.clone();
            sl[0] = s;
            sl[1] = e;
            (sl, m.lastindex())
        });
        let mut m2 = Matcher::new(&prog, &t);
        m2.full = true;
        (r, m2.run(0).is_some())
    } else {
        let mut m = Matcher::new(&prog, subj);
        let r = m.search(0).map(|(s, e)| {
            let mut sl = m.slots.clone();
            sl[0] = s;
            sl[1] = e;
            (sl, m.lastindex())
        });
        let mut m2 = Matcher::new(&prog, subj);
        m2.full = true;
        (r, m2.run(0).is_some())
    };
    let got = match found {
        None => "N".to_string(),
        Some((sl, li)) => {
            let spans: Vec<String> = (0..prog.groups)
                .map(|g| {
                    let (s, e) = (sl[2 * g], sl[2 * g + 1]);
                    if s == UNSET || e == UNSET {
                        "-1,-1".to_string()
                    } else {
                        format!("{},{}", s, e)
                    }
                })
                .collect();
            format!("M{}|{}|{}", li.map_or(-1, |x| x as i64), full as u8, spans.join(";"))
        }
    };
    if got == expected {
        Ok(())
    } else {
        Err(format!("got {}", got))
    }
}

#[test]
fn cpython_table() {
    // RE_CASES=path runs another table of the same format instead.
    let extra = std::env::var("RE_CASES").ok().and_then(|p| std::fs::read_to_string(p).ok());
    let data = extra.as_deref().unwrap_or(include_str!("cases.txt"));
    let mut failures = Vec::new();
    let mut n = 0;
    for line in data.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 5 {
            continue;
        }
        n += 1;
        let flags: u32 = f[1].parse().unwrap();
        let pat = unesc(f[2]);
        let subj = unesc(f[3]);
        if let Err(e) = run_case(f[0], flags, &pat, &subj, f[4]) {
            failures.push(format!("{} flags={} /{}/ on {:?}: want {} {}", f[0], flags, text(&pat), text(&subj), f[4], e));
        }
    }
    for x in failures.iter().take(60) {
        eprintln!("{}", x);
    }
    eprintln!("{} of {} cases failed", failures.len(), n);
    assert!(failures.is_empty());
}
