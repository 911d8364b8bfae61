//! Type objects: their payload, creation of builtin types, C3 MRO, lookup.
//!
//! Every type — builtin or defined by a `class` statement — is an [`Object`]
//! with [`Data::Type`]. Its namespace is a [`DictData`] with `str` keys.
//! `version` is a tag bumped whenever the namespace of the type or of any
//! class in its MRO changes; attribute inline caches and (later) JIT guards
//! compare it instead of redoing MRO lookups.
//!
//! Builtin types say what payload their instances carry with [`Layout`]; a
//! subclass inherits its solid base's layout, so `class L(list)` instances
//! are `Data::List` objects whose `ty` is `L` and which also have [`Attrs`].

use crate::dict::DictData;
use crate::shape::Shape;
use crate::value::{Data, Object, PyRef, Value};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

/// Which builtin payload instances of a type carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layout {
    /// `Data::Empty` (plain objects).
    Object,
    Int,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Type,
    Module,
    Exception,
    /// Native payloads specific to one builtin type (cannot be subclassed
    /// unless the type's `__new__` builds them).
    Native,
}

pub mod type_flags {
    /// Defined by a `class` statement (attributes can be set on the type).
    pub const HEAPTYPE: u32 = 1 << 0;
    /// May be subclassed.
    pub const BASETYPE: u32 = 1 << 1;
    /// Instances get an attribute store (`Attrs`).
    pub const HAS_ATTRS: u32 = 1 << 2;
    /// `__abstractmethods__` is non-empty.
    pub const IS_ABSTRACT: u32 = 1 << 3;
    /// Instances may be weakly referenced.
    pub const WEAKREFABLE: u32 = 1 << 4;
    /// Defines `__del__`.
    pub const HAS_FINALIZER: u32 = 1 << 5;
    /// Subclass of BaseException.
    pub const EXCEPTION: u32 = 1 << 6;
}

pub struct TypeData {
    pub name: RefCell<Rc<str>>,
    pub qualname: RefCell<Rc<str>>,
    pub bases: RefCell<Vec<PyRef>>,
    /// The method resolution order, starting with the type itself... except
    /// that storing an `Rc` to itself would be a cycle: `mro` holds the
    /// classes *after* the type itself; [`TypeData::mro_with_self`] builds the full one.
    pub mro: RefCell<Vec<PyRef>>,
    pub dict: RefCell<DictData>,
    pub version: Cell<u64>,
    pub flags: Cell<u32>,
    pub layout: Layout,
    /// Direct subclasses (for version invalidation and `__subclasses__`).
    pub subclasses: RefCell<Vec<Weak<Object>>>,
    /// Names declared in `__slots__` (own and inherited, in slot index order).
    pub slot_names: RefCell<Vec<Rc<str>>>,
    /// Root of the shape tree of this class's instances.
    pub instance_shape: Rc<Shape>,
    /// Cached special methods, refreshed when `version` changes (see `slots.rs`).
    pub special: RefCell<crate::slots::SpecialCache>,
}

thread_local! {
    static NEXT_VERSION: Cell<u64> = const { Cell::new(1) };
}

/// A fresh, never-used type version tag.
pub fn next_version() -> u64 {
    NEXT_VERSION.with(|c| {
        let v = c.get();
        c.set(v + 1);
        v
    })
}

impl TypeData {
    pub fn new(name: &str, layout: Layout, flags: u32) -> TypeData {
        let name: Rc<str> = name.into();
        TypeData {
            name: RefCell::new(name.clone()),
            qualname: RefCell::new(name),
            bases: RefCell::new(Vec::new()),
            mro: RefCell::new(Vec::new()),
            dict: RefCell::new(DictData::new()),
            version: Cell::new(next_version()),
            flags: Cell::new(flags),
            layout,
            subclasses: RefCell::new(Vec::new()),
            slot_names: RefCell::new(Vec::new()),
            instance_shape: Shape::root(),
            special: RefCell::new(Default::default()),
        }
    }

    #[inline]
    pub fn has_flag(&self, f: u32) -> bool {
        self.flags.get() & f != 0
    }

    pub fn name(&self) -> Rc<str> {
        self.name.borrow().clone()
    }

    /// Looks `name` up in this type's own namespace only.
    pub fn own_attr(&self, name: &str) -> Option<Value> {
        let h = crate::hash::str_hash(name);
        self.dict.borrow().get_str(name, h).cloned()
    }
}

/// The type payload of a type object.
#[inline]
pub fn tdata(ty: &PyRef) -> &TypeData {
    match &ty.data {
        Data::Type(t) => t,
        _ => not_a_type(),
    }
}

#[cold]
#[inline(never)]
fn not_a_type() -> ! {
    unreachable!("not a type object")
}

/// The full MRO of `ty`, itself first.
pub fn mro_with_self(ty: &PyRef) -> Vec<PyRef> {
    let mut v = vec![ty.clone()];
    v.extend(tdata(ty).mro.borrow().iter().cloned());
    v
}

/// Finds `name` along the MRO of `ty` (no descriptor handling).
#[inline]
pub fn lookup(ty: &PyRef, name: &str) -> Option<Value> {
    lookup_cached(ty, name, None)
}

/// [`lookup`] with the name's hash already computed.
#[inline]
pub fn lookup_hashed(ty: &PyRef, name: &str, hash: i64) -> Option<Value> {
    lookup_cached(ty, name, Some(hash))
}

// ----- the type attribute cache ---------------------------------------------------
//
// As CPython's method cache: a direct-mapped table of (type version, name) ->
// result of the MRO walk. Versions are unique across all types and change
// whenever a type's namespace or MRO (or a base's) changes, so a hit is
// always current. Objects are held weakly: the cache never keeps a class
// attribute alive (finalisers and weak references see what CPython shows).

const MCACHE_SIZE: usize = 4096;

enum Cached {
    Empty,
    Absent,
    Inline(Value),
    Object(std::rc::Weak<crate::value::Object>),
}

struct McacheEntry {
    version: u64,
    name: Box<str>,
    value: Cached,
}

thread_local! {
    static MCACHE: RefCell<Vec<McacheEntry>> = const { RefCell::new(Vec::new()) };
}

/// The cache slot of (type version, name): from the name's text, not its
/// address (equal names from different strings share a slot, and the
/// spread does not depend on where the allocator put them).
#[inline]
fn mcache_index(version: u64, name: &str) -> usize {
    let b = name.as_bytes();
    let n = b.len();
    // The first and last (up to) eight bytes, which tell most names apart.
    let (head, tail) = if n >= 8 {
        let mut h = [0u8; 8];
        let mut t = [0u8; 8];
        h.copy_from_slice(&b[..8]);
        t.copy_from_slice(&b[n - 8..]);
        (u64::from_le_bytes(h), u64::from_le_bytes(t))
    } else {
        let mut h = [0u8; 8];
        h[..n].copy_from_slice(b);
        (u64::from_le_bytes(h), 0)
    };
    let key = head ^ tail.rotate_left(31) ^ (n as u64) << 56;
    let h = (key ^ version.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    (h >> 40) as usize & (MCACHE_SIZE - 1)
}

fn lookup_cached(ty: &PyRef, name: &str, hash: Option<i64>) -> Option<Value> {
    let version = tdata(ty).version.get();
    let idx = mcache_index(version, name);
    let hit = MCACHE.with(|c| {
        let c = c.borrow();
        let e = c.get(idx)?;
        if e.version != version || *e.name != *name {
            return None;
        }
        match &e.value {
            Cached::Absent => Some(None),
            Cached::Inline(v) => Some(Some(v.clone())),
            Cached::Object(w) => w.upgrade().map(|o| Some(Value::Obj(o))),
            Cached::Empty => None,
        }
    });
    if let Some(found) = hit {
        return found;
    }
    let hash = hash.unwrap_or_else(|| crate::hash::str_hash(name));
    let found = lookup_uncached(ty, name, hash);
    // The walk runs no Python code, so the version is still current.
    MCACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_empty() {
            c.resize_with(MCACHE_SIZE, || McacheEntry { version: 0, name: Box::from(""), value: Cached::Empty });
        }
        let value = match &found {
            None => Cached::Absent,
            Some(Value::Obj(o)) => Cached::Object(Rc::downgrade(o)),
            Some(v) => Cached::Inline(v.clone()),
        };
        let e = &mut c[idx];
        e.version = version;
        if *e.name != *name {
            e.name = Box::from(name);
        }
        e.value = value;
    });
    found
}

fn lookup_uncached(ty: &PyRef, name: &str, hash: i64) -> Option<Value> {
    let td = tdata(ty);
    if let Some(v) = td.dict.borrow().get_str(name, hash) {
        return Some(v.clone());
    }
    for base in td.mro.borrow().iter() {
        if let Some(v) = tdata(base).dict.borrow().get_str(name, hash) {
            return Some(v.clone());
        }
    }
    None
}

/// Whether `sub` is `sup` or has it in its MRO.
pub fn is_subtype(sub: &PyRef, sup: &PyRef) -> bool {
    if Rc::ptr_eq(sub, sup) {
        return true;
    }
    tdata(sub).mro.borrow().iter().any(|t| Rc::ptr_eq(t, sup))
}

/// Bumps the version of `ty` and of every subclass (recursively).
pub fn invalidate(ty: &PyRef) {
    let td = tdata(ty);
    td.version.set(next_version());
    let subs: Vec<PyRef> = td.subclasses.borrow().iter().filter_map(|w| w.upgrade()).collect();
    for s in subs {
        invalidate(&s);
    }
}

/// C3 linearisation of `bases` (the MRO of a new class, without the class
/// itself). `Err` carries CPython's message for an inconsistent hierarchy.
pub fn c3_mro(bases: &[PyRef]) -> Result<Vec<PyRef>, String> {
    let mut seqs: Vec<Vec<PyRef>> = bases.iter().map(mro_with_self).collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<PyRef> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut candidate = None;
        for s in &seqs {
            let head = &s[0];
            let in_tail = seqs.iter().any(|t| t[1..].iter().any(|x| Rc::ptr_eq(x, head)));
            if !in_tail {
                candidate = Some(head.clone());
                break;
            }
        }
        match candidate {
            Some(c) => {
                for s in seqs.iter_mut() {
                    if Rc::ptr_eq(&s[0], &c) {
                        s.remove(0);
                    }
                }
                out.push(c);
            }
            None => {
                let mut names: Vec<String> = Vec::new();
                for s in &seqs {
                    let n = tdata(&s[0]).name().to_string();
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
                return Err(format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                ));
            }
        }
    }
}
