//! (Owned by the strings engineer.) The text-like methods bytes and
//! bytearray share: search (find/index/count/startswith...), split/join,
//! strip, padding, ASCII case mapping and classification, replace,
//! partition, translate/maketrans, hex/fromhex, splitlines, expandtabs.
//! Results have the receiver's type (bytes or bytearray).

use super::bytes::{buffer_bytes, byte_of, bytes_arg, find_sub, mk, recv, rfind_sub};
use super::str_util::{bind, int_arg, start_end};
use crate::function::{Args, NativeFn};
use crate::value::{PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;

pub fn init_type(vm: &mut Vm, t: &PyRef) {
    let methods: &[(&'static str, NativeFn)] = &[
        ("find", b_find),
        ("rfind", b_rfind),
        ("index", b_index),
        ("rindex", b_rindex),
        ("count", b_count),
        ("startswith", b_startswith),
        ("endswith", b_endswith),
        ("split", b_split),
        ("rsplit", b_rsplit),
        ("join", b_join),
        ("strip", b_strip),
        ("lstrip", b_lstrip),
        ("rstrip", b_rstrip),
        ("center", b_center),
        ("ljust", b_ljust),
        ("rjust", b_rjust),
        ("zfill", b_zfill),
        ("upper", b_upper),
        ("lower", b_lower),
        ("swapcase", b_swapcase),
        ("title", b_title),
        ("capitalize", b_capitalize),
        ("isdigit", b_isdigit),
        ("isalpha", b_isalpha),
        ("isalnum", b_isalnum),
        ("isspace", b_isspace),
        ("islower", b_islower),
        ("isupper", b_isupper),
        ("istitle", b_istitle),
        ("isascii", b_isascii),
        ("replace", b_replace),
        ("partition", b_partition),
        ("rpartition", b_rpartition),
        ("translate", b_translate),
        ("removeprefix", b_removeprefix),
        ("removesuffix", b_removesuffix),
        ("splitlines", b_splitlines),
        ("expandtabs", b_expandtabs),
        ("hex", b_hex),
    ];
    for (n, f) in methods {
        vm.add_method(t, n, *f);
    }
    vm.add_staticmethod(t, "maketrans", b_maketrans);
    vm.add_classmethod(t, "fromhex", b_fromhex);
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// A sub-sequence argument of find/count/...: bytes-like or an int byte.
fn sub_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer_bytes(vm, v)? {
        return Ok(b);
    }
    match v {
        Value::Int(_) | Value::Bool(_) => Ok(vec![byte_of(vm, v, "byte must be in range(0, 256)")?]),
        Value::Obj(o) if crate::slots::special(&o.ty, "__index__").is_some() => Ok(vec![byte_of(vm, v, "byte must be in range(0, 256)")?]),
        _ => Err(vm.type_error(format!("argument should be integer or bytes-like object, not '{}'", vm.type_name(v)))),
    }
}

fn find_common(vm: &mut Vm, a: Args, name: &str, reverse: bool, raise: bool) -> PyResult<Value> {
    let (b, _) = recv(vm, &a, name)?;
    let pos = a.pos();
    if pos.len() < 2 || pos.len() > 4 {
        return Err(vm.type_error(format!("{}() takes at least 1 argument ({} given)", name, pos.len().saturating_sub(1))));
    }
    let sub = sub_arg(vm, &pos[1])?;
    let (st, en, empty) = start_end(vm, &pos.get(2).cloned(), &pos.get(3).cloned(), b.len())?;
    let r = if empty {
        None
    } else {
        let hay = &b[st..en];
        if reverse { rfind_sub(hay, &sub) } else { find_sub(hay, &sub, 0) }.map(|i| i + st)
    };
    match r {
        Some(i) => Ok(Value::Int(i as i64)),
        None if raise => Err(vm.value_error("subsection not found")),
        None => Ok(Value::Int(-1)),
    }
}
fn b_find(vm: &mut Vm, a: Args) -> PyResult<Value> {
    find_common(vm, a, "find", false, false)
}
fn b_rfind(vm: &mut Vm, a: Args) -> PyResult<Value> {
    find_common(vm, a, "rfind", true, false)
}
fn b_index(vm: &mut Vm, a: Args) -> PyResult<Value> {
    find_common(vm, a, "index", false, true)
}
fn b_rindex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    find_common(vm, a, "rindex", true, true)
}

fn b_count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, _) = recv(vm, &a, "count")?;
    let pos = a.pos();
    if pos.len() < 2 || pos.len() > 4 {
        return Err(vm.type_error(format!("count() takes at least 1 argument ({} given)", pos.len().saturating_sub(1))));
    }
    let sub = sub_arg(vm, &pos[1])?;
    let (st, en, empty) = start_end(vm, &pos.get(2).cloned(), &pos.get(3).cloned(), b.len())?;
    if empty {
        return Ok(Value::Int(0));
    }
    if sub.is_empty() {
        return Ok(Value::Int((en - st + 1) as i64));
    }
    let hay = &b[st..en];
    let (mut n, mut i) = (0, 0);
    while let Some(p) = find_sub(hay, &sub, i) {
        n += 1;
        i = p + sub.len();
    }
    Ok(Value::Int(n))
}

fn tailmatch(vm: &mut Vm, a: Args, name: &str, end: bool) -> PyResult<Value> {
    let (b, _) = recv(vm, &a, name)?;
    let pos = a.pos();
    if pos.len() < 2 || pos.len() > 4 {
        return Err(vm.type_error(format!("{}() takes at least 1 argument ({} given)", name, pos.len().saturating_sub(1))));
    }
    let (st, en, empty) = start_end(vm, &pos.get(2).cloned(), &pos.get(3).cloned(), b.len())?;
    let test = |p: &[u8]| -> bool {
        if empty || en < st + p.len() {
            return false;
        }
        if end { &b[en - p.len()..en] == p } else { &b[st..st + p.len()] == p }
    };
    if let Some(t) = pos[1].as_tuple() {
        for it in t.to_vec() {
            match buffer_bytes(vm, &it)? {
                Some(p) => {
                    if test(&p) {
                        return Ok(Value::bool(true));
                    }
                }
                None => return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", vm.type_name(&it)))),
            }
        }
        return Ok(Value::bool(false));
    }
    match buffer_bytes(vm, &pos[1])? {
        Some(p) => Ok(Value::bool(test(&p))),
        None => Err(vm.type_error(format!("{} first arg must be bytes or a tuple of bytes, not {}", name, vm.type_name(&pos[1])))),
    }
}
fn b_startswith(vm: &mut Vm, a: Args) -> PyResult<Value> {
    tailmatch(vm, a, "startswith", false)
}
fn b_endswith(vm: &mut Vm, a: Args) -> PyResult<Value> {
    tailmatch(vm, a, "endswith", true)
}

fn split_args(vm: &mut Vm, a: &Args, name: &str) -> PyResult<(Vec<u8>, bool, Option<Vec<u8>>, i64)> {
    let (b, ba) = recv(vm, a, name)?;
    let args = bind(vm, a, name, &["sep", "maxsplit"], 0, true)?;
    let sep = match &args[0] {
        None | Some(Value::None) => None,
        Some(v) => Some(bytes_arg(vm, v)?),
    };
    let max = match &args[1] {
        Some(v) => int_arg(vm, v)?,
        None => -1,
    };
    if sep.as_deref() == Some(&[][..]) {
        return Err(vm.value_error("empty separator"));
    }
    Ok((b, ba, sep, if max < 0 { i64::MAX } else { max }))
}

fn to_list(vm: &Vm, parts: Vec<Vec<u8>>, ba: bool) -> Value {
    let items = parts.into_iter().map(|p| mk(vm, p, ba)).collect();
    vm.new_list(items)
}

fn b_split(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, ba, sep, max) = split_args(vm, &a, "split")?;
    let mut out: Vec<Vec<u8>> = Vec::new();
    match sep {
        None => {
            let mut i = 0;
            let mut n = 0;
            while i < b.len() {
                while i < b.len() && is_ws(b[i]) {
                    i += 1;
                }
                if i >= b.len() {
                    break;
                }
                if n >= max {
                    out.push(b[i..].to_vec());
                    break;
                }
                let s = i;
                while i < b.len() && !is_ws(b[i]) {
                    i += 1;
                }
                out.push(b[s..i].to_vec());
                n += 1;
            }
        }
        Some(sep) => {
            let (mut i, mut n) = (0, 0);
            while n < max {
                match find_sub(&b, &sep, i) {
                    Some(p) => {
                        out.push(b[i..p].to_vec());
                        i = p + sep.len();
                        n += 1;
                    }
                    None => break,
                }
            }
            out.push(b[i..].to_vec());
        }
    }
    Ok(to_list(vm, out, ba))
}

fn b_rsplit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, ba, sep, max) = split_args(vm, &a, "rsplit")?;
    let mut out: Vec<Vec<u8>> = Vec::new();
    match sep {
        None => {
            let mut i = b.len();
            let mut n = 0;
            while i > 0 {
                while i > 0 && is_ws(b[i - 1]) {
                    i -= 1;
                }
                if i == 0 {
                    break;
                }
                if n >= max {
                    out.push(b[..i].to_vec());
                    break;
                }
                let e = i;
                while i > 0 && !is_ws(b[i - 1]) {
                    i -= 1;
                }
                out.push(b[i..e].to_vec());
                n += 1;
            }
        }
        Some(sep) => {
            let mut end = b.len();
            let mut n = 0;
            while n < max {
                match rfind_sub(&b[..end], &sep) {
                    Some(p) => {
                        out.push(b[p + sep.len()..end].to_vec());
                        end = p;
                        n += 1;
                    }
                    None => break,
                }
            }
            out.push(b[..end].to_vec());
        }
    }
    out.reverse();
    Ok(to_list(vm, out, ba))
}

fn b_join(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, "join")?;
    let args = bind(vm, &a, "join", &["iterable_of_bytes"], 1, false)?;
    let src = args[0].clone().unwrap_or(Value::None);
    let items = vm.collect(&src)?;
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let Some(p) = buffer_bytes(vm, it)? else {
            return Err(vm.type_error(format!("sequence item {}: expected a bytes-like object, {} found", i, vm.type_name(it))));
        };
        if i > 0 {
            out.extend_from_slice(&b);
        }
        out.extend_from_slice(&p);
    }
    Ok(mk(vm, out, ba))
}

fn strip_common(vm: &mut Vm, a: Args, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, name)?;
    let args = bind(vm, &a, name, &["bytes"], 0, false)?;
    let set: Option<Vec<u8>> = match &args[0] {
        None | Some(Value::None) => None,
        Some(v) => Some(bytes_arg(vm, v)?),
    };
    let strip = |x: u8| match &set {
        None => is_ws(x),
        Some(s) => s.contains(&x),
    };
    let mut s = 0;
    let mut e = b.len();
    if left {
        while s < e && strip(b[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && strip(b[e - 1]) {
            e -= 1;
        }
    }
    Ok(mk(vm, b[s..e].to_vec(), ba))
}
fn b_strip(vm: &mut Vm, a: Args) -> PyResult<Value> {
    strip_common(vm, a, "strip", true, true)
}
fn b_lstrip(vm: &mut Vm, a: Args) -> PyResult<Value> {
    strip_common(vm, a, "lstrip", true, false)
}
fn b_rstrip(vm: &mut Vm, a: Args) -> PyResult<Value> {
    strip_common(vm, a, "rstrip", false, true)
}

fn pad_common(vm: &mut Vm, a: Args, name: &str, kind: u8) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, name)?;
    let pos = a.pos();
    if pos.len() < 2 || pos.len() > 3 {
        return Err(vm.type_error(format!("{} expected at least 1 argument, got {}", name, pos.len() - 1)));
    }
    let width = int_arg(vm, &pos[1])?.max(0) as usize;
    let fill = match pos.get(2) {
        None => b' ',
        Some(v) => match buffer_bytes(vm, v)? {
            Some(f) if f.len() == 1 && !matches!(v, Value::Obj(o) if matches!(o.data, crate::value::Data::Native(_))) => f[0],
            _ => return Err(vm.type_error(format!("{}() argument 2 must be a byte string of length 1, not {}", name, vm.type_name(v)))),
        },
    };
    if width <= b.len() {
        return Ok(mk(vm, b, ba));
    }
    let marg = width - b.len();
    let left = match kind {
        0 => marg / 2 + (marg & width & 1),
        1 => 0,
        _ => marg,
    };
    let mut out = vec![fill; left];
    out.extend_from_slice(&b);
    out.extend(std::iter::repeat(fill).take(marg - left));
    Ok(mk(vm, out, ba))
}
fn b_center(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pad_common(vm, a, "center", 0)
}
fn b_ljust(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pad_common(vm, a, "ljust", 1)
}
fn b_rjust(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pad_common(vm, a, "rjust", 2)
}

fn b_zfill(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, "zfill")?;
    let args = bind(vm, &a, "zfill", &["width"], 1, false)?;
    let width = int_arg(vm, args[0].as_ref().unwrap_or(&Value::Int(0)))?;
    if width <= b.len() as i64 {
        return Ok(mk(vm, b, ba));
    }
    let fill = width as usize - b.len();
    let (sign, rest) = if matches!(b.first(), Some(b'+') | Some(b'-')) { b.split_at(1) } else { (&b[..0], &b[..]) };
    let mut out = sign.to_vec();
    out.extend(std::iter::repeat(b'0').take(fill));
    out.extend_from_slice(rest);
    Ok(mk(vm, out, ba))
}

fn map_bytes(vm: &mut Vm, a: Args, name: &str, f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, name)?;
    if a.pos().len() > 1 {
        return Err(vm.type_error(format!("{}() takes no arguments ({} given)", name, a.pos().len() - 1)));
    }
    Ok(mk(vm, f(&b), ba))
}
fn b_upper(vm: &mut Vm, a: Args) -> PyResult<Value> {
    map_bytes(vm, a, "upper", |b| b.to_ascii_uppercase())
}
fn b_lower(vm: &mut Vm, a: Args) -> PyResult<Value> {
    map_bytes(vm, a, "lower", |b| b.to_ascii_lowercase())
}
fn b_swapcase(vm: &mut Vm, a: Args) -> PyResult<Value> {
    map_bytes(vm, a, "swapcase", |b| {
        b.iter().map(|&x| if x.is_ascii_lowercase() { x.to_ascii_uppercase() } else { x.to_ascii_lowercase() }).collect()
    })
}
fn b_title(vm: &mut Vm, a: Args) -> PyResult<Value> {
    map_bytes(vm, a, "title", |b| {
        let mut prev = false;
        b.iter()
            .map(|&x| {
                let r = if prev { x.to_ascii_lowercase() } else { x.to_ascii_uppercase() };
                prev = x.is_ascii_alphabetic();
                r
            })
            .collect()
    })
}
fn b_capitalize(vm: &mut Vm, a: Args) -> PyResult<Value> {
    map_bytes(vm, a, "capitalize", |b| b.iter().enumerate().map(|(i, &x)| if i == 0 { x.to_ascii_uppercase() } else { x.to_ascii_lowercase() }).collect())
}

fn pred(vm: &mut Vm, a: Args, name: &str, f: fn(&[u8]) -> bool) -> PyResult<Value> {
    let (b, _) = recv(vm, &a, name)?;
    Ok(Value::bool(f(&b)))
}
fn b_isdigit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pred(vm, a, "isdigit", |b| !b.is_empty() && b.iter().all(|x| x.is_ascii_digit()))
}
fn b_isalpha(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pred(vm, a, "isalpha", |b| !b.is_empty() && b.iter().all(|x| x.is_ascii_alphabetic()))
}
fn b_isalnum(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pred(vm, a, "isalnum", |b| !b.is_empty() && b.iter().all(|x| x.is_ascii_alphanumeric()))
}
fn b_isspace(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pred(vm, a, "isspace", |b| !b.is_empty() && b.iter().all(|&x| is_ws(x)))
}
fn b_isascii(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pred(vm, a, "isascii", |b| b.is_ascii())
}
fn b_islower(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pred(vm, a, "islower", |b| b.iter().any(|x| x.is_ascii_lowercase()) && !b.iter().any(|x| x.is_ascii_uppercase()))
}
fn b_isupper(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pred(vm, a, "isupper", |b| b.iter().any(|x| x.is_ascii_uppercase()) && !b.iter().any(|x| x.is_ascii_lowercase()))
}
fn b_istitle(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pred(vm, a, "istitle", |b| {
        let (mut cased, mut prev) = (false, false);
        for &x in b {
            if x.is_ascii_uppercase() {
                if prev {
                    return false;
                }
                prev = true;
                cased = true;
            } else if x.is_ascii_lowercase() {
                if !prev {
                    return false;
                }
                prev = true;
                cased = true;
            } else {
                prev = false;
            }
        }
        cased
    })
}

fn b_replace(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, "replace")?;
    let pos = a.pos();
    if pos.len() < 3 || pos.len() > 4 {
        return Err(vm.type_error(format!("replace expected at least 2 arguments, got {}", pos.len() - 1)));
    }
    let old = bytes_arg(vm, &pos[1])?;
    let new = bytes_arg(vm, &pos[2])?;
    let count = match pos.get(3) {
        Some(v) => int_arg(vm, v)?,
        None => -1,
    };
    let count = if count < 0 { usize::MAX } else { count as usize };
    let mut out = Vec::with_capacity(b.len());
    let mut n = 0;
    if old.is_empty() {
        for &x in &b {
            if n < count {
                out.extend_from_slice(&new);
                n += 1;
            }
            out.push(x);
        }
        if n < count {
            out.extend_from_slice(&new);
        }
        return Ok(mk(vm, out, ba));
    }
    let mut i = 0;
    while n < count {
        match find_sub(&b, &old, i) {
            Some(p) => {
                out.extend_from_slice(&b[i..p]);
                out.extend_from_slice(&new);
                i = p + old.len();
                n += 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&b[i..]);
    Ok(mk(vm, out, ba))
}

fn partition_common(vm: &mut Vm, a: Args, name: &str, reverse: bool) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, name)?;
    let args = bind(vm, &a, name, &["sep"], 1, false)?;
    let sep = bytes_arg(vm, args[0].as_ref().unwrap_or(&Value::None))?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if reverse { rfind_sub(&b, &sep) } else { find_sub(&b, &sep, 0) };
    let parts = match found {
        Some(i) => [b[..i].to_vec(), sep.clone(), b[i + sep.len()..].to_vec()],
        None if reverse => [Vec::new(), Vec::new(), b.clone()],
        None => [b.clone(), Vec::new(), Vec::new()],
    };
    let items = parts.into_iter().map(|p| mk(vm, p, ba)).collect();
    Ok(vm.new_tuple(items))
}
fn b_partition(vm: &mut Vm, a: Args) -> PyResult<Value> {
    partition_common(vm, a, "partition", false)
}
fn b_rpartition(vm: &mut Vm, a: Args) -> PyResult<Value> {
    partition_common(vm, a, "rpartition", true)
}

fn b_translate(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, "translate")?;
    let args = bind(vm, &a, "translate", &["table", "delete"], 1, true)?;
    let table = match &args[0] {
        None | Some(Value::None) => None,
        Some(v) => {
            let t = bytes_arg(vm, v)?;
            if t.len() != 256 {
                return Err(vm.value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
    };
    let delete = match &args[1] {
        Some(v) => bytes_arg(vm, v)?,
        None => Vec::new(),
    };
    let out: Vec<u8> = b.iter().filter(|x| !delete.contains(x)).map(|&x| table.as_ref().map_or(x, |t| t[x as usize])).collect();
    Ok(mk(vm, out, ba))
}

fn b_maketrans(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pos = a.pos();
    if pos.len() != 2 {
        return Err(vm.type_error(format!("maketrans expected 2 arguments, got {}", pos.len())));
    }
    let from = bytes_arg(vm, &pos[0])?;
    let to = bytes_arg(vm, &pos[1])?;
    if from.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut t: Vec<u8> = (0..=255u8).collect();
    for (f, x) in from.iter().zip(to.iter()) {
        t[*f as usize] = *x;
    }
    Ok(vm.new_bytes(t))
}

fn affix(vm: &mut Vm, a: Args, name: &str, prefix: bool) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, name)?;
    let args = bind(vm, &a, name, &["affix"], 1, false)?;
    let x = bytes_arg(vm, args[0].as_ref().unwrap_or(&Value::None))?;
    let r = if prefix { b.strip_prefix(x.as_slice()) } else { b.strip_suffix(x.as_slice()) };
    let out = r.map(|r| r.to_vec()).unwrap_or_else(|| b.clone());
    Ok(mk(vm, out, ba))
}
fn b_removeprefix(vm: &mut Vm, a: Args) -> PyResult<Value> {
    affix(vm, a, "removeprefix", true)
}
fn b_removesuffix(vm: &mut Vm, a: Args) -> PyResult<Value> {
    affix(vm, a, "removesuffix", false)
}

fn b_splitlines(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, "splitlines")?;
    let args = bind(vm, &a, "splitlines", &["keepends"], 0, true)?;
    let keep = match &args[0] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut out = Vec::new();
    let (mut s, mut i) = (0, 0);
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            let mut e = i + 1;
            if b[i] == b'\r' && e < b.len() && b[e] == b'\n' {
                e += 1;
            }
            out.push(if keep { b[s..e].to_vec() } else { b[s..i].to_vec() });
            s = e;
            i = e;
        } else {
            i += 1;
        }
    }
    if s < b.len() {
        out.push(b[s..].to_vec());
    }
    Ok(to_list(vm, out, ba))
}

fn b_expandtabs(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, ba) = recv(vm, &a, "expandtabs")?;
    let args = bind(vm, &a, "expandtabs", &["tabsize"], 0, true)?;
    let tab = match &args[0] {
        Some(v) => int_arg(vm, v)?,
        None => 8,
    };
    let mut out = Vec::with_capacity(b.len());
    let mut col: i64 = 0;
    for &x in &b {
        match x {
            b'\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    out.extend(std::iter::repeat(b' ').take(n as usize));
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(x);
                col = 0;
            }
            _ => {
                out.push(x);
                col += 1;
            }
        }
    }
    Ok(mk(vm, out, ba))
}

/// `b.hex(sep=None, bytes_per_sep=1)`.
fn b_hex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (b, _) = recv(vm, &a, "hex")?;
    let args = bind(vm, &a, "hex", &["sep", "bytes_per_sep"], 0, true)?;
    let hex: Vec<String> = b.iter().map(|x| format!("{:02x}", x)).collect();
    let sep = match &args[0] {
        None | Some(Value::None) => return Ok(vm.new_str(hex.concat())),
        Some(v) => match v.as_str() {
            Some(s) => s.to_string(),
            None => String::from_utf8_lossy(&bytes_arg(vm, v)?).into_owned(),
        },
    };
    if sep.chars().count() != 1 {
        return Err(vm.value_error("sep must be length 1."));
    }
    let per = match &args[1] {
        Some(v) => int_arg(vm, v)?,
        None => 1,
    };
    if per == 0 || hex.is_empty() {
        return Ok(vm.new_str(hex.concat()));
    }
    let n = per.unsigned_abs() as usize;
    let mut groups: Vec<String> = Vec::new();
    if per > 0 {
        // Groups counted from the right.
        let mut end = hex.len();
        while end > 0 {
            let start = end.saturating_sub(n);
            groups.push(hex[start..end].concat());
            end = start;
        }
        groups.reverse();
    } else {
        for chunk in hex.chunks(n) {
            groups.push(chunk.concat());
        }
    }
    Ok(vm.new_str(groups.join(&sep)))
}

fn b_fromhex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cls = a.pos().first().cloned().unwrap_or(Value::None);
    let args = bind(vm, &a, "fromhex", &["string"], 1, false)?;
    let sv = args[0].clone().unwrap_or(Value::None);
    let s = super::str::str_arg(vm, &sv, "fromhex() argument ")?.to_string();
    let c: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let hexval = |ch: char| ch.to_digit(16);
    while i < c.len() {
        if c[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let Some(hi) = hexval(c[i]) else {
            return Err(vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {}", i)));
        };
        let Some(lo) = c.get(i + 1).and_then(|&x| hexval(x)) else {
            return Err(vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {}", i + 1)));
        };
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    let is_ba = matches!(&cls, Value::Obj(o) if crate::types::is_subtype(o, &vm.t.bytearray));
    let v = mk(vm, out, is_ba);
    if matches!(&cls, Value::Obj(o) if std::rc::Rc::ptr_eq(o, &vm.t.bytes) || std::rc::Rc::ptr_eq(o, &vm.t.bytearray)) {
        return Ok(v);
    }
    vm.call(&cls, &[v])
}
