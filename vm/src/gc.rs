//! Memory management beyond reference counting: the cycle collector and
//! `__del__` finalisation.
//!
//! # Reference counting
//! Every heap object is an `Rc<Object>`: when the last reference goes, the
//! object is freed at once — CPython's prompt finalisation for free.
//!
//! # `__del__`
//! `Drop` cannot run Python code (it has no VM and the memory is about to
//! be freed). So when an instance of a class with `__del__` is dropped, its
//! contents are moved into a fresh object (a resurrection, as CPython's PEP
//! 442 allows) which is queued; the interpreter drains the queue at its next
//! safe point ([`run_pending_finalizers`], checked through one relaxed atomic
//! load) and calls `__del__` once per object. The order of output is the
//! same as CPython's for the common cases (`del x`, rebinding, a frame
//! returning); the object's `id()` seen inside `__del__` differs.
//!
//! # The cycle collector
//! Reference counting cannot free cycles. Objects that can be part of one
//! (lists, dicts, sets, instances, functions, cells, tuples holding
//! containers, ...) are registered in a table of tracked containers when
//! they are made ([`track`]): the table holds their addresses and each
//! object holds its index in the table ([`GcIndex`]), so that `Drop`
//! removes it in O(1) (swap-remove) and its memory is freed — and reused —
//! at once, as in CPython. A collection (CPython's algorithm, on the whole
//! heap at once):
//! 1. take every live tracked object; its *gc_refs* starts at its strong
//!    count;
//! 2. for every reference from one tracked object to another, decrement
//!    the target's gc_refs: what remains counts references from outside
//!    the tracked heap (frames, the Rust stack, globals of natives);
//! 3. objects with gc_refs > 0, and everything reachable from them, are
//!    alive; the rest is cyclic garbage;
//! 4. garbage with `__del__` is finalised, then every garbage object is
//!    cleared (its references dropped), which breaks the cycles and lets
//!    reference counting free them.
//!
//! Collections run automatically when the number of live tracked objects
//! has doubled since the last one (amortised O(1) per allocation), and on
//! `gc.collect()`, which returns the number of unreachable objects found.

use crate::types::{tdata, type_flags as tf};
use crate::value::{Data, Object, PyRef, Value};
use crate::vm::Vm;
use std::cell::{Cell, RefCell, UnsafeCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicU8, Ordering};

/// The tracked containers and the size at which a collection is due.
struct Table {
    /// Addresses of live tracked objects (see [`GcIndex`]).
    objects: Vec<*const Object>,
    threshold: usize,
}

thread_local! {
    /// The table of tracked containers. An `UnsafeCell`, not a `RefCell`:
    /// registering and unregistering happen for most containers made and
    /// freed, and no code runs while the table is borrowed (see [`table`]).
    static TABLE: UnsafeCell<Table> = const { UnsafeCell::new(Table { objects: Vec::new(), threshold: 50_000 }) };
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    static FINALIZE_QUEUE: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    /// Weak-reference callbacks by the address of the referent: (weakref, callback).
    static DEATH_CALLBACKS: RefCell<ahash::AHashMap<usize, Vec<(Value, Value)>>> = RefCell::new(ahash::AHashMap::new());
    static COLLECTING: Cell<bool> = const { Cell::new(false) };
}

/// Work queued by `Drop` for the next safe point.
enum Pending {
    /// An object to call `__del__` on.
    Del(PyRef),
    /// A weakref callback: `callback(weakref)`.
    Callback(Value, Value),
}

/// Arranges for `callback(weakref)` to be called after `referent` dies
/// (weakref callbacks). The weakref must not keep the referent alive.
pub fn on_death(referent: &PyRef, weakref: Value, callback: Value) {
    referent.gc.set_flag(FLAG_DEATH_CALLBACKS);
    DEATH_CALLBACKS.with(|m| m.borrow_mut().entry(Rc::as_ptr(referent) as usize).or_default().push((weakref, callback)));
}

/// Forgets the callbacks registered for `referent` by `weakref` (its weakref died first).
pub fn forget_death_callback(referent_addr: usize, weakref: &Value) {
    DEATH_CALLBACKS.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(v) = m.get_mut(&referent_addr) {
            v.retain(|(w, _)| !w.is(weakref));
            if v.is_empty() {
                m.remove(&referent_addr);
            }
        }
    });
}

/// The interpreter's one cheap check at safe points: nonzero when
/// finalisers are queued ([`FINALIZERS_PENDING`]) or the tracked table has
/// grown past the threshold ([`COLLECTION_DUE`]).
pub(crate) static EVAL_BREAKER: AtomicU8 = AtomicU8::new(0);
const FINALIZERS_PENDING: u8 = 1;
const COLLECTION_DUE: u8 = 2;

/// Runs `f` on the table of tracked containers.
///
/// SAFETY (for the callers in this module): `f` must not run Python code,
/// drop objects or call back into this function, so the borrow is unique.
#[inline(always)]
fn table<R>(f: impl FnOnce(&mut Table) -> R) -> R {
    // SAFETY: the table is this thread's own, and every `f` passed here
    // only reads or pushes/removes addresses (see above).
    TABLE.with(|t| f(unsafe { &mut *t.get() }))
}

/// Whether a payload can hold references that form a cycle (what
/// `gc.is_tracked()` reports; nested tuples are looked into).
fn is_container(o: &Object) -> bool {
    if o.attrs.is_some() {
        return true;
    }
    match &o.data {
        Data::List(_) | Data::Dict(_) | Data::Set(_) | Data::Function(_) | Data::Cell(_) | Data::BoundMethod(_) | Data::Native(_) => true,
        Data::Tuple(items) => items.iter().any(|v| matches!(v, Value::Obj(x) if is_container(x))),
        Data::Type(t) => t.has_flag(tf::HEAPTYPE),
        Data::FrozenSet(s) => s.iter().any(|(_, v)| matches!(v, Value::Obj(x) if is_container(x))),
        _ => false,
    }
}

/// Whether `track` registered this object.
#[inline(always)]
pub fn is_tracked(o: &Object) -> bool {
    o.gc.get() != 0
}

/// Whether a new object must be registered with the collector.
///
/// Tuples and frozensets are immutable: they can be part of a cycle only
/// through an item that is itself registered (an untracked object can
/// never be found to be garbage, so a cycle through one is never collected
/// whether or not the tuple is registered). Nested tuples made that
/// decision when they were made, so one look at each item's index
/// replaces a recursive scan. (CPython untracks such tuples lazily during
/// collections; deciding at creation is exact for the same reason.)
#[inline]
fn needs_tracking(o: &Object) -> bool {
    if o.attrs.is_some() {
        return true;
    }
    match &o.data {
        Data::List(_) | Data::Dict(_) | Data::Set(_) | Data::Function(_) | Data::Cell(_) | Data::BoundMethod(_) | Data::Native(_) => true,
        Data::Tuple(items) => any_tracked(items),
        Data::Type(t) => t.has_flag(tf::HEAPTYPE),
        Data::FrozenSet(s) => s.iter().any(|(_, v)| matches!(v, Value::Obj(x) if is_tracked(x))),
        _ => false,
    }
}

/// Whether one of `items` is a registered object.
#[inline(always)]
pub fn any_tracked(items: &[Value]) -> bool {
    items.iter().any(|v| matches!(v, Value::Obj(x) if is_tracked(x)))
}

/// An object's link to the table of tracked containers (low 30 bits: 1 +
/// its index there, or 0 when it is not tracked) and two flags: it has
/// weakref callbacks registered, its `__del__` has run.
pub struct GcIndex(Cell<u32>);

const INDEX_MASK: u32 = (1 << 30) - 1;
const FLAG_DEATH_CALLBACKS: u32 = 1 << 31;
const FLAG_FINALIZED: u32 = 1 << 30;

impl GcIndex {
    #[inline(always)]
    pub const fn new() -> GcIndex {
        GcIndex(Cell::new(0))
    }
    #[inline(always)]
    fn get(&self) -> u32 {
        self.0.get() & INDEX_MASK
    }
    #[inline(always)]
    fn set_index(&self, i: u32) {
        self.0.set((self.0.get() & !INDEX_MASK) | i);
    }
    #[inline(always)]
    fn has(&self, flag: u32) -> bool {
        self.0.get() & flag != 0
    }
    #[inline(always)]
    fn set_flag(&self, flag: u32) {
        self.0.set(self.0.get() | flag);
    }
}

/// Registers a new object with the cycle collector if it is a container.
#[inline]
pub fn track(v: &Value) {
    if let Value::Obj(o) = v {
        if o.gc.get() == 0 && needs_tracking(o) {
            register(o);
        }
    }
}

/// Registers a new tuple (or the reused pair of `zip`): exactly when one of
/// its items is registered (see [`needs_tracking`]).
#[inline(always)]
pub fn track_tuple(o: &PyRef, items: &[Value]) {
    if any_tracked(items) && o.gc.get() == 0 {
        register(o);
    }
}

/// Registers a new object the caller knows to be a container (a list, a
/// dict, a cell) and not yet registered.
#[inline(always)]
pub fn track_container(o: &PyRef) {
    register(o);
}

#[inline(always)]
fn register(o: &PyRef) {
    table(|t| {
        t.objects.push(Rc::as_ptr(o));
        let n = t.objects.len();
        o.gc.set_index(n as u32);
        if n >= t.threshold {
            EVAL_BREAKER.fetch_or(COLLECTION_DUE, Ordering::Relaxed);
        }
    });
}

/// Removes a dying object from the table (called from `Drop`).
#[inline]
fn untrack(o: &Object, i: u32) {
    o.gc.set_index(0);
    // try_with: at thread exit the table may already be destroyed.
    let _ = TABLE.try_with(|t| {
        // SAFETY: as in `table`: only addresses are moved.
        let t = unsafe { &mut *t.get() };
        let i = i as usize - 1;
        t.objects.swap_remove(i);
        if let Some(&moved) = t.objects.get(i) {
            // SAFETY: every address in the table is a live object (objects
            // leave the table in their `Drop`, before their memory goes).
            unsafe { (*moved).gc.set_index(i as u32 + 1) };
        }
    });
}

/// Queues a resurrected object for its `__del__` (called from `Drop`).
fn queue_finalizer(obj: PyRef) {
    let mut slot = Some(obj);
    let _ = FINALIZE_QUEUE.try_with(|q| {
        if let Some(o) = slot.take() {
            q.borrow_mut().push(Pending::Del(o));
        }
    });
    if let Some(o) = slot {
        // The thread is exiting (the queue is gone): dropping the object
        // would resurrect it again and again, so it is leaked instead.
        std::mem::forget(o);
        return;
    }
    EVAL_BREAKER.fetch_or(FINALIZERS_PENDING, Ordering::Relaxed);
}

impl Drop for Object {
    /// What freeing an object needs beyond dropping its fields: leaving the
    /// collector's table, queuing weakref callbacks and `__del__`. For the
    /// common plain objects this is two tests; the rest is out of line.
    #[inline]
    fn drop(&mut self) {
        let gc = self.gc.0.get();
        if gc != 0 {
            self.drop_gc_links(gc);
        }
        if self.attrs.is_some() {
            if let Data::Type(td) = &self.ty.data {
                if td.has_flag(tf::HAS_FINALIZER) {
                    self.drop_instance();
                }
            }
            return;
        }
        // CPython releases a list's or tuple's items last to first (the
        // order `__del__` methods then run in); the fields are dropped first
        // to last right after this, so reverse the items in place.
        // Instances of subclasses (which may be resurrected for their own
        // `__del__`) keep their items in order.
        match &mut self.data {
            Data::Tuple(crate::value::TupleItems::Two(items)) => items.swap(0, 1),
            Data::Tuple(crate::value::TupleItems::Many(items)) => items.reverse(),
            Data::List(l) => l.get_mut().reverse(),
            _ => {}
        }
    }
}

impl Object {
    /// `Drop`'s part for an object that is registered or carries flags.
    #[inline(never)]
    fn drop_gc_links(&mut self, gc: u32) {
        let i = gc & INDEX_MASK;
        if i != 0 {
            untrack(self, i);
        }
        if gc & FLAG_DEATH_CALLBACKS != 0 {
            let addr = self as *const Object as usize;
            // try_with: at thread exit the tables may already be destroyed.
            if let Some(cbs) = DEATH_CALLBACKS.try_with(|m| m.try_borrow_mut().ok().and_then(|mut m| m.remove(&addr))).ok().flatten() {
                let _ = FINALIZE_QUEUE.try_with(|q| q.borrow_mut().extend(cbs.into_iter().map(|(w, c)| Pending::Callback(w, c))));
                EVAL_BREAKER.fetch_or(FINALIZERS_PENDING, Ordering::Relaxed);
            }
        }
    }

    /// `Drop`'s part for an instance of a class with `__del__`:
    /// resurrection for the finaliser (a first time only).
    #[inline(never)]
    fn drop_instance(&mut self) {
        if self.gc.has(FLAG_FINALIZED) {
            return;
        }
        // Resurrect: move the contents into a new object for __del__.
        let data = std::mem::replace(&mut self.data, Data::Empty);
        let attrs = self.attrs.take();
        let ty = self.ty.clone();
        queue_finalizer(Rc::new(Object { gc: crate::gc::GcIndex::new(), ty, attrs, data }));
    }
}

/// Runs queued `__del__` methods (errors are reported as CPython's
/// "Exception ignored in: ..." and swallowed). Call at safe points.
pub fn run_pending_finalizers(vm: &mut Vm) {
    if EVAL_BREAKER.fetch_and(!FINALIZERS_PENDING, Ordering::Relaxed) & FINALIZERS_PENDING == 0 {
        return;
    }
    loop {
        let batch: Vec<Pending> = FINALIZE_QUEUE.with(|q| std::mem::take(&mut *q.borrow_mut()));
        if batch.is_empty() {
            break;
        }
        for item in batch {
            match item {
                Pending::Del(obj) => {
                    call_del(vm, &obj);
                    // When this last reference goes, Drop must not queue it again.
                    obj.gc.set_flag(FLAG_FINALIZED);
                    drop(obj);
                }
                Pending::Callback(weakref, callback) => {
                    if let Err(e) = vm.call(&callback, &[weakref]) {
                        write_unraisable(vm, &e.0, &callback);
                    }
                }
            }
        }
    }
}

fn call_del(vm: &mut Vm, obj: &PyRef) {
    let v = Value::Obj(obj.clone());
    if let Some(del) = crate::slots::special(&obj.ty, "__del__") {
        if let Err(e) = vm.call(&del, &[v.clone()]) {
            write_unraisable(vm, &e.0, &del);
        }
    }
}

/// CPython's report for an exception that cannot propagate (from `__del__`, callbacks).
pub fn write_unraisable(vm: &mut Vm, exc: &Value, obj: &Value) {
    let r = vm.repr_string(obj).unwrap_or_else(|_| "<object repr() failed>".into());
    crate::stdio::write_stderr(vm, &format!("Exception ignored in: {r}\n"));
    crate::traceback::print_exception(vm, exc);
}

/// Calls `f` with every reference `o` holds.
pub fn trace(o: &Object, f: &mut dyn FnMut(&Value)) {
    f(&Value::Obj(o.ty.clone()));
    if let Some(a) = &o.attrs {
        if let Ok(a) = a.try_borrow() {
            for v in &a.values {
                f(v);
            }
            if let Some(d) = &a.dict {
                f(d);
            }
            for s in a.slots.iter().flatten() {
                f(s);
            }
        }
    }
    match &o.data {
        Data::Tuple(items) => items.iter().for_each(|v| f(v)),
        Data::List(l) => {
            if let Ok(l) = l.try_borrow() {
                l.iter().for_each(|v| f(v));
            }
        }
        Data::Dict(d) => {
            if let Ok(d) = d.try_borrow() {
                for e in d.iter() {
                    f(&e.key);
                    f(&e.value);
                }
            }
        }
        Data::Set(s) => {
            if let Ok(s) = s.try_borrow() {
                s.iter().for_each(|(_, v)| f(v));
            }
        }
        Data::FrozenSet(s) => s.iter().for_each(|(_, v)| f(v)),
        Data::Cell(c) => {
            if let Ok(c) = c.try_borrow() {
                if let Some(v) = &*c {
                    f(v);
                }
            }
        }
        Data::BoundMethod(m) => {
            f(&m.0);
            f(&m.1);
        }
        Data::Function(func) => {
            f(&Value::Obj(func.globals.clone()));
            for c in [&func.defaults, &func.kwdefaults, &func.annotations, &func.doc, &func.module, &func.type_params, &func.name, &func.qualname] {
                if let Ok(v) = c.try_borrow() {
                    f(&v);
                }
            }
            if let Some(cl) = &func.closure {
                cl.iter().for_each(|c| f(&Value::Obj(c.clone())));
            }
        }
        Data::Type(t) => {
            if let Ok(d) = t.dict.try_borrow() {
                for e in d.iter() {
                    f(&e.value);
                }
            }
            if let Ok(b) = t.bases.try_borrow() {
                b.iter().for_each(|x| f(&Value::Obj(x.clone())));
            }
            if let Ok(m) = t.mro.try_borrow() {
                m.iter().for_each(|x| f(&Value::Obj(x.clone())));
            }
        }
        Data::Module(m) => f(&Value::Obj(m.dict.clone())),
        Data::Exception(e) => {
            if let Ok(e) = e.try_borrow() {
                f(&e.args);
                f(&e.traceback);
                f(&e.cause);
                f(&e.context);
            }
        }
        Data::Builtin(b) => {
            if let Some(v) = &b.bound {
                f(v);
            }
        }
        Data::Native(n) => n.trace(f),
        _ => {}
    }
}

/// Drops every reference `o` holds that could be part of a cycle.
fn clear(o: &Object) {
    if let Some(a) = &o.attrs {
        if let Ok(mut a) = a.try_borrow_mut() {
            let values = std::mem::take(&mut a.values);
            let dict = a.dict.take();
            let slots = std::mem::take(&mut a.slots);
            drop(a);
            drop((values, dict, slots));
        }
    }
    match &o.data {
        Data::List(l) => {
            let items = l.try_borrow_mut().map(|mut l| std::mem::take(&mut *l)).unwrap_or_default();
            drop(items);
        }
        Data::Dict(d) => {
            let old = d.try_borrow_mut().map(|mut d| std::mem::take(&mut *d)).ok();
            drop(old);
        }
        Data::Set(s) => {
            let old = s.try_borrow_mut().map(|mut s| std::mem::take(&mut *s)).ok();
            drop(old);
        }
        Data::Cell(c) => {
            let old = c.try_borrow_mut().map(|mut c| c.take()).ok();
            drop(old);
        }
        Data::Function(func) => {
            for c in [&func.defaults, &func.kwdefaults, &func.annotations, &func.doc, &func.type_params] {
                let old = c.try_borrow_mut().map(|mut v| std::mem::replace(&mut *v, Value::None)).ok();
                drop(old);
            }
        }
        Data::Type(t) => {
            let old = t.dict.try_borrow_mut().map(|mut d| std::mem::take(&mut *d)).ok();
            drop(old);
        }
        Data::Exception(e) => {
            let old = e.try_borrow_mut().map(|mut e| {
                (
                    std::mem::replace(&mut e.traceback, Value::None),
                    std::mem::replace(&mut e.cause, Value::None),
                    std::mem::replace(&mut e.context, Value::None),
                )
            });
            drop(old);
        }
        Data::Native(n) => n.clear(),
        _ => {}
    }
}

pub fn enable(on: bool) {
    ENABLED.with(|e| e.set(on));
}

pub fn is_enabled() -> bool {
    ENABLED.with(|e| e.get())
}

/// Number of objects currently tracked.
pub fn tracked_count() -> usize {
    table(|t| t.objects.len())
}

/// Runs an automatic collection if one is due and collection is enabled.
pub fn maybe_collect(vm: &mut Vm) {
    if EVAL_BREAKER.fetch_and(!COLLECTION_DUE, Ordering::Relaxed) & COLLECTION_DUE != 0 && is_enabled() {
        collect(vm);
    }
}

/// A full collection; returns the number of unreachable objects found.
pub fn collect(vm: &mut Vm) -> usize {
    if COLLECTING.with(|c| c.replace(true)) {
        return 0;
    }
    crate::builtins::typeobj::release_young_classes();
    let found = collect_inner(vm);
    COLLECTING.with(|c| c.set(false));
    run_pending_finalizers(vm);
    found
}

fn collect_inner(vm: &mut Vm) -> usize {
    // 1. Every tracked object, in table order: while steps 1-3 run nothing
    // is allocated or freed, so `x.gc - 1` is x's index in `objs`.
    let objs: Vec<PyRef> = table(|t| {
        t.objects
            .iter()
            .map(|&p| {
                // SAFETY: a tracked address is a live object (see `untrack`);
                // this takes a new strong reference to it.
                unsafe {
                    Rc::increment_strong_count(p);
                    Rc::from_raw(p)
                }
            })
            .collect()
    });
    let index = |x: &PyRef| -> Option<usize> {
        let i = x.gc.get() as usize;
        (i != 0 && i <= objs.len() && Rc::as_ptr(&objs[i - 1]) == Rc::as_ptr(x)).then(|| i - 1)
    };
    // gc_refs: strong count minus our own reference in `objs`.
    let mut refs: Vec<isize> = objs.iter().map(|o| Rc::strong_count(o) as isize - 1).collect();
    // 2. Subtract internal references.
    for o in &objs {
        trace(o, &mut |v| {
            if let Value::Obj(x) = v {
                if let Some(j) = index(x) {
                    refs[j] -= 1;
                }
            }
        });
    }
    // 3. Propagate reachability from externally referenced objects.
    let mut reachable = vec![false; objs.len()];
    let mut stack: Vec<usize> = (0..objs.len()).filter(|&i| refs[i] > 0).collect();
    for &i in &stack {
        reachable[i] = true;
    }
    while let Some(i) = stack.pop() {
        trace(&objs[i], &mut |v| {
            if let Value::Obj(x) = v {
                if let Some(j) = index(x) {
                    if !reachable[j] {
                        reachable[j] = true;
                        stack.push(j);
                    }
                }
            }
        });
    }
    let garbage: Vec<PyRef> = objs.iter().zip(reachable.iter()).filter(|(_, r)| !**r).map(|(o, _)| o.clone()).collect();
    let n = garbage.len();
    drop(objs);
    // 4. Finalise, then clear.
    for o in &garbage {
        if o.attrs.is_some() && tdata(&o.ty).has_flag(tf::HAS_FINALIZER) {
            let first = !o.gc.has(FLAG_FINALIZED);
            if first {
                o.gc.set_flag(FLAG_FINALIZED);
                call_del(vm, o);
            }
        }
    }
    for o in &garbage {
        // Objects resurrected by __del__ are still referenced from outside: leave them.
        clear(o);
    }
    drop(garbage);
    let live = tracked_count();
    table(|t| t.threshold = (live * 2).max(50_000));
    n
}

/// The `gc` module.
pub fn gc_module(vm: &mut Vm) -> crate::PyResult<Value> {
    use crate::function::Args;
    let m = vm.new_module("gc");
    vm.add_module_function(&m, "collect", |vm, a: Args| {
        if let Some(g) = a.pos().first().or(a.kwarg("generation")) {
            let g = vm.index_to_i64(g)?;
            if !(0..=2).contains(&g) {
                return Err(vm.value_error("invalid generation"));
            }
        }
        Ok(Value::Int(collect(vm) as i64))
    });
    vm.add_module_function(&m, "enable", |_, _| {
        enable(true);
        Ok(Value::None)
    });
    vm.add_module_function(&m, "disable", |_, _| {
        enable(false);
        Ok(Value::None)
    });
    vm.add_module_function(&m, "isenabled", |_, _| Ok(Value::bool(is_enabled())));
    vm.add_module_function(&m, "get_threshold", |vm, _| Ok(vm.new_tuple(vec![Value::Int(700), Value::Int(10), Value::Int(10)])));
    vm.add_module_function(&m, "set_threshold", |_, _| Ok(Value::None));
    vm.add_module_function(&m, "get_count", |vm, _| Ok(vm.new_tuple(vec![Value::Int(tracked_count() as i64 % 700), Value::Int(0), Value::Int(0)])));
    vm.add_module_function(&m, "is_tracked", |_, a: Args| {
        Ok(Value::bool(match a.pos().first() {
            Some(Value::Obj(o)) => is_tracked(o) || is_container(o),
            _ => false,
        }))
    });
    vm.add_module_function(&m, "is_finalized", |_, _| Ok(Value::bool(false)));
    vm.add_module_function(&m, "freeze", |_, _| Ok(Value::None));
    vm.add_module_function(&m, "unfreeze", |_, _| Ok(Value::None));
    vm.add_module_function(&m, "get_freeze_count", |_, _| Ok(Value::Int(0)));
    let d = vm.module_dict(&m).unwrap();
    let garbage = vm.new_list(vec![]);
    vm.dict_set_str(&d, "garbage", garbage);
    let callbacks = vm.new_list(vec![]);
    vm.dict_set_str(&d, "callbacks", callbacks);
    for (k, v) in [("DEBUG_STATS", 1), ("DEBUG_COLLECTABLE", 2), ("DEBUG_UNCOLLECTABLE", 4), ("DEBUG_SAVEALL", 32), ("DEBUG_LEAK", 38)] {
        vm.dict_set_str(&d, k, Value::Int(v));
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_a_list_cycle_and_keeps_reachable_objects() {
        let mut vm = Vm::new(crate::vm::Config::default());
        collect(&mut vm);
        let a = vm.new_list(vec![]);
        let b = vm.new_list(vec![a.clone()]);
        a.as_list().unwrap().borrow_mut().push(b.clone());
        let weak_a = Rc::downgrade(a.as_obj().unwrap());
        let keep = vm.new_list(vec![]);
        let keep2 = vm.new_list(vec![keep.clone()]);
        keep.as_list().unwrap().borrow_mut().push(keep2.clone());
        drop(a);
        drop(b);
        assert!(weak_a.upgrade().is_some(), "a cycle survives reference counting");
        let found = collect(&mut vm);
        assert_eq!(found, 2);
        assert!(weak_a.upgrade().is_none(), "the collector freed the cycle");
        assert_eq!(keep.as_list().unwrap().borrow().len(), 1, "reachable cycle untouched");
        drop(keep2);
    }
}
