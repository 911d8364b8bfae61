//! Python-visible frame objects, made only on demand (`sys._getframe`,
//! `gi_frame`, tracebacks). A frame object is a view that remembers the
//! running frame's code, globals, line and a locals snapshot; the snapshot
//! and line are refreshed whenever the object is handed out again and when
//! the frame finishes.

use super::frame::{snapshot_dict, Frame};
use crate::function::Args;
use crate::types::Layout;
use crate::value::{Data, NativeData, PyRef, Value};
use crate::vm::Vm;
use crate::PyResult;
use std::cell::{Cell, RefCell};

pub struct FrameObject {
    pub code: Value,
    pub globals: Value,
    pub builtins: Value,
    pub locals: RefCell<Value>,
    pub lineno: Cell<u32>,
    pub lasti: Cell<u32>,
    pub back: RefCell<Value>,
}

impl NativeData for FrameObject {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.code);
        visit(&self.globals);
        visit(&self.locals.borrow());
        visit(&self.back.borrow());
    }
    fn clear(&self) {
        *self.locals.borrow_mut() = Value::None;
        *self.back.borrow_mut() = Value::None;
    }
}

fn locals_of(vm: &mut Vm, f: &Frame) -> Value {
    if let Some(m) = &f.locals_map {
        return m.clone();
    }
    let pairs = f
        .code
        .localsplus_names
        .iter()
        .zip(f.locals.iter())
        .zip(f.code.code.localsplus_kinds.iter())
        .map(|((n, v), k)| (n.clone(), v.clone(), *k))
        .collect();
    snapshot_dict(vm, pairs)
}

fn new_frame_object(vm: &mut Vm, f: &Frame, back: Value) -> PyRef {
    let code = vm.alloc(vm.t.code.clone(), Data::Code(f.code.clone()));
    // The locals snapshot is taken when asked for (`f_locals`) and when the frame finishes.
    let locals = Value::None;
    let fo = FrameObject {
        code,
        globals: Value::Obj(f.globals.clone()),
        builtins: Value::Obj(f.builtins.clone()),
        locals: RefCell::new(locals),
        lineno: Cell::new(f.line()),
        lasti: Cell::new(f.lasti()),
        back: RefCell::new(back),
    };
    let ty = vm.extra_types.get("frame").cloned().expect("frame type created at start-up");
    match vm.alloc(ty, Data::Native(Box::new(fo))) {
        Value::Obj(o) => o,
        _ => unreachable!(),
    }
}

fn refresh(vm: &mut Vm, index: usize) {
    let Some(po) = vm.interp.frames[index].pyframe.clone() else { return };
    let frame_ptr: *const Frame = &*vm.interp.frames[index];
    // SAFETY: the frame is boxed and stays on the stack during this call.
    let locals = locals_of(vm, unsafe { &*frame_ptr });
    refresh_line(vm, index);
    if let Some(fo) = po.native::<FrameObject>() {
        *fo.locals.borrow_mut() = locals;
    }
}

fn refresh_line(vm: &mut Vm, index: usize) {
    let Some(po) = vm.interp.frames[index].pyframe.clone() else { return };
    let (line, lasti) = (vm.interp.frames[index].line(), vm.interp.frames[index].lasti());
    if let Some(fo) = po.native::<FrameObject>() {
        fo.lineno.set(line);
        fo.lasti.set(lasti);
    }
}

/// The index in `vm.interp.frames` of the running frame whose object is `v`.
fn running_index(vm: &Vm, v: &Value) -> Option<usize> {
    let po = v.as_obj()?;
    vm.interp.frames.iter().rposition(|f| f.pyframe.as_ref().map_or(false, |p| std::rc::Rc::ptr_eq(p, po)))
}

/// The frame object of frame number `index` (0 = outermost), creating it
/// (and its callers' objects, for `f_back`) when needed.
pub fn frame_object_at(vm: &mut Vm, index: usize) -> Value {
    let mut first_missing = index + 1;
    let mut i = index as isize;
    while i >= 0 && vm.interp.frames[i as usize].pyframe.is_none() {
        first_missing = i as usize;
        i -= 1;
    }
    for j in first_missing..=index {
        let back = if j == 0 { Value::None } else { vm.interp.frames[j - 1].pyframe.clone().map(Value::Obj).unwrap_or(Value::None) };
        let frame_ptr: *const Frame = &*vm.interp.frames[j];
        // SAFETY: as in `refresh`.
        let po = new_frame_object(vm, unsafe { &*frame_ptr }, back);
        vm.interp.frames[j].pyframe = Some(po);
    }
    refresh_line(vm, index);
    vm.interp.frames[index].pyframe.clone().map(Value::Obj).unwrap_or(Value::None)
}

/// The frame object of the innermost frame, for a traceback entry.
pub fn top_frame_object(vm: &mut Vm) -> Value {
    match vm.interp.frames.len() {
        0 => Value::None,
        n => frame_object_at(vm, n - 1),
    }
}

/// `sys._getframe(depth)`.
pub fn get_frame(vm: &mut Vm, depth: usize) -> PyResult<Value> {
    let n = vm.interp.frames.len();
    if depth >= n {
        return Err(vm.value_error("call stack is not deep enough"));
    }
    Ok(frame_object_at(vm, n - 1 - depth))
}

/// Called as a frame is popped: a frame object made for it keeps the last state.
#[inline]
pub fn frame_finished(vm: &mut Vm, f: &Frame) {
    if let Some(po) = &f.pyframe {
        let po = po.clone();
        finish_slow(vm, f, &po);
    }
}

#[cold]
fn finish_slow(vm: &mut Vm, f: &Frame, po: &PyRef) {
    let locals = locals_of(vm, f);
    if let Some(fo) = po.native::<FrameObject>() {
        fo.lineno.set(f.line());
        fo.lasti.set(f.lasti());
        *fo.locals.borrow_mut() = locals;
    }
}

/// The frame object of a suspended generator.
pub fn generator_frame_object(vm: &mut Vm, gv: &Value) -> Value {
    let Some(g) = gv.native::<super::generator::Generator>() else { return Value::None };
    let fb = g.frame.borrow();
    let Some(f) = fb.as_ref() else { return Value::None };
    if let Some(po) = &f.pyframe {
        return Value::Obj(po.clone());
    }
    let frame_ptr: *const Frame = &**f;
    drop(fb);
    // SAFETY: the generator keeps its frame while we read it; no Python code runs here
    // except building a snapshot dict of plain values.
    let po = new_frame_object(vm, unsafe { &*frame_ptr }, Value::None);
    // SAFETY: as above.
    let locals = locals_of(vm, unsafe { &*frame_ptr });
    if let Some(fo) = po.native::<FrameObject>() {
        *fo.locals.borrow_mut() = locals;
    }
    if let Some(g) = gv.native::<super::generator::Generator>() {
        if let Some(f) = g.frame.borrow_mut().as_mut() {
            f.pyframe = Some(po.clone());
        }
    }
    Value::Obj(po)
}

fn fo<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a FrameObject> {
    v.native::<FrameObject>().ok_or_else(|| vm.type_error("expected a frame"))
}

fn f_code(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(fo(vm, v)?.code.clone())
}
fn f_globals(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(fo(vm, v)?.globals.clone())
}
fn f_builtins(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(fo(vm, v)?.builtins.clone())
}
fn f_locals(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    // Refresh when the frame is still running.
    if let Some(i) = running_index(vm, v) {
        refresh(vm, i);
    }
    let f = fo(vm, v)?;
    let l = f.locals.borrow().clone();
    if l.is_none() {
        // A suspended generator's frame: an empty snapshot.
        let d = vm.new_dict();
        *fo(vm, v)?.locals.borrow_mut() = d.clone();
        return Ok(d);
    }
    Ok(l)
}
fn f_lineno(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Some(i) = running_index(vm, v) {
        refresh_line(vm, i);
    }
    Ok(Value::Int(fo(vm, v)?.lineno.get() as i64))
}
fn f_lasti(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Some(i) = running_index(vm, v) {
        refresh_line(vm, i);
    }
    Ok(Value::Int(fo(vm, v)?.lasti.get() as i64 * 2))
}
fn f_back(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(fo(vm, v)?.back.borrow().clone())
}
fn f_trace(_vm: &mut Vm, _v: &Value) -> PyResult<Value> {
    Ok(Value::None)
}

fn frame_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.pos().first().cloned().unwrap_or(Value::None);
    let f = fo(vm, &v)?;
    let (file, name) = match &f.code {
        Value::Obj(o) => match &o.data {
            Data::Code(c) => (c.code.filename.to_string(), c.code.name.to_string()),
            _ => (String::new(), String::new()),
        },
        _ => (String::new(), String::new()),
    };
    let line = f.lineno.get();
    Ok(vm.new_str(format!("<frame at {:#x}, file '{}', line {}, code {}>", v.id(), file, line, name)))
}

fn frame_clear(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

pub fn init(vm: &mut Vm) {
    let ty = vm.new_builtin_type("frame", None, Layout::Native, 0);
    let add = super::generator::add_getset;
    add(vm, &ty, "f_code", f_code, None);
    add(vm, &ty, "f_globals", f_globals, None);
    add(vm, &ty, "f_builtins", f_builtins, None);
    add(vm, &ty, "f_locals", f_locals, None);
    add(vm, &ty, "f_lineno", f_lineno, None);
    add(vm, &ty, "f_lasti", f_lasti, None);
    add(vm, &ty, "f_back", f_back, None);
    add(vm, &ty, "f_trace", f_trace, None);
    vm.add_method(&ty, "__repr__", frame_repr);
    vm.add_method(&ty, "clear", frame_clear);
    vm.extra_types.insert("frame", ty);
}
