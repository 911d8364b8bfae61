//! Replacement templates (`\1`, `\g<name>`, `\g<0>`, escapes) with
//! CPython's parse errors, and `Pattern.sub`/`subn` (string templates and
//! callables).

use std::rc::Rc;

use egret_vm::builtins::str_util::{bind, int_arg};
use egret_vm::function::Args;
use egret_vm::value::{Data, Value};
use egret_vm::vm::Vm;
use egret_vm::PyResult;

use super::match_obj::new_match;
use super::matcher::UNSET;
use super::parser::{py_repr, ReError, Source, MAXGROUPS};
use super::{find_all, make_subject, pattern_of, raise_re_error, PatternData, Subject};

pub enum Piece {
    Lit(Vec<u32>),
    Group(usize),
}

pub struct Template {
    pub pieces: Vec<Piece>,
}

enum TemplateError {
    Re(ReError),
    Index(String),
}

fn parse_template(chars: &[u32], is_text: bool, pat: &PatternData) -> Result<Template, TemplateError> {
    let re = TemplateError::Re;
    let mut s = Source::new(chars, is_text).map_err(re)?;
    let mut pieces: Vec<Piece> = Vec::new();
    let mut lit: Vec<u32> = Vec::new();
    let ngroups = pat.ngroups();
    macro_rules! add_group {
        ($index:expr, $offset:expr) => {{
            let index: u64 = $index;
            if index > ngroups as u64 {
                return Err(re(s.error(format!("invalid group reference {}", index), $offset)));
            }
            if !lit.is_empty() {
                pieces.push(Piece::Lit(std::mem::take(&mut lit)));
            }
            pieces.push(Piece::Group(index as usize));
        }};
    }
    let is_oct = |c: u32| (b'0' as u32..=b'7' as u32).contains(&c);
    let is_dig = |c: u32| (b'0' as u32..=b'9' as u32).contains(&c);
    let next_single = |s: &Source| -> Option<u32> { s_next(s) };
    loop {
        let Some(this) = s.get().map_err(re)? else { break };
        let Some(c) = this.1 else {
            lit.push(this.0);
            continue;
        };
        let cc = char::from_u32(c).unwrap_or('\u{fffd}');
        if cc == 'g' {
            if !s.matches('<').map_err(re)? {
                return Err(re(s.error("missing <", 0)));
            }
            let name = s.get_until('>', "group name").map_err(re)?;
            let len = name.chars().count();
            let index: u64;
            let ident = {
                let mut it = name.chars();
                matches!(it.next(), Some(c) if c == '_' || egret_vm::builtins::str_util::is_id_start(c))
                    && it.all(egret_vm::builtins::str_util::is_id_continue)
            };
            if !ident {
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_digit()) {
                    return Err(re(s.error(format!("bad character in group name {}", py_repr(&name)), len + 1)));
                }
                let v = name.parse::<u64>().unwrap_or(u64::MAX);
                if v >= MAXGROUPS as u64 {
                    return Err(re(s.error(format!("invalid group reference {}", v), len + 1)));
                }
                index = v;
            } else {
                if !is_text && !name.is_ascii() {
                    return Err(re(s.error(format!("bad character in group name {}", py_repr(&name)), len + 1)));
                }
                match pat.names.iter().position(|n| n.as_deref() == Some(name.as_str())) {
                    Some(i) => index = i as u64,
                    None => return Err(TemplateError::Index(format!("unknown group name {}", py_repr(&name)))),
                }
            }
            add_group!(index, len + 1);
        } else if cc == '0' {
            let mut v = 0u32;
            let mut k = 0;
            while k < 2 {
                match next_single(&s) {
                    Some(d) if is_oct(d) => {
                        s.get().map_err(re)?;
                        v = v * 8 + (d - '0' as u32);
                    }
                    _ => break,
                }
                k += 1;
            }
            lit.push(v & 0xff);
        } else if is_dig(c) {
            let mut text = vec![c];
            let mut is_octal = false;
            if let Some(d) = next_single(&s).filter(|&d| is_dig(d)) {
                s.get().map_err(re)?;
                text.push(d);
                if is_oct(c) && is_oct(d) {
                    if let Some(e) = next_single(&s).filter(|&e| is_oct(e)) {
                        s.get().map_err(re)?;
                        text.push(e);
                        is_octal = true;
                        let v = text.iter().fold(0u32, |a, &x| a * 8 + (x - '0' as u32));
                        if v > 0o377 {
                            let esc: String = std::iter::once('\\').chain(text.iter().map(|&x| char::from_u32(x).unwrap())).collect();
                            return Err(re(s.error(format!("octal escape value {} outside of range 0-0o377", esc), esc.len())));
                        }
                        lit.push(v);
                    }
                }
            }
            if !is_octal {
                let v = text.iter().fold(0u64, |a, &x| a * 10 + (x - '0' as u32) as u64);
                add_group!(v, text.len());
            }
        } else {
            let e = match cc {
                'a' => Some(7),
                'b' => Some(8),
                'f' => Some(12),
                'n' => Some(10),
                'r' => Some(13),
                't' => Some(9),
                'v' => Some(11),
                '\\' => Some(92),
                _ => None,
            };
            match e {
                Some(v) => lit.push(v),
                None => {
                    if cc.is_ascii_alphabetic() {
                        let esc = format!("\\{}", cc);
                        return Err(re(s.error(format!("bad escape {}", esc), 2)));
                    }
                    lit.push(this.0);
                    lit.push(c);
                }
            }
        }
    }
    if !lit.is_empty() {
        pieces.push(Piece::Lit(lit));
    }
    Ok(Template { pieces })
}

fn s_next(s: &Source) -> Option<u32> {
    s.peek_single()
}

fn template_chars(vm: &mut Vm, is_text: bool, t: &Value) -> PyResult<Vec<u32>> {
    if let Some(st) = t.as_str() {
        if !is_text {
            return Err(vm.type_error(format!("expected a bytes-like object, {} found", vm.type_name(t))));
        }
        return Ok(st.chars().map(|c| c as u32).collect());
    }
    if is_text {
        return Err(vm.type_error(format!("expected str instance, {} found", vm.type_name(t))));
    }
    match egret_vm::builtins::bytes::buffer_bytes(vm, t)? {
        Some(b) => Ok(b.into_iter().map(|c| c as u32).collect()),
        None => Err(vm.type_error(format!("expected a bytes-like object, {} found", vm.type_name(t)))),
    }
}

pub fn compile_template(vm: &mut Vm, pattern: &Value, t: &Value) -> PyResult<Template> {
    let pat = pattern_of(vm, pattern)?;
    let is_text = pat.is_text;
    let chars = template_chars(vm, is_text, t)?;
    let pat = pattern_of(vm, pattern)?;
    match parse_template(&chars, is_text, pat) {
        Ok(t) => Ok(t),
        Err(TemplateError::Index(m)) => Err(vm.index_error(m)),
        Err(TemplateError::Re(e)) => Err(raise_re_error(vm, &e.msg, t.clone(), e.pos)),
    }
}

/// Output being built: str or bytes.
enum Out {
    S(String),
    B(Vec<u8>),
}

impl Out {
    fn new(is_text: bool) -> Out {
        if is_text {
            Out::S(String::new())
        } else {
            Out::B(Vec::new())
        }
    }
    fn push_units(&mut self, u: &[u32]) {
        match self {
            Out::S(s) => s.extend(u.iter().map(|&c| char::from_u32(c).unwrap_or('\u{fffd}'))),
            Out::B(b) => b.extend(u.iter().map(|&c| c as u8)),
        }
    }
    fn push_span(&mut self, subj: &Subject, s: usize, e: usize) {
        match (self, subj) {
            (Out::S(o), Subject::AsciiStr(v)) => o.push_str(&v.as_str().unwrap_or("")[s..e]),
            (Out::S(o), Subject::Wide(_, w)) => o.extend(w[s..e].iter().map(|&c| char::from_u32(c).unwrap_or('\u{fffd}'))),
            (Out::B(o), subj) => o.extend_from_slice(&subj.narrow().unwrap_or(&[])[s..e]),
            _ => {}
        }
    }
    fn finish(self, vm: &mut Vm) -> Value {
        match self {
            Out::S(s) => vm.new_str(s),
            Out::B(b) => vm.new_bytes(b),
        }
    }
}

fn expand_into(out: &mut Out, t: &Template, subj: &Subject, slots: &[usize]) {
    for p in &t.pieces {
        match p {
            Piece::Lit(u) => out.push_units(u),
            Piece::Group(g) => {
                let (s, e) = (slots[2 * g], slots[2 * g + 1]);
                if s != UNSET && e != UNSET && e >= s {
                    out.push_span(subj, s, e);
                }
            }
        }
    }
}

pub fn expand(vm: &mut Vm, t: &Template, subj: &Subject, slots: &[usize]) -> PyResult<Value> {
    let mut out = Out::new(subj.is_text());
    expand_into(&mut out, t, subj, slots);
    Ok(out.finish(vm))
}

/// `Pattern.sub` (`with_count` false) and `Pattern.subn`.
pub fn subx(vm: &mut Vm, args: Args, with_count: bool) -> PyResult<Value> {
    let fname = if with_count { "subn" } else { "sub" };
    let b = bind(vm, &args, fname, &["repl", "string", "count"], 2, true)?;
    let this = args.pos()[0].clone();
    let pat = pattern_of(vm, &this)?;
    let is_text = pat.is_text;
    let repl = b[0].clone().unwrap();
    let string = b[1].clone().unwrap();
    let count = match &b[2] {
        Some(v) => int_arg(vm, v)?,
        None => 0,
    };
    let subj = make_subject(vm, is_text, &string)?;
    let callable = !(repl.as_pystr().is_some() || matches!(repl.as_obj().map(|o| &o.data), Some(Data::Bytes(_) | Data::ByteArray(_))))
        && egret_vm::builtins::functions::is_callable(vm, &repl);
    let template = if callable { None } else { Some(compile_template(vm, &this, &repl)?) };
    let pat = pattern_of(vm, &this)?;
    let n = subj.len();
    let found = if count < 0 { Vec::new() } else { find_all(vm, &pat.prog, &subj, 0, n, count as usize)? };
    let nsubs = found.len();
    let mut out = Out::new(is_text);
    let mut last = 0;
    match template {
        Some(t) => {
            for f in &found {
                out.push_span(&subj, last, f.slots[0]);
                expand_into(&mut out, &t, &subj, &f.slots);
                last = f.slots[1];
            }
            out.push_span(&subj, last, n);
        }
        None => {
            let subj = Rc::new(subj);
            let mut item_index = 0usize;
            for f in found {
                let (s, e) = (f.slots[0], f.slots[1]);
                if last < s {
                    out.push_span(&subj, last, s);
                    item_index += 1;
                }
                let m = new_match(vm, &this, subj.clone(), 0, n, f);
                let r = vm.call(&repl, &[m])?;
                if !r.is_none() {
                    push_result(vm, &mut out, &r, item_index)?;
                    item_index += 1;
                }
                last = e;
            }
            out.push_span(&subj, last, n);
        }
    }
    let result = out.finish(vm);
    if with_count {
        Ok(vm.new_pair(result, Value::Int(nsubs as i64)))
    } else {
        Ok(result)
    }
}

fn push_result(vm: &mut Vm, out: &mut Out, r: &Value, index: usize) -> PyResult<()> {
    match out {
        Out::S(s) => match r.as_str() {
            Some(x) => {
                s.push_str(x);
                Ok(())
            }
            None => Err(vm.type_error(format!("sequence item {}: expected str instance, {} found", index, vm.type_name(r)))),
        },
        Out::B(b) => match egret_vm::builtins::bytes::buffer_bytes(vm, r)? {
            Some(x) => {
                b.extend_from_slice(&x);
                Ok(())
            }
            None => Err(vm.type_error(format!("sequence item {}: expected a bytes-like object, {} found", index, vm.type_name(r)))),
        },
    }
}
