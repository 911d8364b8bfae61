//! The backtracking matcher: runs a [`Program`] over a slice of code units
//! (`u8` for bytes and ASCII strings, `u32` code points otherwise) with an
//! explicit backtracking stack (never native recursion), so any pattern on
//! any input either matches, fails, or reports that the stack limit was hit.
//!
//! Captures and repeat counters are restored through undo frames pushed on
//! the same stack (a trail), so atomic groups and lookarounds can discard
//! choice points while keeping the undo information.

use super::charclass::{is_word, lower};
use super::compiler::{AtKind, Inst, One, Program};
use super::parser::RepeatKind;

pub const UNSET: usize = usize::MAX;
/// Frames allowed on the backtracking stack before giving up.
const STACK_LIMIT: usize = 50_000_000;

/// A code unit of the subject.
pub trait Ch: Copy {
    fn code(self) -> u32;
    /// Position of the first occurrence of `needle` in `text[from..]`.
    fn find(text: &[Self], from: usize, prog: &Program) -> Option<usize>;
    /// How many of `text[from..from + limit]` come before the first `c`.
    fn count_not(text: &[Self], from: usize, limit: usize, c: u32) -> usize {
        let mut k = 0;
        while k < limit && text[from + k].code() != c {
            k += 1;
        }
        k
    }
    /// The last index in `lo..=hi` holding `c`.
    fn rfind_char(text: &[Self], lo: usize, hi: usize, c: u32) -> Option<usize> {
        let mut i = hi;
        loop {
            if text[i].code() == c {
                return Some(i);
            }
            if i == lo {
                return None;
            }
            i -= 1;
        }
    }
}

impl Ch for u8 {
    #[inline(always)]
    fn code(self) -> u32 {
        self as u32
    }
    fn find(text: &[u8], from: usize, prog: &Program) -> Option<usize> {
        let finder = prog.prefix_finder.as_ref()?;
        if from > text.len() {
            return None;
        }
        if prog.prefix.len() == 1 {
            return memchr::memchr(prog.prefix[0] as u8, &text[from..]).map(|i| i + from);
        }
        finder.find(&text[from..]).map(|i| i + from)
    }
    fn count_not(text: &[u8], from: usize, limit: usize, c: u32) -> usize {
        if c > 255 {
            return limit;
        }
        memchr::memchr(c as u8, &text[from..from + limit]).unwrap_or(limit)
    }
    fn rfind_char(text: &[u8], lo: usize, hi: usize, c: u32) -> Option<usize> {
        if c > 255 {
            return None;
        }
        memchr::memrchr(c as u8, &text[lo..=hi]).map(|i| i + lo)
    }
}

impl Ch for u32 {
    #[inline(always)]
    fn code(self) -> u32 {
        self
    }
    fn find(text: &[u32], from: usize, prog: &Program) -> Option<usize> {
        let needle = &prog.prefix[..];
        let n = needle.len();
        let mut i = from;
        while i + n <= text.len() {
            if text[i] == needle[0] && text[i..i + n] == *needle {
                return Some(i);
            }
            i += 1;
        }
        None
    }
}

#[derive(Clone, Copy)]
enum Frame {
    Branch { pc: u32, pos: usize },
    Slot { slot: u32, old: usize },
    Counter { ctr: u32, count: u32, last: usize },
    /// Greedy single-item repeat: give back one char at a time down to `min_pos`.
    RepeatBack { next: u32, min_pos: usize, pos: usize },
    /// Lazy single-item repeat at instruction `pc`: take one more char.
    LazyOne { pc: u32, pos: usize, count: u32 },
    /// Lazy general repeat: run one more iteration of the body.
    LazyIter { ctr: u32, pos: usize, body: u32 },
    Barrier { pos: usize },
    NegBarrier { after: u32, pos: usize },
}

pub struct Matcher<'p, 't, C: Ch> {
    prog: &'p Program,
    text: &'t [C],
    /// Two slots per group plus one for `lastindex` (group number or UNSET).
    pub slots: Vec<usize>,
    counters: Vec<(u32, usize)>,
    stack: Vec<Frame>,
    /// fullmatch: the match must end at the end of the text.
    pub full: bool,
    /// Set when the stack limit was hit (the result is then "no match").
    pub overflow: bool,
    /// An empty match starting here is rejected (iteration after an empty match).
    pub no_empty_at: usize,
}

impl<'p, 't, C: Ch> Matcher<'p, 't, C> {
    pub fn new(prog: &'p Program, text: &'t [C]) -> Self {
        Matcher {
            prog,
            text,
            slots: vec![UNSET; prog.groups * 2 + 1],
            counters: vec![(0, UNSET); prog.counters],
            stack: Vec::new(),
            full: false,
            overflow: false,
            no_empty_at: UNSET,
        }
    }

    #[inline(always)]
    fn one(&self, o: One, c: u32) -> bool {
        match o {
            One::Char(x) => c == x,
            One::Char2(a, b) => c == a || c == b,
            One::NotChar(x) => c != x,
            One::NotChar2(a, b) => c != a && c != b,
            One::Any => c != 10,
            One::AnyAll => true,
            One::Set(i) => self.prog.sets[i as usize].contains(c),
        }
    }

    fn at(&self, k: AtKind, pos: usize) -> bool {
        let t = self.text;
        let n = t.len();
        match k {
            AtKind::Bol | AtKind::BeginText => pos == 0,
            AtKind::BolMulti => pos == 0 || t[pos - 1].code() == 10,
            AtKind::Eol => pos == n || (pos + 1 == n && t[pos].code() == 10),
            AtKind::EolMulti => pos == n || t[pos].code() == 10,
            AtKind::EndText => pos == n,
            AtKind::Boundary { ascii } | AtKind::NonBoundary { ascii } => {
                if n == 0 {
                    return false;
                }
                let before = pos > 0 && is_word(t[pos - 1].code(), ascii);
                let here = pos < n && is_word(t[pos].code(), ascii);
                (before != here) == matches!(k, AtKind::Boundary { .. })
            }
        }
    }

    #[inline]
    fn set_slot(&mut self, slot: usize, v: usize) {
        self.stack.push(Frame::Slot { slot: slot as u32, old: self.slots[slot] });
        self.slots[slot] = v;
    }

    #[inline]
    fn set_counter(&mut self, ctr: usize, v: (u32, usize)) {
        let (count, last) = self.counters[ctr];
        self.stack.push(Frame::Counter { ctr: ctr as u32, count, last });
        self.counters[ctr] = v;
    }

    /// Drops choice points down to the innermost barrier (kept undo frames
    /// stay); returns the position saved in the barrier.
    fn cut(&mut self) -> usize {
        let mut i = self.stack.len();
        while i > 0 {
            i -= 1;
            if let Frame::Barrier { .. } = self.stack[i] {
                break;
            }
        }
        let Frame::Barrier { pos } = self.stack[i] else { return 0 };
        let mut w = i;
        for r in i + 1..self.stack.len() {
            let f = self.stack[r];
            if matches!(f, Frame::Slot { .. } | Frame::Counter { .. }) {
                self.stack[w] = f;
                w += 1;
            }
        }
        self.stack.truncate(w);
        pos
    }

    /// Tries to match at `start`; returns the end position.
    pub fn run(&mut self, start: usize) -> Option<usize> {
        for s in self.slots.iter_mut() {
            *s = UNSET;
        }
        self.stack.clear();
        let insts = &self.prog.insts[..];
        let text = self.text;
        let n = text.len();
        let mut pc = 0usize;
        let mut pos = start;
        'outer: loop {
            let ok = match insts[pc] {
                Inst::One(o) => {
                    if pos < n && self.one(o, text[pos].code()) {
                        pos += 1;
                        pc += 1;
                        true
                    } else {
                        false
                    }
                }
                Inst::RepeatOne { item, min, max, kind, next_lit } => {
                    let avail = n - pos;
                    let limit = if (max as usize) < avail { max as usize } else { avail };
                    if kind == RepeatKind::Lazy {
                        let min = min as usize;
                        if min > avail {
                            false
                        } else {
                            let mut k = 0;
                            while k < min && self.one(item, text[pos + k].code()) {
                                k += 1;
                            }
                            if k < min {
                                false
                            } else {
                                pos += min;
                                if (min as u32) < max {
                                    self.stack.push(Frame::LazyOne { pc: pc as u32, pos, count: min as u32 });
                                }
                                pc += 1;
                                true
                            }
                        }
                    } else {
                        let k = match item {
                            One::AnyAll => limit,
                            One::Any => C::count_not(text, pos, limit, 10),
                            One::NotChar(x) => C::count_not(text, pos, limit, x),
                            _ => {
                                let mut k = 0;
                                while k < limit && self.one(item, text[pos + k].code()) {
                                    k += 1;
                                }
                                k
                            }
                        };
                        if k < min as usize {
                            false
                        } else {
                            let min_pos = pos + min as usize;
                            let mut end = pos + k;
                            let mut ok = true;
                            if kind == RepeatKind::Greedy && next_lit != u32::MAX {
                                // The rest starts with a literal: only stop where it follows.
                                let hi = if end >= n { n.wrapping_sub(1) } else { end };
                                match if n == 0 || hi < min_pos { None } else { C::rfind_char(text, min_pos, hi, next_lit) } {
                                    Some(i) => end = i,
                                    None => ok = false,
                                }
                            }
                            if !ok {
                                false
                            } else {
                                if kind == RepeatKind::Greedy && end > min_pos {
                                    self.stack.push(Frame::RepeatBack { next: pc as u32 + 1, min_pos, pos: end });
                                }
                                pos = end;
                                pc += 1;
                                true
                            }
                        }
                    }
                }
                Inst::At(k) => {
                    if self.at(k, pos) {
                        pc += 1;
                        true
                    } else {
                        false
                    }
                }
                Inst::SaveStart(g) => {
                    self.set_slot(2 * g as usize, pos);
                    pc += 1;
                    true
                }
                Inst::SaveEnd(g) => {
                    self.set_slot(2 * g as usize + 1, pos);
                    let last = self.slots.len() - 1;
                    self.set_slot(last, g as usize);
                    pc += 1;
                    true
                }
                Inst::Split(a, b) => {
                    self.stack.push(Frame::Branch { pc: b, pos });
                    pc = a as usize;
                    true
                }
                Inst::Jmp(t) => {
                    pc = t as usize;
                    true
                }
                Inst::RepeatInit(c) => {
                    self.set_counter(c as usize, (0, UNSET));
                    pc += 1;
                    true
                }
                Inst::RepeatCheck { ctr, min, max, lazy, body, exit } => {
                    let (count, last) = self.counters[ctr as usize];
                    if count < min {
                        // Required iterations do not move the empty-iteration mark.
                        self.set_counter(ctr as usize, (count + 1, last));
                        pc = body as usize;
                    } else if count < max && pos != last {
                        if lazy {
                            self.stack.push(Frame::LazyIter { ctr, pos, body });
                            pc = exit as usize;
                        } else {
                            self.stack.push(Frame::Branch { pc: exit, pos });
                            self.set_counter(ctr as usize, (count + 1, pos));
                            pc = body as usize;
                        }
                    } else {
                        pc = exit as usize;
                    }
                    true
                }
                Inst::Backref { group, icase, ascii } => {
                    let s = self.slots[2 * group as usize];
                    let e = self.slots[2 * group as usize + 1];
                    if s == UNSET || e == UNSET || e < s || pos + (e - s) > n {
                        false
                    } else {
                        let len = e - s;
                        let same = if icase {
                            (0..len).all(|i| lower(text[s + i].code(), ascii) == lower(text[pos + i].code(), ascii))
                        } else {
                            (0..len).all(|i| text[s + i].code() == text[pos + i].code())
                        };
                        if same {
                            pos += len;
                            pc += 1;
                        }
                        same
                    }
                }
                Inst::AtomicStart => {
                    self.stack.push(Frame::Barrier { pos });
                    pc += 1;
                    true
                }
                Inst::AtomicEnd => {
                    self.cut();
                    pc += 1;
                    true
                }
                Inst::AssertStart { behind } => {
                    let b = behind as usize;
                    if pos < b {
                        false
                    } else {
                        self.stack.push(Frame::Barrier { pos });
                        pos -= b;
                        pc += 1;
                        true
                    }
                }
                Inst::AssertEnd => {
                    pos = self.cut();
                    pc += 1;
                    true
                }
                Inst::NegStart { behind, after } => {
                    let b = behind as usize;
                    if pos < b {
                        pc = after as usize;
                    } else {
                        self.stack.push(Frame::NegBarrier { after, pos });
                        pos -= b;
                        pc += 1;
                    }
                    true
                }
                Inst::NegEnd => {
                    // The body matched: undo it and fail past the barrier.
                    while let Some(f) = self.stack.pop() {
                        match f {
                            Frame::NegBarrier { .. } => break,
                            Frame::Slot { slot, old } => self.slots[slot as usize] = old,
                            Frame::Counter { ctr, count, last } => self.counters[ctr as usize] = (count, last),
                            _ => {}
                        }
                    }
                    false
                }
                Inst::GroupExists { group, no } => {
                    let g = group as usize;
                    if g < self.prog.groups && self.slots[2 * g] != UNSET && self.slots[2 * g + 1] != UNSET {
                        pc += 1;
                    } else {
                        pc = no as usize;
                    }
                    true
                }
                Inst::Match => {
                    if (self.full && pos != n) || (pos == start && start == self.no_empty_at) {
                        false
                    } else {
                        return Some(pos);
                    }
                }
            };
            if ok {
                continue;
            }
            if self.stack.len() > STACK_LIMIT {
                self.overflow = true;
                return None;
            }
            // Backtrack.
            loop {
                let Some(f) = self.stack.pop() else { return None };
                match f {
                    Frame::Branch { pc: p, pos: q } => {
                        pc = p as usize;
                        pos = q;
                        continue 'outer;
                    }
                    Frame::Slot { slot, old } => self.slots[slot as usize] = old,
                    Frame::Counter { ctr, count, last } => self.counters[ctr as usize] = (count, last),
                    Frame::RepeatBack { next, min_pos, pos: p } => {
                        let mut np = p - 1;
                        // Skip positions where the next literal cannot match.
                        if let Inst::RepeatOne { next_lit: c, .. } = insts[next as usize - 1] {
                            if c != u32::MAX {
                                match C::rfind_char(text, min_pos, np, c) {
                                    Some(i) => np = i,
                                    None => continue,
                                }
                            }
                        }
                        if np > min_pos {
                            self.stack.push(Frame::RepeatBack { next, min_pos, pos: np });
                        }
                        pc = next as usize;
                        pos = np;
                        continue 'outer;
                    }
                    Frame::LazyOne { pc: rp, pos: p, count } => {
                        if let Inst::RepeatOne { item, max, .. } = insts[rp as usize] {
                            if count < max && p < n && self.one(item, text[p].code()) {
                                if count + 1 < max {
                                    self.stack.push(Frame::LazyOne { pc: rp, pos: p + 1, count: count + 1 });
                                }
                                pc = rp as usize + 1;
                                pos = p + 1;
                                continue 'outer;
                            }
                        }
                    }
                    Frame::LazyIter { ctr, pos: p, body } => {
                        let (count, _) = self.counters[ctr as usize];
                        self.set_counter(ctr as usize, (count + 1, p));
                        pc = body as usize;
                        pos = p;
                        continue 'outer;
                    }
                    Frame::Barrier { .. } => {}
                    Frame::NegBarrier { after, pos: p } => {
                        pc = after as usize;
                        pos = p;
                        continue 'outer;
                    }
                }
            }
        }
    }

    /// Finds the leftmost match starting at or after `pos`: (start, end).
    pub fn search(&mut self, pos: usize) -> Option<(usize, usize)> {
        let n = self.text.len();
        if pos > n {
            return None;
        }
        if self.prog.anchored {
            return self.run(pos).map(|e| (pos, e));
        }
        let prog = self.prog;
        if !prog.prefix.is_empty() {
            let mut p = pos;
            while let Some(c) = C::find(self.text, p, prog) {
                if let Some(e) = self.run(c) {
                    return Some((c, e));
                }
                if self.overflow {
                    return None;
                }
                p = c + 1;
            }
            return None;
        }
        if let Some((bits, high)) = prog.first {
            let text = self.text;
            let mut p = pos;
            while p < n {
                let c = text[p].code();
                let ok = if c < 256 { bits[(c >> 6) as usize] & (1 << (c & 63)) != 0 } else { high };
                if ok {
                    if let Some(e) = self.run(p) {
                        return Some((p, e));
                    }
                    if self.overflow {
                        return None;
                    }
                }
                p += 1;
            }
            return None;
        }
        let mut p = pos;
        loop {
            if let Some(e) = self.run(p) {
                return Some((p, e));
            }
            if self.overflow || p >= n {
                return None;
            }
            p += 1;
        }
    }

    /// Group spans after a successful run/search (group 0 filled in by the caller).
    pub fn lastindex(&self) -> Option<usize> {
        let l = self.slots[self.slots.len() - 1];
        if l == UNSET {
            None
        } else {
            Some(l)
        }
    }
}
