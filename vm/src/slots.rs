//! Per-type cache of special-method lookups (`__eq__`, `__hash__`, `__len__`, ...).
//!
//! Looking a dunder up along the MRO costs one hash probe per class; the
//! interpreter does it on every operator applied to an instance of a Python
//! class. The cache remembers the result per (type, name) and is dropped
//! wholesale when the type's version tag changes.

use crate::types::{lookup, tdata};
use crate::value::{PyRef, Value};
use std::collections::HashMap;

#[derive(Default)]
pub struct SpecialCache {
    version: u64,
    map: HashMap<usize, Option<Value>, BuildAddressHasher>,
}

/// Hashes the cache's keys (addresses of `'static` names) with one multiply
/// and a fold: std's SipHash cost more than the lookup it guards.
#[derive(Default, Clone, Copy)]
pub struct AddressHasher(u64);

impl std::hash::Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_usize((self.0 as usize).rotate_left(8) ^ b as usize);
        }
    }
    fn write_usize(&mut self, n: usize) {
        let h = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 29);
    }
}

type BuildAddressHasher = std::hash::BuildHasherDefault<AddressHasher>;

/// `name` looked up on the MRO of `ty`, through the type's cache. `name`
/// must be a `'static` string literal: the cache is keyed by its address.
pub fn special(ty: &PyRef, name: &'static str) -> Option<Value> {
    let td = tdata(ty);
    let version = td.version.get();
    {
        let cache = td.special.borrow();
        if cache.version == version {
            if let Some(v) = cache.map.get(&(name.as_ptr() as usize)) {
                return v.clone();
            }
        }
    }
    let found = lookup(ty, name);
    let mut cache = td.special.borrow_mut();
    if cache.version != version {
        cache.map.clear();
        cache.version = version;
    }
    cache.map.insert(name.as_ptr() as usize, found.clone());
    found
}
