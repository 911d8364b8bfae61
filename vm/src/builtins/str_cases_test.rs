//! (Owned by the strings engineer.) Runs the CPython-generated table
//! `str_method_cases.txt` (made by `str_method_cases_gen.py` with CPython
//! 3.12.1): str/bytes/bytearray method calls and their exact results or errors.

use crate::value::{Data, Value};
use crate::vm::{Config, Vm};

/// Decodes Python's `unicode_escape` text.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = it.next().unwrap_or('\\');
        let hex = |it: &mut std::iter::Peekable<std::str::Chars>, n: usize| -> char {
            let h: String = (0..n).filter_map(|_| it.next()).collect();
            char::from_u32(u32::from_str_radix(&h, 16).unwrap_or(0xfffd)).unwrap_or('\u{fffd}')
        };
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'x' => out.push(hex(&mut it, 2)),
            'u' => out.push(hex(&mut it, 4)),
            'U' => out.push(hex(&mut it, 8)),
            other => out.push(other),
        }
    }
    out
}

fn hex_bytes(h: &str) -> Vec<u8> {
    (0..h.len() / 2).map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap()).collect()
}

/// Parses one encoded value at `s[*i..]`.
fn parse(vm: &mut Vm, s: &[char], i: &mut usize) -> Value {
    let tag = s[*i];
    *i += 1;
    if matches!(tag, 't' | 'l' | 'S') {
        assert_eq!(s[*i], '[');
        *i += 1;
        let mut items = Vec::new();
        while s[*i] != ']' {
            items.push(parse(vm, s, i));
            if s[*i] == ',' {
                *i += 1;
            }
        }
        *i += 1;
        return match tag {
            't' => vm.new_tuple(items),
            'l' => vm.new_list(items),
            _ => super::range::new_slice(vm, items[0].clone(), items[1].clone(), items[2].clone()),
        };
    }
    let start = *i;
    while *i < s.len() && !matches!(s[*i], ',' | ']' | '|') {
        *i += 1;
    }
    let body: String = s[start..*i].iter().collect();
    match tag {
        'n' => Value::None,
        'b' => Value::bool(body == "1"),
        'i' => {
            let n: num_bigint::BigInt = body.parse().unwrap();
            vm.new_bigint(n)
        }
        's' => vm.new_str(unescape(&body)),
        'y' => vm.new_bytes(hex_bytes(&body)),
        'Y' => vm.new_bytearray(hex_bytes(&body)),
        'f' => Value::float(body.parse().unwrap()),
        _ => panic!("bad tag {tag}"),
    }
}

/// Encodes a result the way the generator does.
fn encode(vm: &mut Vm, v: &Value) -> String {
    match v {
        Value::None => "n".into(),
        Value::Bool(b) => format!("b{}", b.get() as u8),
        Value::Int(i) => format!("i{i}"),
        Value::Float(f) => format!("f{}", super::format::float_repr(f.get())),
        Value::Obj(o) => match &o.data {
            Data::Int(i) => format!("i{i}"),
            Data::Str(s) => {
                let mut out = String::from("s");
                for c in s.s.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '\t' => out.push_str("\\t"),
                        '\r' => out.push_str("\\r"),
                        '|' => out.push_str("\\x7c"),
                        ',' => out.push_str("\\x2c"),
                        ']' => out.push_str("\\x5d"),
                        ' '..='~' => out.push(c),
                        _ if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
                        _ if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
                        _ => out.push_str(&format!("\\U{:08x}", c as u32)),
                    }
                }
                out
            }
            Data::Bytes(b) => format!("y{}", b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
            Data::ByteArray(b) => format!("Y{}", b.borrow().iter().map(|x| format!("{x:02x}")).collect::<String>()),
            Data::Tuple(t) => {
                let items: Vec<String> = t.to_vec().iter().map(|x| encode(vm, x)).collect();
                format!("t[{}]", items.join(","))
            }
            Data::List(l) => {
                let items: Vec<String> = l.borrow().clone().iter().map(|x| encode(vm, x)).collect();
                format!("l[{}]", items.join(","))
            }
            _ => format!("<{}>", vm.type_name(v)),
        },
    }
}

#[test]
fn cpython_method_cases() {
    let mut vm = Vm::new(Config::default());
    let mut failures = Vec::new();
    for line in include_str!("str_method_cases.txt").lines() {
        let parts: Vec<&str> = line.splitn(4, '\t').collect();
        let (recv_s, name, args_s, want) = (parts[0], parts[1], parts[2], parts[3]);
        let rc: Vec<char> = recv_s.chars().collect();
        let recv = parse(&mut vm, &rc, &mut 0);
        let mut args = Vec::new();
        let ac: Vec<char> = args_s.chars().collect();
        let mut i = 0;
        while i < ac.len() {
            args.push(parse(&mut vm, &ac, &mut i));
            if i < ac.len() && ac[i] == '|' {
                i += 1;
            }
        }
        let r = vm.getattr_str(&recv, name).and_then(|f| vm.call(&f, &args));
        let got = match r {
            Ok(v) => encode(&mut vm, &v),
            Err(e) => {
                let ty = crate::types::tdata(&vm.type_of(&e.0)).name();
                let msg = match vm.str(&e.0) {
                    Ok(s) => s.as_str().unwrap_or("").to_string(),
                    Err(_) => super::str_util::err_text(&vm, &e),
                };
                format!("!{}: {}", ty, msg)
            }
        };
        if got != want {
            failures.push(format!("{recv_s}.{name}({args_s}): got {got} want {want}"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
