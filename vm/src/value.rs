//! Values and heap objects.
//!
//! # Representation
//! A [`Value`] is a 16-byte enum: `None`, `bool`, machine-size `int` and
//! `float` live inline (no allocation, no reference counting — the common
//! arithmetic of Python programs never touches the heap); everything else is
//! an `Obj`, a reference-counted pointer to an [`Object`].
//!
//! Reasons (recorded in docs/architecture.md): inline ints and floats are
//! what lets a plain interpreter beat CPython on numeric code, the JIT later
//! keeps the same unboxed representation in registers, and `Rc` gives
//! CPython's prompt finalisation with safe Rust. The price is 16 bytes per
//! slot instead of 8; the API below (constructors and `as_*` accessors) hides
//! the layout so it can become NaN-boxed later.
//!
//! An `int` is `Value::Int(i64)` whenever it fits and the object is an exact
//! `int`; larger ints and instances of `int` subclasses are `Obj` with
//! [`Data::Int`]. Likewise a `float` subclass instance is `Obj` with
//! [`Data::Float`]. `bool` is always `Value::Bool`.
//!
//! # Objects
//! An [`Object`] has its type, an optional attribute store ([`Attrs`], present
//! exactly for instances of classes defined in Python, including subclasses
//! of builtins) and a [`Data`] payload saying what kind of builtin object it
//! is. The payload never changes variant after creation, so code can match on
//! it freely; mutable payloads use `RefCell`/`Cell` inside.

use crate::dict::DictData;
use crate::shape::Attrs;
use crate::types::TypeData;
use num_bigint::BigInt;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub type PyRef = Rc<Object>;

/// A Python value.
///
/// Every payload is an 8-byte integer or pointer (`bool` and `f64` are kept
/// as their bits in [`B64`] and [`F64`]), so rustc gives the enum the
/// "scalar pair" ABI: a value travels in two registers and is copied as two
/// 8-byte words. With a `bool` or `f64` payload it would be an aggregate,
/// written as tag byte + payload and read back with one 16-byte load that
/// the CPU cannot forward from the two smaller stores (a stall on every
/// push/pop of the dispatch loop). Build values with [`Value::bool`] and
/// [`Value::float`]; read the payloads with [`B64::get`] and [`F64::get`].
#[derive(Clone)]
pub enum Value {
    None,
    Bool(B64),
    Int(i64),
    Float(F64),
    Obj(PyRef),
}

impl Value {
    /// CPython's NULL on the value stack (the absent `self` of a call, a
    /// saved unbound local): a `Bool` whose payload is neither 0 nor 1, so
    /// pushing and testing it touches no object and no reference count.
    /// It never reaches Python code.
    pub const NULL: Value = Value::Bool(B64::NULL);
}

/// The payload of `Value::Bool`: 0 or 1 in a machine word.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct B64(u64);

impl B64 {
    pub const TRUE: B64 = B64(1);
    pub const FALSE: B64 = B64(0);
    /// Not a bool: the payload of [`Value::NULL`].
    pub const NULL: B64 = B64(2);
    #[inline(always)]
    pub const fn new(b: bool) -> B64 {
        B64(b as u64)
    }
    #[inline(always)]
    pub const fn get(self) -> bool {
        self.0 != 0
    }
}

/// The payload of `Value::Float`: the bits of an `f64`.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct F64(u64);

impl F64 {
    #[inline(always)]
    pub const fn new(x: f64) -> F64 {
        F64(x.to_bits())
    }
    #[inline(always)]
    pub const fn get(self) -> f64 {
        f64::from_bits(self.0)
    }
}

impl std::ops::Deref for F64 {
    type Target = f64;
    #[inline(always)]
    fn deref(&self) -> &f64 {
        // SAFETY: F64 is a transparent u64; f64 has the same size and
        // alignment and every bit pattern is a valid f64.
        unsafe { &*(self as *const F64 as *const f64) }
    }
}

/// The block of an `Rc<Object>`: the standard library's `RcInner` layout
/// (`#[repr(C)]`: strong count, weak count + 1, value).
#[repr(C)]
struct RcBlock {
    strong: usize,
    weak: usize,
    value: std::mem::MaybeUninit<Object>,
}

/// A new object's `Rc` while its payload is being written
/// ([`Object::new_header`]); `assume_init` once every field is written.
struct NewRc(*mut Object);

impl NewRc {
    /// SAFETY: every field of the object must be written.
    #[inline(always)]
    unsafe fn assume_init(self) -> PyRef {
        // SAFETY: the pointer is the value of an `RcBlock` with counts
        // (1, 1), the layout `Rc::from_raw` expects of its own blocks.
        unsafe { Rc::from_raw(self.0) }
    }
}

/// A heap object.
pub struct Object {
    /// The cycle collector's link: 1 + the object's index in its table of
    /// tracked containers, 0 when not tracked (`gc.rs`).
    pub gc: crate::gc::GcIndex,
    /// The object's type (an object whose payload is `Data::Type`).
    pub ty: PyRef,
    /// Instance attributes (instances of Python-defined classes only).
    pub attrs: Option<Box<RefCell<Attrs>>>,
    pub data: Data,
}

/// The payload of a heap object: which builtin layout it has.
pub enum Data {
    /// No payload: `object()`, `NotImplemented`, `Ellipsis`, plain instances.
    Empty,
    /// A big int, or any int that is an instance of an `int` subclass.
    Int(BigInt),
    /// A `float` subclass instance.
    Float(f64),
    Complex(f64, f64),
    Str(PyStr),
    Bytes(Box<[u8]>),
    ByteArray(RefCell<Vec<u8>>),
    Tuple(TupleItems),
    List(RefCell<Vec<Value>>),
    Dict(Box<RefCell<DictData>>),
    Set(Box<RefCell<crate::set::SetData>>),
    FrozenSet(Box<crate::set::SetData>),
    Type(Box<TypeData>),
    Function(Box<crate::function::Function>),
    Builtin(Box<crate::function::Builtin>),
    /// A method bound to an instance: `(function, self)`.
    BoundMethod(Box<(Value, Value)>),
    Cell(RefCell<Option<Value>>),
    Code(Rc<crate::code::Code>),
    Module(Box<crate::module::ModuleData>),
    Exception(Box<RefCell<crate::exception::ExceptionData>>),
    /// Any other native payload (iterators, generators, descriptors,
    /// stdlib objects): downcast with [`Object::native`].
    Native(Box<dyn NativeData>),
}

/// The items of a tuple. Tuples of up to two items keep them inside the
/// object (the `Data` payload has room for two values), so the common
/// pairs — dict items, sort keys, `divmod` results — are one allocation
/// instead of two, and 32 bytes smaller. Dereferences to `[Value]`.
#[derive(Default)]
pub enum TupleItems {
    #[default]
    Empty,
    One(Value),
    Two([Value; 2]),
    Many(Box<[Value]>),
}

impl TupleItems {
    #[inline]
    pub fn from_vec(mut v: Vec<Value>) -> TupleItems {
        match v.len() {
            0 => TupleItems::Empty,
            1 => TupleItems::One(v.pop().unwrap_or_default()),
            2 => {
                let b = v.pop().unwrap_or_default();
                let a = v.pop().unwrap_or_default();
                TupleItems::Two([a, b])
            }
            _ => TupleItems::Many(v.into_boxed_slice()),
        }
    }
    pub fn into_vec(self) -> Vec<Value> {
        match self {
            TupleItems::Empty => Vec::new(),
            TupleItems::One(a) => vec![a],
            TupleItems::Two([a, b]) => vec![a, b],
            TupleItems::Many(b) => b.into_vec(),
        }
    }
}

impl std::ops::Deref for TupleItems {
    type Target = [Value];
    #[inline]
    fn deref(&self) -> &[Value] {
        match self {
            TupleItems::Empty => &[],
            TupleItems::One(v) => std::slice::from_ref(v),
            TupleItems::Two(a) => a,
            TupleItems::Many(b) => b,
        }
    }
}

impl std::ops::DerefMut for TupleItems {
    #[inline]
    fn deref_mut(&mut self) -> &mut [Value] {
        match self {
            TupleItems::Empty => &mut [],
            TupleItems::One(v) => std::slice::from_mut(v),
            TupleItems::Two(a) => a,
            TupleItems::Many(b) => b,
        }
    }
}

/// Writes `Data::Tuple(items)` at `slot` one value at a time.
///
/// A plain `write` of the enum copies it as an aggregate, in 16-byte
/// pieces that straddle the 8-byte halves the values were stored as (they
/// are spilled around the allocation call), so each piece waits for the
/// store buffer to drain; writing the variant first and then each `Value`
/// (a scalar pair) keeps every load the size of the store it reads.
///
/// SAFETY: `slot` must be valid for writes and hold nothing that needs
/// dropping.
#[inline(always)]
unsafe fn write_tuple_payload(slot: *mut Data, items: TupleItems) {
    // SAFETY (each block): `slot` was just written with the same variant,
    // whose placeholder values own nothing, so overwriting them leaks nothing.
    unsafe {
        match items {
            TupleItems::Two([a, b]) => {
                slot.write(Data::Tuple(TupleItems::Two([Value::None, Value::None])));
                if let Data::Tuple(TupleItems::Two(xs)) = &mut *slot {
                    std::ptr::write(&mut xs[0], a);
                    std::ptr::write(&mut xs[1], b);
                }
            }
            TupleItems::One(a) => {
                slot.write(Data::Tuple(TupleItems::One(Value::None)));
                if let Data::Tuple(TupleItems::One(x)) = &mut *slot {
                    std::ptr::write(x, a);
                }
            }
            TupleItems::Many(b) => {
                slot.write(Data::Tuple(TupleItems::Empty));
                if let Data::Tuple(t) = &mut *slot {
                    std::ptr::write(t, TupleItems::Many(b));
                }
            }
            TupleItems::Empty => slot.write(Data::Tuple(TupleItems::Empty)),
        }
    }
}

/// Payloads of native objects not listed in [`Data`].
pub trait NativeData: std::any::Any {
    fn as_any(&self) -> &dyn std::any::Any;
    /// Which of the payloads the dispatch loop has fast paths for this is
    /// (one virtual call where downcasts would take one per candidate).
    fn hot_kind(&self) -> HotKind {
        HotKind::Other
    }
    /// Every `Value` this payload holds (for the cycle collector).
    fn trace(&self, _visit: &mut dyn FnMut(&Value)) {}
    /// Drop every held `Value` (to break cycles in unreachable garbage).
    fn clear(&self) {}
}

/// Payload kinds the dispatch loop special-cases (see [`NativeData::hot_kind`]).
/// A payload reports a kind only if it is exactly that Rust type, so the
/// loop may cast to it unchecked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum HotKind {
    Other,
    RangeIter,
    SeqIter,
    Generator,
}

/// A `str` payload. `char_len` is the length in code points; when it equals
/// the byte length the string is ASCII and indexing is O(1).
pub struct PyStr {
    /// The text (short texts inline: `strbuf.rs`).
    pub s: crate::strbuf::StrBuf,
    pub char_len: usize,
    /// Cached hash; -1 (which `hash()` never returns) marks "not computed yet".
    pub hash: Cell<i64>,
}

impl PyStr {
    pub fn new(s: impl Into<Box<str>>) -> PyStr {
        let s: Box<str> = s.into();
        let char_len = if s.is_ascii() { s.len() } else { s.chars().count() };
        PyStr { s: crate::strbuf::StrBuf::from_box(s), char_len, hash: Cell::new(-1) }
    }
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.s
    }
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.s.len()
    }
}

impl Value {
    pub const TRUE: Value = Value::Bool(B64::new(true));
    pub const FALSE: Value = Value::Bool(B64::new(false));
    /// A `bool` value.
    #[inline(always)]
    pub const fn bool(b: bool) -> Value {
        Value::Bool(B64::new(b))
    }
    /// A `float` value.
    #[inline(always)]
    pub const fn float(x: f64) -> Value {
        Value::Float(F64::new(x))
    }
    #[inline]
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }
    /// The heap object, if this value is one.
    #[inline]
    pub fn as_obj(&self) -> Option<&PyRef> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }
    /// `&str` of a str (or str subclass) value.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Obj(o) => match &o.data {
                Data::Str(s) => Some(&s.s),
                _ => None,
            },
            _ => None,
        }
    }
    #[inline]
    pub fn as_pystr(&self) -> Option<&PyStr> {
        match self {
            Value::Obj(o) => match &o.data {
                Data::Str(s) => Some(s),
                _ => None,
            },
            _ => None,
        }
    }
    /// Elements of a tuple (or tuple subclass).
    #[inline]
    pub fn as_tuple(&self) -> Option<&[Value]> {
        match self {
            Value::Obj(o) => match &o.data {
                Data::Tuple(t) => Some(t),
                _ => None,
            },
            _ => None,
        }
    }
    #[inline]
    pub fn as_list(&self) -> Option<&RefCell<Vec<Value>>> {
        match self {
            Value::Obj(o) => match &o.data {
                Data::List(l) => Some(l),
                _ => None,
            },
            _ => None,
        }
    }
    #[inline]
    pub fn as_dict(&self) -> Option<&RefCell<DictData>> {
        match self {
            Value::Obj(o) => match &o.data {
                Data::Dict(d) => Some(d),
                _ => None,
            },
            _ => None,
        }
    }
    #[inline]
    pub fn as_type(&self) -> Option<&TypeData> {
        match self {
            Value::Obj(o) => match &o.data {
                Data::Type(t) => Some(t),
                _ => None,
            },
            _ => None,
        }
    }
    /// The payload of a native object of type `T`.
    pub fn native<T: 'static>(&self) -> Option<&T> {
        self.as_obj().and_then(|o| o.native::<T>())
    }
    /// Identity (`is`): same heap object, or equal inline value of the same kind.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
    /// A stable identity number (`id()`): the address for heap objects.
    pub fn id(&self) -> i64 {
        match self {
            Value::Obj(o) => Rc::as_ptr(o) as usize as i64,
            // Inline values have no address; derive a number that is stable per value
            // and cannot collide with a heap address (odd numbers).
            Value::None => 1,
            Value::Bool(b) => 3 + 2 * (b.get() as i64),
            Value::Int(i) => (i.wrapping_mul(4)) | 1,
            Value::Float(f) => (f.to_bits() as i64).wrapping_mul(4) | 1,
        }
    }
}

impl Default for Value {
    fn default() -> Value {
        Value::None
    }
}

impl Object {
    /// A new object of type `ty` without an attribute store, written
    /// directly into its allocation.
    ///
    /// `Rc::new(Object { .. })` builds the object on the stack and copies it
    /// to the heap; the copy reads back 16-byte pieces the constructor had
    /// just written as smaller pieces at other offsets, which the CPU cannot
    /// forward from its store buffer (a stall of a dozen cycles or more per
    /// piece: the largest cost of making a small tuple, measured with perf).
    /// Writing each field in place avoids the round trip.
    #[inline(always)]
    pub fn new_rc(ty: PyRef, data: Data) -> PyRef {
        let (rc, p) = Object::new_header(ty);
        // SAFETY: the header is written; the payload now, before `assume_init`.
        unsafe {
            std::ptr::addr_of_mut!((*p).data).write(data);
            rc.assume_init()
        }
    }

    /// A new, unshared allocation with everything but the payload written
    /// (`gc`, `ty`, no attribute store), and the address of its object.
    ///
    /// The allocation is made here rather than by `Rc::new_uninit`, whose
    /// generic layout arithmetic and out-of-line call cost about as much
    /// as the allocation itself: an `Rc`'s block is `RcInner { strong,
    /// weak, value }`, declared `#[repr(C)]` by the standard library so
    /// that `Rc::from_raw` can find the counts in front of the value;
    /// [`RcBlock`] is that layout (checked by the tests).
    #[inline(always)]
    fn new_header(ty: PyRef) -> (NewRc, *mut Object) {
        let layout = std::alloc::Layout::new::<RcBlock>();
        // SAFETY: the layout has a non-zero size.
        let block = unsafe { std::alloc::alloc(layout) } as *mut RcBlock;
        if block.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        // SAFETY: `block` is a fresh allocation of an `RcBlock`.
        let p = unsafe {
            std::ptr::addr_of_mut!((*block).strong).write(1);
            std::ptr::addr_of_mut!((*block).weak).write(1);
            let p = std::ptr::addr_of_mut!((*block).value) as *mut Object;
            std::ptr::addr_of_mut!((*p).gc).write(crate::gc::GcIndex::new());
            std::ptr::addr_of_mut!((*p).ty).write(ty);
            std::ptr::addr_of_mut!((*p).attrs).write(None);
            p
        };
        (NewRc(p), p)
    }

    /// [`Object::new_rc`] for a tuple: the items are written into the
    /// payload directly (never through a `Data` made on the stack).
    #[inline(always)]
    pub fn new_tuple_rc(ty: PyRef, items: TupleItems) -> PyRef {
        let (rc, p) = Object::new_header(ty);
        // SAFETY: as in `new_rc`; `data` is a valid (empty) tuple payload
        // before its items are written over it (the empty one owns nothing).
        unsafe {
            write_tuple_payload(std::ptr::addr_of_mut!((*p).data), items);
            rc.assume_init()
        }
    }

    /// [`Object::new_rc`] for a list of the vector parts `(ptr, len, cap)`:
    /// the payload is written as constants, then the vector's three words
    /// (never copied as a `Data` built elsewhere).
    ///
    /// SAFETY: `(ptr, len, cap)` must be the parts of a `Vec<Value>` that
    /// nothing else owns.
    #[inline(always)]
    pub unsafe fn new_list_rc(ty: PyRef, ptr: *mut Value, len: usize, cap: usize) -> PyRef {
        let (rc, p) = Object::new_header(ty);
        // SAFETY: as in `new_rc`; the empty list payload written first owns
        // nothing, so its vector is overwritten without a drop.
        unsafe {
            let slot = std::ptr::addr_of_mut!((*p).data);
            slot.write(Data::List(RefCell::new(Vec::new())));
            if let Data::List(l) = &*slot {
                std::ptr::write(l.as_ptr(), Vec::from_raw_parts(ptr, len, cap));
            }
            rc.assume_init()
        }
    }

    #[inline]
    pub fn native<T: 'static>(&self) -> Option<&T> {
        match &self.data {
            Data::Native(n) => {
                // Upcast (free: the `Any` part of the vtable) and compare type
                // ids: one virtual call, not two through `as_any`.
                let any: &dyn std::any::Any = &**n;
                any.downcast_ref::<T>()
            }
            _ => None,
        }
    }
    /// The type's payload.
    #[inline]
    pub fn type_data(&self) -> &TypeData {
        match &self.ty.data {
            Data::Type(t) => t,
            _ => unreachable!("an object's type is always a type"),
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{}", if b.get() { "True" } else { "False" }),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{:?}", x.get()),
            Value::Obj(o) => match &o.data {
                Data::Str(s) => write!(f, "{:?}", &*s.s),
                Data::Int(i) => write!(f, "{i}"),
                _ => write!(f, "<{} object at {:p}>", o.type_data().name(), Rc::as_ptr(o)),
            },
        }
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_made_in_place_are_ordinary_rcs() {
        let vm = crate::vm::Vm::new(crate::vm::Config::default());
        let o = Object::new_rc(vm.t.object.clone(), Data::Complex(1.0, 2.0));
        assert_eq!(Rc::strong_count(&o), 1);
        assert_eq!(Rc::weak_count(&o), 0);
        let w = Rc::downgrade(&o);
        let o2 = o.clone();
        assert_eq!((Rc::strong_count(&o), Rc::weak_count(&o)), (2, 1));
        assert!(matches!(o2.data, Data::Complex(a, b) if a == 1.0 && b == 2.0));
        drop(o);
        drop(o2);
        assert!(w.upgrade().is_none());
        let t = Object::new_tuple_rc(vm.t.tuple.clone(), TupleItems::from_vec(vec![Value::Int(1), Value::Int(2), Value::Int(3)]));
        let ints: Vec<i64> = match &t.data {
            Data::Tuple(items) => items.iter().map(|v| if let Value::Int(i) = v { *i } else { -1 }).collect(),
            _ => vec![],
        };
        assert_eq!(ints, [1, 2, 3]);
        let mut t = t;
        assert!(Rc::get_mut(&mut t).is_some(), "unshared");
        // The block's layout is the standard library's: `into_raw` points
        // where `RcBlock::value` is.
        let raw = Rc::into_raw(t);
        // SAFETY: `raw` came from `into_raw` just above.
        let t = unsafe { Rc::from_raw(raw) };
        assert_eq!(Rc::strong_count(&t), 1);
        assert_eq!(std::mem::offset_of!(RcBlock, value), 2 * std::mem::size_of::<usize>());
        assert_eq!(std::mem::size_of::<RcBlock>(), 2 * std::mem::size_of::<usize>() + std::mem::size_of::<Object>());
    }
}
