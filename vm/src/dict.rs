//! `dict` storage: an insertion-ordered hash table (CPython's compact dict).
//!
//! Entries live in a dense vector in insertion order (deleted entries leave a
//! hole until the next resize); a separate open-addressed index table maps
//! hash slots to entry positions, probed with CPython's perturbation scheme.
//!
//! Key equality can run Python code (`__eq__`), and Python code can mutate
//! the dict being searched. So the search is split: [`DictData::probe`] walks
//! the table without calling out and reports either a definite answer or a
//! candidate entry whose key needs a Python-level comparison; the caller
//! (`Vm::dict_lookup` in `ops_dict.rs`) releases the borrow, compares, and
//! restarts if the dict's `mutations` counter changed meanwhile.

use crate::value::{Data, Value};

const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

pub struct DictData {
    entries: Vec<Option<Entry>>,
    indices: Vec<u32>,
    len: usize,
    /// Bumped on every insertion of a new key, deletion and clear (not on
    /// value replacement): lookups restart when it changes under them, and
    /// iterators raise "dictionary changed size during iteration".
    pub mutations: u64,
    /// Bumped on every change including value replacement: global-load
    /// caches guard on it. Each dict starts at its own multiple of 2**32
    /// ([`fresh_version`]), so a dict made where a freed one lived never
    /// repeats one of the freed dict's (address, version) pairs that a
    /// cache may still hold.
    pub version: u64,
}

thread_local! {
    static DICT_EPOCH: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

/// The first version of a new dict (or of a copy): the next epoch's range.
fn fresh_version() -> u64 {
    DICT_EPOCH.with(|e| {
        let n = e.get();
        e.set(n + 1);
        n << 32
    })
}

impl Default for DictData {
    fn default() -> DictData {
        DictData { entries: Vec::new(), indices: Vec::new(), len: 0, mutations: 0, version: fresh_version() }
    }
}

impl Clone for DictData {
    /// A copy is a new dict: same contents, a fresh version range.
    fn clone(&self) -> DictData {
        DictData {
            entries: self.entries.clone(),
            indices: self.indices.clone(),
            len: self.len,
            mutations: self.mutations,
            version: fresh_version(),
        }
    }
}

/// The outcome of one probe step.
pub enum Probe {
    /// The key is at this entry index.
    Found(usize),
    /// The key is not present.
    Missing,
    /// Entry `index` has the same hash but its key needs a Python `==`;
    /// call [`DictData::probe`] again with `skip` advanced past it if unequal.
    Compare(usize, Value),
}

/// Keys whose equality can be decided without running Python code, and the decision.
#[inline]
pub fn fast_key_eq(a: &Value, b: &Value) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => Some((*x as f64) == y.get() && (y.get() as i64) == *x),
        (Value::Float(x), Value::Float(y)) => Some(x.get() == y.get()),
        (Value::Bool(x), Value::Int(y)) | (Value::Int(y), Value::Bool(x)) => Some(x.get() as i64 == *y),
        (Value::Bool(x), Value::Bool(y)) => Some(x == y),
        (Value::Bool(x), Value::Float(y)) | (Value::Float(y), Value::Bool(x)) => Some(x.get() as i64 as f64 == y.get()),
        (Value::None, _) | (_, Value::None) => Some(false),
        (Value::Obj(x), Value::Obj(y)) => match (&x.data, &y.data) {
            (Data::Str(p), Data::Str(q)) if x.attrs.is_none() && y.attrs.is_none() => Some(p.s == q.s),
            _ => None,
        },
        (Value::Obj(x), _) | (_, Value::Obj(x)) => match &x.data {
            // An exact str never equals a number.
            Data::Str(_) if x.attrs.is_none() => Some(false),
            _ => None,
        },
    }
}

impl DictData {
    pub fn new() -> DictData {
        DictData::default()
    }

    pub fn with_capacity(n: usize) -> DictData {
        let mut d = DictData::default();
        if n > 0 {
            d.entries.reserve(n);
            d.indices = vec![EMPTY; table_size_for(n)];
        }
        d
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// One probe pass for `key` with `hash`, skipping the first `skip`
    /// candidates that needed a Python comparison and were unequal.
    pub fn probe(&self, key: &Value, hash: i64, skip: usize) -> Probe {
        if self.indices.is_empty() {
            return Probe::Missing;
        }
        let mut seq = ProbeSeq::new(hash, self.indices.len());
        let mut skipped = 0;
        loop {
            let i = seq.next_slot();
            let ix = self.indices[i];
            if ix == EMPTY {
                return Probe::Missing;
            }
            if ix != DUMMY {
                if let Some(e) = &self.entries[ix as usize] {
                    if e.hash == hash {
                        match fast_key_eq(&e.key, key) {
                            Some(true) => return Probe::Found(ix as usize),
                            Some(false) => {}
                            None => {
                                if skipped == skip {
                                    return Probe::Compare(ix as usize, e.key.clone());
                                }
                                skipped += 1;
                            }
                        }
                    }
                }
            }
        }
    }

    /// Finds an exact-`str` key object (`key`, whose payload is `text`):
    /// `Some(Some(ix))` found, `Some(None)` absent, `None` if an entry with
    /// the same hash has a key whose `==` could run Python code (the caller
    /// then takes the general [`DictData::probe`] path).
    ///
    /// The common case of dicts keyed by strings: identity first, then the
    /// text (no dispatch on the stored key's kind through `fast_key_eq`).
    #[inline]
    pub fn find_exact_str(&self, key: &crate::value::PyRef, text: &crate::value::PyStr, hash: i64) -> Option<Option<usize>> {
        if self.indices.is_empty() {
            return Some(None);
        }
        let mut seq = ProbeSeq::new(hash, self.indices.len());
        loop {
            let i = seq.next_slot();
            let ix = self.indices[i];
            if ix == EMPTY {
                return Some(None);
            }
            if ix != DUMMY {
                if let Some(e) = &self.entries[ix as usize] {
                    if e.hash == hash {
                        match &e.key {
                            Value::Obj(o) => {
                                if std::rc::Rc::ptr_eq(o, key) {
                                    return Some(Some(ix as usize));
                                }
                                match &o.data {
                                    Data::Str(t) if o.attrs.is_none() => {
                                        if t.s == text.s {
                                            return Some(Some(ix as usize));
                                        }
                                    }
                                    _ => return None,
                                }
                            }
                            // None, bool, int and float never equal a str.
                            _ => {}
                        }
                    }
                }
            }
        }
    }

    /// Lookup for keys whose equality never runs Python code (exact `str`
    /// keys, ints, ...): `None` if a comparison would need Python.
    pub fn get_fast(&self, key: &Value, hash: i64) -> Option<Option<&Value>> {
        match self.probe(key, hash, 0) {
            Probe::Found(i) => Some(self.entries[i].as_ref().map(|e| &e.value)),
            Probe::Missing => Some(None),
            Probe::Compare(..) => None,
        }
    }

    /// Looks up an exact-`str` key given as `&str` with its precomputed hash.
    pub fn get_str(&self, key: &str, hash: i64) -> Option<&Value> {
        if self.indices.is_empty() {
            return None;
        }
        let mut seq = ProbeSeq::new(hash, self.indices.len());
        loop {
            let i = seq.next_slot();
            let ix = self.indices[i];
            if ix == EMPTY {
                return None;
            }
            if ix != DUMMY {
                if let Some(e) = &self.entries[ix as usize] {
                    if e.hash == hash && e.key.as_str() == Some(key) {
                        return Some(&e.value);
                    }
                }
            }
        }
    }

    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index).and_then(|e| e.as_ref())
    }

    pub fn entry_value_mut(&mut self, index: usize) -> Option<&mut Value> {
        self.version += 1;
        self.entries.get_mut(index).and_then(|e| e.as_mut()).map(|e| &mut e.value)
    }

    /// Replaces the value at an entry found by a probe; returns the old one.
    pub fn replace_value(&mut self, index: usize, value: Value) -> Value {
        self.version += 1;
        let e = self.entries[index].as_mut().expect("live entry");
        std::mem::replace(&mut e.value, value)
    }

    /// Appends an entry, written in place: `Vec::push` built it in a stack
    /// temporary with 8-byte stores and copied it with 16-byte loads, which
    /// stalled on the store forwarding (a third of `set_fast`).
    #[inline(always)]
    fn push_entry(&mut self, hash: i64, key: Value, value: Value) {
        self.entries.reserve(1);
        let len = self.entries.len();
        // SAFETY: `reserve(1)` made room for one more entry at `len`.
        unsafe {
            self.entries.as_mut_ptr().add(len).write(Some(Entry { hash, key, value }));
            self.entries.set_len(len + 1);
        }
    }

    /// Appends a key known to be absent.
    pub fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        if (self.entries.len() + 1) * 3 >= self.indices.len() * 2 {
            self.resize(self.len + 1);
        }
        let ix = self.entries.len() as u32;
        self.push_entry(hash, key, value);
        let slot = self.free_slot(hash);
        self.indices[slot] = ix;
        self.len += 1;
        self.mutations += 1;
        self.version += 1;
    }

    /// `d[key] = value` in one probe when no key comparison on the way
    /// needs Python code: `Ok(Some(old))` replaced a value, `Ok(None)`
    /// inserted a new key; `Err((key, value))` hands them back when an entry
    /// with the same hash needs a Python `==` (the caller takes the general
    /// path). The new key goes in the first free slot of its probe sequence,
    /// as [`DictData::insert_new`] would put it.
    pub fn set_fast(&mut self, hash: i64, key: Value, value: Value) -> Result<Option<Value>, (Value, Value)> {
        if self.indices.is_empty() {
            self.insert_new(hash, key, value);
            return Ok(None);
        }
        let mut seq = ProbeSeq::new(hash, self.indices.len());
        let mut free: Option<usize> = None;
        let empty = loop {
            let i = seq.next_slot();
            let ix = self.indices[i];
            if ix == EMPTY {
                break i;
            }
            if ix == DUMMY {
                free.get_or_insert(i);
            } else if let Some(e) = &mut self.entries[ix as usize] {
                if e.hash == hash {
                    match fast_key_eq(&e.key, &key) {
                        Some(true) => {
                            self.version += 1;
                            return Ok(Some(std::mem::replace(&mut e.value, value)));
                        }
                        Some(false) => {}
                        None => return Err((key, value)),
                    }
                }
            }
        };
        if (self.entries.len() + 1) * 3 >= self.indices.len() * 2 {
            // The table grows: slots are assigned afresh.
            self.insert_new(hash, key, value);
            return Ok(None);
        }
        let slot = free.unwrap_or(empty);
        let ix = self.entries.len() as u32;
        self.push_entry(hash, key, value);
        self.indices[slot] = ix;
        self.len += 1;
        self.mutations += 1;
        self.version += 1;
        Ok(None)
    }

    /// Removes the entry at `index` (found by a probe), returning it.
    pub fn remove_at(&mut self, index: usize) -> Entry {
        let e = self.entries[index].take().expect("live entry");
        let mut seq = ProbeSeq::new(e.hash, self.indices.len());
        loop {
            let i = seq.next_slot();
            if self.indices[i] == index as u32 {
                self.indices[i] = DUMMY;
                break;
            }
        }
        self.len -= 1;
        self.mutations += 1;
        self.version += 1;
        if self.len == 0 {
            self.entries.clear();
            for s in self.indices.iter_mut() {
                *s = EMPTY;
            }
        }
        e
    }

    pub fn clear(&mut self) {
        self.entries = Vec::new();
        self.indices = Vec::new();
        self.len = 0;
        self.mutations += 1;
        self.version += 1;
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter_map(|e| e.as_ref())
    }

    /// The live entry at or after raw position `pos`, with the position after it
    /// (for iterators that keep a position across calls).
    pub fn next_entry(&self, mut pos: usize) -> Option<(usize, &Entry)> {
        while pos < self.entries.len() {
            if let Some(e) = &self.entries[pos] {
                return Some((pos + 1, e));
            }
            pos += 1;
        }
        None
    }

    /// Removes and returns the last inserted entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<Entry> {
        let idx = self.entries.iter().rposition(|e| e.is_some())?;
        Some(self.remove_at(idx))
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key.clone()).collect()
    }
    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.value.clone()).collect()
    }
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter().map(|e| (e.key.clone(), e.value.clone())).collect()
    }

    fn free_slot(&self, hash: i64) -> usize {
        let mut seq = ProbeSeq::new(hash, self.indices.len());
        loop {
            let i = seq.next_slot();
            let ix = self.indices[i];
            if ix == EMPTY || ix == DUMMY {
                return i;
            }
        }
    }

    fn resize(&mut self, min_len: usize) {
        // Drop the holes of deleted entries in place (order kept), then
        // rebuild the index table; no new entry vector.
        if self.entries.len() != self.len {
            self.entries.retain(|e| e.is_some());
        }
        let live = self.entries.len();
        let size = table_size_for(min_len.max(live) * 2);
        self.indices = vec![EMPTY; size];
        // Room for every entry the new table takes before it grows again
        // (no vector regrowth in between, as CPython's usable entries).
        let usable = (size * 2).div_ceil(3);
        self.entries.reserve_exact(usable.saturating_sub(live).max(1));
        for ix in 0..live {
            let Some(e) = &self.entries[ix] else { continue };
            let slot = self.free_slot(e.hash);
            self.indices[slot] = ix as u32;
        }
    }
}

/// CPython's probe sequence over a table of `len` slots (a power of two):
/// the slot for the hash's low bits, then `i = 5*i + 1 + perturb` with the
/// hash's higher bits shifted into `perturb`, which visits every slot.
struct ProbeSeq {
    slot: usize,
    perturb: u64,
    mask: usize,
}

impl ProbeSeq {
    #[inline(always)]
    fn new(hash: i64, len: usize) -> ProbeSeq {
        let mask = len - 1;
        ProbeSeq { slot: (hash as u64 as usize) & mask, perturb: hash as u64, mask }
    }

    /// The current slot; the sequence moves on to the next one.
    #[inline(always)]
    fn next_slot(&mut self) -> usize {
        let i = self.slot;
        self.perturb >>= 5;
        self.slot = (i.wrapping_mul(5).wrapping_add(self.perturb as usize).wrapping_add(1)) & self.mask;
        i
    }
}

fn table_size_for(n: usize) -> usize {
    let want = (n * 3).div_ceil(2).max(8);
    want.next_power_of_two()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_probe_remove_keep_order() {
        let mut d = DictData::new();
        for i in 0..100i64 {
            d.insert_new(i, Value::Int(i), Value::Int(i * 10));
        }
        for i in (0..100i64).step_by(2) {
            match d.probe(&Value::Int(i), i, 0) {
                Probe::Found(ix) => {
                    d.remove_at(ix);
                }
                _ => panic!("missing {i}"),
            }
        }
        assert_eq!(d.len(), 50);
        let keys: Vec<i64> = d.iter().map(|e| if let Value::Int(k) = e.key { k } else { -1 }).collect();
        assert_eq!(keys, (1..100).step_by(2).collect::<Vec<_>>());
        assert!(matches!(d.probe(&Value::Int(4), 4, 0), Probe::Missing));
    }

    #[test]
    fn set_fast_replaces_inserts_and_reuses_deleted_slots() {
        let mut d = DictData::new();
        for i in 0..40i64 {
            assert!(matches!(d.set_fast(i % 7, Value::Int(i), Value::Int(i)), Ok(None)));
        }
        for i in (0..40i64).step_by(3) {
            let Probe::Found(ix) = d.probe(&Value::Int(i), i % 7, 0) else { panic!("missing {i}") };
            d.remove_at(ix);
        }
        // Replacing keeps the position; new keys go to the end.
        assert!(matches!(d.set_fast(1 % 7, Value::Int(1), Value::Int(-1)), Ok(Some(Value::Int(1)))));
        for i in (0..40i64).step_by(3) {
            assert!(matches!(d.set_fast(i % 7, Value::Int(i), Value::Int(i * 100)), Ok(None)));
        }
        let items: Vec<(i64, i64)> = d
            .iter()
            .map(|e| match (&e.key, &e.value) {
                (Value::Int(k), Value::Int(v)) => (*k, *v),
                _ => panic!("not ints"),
            })
            .collect();
        let mut expected: Vec<(i64, i64)> = (0..40i64).filter(|i| i % 3 != 0).map(|i| (i, if i == 1 { -1 } else { i })).collect();
        expected.extend((0..40i64).step_by(3).map(|i| (i, i * 100)));
        assert_eq!(items, expected);
        for (k, v) in expected {
            let Probe::Found(ix) = d.probe(&Value::Int(k), k % 7, 0) else { panic!("lost {k}") };
            assert!(matches!(d.entry(ix).map(|e| &e.value), Some(Value::Int(x)) if *x == v));
        }
    }
}
