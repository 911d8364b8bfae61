//! Traceback objects and printing exceptions the way CPython 3.12 does.
//!
//! As an exception unwinds, the interpreter calls [`add_traceback_entry`] for
//! each frame it leaves; the entry records the code object and the
//! instruction, from which the line and the column range come (the code's
//! per-instruction locations). Printing follows CPython 3.12's
//! `traceback.py`: the chain of causes and contexts first, each frame as
//! `File "...", line N, in name`, its stripped source line, the position
//! markers (`~~~^^^` anchored on binary operators and subscripts, `^^^^`
//! otherwise, none when the range covers the whole line), repeated frames
//! folded into "[Previous line repeated N more times]", then the exception
//! line and its notes. Exception groups print as CPython's nested boxes.

use crate::code::Code;
use crate::value::{Data, NativeData, Value};
use crate::vm::Vm;
use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

/// One traceback entry (`types.TracebackType`).
pub struct Traceback {
    pub code: Rc<Code>,
    pub lasti: u32,
    /// The frame object, when one was materialised (`tb_frame`).
    pub frame: RefCell<Value>,
    /// The next (inner) entry or None.
    pub next: RefCell<Value>,
}

impl NativeData for Traceback {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.frame.borrow());
        visit(&self.next.borrow());
    }
    fn clear(&self) {
        *self.frame.borrow_mut() = Value::None;
        *self.next.borrow_mut() = Value::None;
    }
}

impl Traceback {
    pub fn lineno(&self) -> u32 {
        self.code.code.locations.get(self.lasti as usize).map(|l| l.line).unwrap_or(0)
    }
}

/// The `traceback` type (created on first use).
pub fn traceback_type(vm: &mut Vm) -> crate::PyRef {
    if let Some(t) = vm.extra_types.get("traceback") {
        return t.clone();
    }
    let t = vm.new_builtin_type("traceback", None, crate::types::Layout::Native, 0);
    vm.extra_types.insert("traceback", t.clone());
    for (name, get) in [
        ("tb_lineno", tb_lineno as crate::descriptor::Getter),
        ("tb_next", tb_next),
        ("tb_frame", tb_frame),
        ("tb_lasti", tb_lasti),
    ] {
        let gs = vm.alloc(vm.t.object.clone(), Data::Native(Box::new(crate::descriptor::GetSet { name, get, set: None, owner: "traceback" })));
        vm.set_type_attr(&t, name, gs);
    }
    t
}

fn tb_lineno(vm: &mut Vm, v: &Value) -> crate::PyResult<Value> {
    let tb = v.native::<Traceback>().ok_or_else(|| vm.type_error("expected a traceback"))?;
    Ok(Value::Int(tb.lineno() as i64))
}
fn tb_lasti(vm: &mut Vm, v: &Value) -> crate::PyResult<Value> {
    let tb = v.native::<Traceback>().ok_or_else(|| vm.type_error("expected a traceback"))?;
    Ok(Value::Int(tb.lasti as i64 * 2))
}
fn tb_next(vm: &mut Vm, v: &Value) -> crate::PyResult<Value> {
    let tb = v.native::<Traceback>().ok_or_else(|| vm.type_error("expected a traceback"))?;
    Ok(tb.next.borrow().clone())
}
fn tb_frame(vm: &mut Vm, v: &Value) -> crate::PyResult<Value> {
    let tb = v.native::<Traceback>().ok_or_else(|| vm.type_error("expected a traceback"))?;
    Ok(tb.frame.borrow().clone())
}

/// Records that `exc` passed through the frame running `code` at instruction
/// `lasti` (called by the interpreter as an exception unwinds each frame,
/// innermost first: the new entry becomes the head of `exc.__traceback__`).
pub fn add_traceback_entry(vm: &mut Vm, exc: &Value, code: &Rc<Code>, lasti: u32) {
    add_traceback_entry_with_frame(vm, exc, code, lasti, Value::None)
}

/// [`add_traceback_entry`] with the frame object (`tb_frame`) when the interpreter has one.
pub fn add_traceback_entry_with_frame(vm: &mut Vm, exc: &Value, code: &Rc<Code>, lasti: u32, frame: Value) {
    let Some(d) = vm.exception_data(exc) else { return };
    let next = d.borrow().traceback.clone();
    let ty = traceback_type(vm);
    let tb = vm.alloc(ty, Data::Native(Box::new(Traceback { code: code.clone(), lasti, frame: RefCell::new(frame), next: RefCell::new(next) })));
    if let Some(d) = vm.exception_data(exc) {
        d.borrow_mut().traceback = tb;
    }
}

/// Prints `exc` with its traceback and chained exceptions to stderr, as
/// CPython's default `sys.excepthook` does.
pub fn print_exception(vm: &mut Vm, exc: &Value) {
    let text = format_exception(vm, exc);
    crate::stdio::write_stderr(vm, &text);
}

/// The full report for `exc`, as `traceback.format_exception` joins it.
pub fn format_exception(vm: &mut Vm, exc: &Value) -> String {
    let mut out = String::new();
    let mut seen: Vec<usize> = Vec::new();
    format_chain(vm, exc, &mut out, &mut seen, "");
    out
}

fn format_chain(vm: &mut Vm, exc: &Value, out: &mut String, seen: &mut Vec<usize>, margin: &str) {
    seen.push(exc.id() as usize);
    if let Some(d) = vm.exception_data(exc) {
        let (cause, context, suppress) = {
            let d = d.borrow();
            (d.cause.clone(), d.context.clone(), d.suppress_context)
        };
        if !cause.is_none() && !seen.contains(&(cause.id() as usize)) {
            format_chain(vm, &cause, out, seen, margin);
            let _ = write!(out, "{margin}\n{margin}The above exception was the direct cause of the following exception:\n{margin}\n");
        } else if !suppress && !context.is_none() && !seen.contains(&(context.id() as usize)) {
            format_chain(vm, &context, out, seen, margin);
            let _ = write!(out, "{margin}\n{margin}During handling of the above exception, another exception occurred:\n{margin}\n");
        }
    }
    format_single(vm, exc, out, margin);
}

/// The traceback and exception lines of one exception (no chain).
fn format_single(vm: &mut Vm, exc: &Value, out: &mut String, margin: &str) {
    let tb = vm.exception_data(exc).map(|d| d.borrow().traceback.clone()).unwrap_or(Value::None);
    if vm.is_instance(exc, &vm.e.base_exception_group.clone()) {
        format_group(vm, exc, out, margin, 0);
        return;
    }
    if !tb.is_none() {
        let _ = writeln!(out, "{margin}Traceback (most recent call last):");
        out.push_str(&indent(&format_tb(vm, &tb), margin));
    }
    out.push_str(&indent(&format_exception_only(vm, exc), margin));
}

fn indent(text: &str, margin: &str) -> String {
    if margin.is_empty() {
        return text.to_string();
    }
    text.lines().map(|l| format!("{margin}{l}\n")).collect()
}

/// `+-+---- 1 ----` style rendering of exception groups (CPython 3.12).
fn format_group(vm: &mut Vm, exc: &Value, out: &mut String, margin: &str, depth: usize) {
    let tb = vm.exception_data(exc).map(|d| d.borrow().traceback.clone()).unwrap_or(Value::None);
    let m = if depth == 0 { format!("{margin}  | ") } else { format!("{margin}| ") };
    let head = if depth == 0 { format!("{margin}  + ") } else { margin.to_string() };
    let _ = head;
    if depth == 0 {
        let _ = writeln!(out, "{margin}  + Exception Group Traceback (most recent call last):");
    } else {
        let _ = writeln!(out, "{m}Exception Group Traceback (most recent call last):");
    }
    if !tb.is_none() {
        out.push_str(&indent(&format_tb(vm, &tb), &m));
    }
    out.push_str(&indent(&format_exception_only(vm, exc), &m));
    let excs: Vec<Value> = vm.get_attr_raw(exc, "__egret_exceptions__").and_then(|t| t.as_tuple().map(|t| t.to_vec())).unwrap_or_default();
    let n = excs.len();
    let inner_margin = if depth == 0 { format!("{margin}    ") } else { format!("{margin}  ") };
    for (i, sub) in excs.iter().enumerate().take(15) {
        let bar = format!("---------------- {} ----------------", i + 1);
        let lead = if i == 0 { "+-+" } else { "  +" };
        let base = if depth == 0 { format!("{margin}  ") } else { margin.to_string() };
        let _ = writeln!(out, "{base}{lead}{bar}");
        let mut sub_out = String::new();
        let mut seen = vec![];
        if vm.is_instance(sub, &vm.e.base_exception_group.clone()) {
            format_group(vm, sub, &mut sub_out, "", depth + 1);
        } else {
            format_chain(vm, sub, &mut sub_out, &mut seen, "");
        }
        for l in sub_out.lines() {
            let _ = writeln!(out, "{inner_margin}| {l}");
        }
        if i == n - 1 {
            let _ = writeln!(out, "{inner_margin}+------------------------------------");
        }
    }
    if n > 15 {
        let _ = writeln!(out, "{inner_margin}+---------------- ... ----------------");
        let _ = writeln!(out, "{inner_margin}| and {} more exceptions", n - 15);
        let _ = writeln!(out, "{inner_margin}+------------------------------------");
    }
}

/// One `File ..., line N, in name` block per entry, with repeated frames folded.
pub fn format_tb(vm: &mut Vm, tb: &Value) -> String {
    let mut out = String::new();
    let mut cur = tb.clone();
    let mut last: Option<(String, u32, String)> = None;
    let mut count = 0usize;
    while let Some(t) = cur.native::<Traceback>() {
        let code = t.code.clone();
        let lasti = t.lasti;
        let next = t.next.borrow().clone();
        let key = (code.code.filename.to_string(), code.code.locations.get(lasti as usize).map(|l| l.line).unwrap_or(0), code.code.name.to_string());
        if last.as_ref() == Some(&key) {
            count += 1;
        } else {
            flush_repeats(&mut out, count);
            last = Some(key);
            count = 1;
        }
        if count <= 3 {
            out.push_str(&format_frame(vm, &code, lasti));
        }
        cur = next;
    }
    flush_repeats(&mut out, count);
    out
}

fn flush_repeats(out: &mut String, count: usize) {
    if count > 3 {
        let n = count - 3;
        let _ = writeln!(out, "  [Previous line repeated {} more time{}]", n, if n > 1 { "s" } else { "" });
    }
}

/// The source line `lineno` (1-based) of `filename`, if it can be read.
pub fn source_line(vm: &Vm, filename: &str, lineno: u32) -> Option<String> {
    if lineno == 0 {
        return None;
    }
    let text = if let Some(src) = vm.source_cache.get(filename) {
        src.to_string()
    } else {
        std::fs::read_to_string(filename).ok()?
    };
    text.split_inclusive('\n').nth(lineno as usize - 1).map(|l| l.trim_end_matches(['\n', '\r']).to_string())
}

fn format_frame(vm: &mut Vm, code: &Rc<Code>, lasti: u32) -> String {
    let co = &code.code;
    let loc = co.locations.get(lasti as usize).copied().unwrap_or_default();
    let mut row = format!("  File \"{}\", line {}, in {}\n", co.filename, loc.line, co.name);
    let Some(line) = source_line(vm, &co.filename, loc.line) else { return row };
    let stripped = line.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\x0c' || c == '\n');
    if stripped.is_empty() {
        return row;
    }
    let _ = writeln!(row, "    {stripped}");
    if loc.col == u32::MAX || loc.end_col == u32::MAX || loc.end_line == 0 {
        return row;
    }
    let lead = line.chars().count() - line.trim_start_matches([' ', '\t', '\x0c']).chars().count();
    let start = byte_to_char(&line, loc.col as usize);
    let mut end = byte_to_char(&line, loc.end_col as usize);
    let mut anchors = None;
    if loc.line == loc.end_line {
        let seg_start = char_to_byte(&line, start);
        let seg_end = char_to_byte(&line, end);
        if seg_start <= seg_end && seg_end <= line.len() {
            anchors = caret_anchors(&line[seg_start..seg_end]);
        }
    } else {
        end = line.trim_end().chars().count();
    }
    let stripped_len = stripped.chars().count();
    let show = end.saturating_sub(start) < stripped_len || anchors.map_or(false, |(l, r)| r > l);
    if !show || end < start {
        return row;
    }
    row.push_str("    ");
    row.push_str(&" ".repeat(start.saturating_sub(lead)));
    match anchors {
        Some((l, r)) => {
            let total = end - start;
            row.push_str(&"~".repeat(l));
            row.push_str(&"^".repeat(r.saturating_sub(l)));
            row.push_str(&"~".repeat(total.saturating_sub(r)));
        }
        None => row.push_str(&"^".repeat(end - start)),
    }
    row.push('\n');
    row
}

fn byte_to_char(s: &str, byte: usize) -> usize {
    let b = byte.min(s.len());
    let mut b2 = b;
    while b2 > 0 && !s.is_char_boundary(b2) {
        b2 -= 1;
    }
    s[..b2].chars().count()
}

fn char_to_byte(s: &str, ch: usize) -> usize {
    s.char_indices().nth(ch).map(|(i, _)| i).unwrap_or(s.len())
}

/// CPython 3.12's caret anchors for a one-line segment: for a binary
/// operation, the operator (as character offsets `left..right` within the
/// segment); for a subscript, the brackets and what is inside.
fn caret_anchors(segment: &str) -> Option<(usize, usize)> {
    crate::traceback_anchors::anchors(segment)
}

/// `format_exception_only`: the `Type: message` line (and notes).
pub fn format_exception_only(vm: &mut Vm, exc: &Value) -> String {
    let ty = vm.type_of(exc);
    let td = crate::types::tdata(&ty);
    let qualname = td.qualname.borrow().to_string();
    let module = crate::types::tdata(&ty).own_attr("__module__").and_then(|m| m.as_str().map(|s| s.to_string()));
    let stype = match module.as_deref() {
        Some("__main__") | Some("builtins") | None => qualname,
        Some(m) => format!("{m}.{qualname}"),
    };
    let mut out = String::new();
    if vm.is_instance(exc, &vm.e.syntax_error.clone()) {
        out.push_str(&format_syntax_error(vm, exc, &stype));
    } else {
        let msg = match vm.str(exc) {
            Ok(s) => s.as_str().unwrap_or("").to_string(),
            Err(_) => "<exception str() failed>".to_string(),
        };
        if msg.is_empty() {
            let _ = writeln!(out, "{stype}");
        } else {
            let _ = writeln!(out, "{stype}: {msg}");
        }
    }
    if let Some(notes) = vm.get_attr_raw(exc, "__notes__") {
        match notes.as_list().map(|l| l.borrow().clone()) {
            Some(items) => {
                for n in items {
                    let s = match n.as_str() {
                        Some(s) => s.to_string(),
                        None => vm.str_string(&n).unwrap_or_else(|_| "<note str() failed>".to_string()),
                    };
                    let _ = writeln!(out, "{s}");
                }
            }
            None => {
                let r = vm.repr_string(&notes).unwrap_or_else(|_| "<__notes__ repr() failed>".to_string());
                let _ = writeln!(out, "{r}");
            }
        }
    }
    out
}

fn format_syntax_error(vm: &mut Vm, exc: &Value, stype: &str) -> String {
    let get = |vm: &Vm, n: &str| vm.get_attr_raw(exc, n).unwrap_or(Value::None);
    let filename = get(vm, "filename");
    let lineno = get(vm, "lineno");
    let text = get(vm, "text");
    let offset = get(vm, "offset");
    let end_offset = get(vm, "end_offset");
    let end_lineno = get(vm, "end_lineno");
    let msg = get(vm, "msg");
    let msg = if msg.is_none() { "<no detail available>".to_string() } else { vm.str_string(&msg).unwrap_or_default() };
    let mut out = String::new();
    let fname = filename.as_str().map(|s| s.to_string()).unwrap_or_else(|| "<string>".to_string());
    if let Value::Int(l) = lineno {
        let _ = writeln!(out, "  File \"{fname}\", line {l}");
    }
    if let Some(t) = text.as_str() {
        let line = t.trim_end_matches(['\n', '\r']);
        let stripped = line.trim_start_matches([' ', '\t', '\x0c']);
        let lead = line.chars().count() - stripped.chars().count();
        if !stripped.trim().is_empty() {
            let _ = writeln!(out, "    {}", stripped.trim_end());
            if let Value::Int(off) = offset {
                let off = off as usize;
                let mut end = match (end_offset, end_lineno, &lineno) {
                    (Value::Int(e), Value::Int(el), Value::Int(l)) if el == *l && e as usize > off => e as usize,
                    _ => off + 1,
                };
                let width = line.chars().count() + 1;
                end = end.min(width).max(off + 1);
                let start = off.max(1).saturating_sub(1).saturating_sub(lead);
                let caret_end = end.saturating_sub(1).saturating_sub(lead);
                let _ = writeln!(out, "    {}{}", " ".repeat(start), "^".repeat(caret_end.saturating_sub(start).max(1)));
            }
        }
    }
    let _ = writeln!(out, "{stype}: {msg}");
    out
}
