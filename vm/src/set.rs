//! `set`/`frozenset` storage: CPython's set table, reproduced exactly.
//!
//! Python programs print sets, and the order they print in is the order of
//! the slots of CPython's table (`Objects/setobject.c`): open addressing
//! with runs of `LINEAR_PROBES` linear probes between perturbed jumps,
//! `fill*5 >= mask*3` as the resize trigger, growth to `used*4` (or `used*2`
//! past 50,000), and re-insertion in old slot order on resize. Following the
//! same algorithm with the same hashes gives the same order, so `{3, 1, 2}`
//! prints as `{1, 2, 3}` in Egret too.
//!
//! As with dicts, comparing keys may run Python code, so probing reports a
//! candidate to compare ([`SetProbe::Compare`]) instead of calling out.

use crate::dict::fast_key_eq;
use crate::value::Value;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Slot {
    Empty,
    Dummy,
    Full(i64, Value),
}

#[derive(Clone)]
pub struct SetData {
    table: Vec<Slot>,
    /// Full + dummy slots.
    fill: usize,
    /// Full slots.
    used: usize,
    /// Bumped on every change: iterators detect "Set changed size during iteration".
    pub mutations: u64,
    /// Where `pop()` continues its scan.
    finger: usize,
}

/// A table of `n` empty slots. (`vec![Slot::Empty; n]` clones the slot
/// through `Slot::clone`, a match per slot; this writes the constant.)
fn empty_table(n: usize) -> Vec<Slot> {
    std::iter::repeat_with(|| Slot::Empty).take(n).collect()
}

impl Default for SetData {
    fn default() -> Self {
        SetData::new()
    }
}

pub enum SetProbe {
    Found(usize),
    /// Not present; `usize` is the slot an insertion would use.
    Missing(usize),
    /// Slot `index` holds an equal-hash key needing a Python comparison.
    Compare(usize, Value),
}

impl SetData {
    /// An empty set. The table is allocated by the first insertion, so an
    /// empty `SetData` costs no allocation (the interpreter's `SetAdd` swaps
    /// a placeholder in while it hashes; `set()` may stay empty).
    pub fn new() -> SetData {
        SetData { table: Vec::new(), fill: 0, used: 0, mutations: 0, finger: 0 }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Probes for `key`; `skip` candidates that needed a Python comparison and
    /// were found unequal are passed over.
    pub fn probe(&self, key: &Value, hash: i64, skip: usize) -> SetProbe {
        if self.table.is_empty() {
            return SetProbe::Missing(0);
        }
        let mask = self.table.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut freeslot: Option<usize> = None;
        let mut skipped = 0;
        loop {
            let mut j = i;
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for _ in 0..=probes {
                match &self.table[j] {
                    Slot::Empty => return SetProbe::Missing(freeslot.unwrap_or(j)),
                    // The last deleted slot on the way is reused (CPython
                    // 3.12's `set_add_entry` keeps the latest one it saw).
                    Slot::Dummy => freeslot = Some(j),
                    Slot::Full(h, k) => {
                        if *h == hash {
                            match fast_key_eq(k, key) {
                                Some(true) => return SetProbe::Found(j),
                                Some(false) => {}
                                None => {
                                    if skipped == skip {
                                        return SetProbe::Compare(j, k.clone());
                                    }
                                    skipped += 1;
                                }
                            }
                        }
                    }
                }
                j += 1;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    /// Inserts a key known to be absent at the slot a `Missing` probe returned.
    pub fn insert_at(&mut self, mut slot: usize, hash: i64, key: Value) {
        if self.table.is_empty() {
            self.table = empty_table(MIN_SIZE);
            slot = Self::clean_slot(&self.table, MIN_SIZE - 1, hash);
        }
        let was_empty = matches!(self.table[slot], Slot::Empty);
        self.table[slot] = Slot::Full(hash, key);
        self.used += 1;
        self.mutations += 1;
        if was_empty {
            self.fill += 1;
            let mask = self.table.len() - 1;
            if self.fill * 5 >= mask * 3 {
                let minused = if self.used > 50000 { self.used * 2 } else { self.used * 4 };
                self.resize(minused);
            }
        }
    }

    /// Inserts when equality is decidable without Python (all keys fast): returns false if present.
    pub fn insert_fast(&mut self, hash: i64, key: Value) -> Option<bool> {
        if let Value::Int(i) = key {
            return self.insert_int(hash, i);
        }
        match self.probe(&key, hash, 0) {
            SetProbe::Found(_) => Some(false),
            SetProbe::Missing(slot) => {
                self.insert_at(slot, hash, key);
                Some(true)
            }
            SetProbe::Compare(..) => None,
        }
    }

    /// [`SetData::insert_fast`] for a machine int (set comprehensions and
    /// `SET_ADD` of ints): the probe of [`SetData::probe`] with int keys
    /// compared in place, inserting where the probe ends.
    fn insert_int(&mut self, hash: i64, i: i64) -> Option<bool> {
        if self.table.is_empty() {
            self.table = empty_table(MIN_SIZE);
        }
        let mask = self.table.len() - 1;
        let mut perturb = hash as u64;
        let mut start = (hash as u64 as usize) & mask;
        let mut freeslot: Option<usize> = None;
        loop {
            let probes = if start + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in start..=start + probes {
                match &self.table[j] {
                    Slot::Empty => {
                        self.insert_int_at(freeslot, j, hash, i);
                        return Some(true);
                    }
                    // The last deleted slot on the way is reused (CPython
                    // 3.12's `set_add_entry` keeps the latest one it saw).
                    Slot::Dummy => freeslot = Some(j),
                    Slot::Full(h, k) if *h == hash => match k {
                        Value::Int(x) => {
                            if *x == i {
                                return Some(false);
                            }
                        }
                        // An equal-hash key of another kind (True, 1.0, an
                        // int subclass): decided as `probe` decides it.
                        _ => match fast_key_eq(k, &Value::Int(i)) {
                            Some(true) => return Some(false),
                            Some(false) => {}
                            None => return None,
                        },
                    },
                    Slot::Full(..) => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            start = (start.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    /// Writes the int `i` where its probe ended: the last dummy slot seen
    /// (`dummy`), else the empty slot `empty` (then the table may grow).
    #[inline(always)]
    fn insert_int_at(&mut self, dummy: Option<usize>, empty: usize, hash: i64, i: i64) {
        let slot = dummy.unwrap_or(empty);
        let cell = &mut self.table[slot];
        // SAFETY: the slot is empty or a dummy, neither of which owns
        // anything, so overwriting it without dropping leaks nothing.
        unsafe { std::ptr::write(cell, Slot::Full(hash, Value::Int(i))) };
        self.used += 1;
        self.mutations += 1;
        if dummy.is_none() {
            self.fill += 1;
            let mask = self.table.len() - 1;
            if self.fill * 5 >= mask * 3 {
                let minused = if self.used > 50000 { self.used * 2 } else { self.used * 4 };
                self.resize(minused);
            }
        }
    }

    pub fn remove_at(&mut self, slot: usize) -> Value {
        let old = std::mem::replace(&mut self.table[slot], Slot::Dummy);
        self.used -= 1;
        self.mutations += 1;
        match old {
            Slot::Full(_, k) => k,
            _ => unreachable!("remove_at on a non-full slot"),
        }
    }

    pub fn clear(&mut self) {
        *self = SetData { mutations: self.mutations + 1, ..SetData::new() };
    }

    /// Removes an arbitrary element as CPython's `set.pop` does.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut i = self.finger & mask;
        while !matches!(self.table[i], Slot::Full(..)) {
            i = (i + 1) & mask;
        }
        self.finger = i + 1;
        Some(self.remove_at(i))
    }

    /// Elements with their hashes, in slot order (the iteration order).
    pub fn iter(&self) -> impl Iterator<Item = (i64, &Value)> {
        self.table.iter().filter_map(|s| match s {
            Slot::Full(h, k) => Some((*h, k)),
            _ => None,
        })
    }

    /// The element at or after slot `pos`, with the next position.
    pub fn next_entry(&self, mut pos: usize) -> Option<(usize, &Value)> {
        while pos < self.table.len() {
            if let Slot::Full(_, k) = &self.table[pos] {
                return Some((pos + 1, k));
            }
            pos += 1;
        }
        None
    }

    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|(_, k)| k.clone()).collect()
    }

    fn resize(&mut self, minused: usize) {
        let mut newsize = MIN_SIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = std::mem::replace(&mut self.table, empty_table(newsize));
        self.fill = self.used;
        let mask = newsize - 1;
        for s in old {
            if let Slot::Full(h, k) = s {
                let slot = Self::clean_slot(&self.table, mask, h);
                self.table[slot] = Slot::Full(h, k);
            }
        }
    }

    fn clean_slot(table: &[Slot], mask: usize, hash: i64) -> usize {
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if matches!(table[i], Slot::Empty) {
                return i;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if matches!(table[i + j], Slot::Empty) {
                        return i + j;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(keys: &[i64]) -> Vec<i64> {
        let mut s = SetData::new();
        for &k in keys {
            s.insert_fast(k, Value::Int(k));
        }
        s.iter().map(|(_, v)| if let Value::Int(i) = v { *i } else { 0 }).collect()
    }

    #[test]
    fn small_int_sets_iterate_like_cpython() {
        // CPython 3.12: list({3, 1, 2}) == [1, 2, 3]; list({10, 5, 100, 33}) == [33, 10, 100, 5]
        assert_eq!(order(&[3, 1, 2]), vec![1, 2, 3]);
        assert_eq!(order(&[10, 5, 100, 33]), vec![33, 10, 100, 5]);
    }
}
