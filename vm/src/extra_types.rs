//! The registry of types made by individual modules (iterator types, `slice`,
//! `range`, stdlib classes), by a module-chosen `'static` name.
//!
//! Lookups happen on hot paths (every slice, every iterator made), so in
//! front of the name-keyed map sits a small direct-mapped cache keyed by the
//! *address* of the `'static` key string: a hit costs one compare instead of
//! hashing and comparing the name. Keys are `'static`, so an address never
//! comes to mean another string; two equal literals at different addresses
//! just take the map path. Types live in an append-only vector, and the map
//! and cache hold indexes into it, so re-registering a name (a module
//! imported again) replaces the type without invalidating anything.

use crate::value::PyRef;
use std::cell::Cell;

const CACHE_SIZE: usize = 256;

pub struct ExtraTypes {
    types: Vec<PyRef>,
    index: ahash::AHashMap<&'static str, usize>,
    /// (key address, key length, index + 1); 0 = empty.
    cache: Box<[Cell<(usize, usize, usize)>; CACHE_SIZE]>,
}

impl Default for ExtraTypes {
    fn default() -> ExtraTypes {
        ExtraTypes::new()
    }
}

impl ExtraTypes {
    pub fn new() -> ExtraTypes {
        ExtraTypes { types: Vec::new(), index: ahash::AHashMap::new(), cache: Box::new(std::array::from_fn(|_| Cell::new((0, 0, 0)))) }
    }

    #[inline]
    fn slot(key: &str) -> usize {
        (key.as_ptr() as usize >> 3) & (CACHE_SIZE - 1)
    }

    /// The type registered under `key`. A cache hit is inlined into the
    /// caller (the key is a constant there); a miss fills the slot.
    #[inline(always)]
    pub fn get(&self, key: &'static str) -> Option<&PyRef> {
        let (p, l, i) = self.cache[Self::slot(key)].get();
        if p == key.as_ptr() as usize && l == key.len() && i != 0 {
            return self.types.get(i - 1);
        }
        self.get_slow(key)
    }

    #[cold]
    #[inline(never)]
    fn get_slow(&self, key: &'static str) -> Option<&PyRef> {
        let i = *self.index.get(key)?;
        self.cache[Self::slot(key)].set((key.as_ptr() as usize, key.len(), i + 1));
        self.types.get(i)
    }

    pub fn contains_key(&self, key: &'static str) -> bool {
        self.index.contains_key(key)
    }

    /// Registers (or replaces) the type for `key`.
    pub fn insert(&mut self, key: &'static str, ty: PyRef) {
        match self.index.get(key) {
            Some(&i) => self.types[i] = ty,
            None => {
                self.index.insert(key, self.types.len());
                self.types.push(ty);
            }
        }
    }
}

impl std::ops::Index<&'static str> for ExtraTypes {
    type Output = PyRef;
    fn index(&self, key: &'static str) -> &PyRef {
        match self.get(key) {
            Some(t) => t,
            None => panic!("type {key:?} is registered when its module is initialised"),
        }
    }
}
