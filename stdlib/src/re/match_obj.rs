//! The `re.Match` type (groups, spans, `expand`, CPython's repr) and the
//! iterator returned by `Pattern.finditer` (a `callable_iterator` that
//! searches lazily, one match per `__next__`).

use std::cell::Cell;
use std::rc::Rc;

use egret_vm::builtins::container_helpers::add_methods;
use egret_vm::builtins::object::add_getset;
use egret_vm::builtins::str_util::bind;
use egret_vm::function::Args;
use egret_vm::types::Layout;
use egret_vm::value::{Data, NativeData, Value};
use egret_vm::vm::Vm;
use egret_vm::PyResult;

use super::matcher::UNSET;
use super::{find_one, group_value, pattern_of, Found, Mode, PatternData, Subject};

pub struct MatchData {
    pub pattern: Value,
    pub subj: Rc<Subject>,
    pub pos: usize,
    pub endpos: usize,
    /// Two per group (UNSET when the group did not take part).
    pub slots: Vec<usize>,
    pub lastindex: Option<usize>,
}

impl NativeData for MatchData {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.pattern);
        visit(self.subj.value());
    }
}

pub fn new_match(vm: &mut Vm, pattern: &Value, subj: Rc<Subject>, pos: usize, endpos: usize, f: Found) -> Value {
    let data = MatchData { pattern: pattern.clone(), subj, pos, endpos, slots: f.slots, lastindex: f.lastindex };
    let ty = match pattern.native::<PatternData>() {
        Some(p) => p.match_type.clone(),
        None => vm.extra_types["re.Match"].clone(),
    };
    vm.alloc(ty, Data::Native(Box::new(data)))
}

fn this<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a MatchData> {
    v.native::<MatchData>().ok_or_else(|| vm.type_error(format!("descriptor requires a 're.Match' object but received a '{}'", vm.type_name(v))))
}

impl MatchData {
    fn pat(&self) -> &PatternData {
        self.pattern.native::<PatternData>().expect("match of a pattern")
    }
    fn ngroups(&self) -> usize {
        self.slots.len() / 2
    }
    /// Group index for a group() argument, or IndexError("no such group").
    fn index(&self, vm: &mut Vm, key: &Value) -> PyResult<usize> {
        let r = if egret_vm::builtins::numeric::int_ref(key).is_some() || key.as_pystr().is_some() {
            self.pat().group_index(vm, key)?
        } else if egret_vm::slots::special(&vm.type_of(key), "__index__").is_some() {
            let i = vm.index_to_i64(key)?;
            if i >= 0 && (i as usize) < self.ngroups() {
                Some(i as usize)
            } else {
                None
            }
        } else {
            None
        };
        r.ok_or_else(|| vm.index_error("no such group"))
    }
    fn get(&self, vm: &mut Vm, g: usize, default: &Value) -> Value {
        group_value(vm, &self.subj, &self.slots, g, default)
    }
    fn span_of(&self, g: usize) -> (i64, i64) {
        let (s, e) = (self.slots[2 * g], self.slots[2 * g + 1]);
        if s == UNSET || e == UNSET {
            (-1, -1)
        } else {
            (s as i64, e as i64)
        }
    }
}

fn m_group(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("Match.group() takes no keyword arguments"));
    }
    let p = args.pos();
    let m = this(vm, &p[0])?;
    match p.len() {
        1 => Ok(m.get(vm, 0, &Value::None)),
        2 => {
            let g = m.index(vm, &p[1])?;
            Ok(m.get(vm, g, &Value::None))
        }
        _ => {
            let mut out = Vec::new();
            for k in &p[1..] {
                let g = m.index(vm, k)?;
                out.push(m.get(vm, g, &Value::None));
            }
            Ok(vm.new_tuple(out))
        }
    }
}

fn m_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.pos();
    if p.len() != 2 {
        return Err(vm.type_error("__getitem__ expects one argument"));
    }
    let m = this(vm, &p[0])?;
    let g = m.index(vm, &p[1])?;
    Ok(m.get(vm, g, &Value::None))
}

fn m_groups(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "groups", &["default"], 0, true)?;
    let m = this(vm, &args.pos()[0])?;
    let d = b[0].clone().unwrap_or(Value::None);
    let items: Vec<Value> = (1..m.ngroups()).map(|g| m.get(vm, g, &d)).collect();
    Ok(vm.new_tuple(items))
}

fn m_groupdict(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "groupdict", &["default"], 0, true)?;
    let m = this(vm, &args.pos()[0])?;
    let d = b[0].clone().unwrap_or(Value::None);
    let out = vm.new_dict();
    let gi = m.pat().groupindex.clone();
    let items = vm.collect(&gi)?;
    for k in items {
        let g = m.index(vm, &k)?;
        let v = m.get(vm, g, &d);
        vm.dict_set(&out, k, v)?;
    }
    Ok(out)
}

fn group_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<usize> {
    let b = bind(vm, args, name, &["group"], 0, false)?;
    let m = this(vm, &args.pos()[0])?;
    match &b[0] {
        Some(k) => m.index(vm, k),
        None => Ok(0),
    }
}

fn m_start(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = group_arg(vm, &args, "start")?;
    Ok(Value::Int(this(vm, &args.pos()[0])?.span_of(g).0))
}
fn m_end(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = group_arg(vm, &args, "end")?;
    Ok(Value::Int(this(vm, &args.pos()[0])?.span_of(g).1))
}
fn m_span(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = group_arg(vm, &args, "span")?;
    let (s, e) = this(vm, &args.pos()[0])?.span_of(g);
    Ok(vm.new_pair(Value::Int(s), Value::Int(e)))
}

fn m_expand(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bind(vm, &args, "expand", &["template"], 1, true)?;
    let mv = args.pos()[0].clone();
    let m = this(vm, &mv)?;
    let tmpl = super::template::compile_template(vm, &m.pattern, b[0].as_ref().unwrap())?;
    super::template::expand(vm, &tmpl, &m.subj, &m.slots)
}

fn m_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = this(vm, &args.pos()[0])?;
    let (s, e) = m.span_of(0);
    let g = m.get(vm, 0, &Value::None);
    let r = vm.repr_string(&g)?;
    Ok(vm.new_str(format!("<re.Match object; span=({}, {}), match={}>", s, e, r)))
}

fn m_copy(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos()[0].clone())
}

fn m_field(vm: &mut Vm, o: &Value, which: u8) -> PyResult<Value> {
    let m = this(vm, o)?;
    Ok(match which {
        0 => m.pattern.clone(),
        1 => m.subj.value().clone(),
        2 => Value::Int(m.pos as i64),
        3 => Value::Int(m.endpos as i64),
        4 => m.lastindex.map_or(Value::None, |i| Value::Int(i as i64)),
        5 => match m.lastindex.and_then(|i| m.pat().names.get(i).cloned().flatten()) {
            Some(n) => vm.new_str(&*n),
            None => Value::None,
        },
        _ => {
            let spans: Vec<Value> = (0..m.ngroups())
                .map(|g| {
                    let (s, e) = m.span_of(g);
                    vm.new_pair(Value::Int(s), Value::Int(e))
                })
                .collect();
            vm.new_tuple(spans)
        }
    })
}

/// State of a `finditer` iterator.
pub struct Scanner {
    pattern: Value,
    subj: Rc<Subject>,
    pos: Cell<usize>,
    /// The `pos` argument (reported by each Match).
    pos_arg: usize,
    endpos: usize,
    /// Reject an empty match at `pos` (the previous match was empty there).
    must_advance: Cell<bool>,
    done: Cell<bool>,
}

impl NativeData for Scanner {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.pattern);
        visit(self.subj.value());
    }
}

pub fn new_scanner(vm: &mut Vm, pattern: Value, subj: Subject, pos: usize, endpos: usize) -> Value {
    let sc = Scanner { pattern, subj: Rc::new(subj), pos: Cell::new(pos), pos_arg: pos, endpos, must_advance: Cell::new(false), done: Cell::new(false) };
    let ty = vm.extra_types["re.callable_iterator"].clone();
    vm.alloc(ty, Data::Native(Box::new(sc)))
}

fn sc_iter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos()[0].clone())
}

/// One step of a scanner: the next match (searching or anchored), or None.
fn sc_step(vm: &mut Vm, it: &Value, mode: Mode) -> PyResult<Option<Value>> {
    let Some(sc) = it.native::<Scanner>() else { return Err(vm.type_error("expected a scanner")) };
    if sc.done.get() {
        return Ok(None);
    }
    let pat = pattern_of(vm, &sc.pattern)?;
    match find_one(vm, &pat.prog, &sc.subj, sc.pos.get(), sc.endpos, mode, sc.must_advance.get())? {
        None => {
            sc.done.set(true);
            Ok(None)
        }
        Some(f) => {
            let (s, e) = (f.slots[0], f.slots[1]);
            sc.must_advance.set(s == e);
            sc.pos.set(e);
            let p = sc.pattern.clone();
            let subj = sc.subj.clone();
            let (pos, endpos) = (sc.pos_arg, sc.endpos);
            Ok(Some(new_match(vm, &p, subj, pos, endpos, f)))
        }
    }
}

fn sc_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match sc_step(vm, &args.pos()[0], Mode::Search)? {
        Some(m) => Ok(m),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn sc_match(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(sc_step(vm, &args.pos()[0], Mode::Match)?.unwrap_or(Value::None))
}

fn sc_search(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(sc_step(vm, &args.pos()[0], Mode::Search)?.unwrap_or(Value::None))
}

fn sc_pattern(vm: &mut Vm, o: &Value) -> PyResult<Value> {
    match o.native::<Scanner>() {
        Some(sc) => Ok(sc.pattern.clone()),
        None => Err(vm.type_error("expected a scanner")),
    }
}

pub fn new_sre_scanner(vm: &mut Vm, pattern: Value, subj: Subject, pos: usize, endpos: usize) -> Value {
    let it = new_scanner(vm, pattern, subj, pos, endpos);
    let ty = vm.extra_types["re.SRE_Scanner"].clone();
    let Some(sc) = it.native::<Scanner>() else { return it };
    let copy = Scanner {
        pattern: sc.pattern.clone(),
        subj: sc.subj.clone(),
        pos: Cell::new(sc.pos.get()),
        pos_arg: sc.pos_arg,
        endpos: sc.endpos,
        must_advance: Cell::new(false),
        done: Cell::new(false),
    };
    vm.alloc(ty, Data::Native(Box::new(copy)))
}

pub fn init_types(vm: &mut Vm) {
    let mt = vm.new_builtin_type("Match", None, Layout::Native, 0);
    vm.extra_types.insert("re.Match", mt.clone());
    let m = vm.new_str("re");
    vm.set_type_attr(&mt, "__module__", m);
    add_methods(
        vm,
        &mt,
        &[
            ("group", m_group),
            ("__getitem__", m_getitem),
            ("groups", m_groups),
            ("groupdict", m_groupdict),
            ("start", m_start),
            ("end", m_end),
            ("span", m_span),
            ("expand", m_expand),
            ("__repr__", m_repr),
            ("__copy__", m_copy),
            ("__deepcopy__", m_copy),
        ],
    );
    vm.add_classmethod(&mt, "__class_getitem__", egret_vm::builtins::container_helpers::class_getitem);
    add_getset(vm, &mt, "re", |vm, o| m_field(vm, o, 0), None);
    add_getset(vm, &mt, "string", |vm, o| m_field(vm, o, 1), None);
    add_getset(vm, &mt, "pos", |vm, o| m_field(vm, o, 2), None);
    add_getset(vm, &mt, "endpos", |vm, o| m_field(vm, o, 3), None);
    add_getset(vm, &mt, "lastindex", |vm, o| m_field(vm, o, 4), None);
    add_getset(vm, &mt, "lastgroup", |vm, o| m_field(vm, o, 5), None);
    add_getset(vm, &mt, "regs", |vm, o| m_field(vm, o, 6), None);

    let it = vm.new_builtin_type("callable_iterator", None, Layout::Native, 0);
    vm.extra_types.insert("re.callable_iterator", it.clone());
    add_methods(vm, &it, &[("__iter__", sc_iter), ("__next__", sc_next)]);

    let st = vm.new_builtin_type("SRE_Scanner", None, Layout::Native, 0);
    vm.extra_types.insert("re.SRE_Scanner", st.clone());
    let m = vm.new_str("_sre");
    vm.set_type_attr(&st, "__module__", m);
    add_methods(vm, &st, &[("match", sc_match), ("search", sc_search)]);
    add_getset(vm, &st, "pattern", sc_pattern, None);
}
