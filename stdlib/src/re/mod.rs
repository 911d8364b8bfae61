//! The `_sre` native module: Egret's regular-expression engine behind the
//! pure-Python `re` package (`lib/re/__init__.py`).
//!
//! - [`parser`]: Python regex syntax -> tree, with CPython's `re.error`
//!   messages and positions.
//! - [`compiler`]: tree -> compact backtracking program + search accelerators.
//! - [`matcher`]: runs a program over `u8` (bytes, ASCII str) or `u32`
//!   (other str) subjects with an explicit backtracking stack.
//! - this file: the `re.Pattern` type (compile, search, findall, split, sub ...).
//! - [`match_obj`]: the `re.Match` type and the finditer scanner.
//! - [`template`]: replacement templates (`\1`, `\g<name>`) for sub/expand.

pub mod charclass;
pub mod compiler;
pub mod match_obj;
pub mod matcher;
pub mod module_funcs;
pub mod parser;
pub mod template;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use egret_vm::builtins::container_helpers::add_methods;
use egret_vm::builtins::object::add_getset;
use egret_vm::builtins::str_util::{bind, int_arg};
use egret_vm::function::Args;
use egret_vm::types::Layout;
use egret_vm::value::{Data, NativeData, Value};
use egret_vm::vm::Vm;
use egret_vm::{PyErr, PyResult};

use compiler::Program;
use match_obj::new_match;
use matcher::{Ch, Matcher, UNSET};
use parser::{ReError, FLAG_ASCII, FLAG_DEBUG, FLAG_DOTALL, FLAG_IGNORECASE, FLAG_LOCALE, FLAG_MULTILINE, FLAG_UNICODE, FLAG_VERBOSE};

/// A compiled pattern (`re.Pattern`).
pub struct PatternData {
    pub prog: Program,
    pub pattern: Value,
    pub flags: u32,
    pub is_text: bool,
    /// name -> index dict (exposed through a mappingproxy).
    pub groupindex: Value,
    /// Group name by index (None for unnamed groups).
    pub names: Vec<Option<Rc<str>>>,
    /// The flags argument given to compile (the pattern cache's key).
    pub flags_arg: i64,
    /// The `re.Match` type (kept here to avoid a lookup per match).
    pub match_type: egret_vm::value::PyRef,
    /// The last long non-ASCII subject and its code points.
    pub wide_cache: std::cell::RefCell<Option<(Value, Rc<Vec<u32>>)>>,
}

impl NativeData for PatternData {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.pattern);
        visit(&self.groupindex);
    }
}

impl PatternData {
    /// Number of capturing groups.
    pub fn ngroups(&self) -> usize {
        self.prog.groups - 1
    }
}

/// The subject string of a match, in the representation the matcher runs on.
pub enum Subject {
    /// An ASCII str: matched byte by byte.
    AsciiStr(Value),
    /// A non-ASCII str, decoded to code points.
    Wide(Value, Rc<Vec<u32>>),
    /// An exact bytes object.
    Bytes(Value),
    /// Another bytes-like object, copied.
    Buffer(Value, Vec<u8>),
}

impl Subject {
    pub fn value(&self) -> &Value {
        match self {
            Subject::AsciiStr(v) | Subject::Wide(v, _) | Subject::Bytes(v) | Subject::Buffer(v, _) => v,
        }
    }
    pub fn narrow(&self) -> Option<&[u8]> {
        match self {
            Subject::AsciiStr(v) => Some(v.as_str().unwrap_or("").as_bytes()),
            Subject::Bytes(v) => match v.as_obj().map(|o| &o.data) {
                Some(Data::Bytes(b)) => Some(&b[..]),
                _ => Some(&[]),
            },
            Subject::Buffer(_, b) => Some(&b[..]),
            Subject::Wide(..) => None,
        }
    }
    pub fn len(&self) -> usize {
        match self {
            Subject::Wide(_, w) => w.len(),
            _ => self.narrow().map_or(0, |b| b.len()),
        }
    }
    pub fn is_text(&self) -> bool {
        matches!(self, Subject::AsciiStr(_) | Subject::Wide(..))
    }
    /// `string[s:e]` as a new str/bytes.
    pub fn slice(&self, vm: &mut Vm, s: usize, e: usize) -> Value {
        match self {
            Subject::AsciiStr(v) => {
                let st = v.as_str().unwrap_or("");
                vm.new_str(&st[s..e])
            }
            Subject::Wide(_, w) => {
                let st: String = w[s..e].iter().map(|&c| char::from_u32(c).unwrap_or('\u{fffd}')).collect();
                vm.new_str(st)
            }
            Subject::Bytes(_) => {
                let b = self.narrow().unwrap()[s..e].to_vec();
                vm.new_bytes(b)
            }
            Subject::Buffer(_, b) => vm.new_bytes(b[s..e].to_vec()),
        }
    }
}

/// The result of one successful match: group spans and lastindex.
pub struct Found {
    pub slots: Vec<usize>,
    pub lastindex: Option<usize>,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    Match,
    Search,
    Full,
}

/// Runs one match attempt (or search); returns (start, end).
fn run_one<C: Ch>(pos: usize, mode: Mode, m: &mut Matcher<C>) -> Option<(usize, usize)> {
    match mode {
        Mode::Search => m.search(pos),
        _ => {
            m.full = mode == Mode::Full;
            Some((pos, m.run(pos)?))
        }
    }
}

fn found_of<C: Ch>(prog: &Program, m: &mut Matcher<C>, s: usize, e: usize, take: bool) -> Found {
    let lastindex = m.lastindex();
    let mut slots = if take { std::mem::take(&mut m.slots) } else { m.slots.clone() };
    slots.truncate(prog.groups * 2);
    slots[0] = s;
    slots[1] = e;
    Found { slots, lastindex }
}

fn stack_error(vm: &Vm) -> PyErr {
    vm.recursion_error("maximum recursion limit exceeded")
}

/// One match at or after `pos` (depending on `mode`) in `subj[..endpos]`.
pub fn find_one(vm: &Vm, prog: &Program, subj: &Subject, pos: usize, endpos: usize, mode: Mode, must_advance: bool) -> PyResult<Option<Found>> {
    if pos > endpos {
        return Ok(None);
    }
    fn go<C: Ch>(prog: &Program, text: &[C], pos: usize, mode: Mode, must_advance: bool) -> (Option<Found>, bool) {
        let mut m = Matcher::new(prog, text);
        if must_advance {
            m.no_empty_at = pos;
        }
        let r = run_one(pos, mode, &mut m).map(|(s, e)| found_of(prog, &mut m, s, e, true));
        (r, m.overflow)
    }
    let (r, overflow) = match subj.narrow() {
        Some(t) => go(prog, &t[..endpos], pos, mode, must_advance),
        None => {
            let Subject::Wide(_, w) = subj else { unreachable!() };
            go(prog, &w[..endpos], pos, mode, must_advance)
        }
    };
    if overflow {
        return Err(stack_error(vm));
    }
    Ok(r)
}

/// Every match from `pos` (CPython's iteration rule: after an empty match
/// the next one may not be empty at the same place), at most `limit` (0 = all).
pub fn find_all(vm: &Vm, prog: &Program, subj: &Subject, pos: usize, endpos: usize, limit: usize) -> PyResult<Vec<Found>> {
    fn go<C: Ch>(prog: &Program, text: &[C], mut pos: usize, limit: usize) -> (Vec<Found>, bool) {
        let mut out = Vec::new();
        let mut m = Matcher::new(prog, text);
        while pos <= text.len() && (limit == 0 || out.len() < limit) {
            let Some((s, e)) = run_one(pos, Mode::Search, &mut m) else { break };
            let f = found_of(prog, &mut m, s, e, false);
            m.no_empty_at = if s == e { e } else { UNSET };
            pos = e;
            out.push(f);
        }
        let o = m.overflow;
        (out, o)
    }
    if pos > endpos {
        return Ok(Vec::new());
    }
    let (r, overflow) = match subj.narrow() {
        Some(t) => go(prog, &t[..endpos], pos, limit),
        None => {
            let Subject::Wide(_, w) = subj else { unreachable!() };
            go(prog, &w[..endpos], pos, limit)
        }
    };
    if overflow {
        return Err(stack_error(vm));
    }
    Ok(r)
}

pub fn pattern_of<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a PatternData> {
    v.native::<PatternData>().ok_or_else(|| vm.type_error(format!("descriptor requires a 're.Pattern' object but received a '{}'", vm.type_name(v))))
}

/// Converts a subject argument, checking it agrees with the pattern type.
pub fn make_subject(vm: &mut Vm, is_text: bool, v: &Value) -> PyResult<Subject> {
    if let Some(ps) = v.as_pystr() {
        if !is_text {
            return Err(vm.type_error("cannot use a bytes pattern on a string-like object"));
        }
        if ps.is_ascii() {
            return Ok(Subject::AsciiStr(v.clone()));
        }
        let w: Vec<u32> = ps.as_str().chars().map(|c| c as u32).collect();
        return Ok(Subject::Wide(v.clone(), Rc::new(w)));
    }
    let is_bytes = matches!(v.as_obj().map(|o| &o.data), Some(Data::Bytes(_)));
    if is_bytes {
        if is_text {
            return Err(vm.type_error("cannot use a string pattern on a bytes-like object"));
        }
        return Ok(Subject::Bytes(v.clone()));
    }
    match egret_vm::builtins::bytes::buffer_bytes(vm, v)? {
        Some(b) => {
            if is_text {
                return Err(vm.type_error("cannot use a string pattern on a bytes-like object"));
            }
            Ok(Subject::Buffer(v.clone(), b))
        }
        None => Err(vm.type_error(format!("expected string or bytes-like object, got '{}'", vm.type_name(v)))),
    }
}

/// [`make_subject`] remembering the decoded form of the last long non-ASCII
/// string in the pattern, so loops like `p.match(text, pos)` over one
/// text decode it once.
pub fn make_subject_cached(vm: &mut Vm, pat: &PatternData, v: &Value) -> PyResult<Subject> {
    if let Some(ps) = v.as_pystr() {
        if pat.is_text && !ps.is_ascii() && ps.char_len >= 64 {
            if let Some((sv, w)) = &*pat.wide_cache.borrow() {
                if sv.is(v) {
                    return Ok(Subject::Wide(v.clone(), w.clone()));
                }
            }
            let subj = make_subject(vm, true, v)?;
            if let Subject::Wide(_, w) = &subj {
                *pat.wide_cache.borrow_mut() = Some((v.clone(), w.clone()));
            }
            return Ok(subj);
        }
    }
    make_subject(vm, pat.is_text, v)
}

/// Clamps `pos`/`endpos` arguments as CPython does.
pub fn clamp_range(vm: &mut Vm, len: usize, pos: &Option<Value>, endpos: &Option<Value>) -> PyResult<(usize, usize)> {
    let clamp = |x: i64| -> usize {
        if x < 0 {
            0
        } else if x as u64 > len as u64 {
            len
        } else {
            x as usize
        }
    };
    let p = match pos {
        Some(v) => clamp(int_arg(vm, v)?),
        None => 0,
    };
    let e = match endpos {
        Some(v) => clamp(int_arg(vm, v)?),
        None => len,
    };
    Ok((p, e))
}

/// Raises `re.error(msg, pattern, pos)` (the class registered by `re`).
pub fn raise_re_error(vm: &mut Vm, msg: &str, pattern: Value, pos: Option<usize>) -> PyErr {
    let Some(cls) = vm.extra_types.get("re.error").cloned() else { return vm.value_error(msg.to_string()) };
    let m = vm.new_str(msg);
    let p = pos.map_or(Value::None, |p| Value::Int(p as i64));
    match vm.call(&Value::Obj(cls), &[m, pattern, p]) {
        Ok(exc) => PyErr(exc),
        Err(e) => e,
    }
}

fn set_error_class(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    match p.first().and_then(|v| v.as_obj()) {
        Some(o) if matches!(o.data, Data::Type(_)) => {
            vm.extra_types.insert("re.error", o.clone());
            Ok(Value::None)
        }
        _ => Err(vm.type_error("_set_error_class() expects a class")),
    }
}

fn sre_compile(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error("compile() expects (pattern, flags)"));
    }
    let pattern = p[0].clone();
    let flags_arg = int_arg(vm, &p[1])?;
    let flags = flags_arg as u32;
    let (chars, is_text): (Vec<u32>, bool) = if let Some(s) = pattern.as_str() {
        (s.chars().map(|c| c as u32).collect(), true)
    } else {
        match egret_vm::builtins::bytes::buffer_bytes(vm, &pattern)? {
            Some(b) => (b.into_iter().map(|c| c as u32).collect(), false),
            None => return Err(vm.type_error("first argument must be string or compiled pattern")),
        }
    };
    let compiled = parser::parse(&chars, is_text, flags).and_then(|parsed| compiler::compile(&parsed, is_text).map(|prog| (parsed, prog)));
    let (parsed, prog) = match compiled {
        Ok(x) => x,
        Err(ReError { msg, overflow: true, .. }) => return Err(vm.overflow_error(msg)),
        Err(ReError { msg, value_error: true, .. }) => return Err(vm.value_error(msg)),
        Err(ReError { msg, pos, .. }) => return Err(raise_re_error(vm, &msg, pattern, pos)),
    };
    let gi = vm.new_dict();
    let mut names: Vec<Option<Rc<str>>> = vec![None; parsed.groups];
    for (name, idx) in &parsed.names {
        let k = vm.new_str(name.as_str());
        vm.dict_set(&gi, k, Value::Int(*idx as i64))?;
        names[*idx] = Some(name.as_str().into());
    }
    let match_type = vm.extra_types["re.Match"].clone();
    let data = PatternData { prog, pattern, flags: parsed.flags, is_text, groupindex: gi, names, flags_arg, match_type, wide_cache: Default::default() };
    let ty = vm.extra_types["re.Pattern"].clone();
    Ok(vm.alloc(ty, Data::Native(Box::new(data))))
}

/// Parses (string, pos, endpos) of match/search/fullmatch/findall/finditer.
fn string_pos_args(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<(Value, Subject, usize, usize)> {
    let this = args.pos()[0].clone();
    if !args.has_kwargs() && args.pos().len() == 2 {
        let pat = pattern_of(vm, &this)?;
        let subj = make_subject_cached(vm, pat, &args.pos()[1])?;
        let n = subj.len();
        return Ok((this, subj, 0, n));
    }
    let b = bind(vm, args, fname, &["string", "pos", "endpos"], 1, true)?;
    let string = b[0].clone().unwrap();
    let pat = pattern_of(vm, &this)?;
    let subj = make_subject_cached(vm, pat, &string)?;
    let (p, e) = clamp_range(vm, subj.len(), &b[1], &b[2])?;
    Ok((this, subj, p, e))
}

fn do_match(vm: &mut Vm, args: Args, mode: Mode, fname: &str) -> PyResult<Value> {
    let (this, subj, pos, endpos) = string_pos_args(vm, &args, fname)?;
    let pat = pattern_of(vm, &this)?;
    match find_one(vm, &pat.prog, &subj, pos, endpos, mode, false)? {
        Some(f) => Ok(new_match(vm, &this, Rc::new(subj), pos, endpos, f)),
        None => Ok(Value::None),
    }
}

fn p_match(vm: &mut Vm, args: Args) -> PyResult<Value> {
    do_match(vm, args, Mode::Match, "match")
}
fn p_search(vm: &mut Vm, args: Args) -> PyResult<Value> {
    do_match(vm, args, Mode::Search, "search")
}
fn p_fullmatch(vm: &mut Vm, args: Args) -> PyResult<Value> {
    do_match(vm, args, Mode::Full, "fullmatch")
}

/// The value of group `g` of a found match, or `default` if it did not take part.
pub fn group_value(vm: &mut Vm, subj: &Subject, slots: &[usize], g: usize, default: &Value) -> Value {
    let (s, e) = (slots[2 * g], slots[2 * g + 1]);
    if s == UNSET || e == UNSET {
        return default.clone();
    }
    subj.slice(vm, s, e.max(s))
}

fn empty_of(vm: &mut Vm, subj: &Subject) -> Value {
    if subj.is_text() {
        vm.new_str("")
    } else {
        vm.new_bytes(Vec::new())
    }
}

fn p_findall(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, subj, pos, endpos) = string_pos_args(vm, &args, "findall")?;
    let pat = pattern_of(vm, &this)?;
    let found = find_all(vm, &pat.prog, &subj, pos, endpos, 0)?;
    let ng = pat.ngroups();
    let empty = empty_of(vm, &subj);
    let mut out = Vec::with_capacity(found.len());
    for f in &found {
        let item = match ng {
            0 => subj.slice(vm, f.slots[0], f.slots[1]),
            1 => group_value(vm, &subj, &f.slots, 1, &empty),
            _ => {
                let items: Vec<Value> = (1..=ng).map(|g| group_value(vm, &subj, &f.slots, g, &empty)).collect();
                vm.new_tuple(items)
            }
        };
        out.push(item);
    }
    Ok(vm.new_list(out))
}

fn p_finditer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, subj, pos, endpos) = string_pos_args(vm, &args, "finditer")?;
    Ok(match_obj::new_scanner(vm, this, subj, pos, endpos))
}

fn p_scanner(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (this, subj, pos, endpos) = string_pos_args(vm, &args, "scanner")?;
    Ok(match_obj::new_sre_scanner(vm, this, subj, pos, endpos))
}

fn p_split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "split", &["string", "maxsplit"], 1, true)?;
    let this = args.pos()[0].clone();
    let pat = pattern_of(vm, &this)?;
    let subj = make_subject(vm, pat.is_text, b[0].as_ref().unwrap())?;
    let maxsplit = match &b[1] {
        Some(v) => int_arg(vm, v)?,
        None => 0,
    };
    let n = subj.len();
    let mut out = Vec::new();
    if maxsplit >= 0 {
        let found = find_all(vm, &pat.prog, &subj, 0, n, maxsplit as usize)?;
        let ng = pat.ngroups();
        let mut last = 0;
        for f in &found {
            out.push(subj.slice(vm, last, f.slots[0]));
            for g in 1..=ng {
                out.push(group_value(vm, &subj, &f.slots, g, &Value::None));
            }
            last = f.slots[1];
        }
        out.push(subj.slice(vm, last, n));
    } else {
        out.push(subj.slice(vm, 0, n));
    }
    Ok(vm.new_list(out))
}

fn p_sub(vm: &mut Vm, args: Args) -> PyResult<Value> {
    template::subx(vm, args, false)
}
fn p_subn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    template::subx(vm, args, true)
}

/// The flags part of a Pattern repr (`re.IGNORECASE|re.MULTILINE`), if any.
fn flags_repr(flags: u32, is_text: bool) -> Option<String> {
    let mut f = flags;
    if is_text && f & (FLAG_LOCALE | FLAG_UNICODE | FLAG_ASCII) == FLAG_UNICODE {
        f &= !FLAG_UNICODE;
    }
    if f == 0 {
        return None;
    }
    let names = [
        ("re.IGNORECASE", FLAG_IGNORECASE),
        ("re.LOCALE", FLAG_LOCALE),
        ("re.MULTILINE", FLAG_MULTILINE),
        ("re.DOTALL", FLAG_DOTALL),
        ("re.UNICODE", FLAG_UNICODE),
        ("re.VERBOSE", FLAG_VERBOSE),
        ("re.DEBUG", FLAG_DEBUG),
        ("re.ASCII", FLAG_ASCII),
    ];
    let mut parts = Vec::new();
    for (n, bit) in names {
        if f & bit != 0 {
            parts.push(n.to_string());
            f &= !bit;
        }
    }
    if f != 0 {
        parts.push(format!("0x{:x}", f));
    }
    Some(parts.join("|"))
}

fn p_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = args.pos()[0].clone();
    let pat = pattern_of(vm, &this)?;
    let (pattern, flags, is_text) = (pat.pattern.clone(), pat.flags, pat.is_text);
    let r = vm.repr_string(&pattern)?;
    let r: String = r.chars().take(200).collect();
    let s = match flags_repr(flags, is_text) {
        Some(f) => format!("re.compile({}, {})", r, f),
        None => format!("re.compile({})", r),
    };
    Ok(vm.new_str(s))
}

fn p_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    let a = pattern_of(vm, &p[0])?;
    let Some(b) = p.get(1).and_then(|v| v.native::<PatternData>()) else { return Ok(vm.not_implemented.clone()) };
    if p[0].is(&p[1]) {
        return Ok(Value::bool(true));
    }
    if a.flags != b.flags || a.is_text != b.is_text {
        return Ok(Value::bool(false));
    }
    let (x, y) = (a.pattern.clone(), b.pattern.clone());
    Ok(Value::bool(vm.eq(&x, &y)?))
}

fn p_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = p_eq(vm, args)?;
    Ok(match r {
        Value::Bool(b) => Value::bool(!b.get()),
        other => other,
    })
}

fn p_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = args.pos()[0].clone();
    let pat = pattern_of(vm, &this)?;
    let (pattern, flags) = (pat.pattern.clone(), pat.flags);
    let h = vm.hash(&pattern)?;
    let mut r = h ^ (flags as i64).wrapping_mul(1000003);
    if r == -1 {
        r = -2;
    }
    Ok(Value::Int(r))
}

fn p_copy(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos()[0].clone())
}

fn p_field(vm: &mut Vm, o: &Value, which: u8) -> PyResult<Value> {
    let pat = pattern_of(vm, o)?;
    Ok(match which {
        0 => pat.pattern.clone(),
        1 => Value::Int(pat.flags as i64),
        2 => Value::Int(pat.ngroups() as i64),
        _ => {
            let gi = pat.groupindex.clone();
            let copy = vm.call(&Value::Obj(vm.t.dict.clone()), &[gi])?;
            egret_vm::builtins::dict_views::new_mappingproxy(vm, copy)
        }
    })
}

impl PatternData {
    pub fn group_index(&self, vm: &mut Vm, key: &Value) -> PyResult<Option<usize>> {
        if let Some(i) = egret_vm::builtins::numeric::int_ref(key) {
            return Ok(i.to_i64().filter(|&x| x >= 0 && (x as usize) < self.prog.groups).map(|x| x as usize));
        }
        if key.as_pystr().is_some() {
            let gi = self.groupindex.clone();
            return Ok(match vm.dict_get(&gi, key)? {
                Some(Value::Int(i)) => Some(i as usize),
                _ => None,
            });
        }
        Ok(None)
    }
}

pub fn make_module(vm: &mut Vm) -> PyResult<Value> {
    if !vm.extra_types.contains_key("re.Pattern") {
        let pt = vm.new_builtin_type("Pattern", None, Layout::Native, 0);
        vm.extra_types.insert("re.Pattern", pt.clone());
        let m = vm.new_str("re");
        vm.set_type_attr(&pt, "__module__", m);
        add_methods(
            vm,
            &pt,
            &[
                ("match", p_match),
                ("search", p_search),
                ("fullmatch", p_fullmatch),
                ("findall", p_findall),
                ("finditer", p_finditer),
                ("scanner", p_scanner),
                ("split", p_split),
                ("sub", p_sub),
                ("subn", p_subn),
                ("__repr__", p_repr),
                ("__eq__", p_eq),
                ("__ne__", p_ne),
                ("__hash__", p_hash),
                ("__copy__", p_copy),
                ("__deepcopy__", p_copy),
            ],
        );
        vm.add_classmethod(&pt, "__class_getitem__", egret_vm::builtins::container_helpers::class_getitem);
        add_getset(vm, &pt, "pattern", |vm, o| p_field(vm, o, 0), None);
        add_getset(vm, &pt, "flags", |vm, o| p_field(vm, o, 1), None);
        add_getset(vm, &pt, "groups", |vm, o| p_field(vm, o, 2), None);
        add_getset(vm, &pt, "groupindex", |vm, o| p_field(vm, o, 3), None);
        match_obj::init_types(vm);
    }
    let m = vm.new_module("_sre");
    vm.add_module_function(&m, "compile", sre_compile);
    vm.add_module_function(&m, "_set_error_class", set_error_class);
    module_funcs::add_functions(vm, &m);
    let d = vm.module_dict(&m).expect("module dict");
    for (name, key) in [("Pattern", "re.Pattern"), ("Match", "re.Match")] {
        let t = Value::Obj(vm.extra_types[key].clone());
        vm.dict_set_str(&d, name, t);
    }
    vm.dict_set_str(&d, "MAXREPEAT", Value::Int(parser::MAXREPEAT as i64));
    vm.dict_set_str(&d, "MAXGROUPS", Value::Int(parser::MAXGROUPS as i64));
    Ok(m)
}
