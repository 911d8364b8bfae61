//! Compiler from the parsed [`Node`] tree to a compact backtracking
//! program ([`Program`]), plus the search accelerators: a literal prefix
//! (found with memchr/memmem), a first-character set, and start anchoring.
//!
//! Flags are resolved here: every instruction carries its own case and
//! ASCII/Unicode rules, so scoped inline flags cost nothing at match time.
//! Repeats of one-character items become a single [`Inst::RepeatOne`];
//! other repeats use counters saved on the backtracking stack.

use super::charclass::{case_variants, CharSet, SetItem};
use super::parser::{self, At, Node, ReError, RepeatKind, FLAG_ASCII, FLAG_DOTALL, FLAG_IGNORECASE, FLAG_LOCALE, FLAG_MULTILINE, INF};

/// Something matching exactly one character.
#[derive(Debug, Clone, Copy)]
pub enum One {
    Char(u32),
    /// Either of two case variants.
    Char2(u32, u32),
    NotChar(u32),
    NotChar2(u32, u32),
    /// Any character but `\n`.
    Any,
    AnyAll,
    Set(u32),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AtKind {
    Bol,
    BolMulti,
    Eol,
    EolMulti,
    BeginText,
    EndText,
    Boundary { ascii: bool },
    NonBoundary { ascii: bool },
}

#[derive(Debug, Clone, Copy)]
pub enum Inst {
    One(One),
    /// `next_lit`: the literal the rest must start with (u32::MAX if unknown).
    RepeatOne { item: One, min: u32, max: u32, kind: RepeatKind, next_lit: u32 },
    At(AtKind),
    SaveStart(u32),
    SaveEnd(u32),
    /// Try the first target; on failure the second.
    Split(u32, u32),
    Jmp(u32),
    RepeatInit(u32),
    RepeatCheck { ctr: u32, min: u32, max: u32, lazy: bool, body: u32, exit: u32 },
    Backref { group: u32, icase: bool, ascii: bool },
    AtomicStart,
    AtomicEnd,
    AssertStart { behind: u32 },
    AssertEnd,
    NegStart { behind: u32, after: u32 },
    NegEnd,
    GroupExists { group: u32, no: u32 },
    Match,
}

/// A compiled pattern.
pub struct Program {
    pub insts: Vec<Inst>,
    pub sets: Vec<CharSet>,
    /// Number of groups including group 0.
    pub groups: usize,
    pub counters: usize,
    /// Literal every match starts with (case-sensitive), possibly empty.
    pub prefix: Vec<u32>,
    /// Searcher for the prefix in byte subjects (None if it has a char > 255).
    pub prefix_finder: Option<memchr::memmem::Finder<'static>>,
    /// Characters a match can start with: bitmap for 0..256 and whether
    /// higher code points may start one. None: no restriction known.
    pub first: Option<([u64; 4], bool)>,
    /// The match can only start at position 0.
    pub anchored: bool,
}

struct Compiler {
    insts: Vec<Inst>,
    sets: Vec<CharSet>,
    counters: usize,
    is_text: bool,
    widths: Vec<(u64, u64)>,
}

fn ascii_rules(flags: u32, is_text: bool) -> bool {
    !is_text || flags & (FLAG_ASCII | FLAG_LOCALE) != 0
}

impl Compiler {
    fn pc(&self) -> u32 {
        self.insts.len() as u32
    }
    fn push(&mut self, i: Inst) -> u32 {
        self.insts.push(i);
        self.insts.len() as u32 - 1
    }
    fn add_set(&mut self, items: Vec<SetItem>, negate: bool, flags: u32) -> u32 {
        let cs = CharSet::new(items, negate, flags & FLAG_IGNORECASE != 0, ascii_rules(flags, self.is_text));
        self.sets.push(cs);
        self.sets.len() as u32 - 1
    }
    fn literal(&mut self, c: u32, negate: bool, flags: u32) -> One {
        if flags & FLAG_IGNORECASE != 0 {
            let v = case_variants(c, ascii_rules(flags, self.is_text));
            match v.len() {
                1 => {}
                2 => return if negate { One::NotChar2(v[0], v[1]) } else { One::Char2(v[0], v[1]) },
                _ => {
                    let items = v.into_iter().map(SetItem::Char).collect();
                    return One::Set(self.add_set(items, negate, flags & !FLAG_IGNORECASE));
                }
            }
        }
        if negate {
            One::NotChar(c)
        } else {
            One::Char(c)
        }
    }
    fn one_of(&mut self, node: &Node, flags: u32) -> Option<One> {
        Some(match node {
            Node::Literal(c) => self.literal(*c, false, flags),
            Node::NotLiteral(c) => self.literal(*c, true, flags),
            Node::Any => {
                if flags & FLAG_DOTALL != 0 {
                    One::AnyAll
                } else {
                    One::Any
                }
            }
            Node::In(items, negate) => One::Set(self.add_set(items.clone(), *negate, flags)),
            Node::Group { index: None, add, del, body } => return self.one_of(body, (flags | add) & !del),
            _ => return None,
        })
    }
    fn emit(&mut self, node: &Node, flags: u32) -> Result<(), ReError> {
        match node {
            Node::Literal(_) | Node::NotLiteral(_) | Node::Any | Node::In(..) => {
                let o = self.one_of(node, flags).unwrap();
                self.push(Inst::One(o));
            }
            Node::At(a) => {
                let ascii = ascii_rules(flags, self.is_text);
                let multi = flags & FLAG_MULTILINE != 0;
                let k = match a {
                    At::Beginning if multi => AtKind::BolMulti,
                    At::Beginning => AtKind::Bol,
                    At::End if multi => AtKind::EolMulti,
                    At::End => AtKind::Eol,
                    At::BeginningString => AtKind::BeginText,
                    At::EndString => AtKind::EndText,
                    At::Boundary => AtKind::Boundary { ascii },
                    At::NonBoundary => AtKind::NonBoundary { ascii },
                };
                self.push(Inst::At(k));
            }
            Node::Group { index, add, del, body } => {
                let f = (flags | add) & !del;
                if let Some(g) = index {
                    self.push(Inst::SaveStart(*g as u32));
                    self.emit(body, f)?;
                    self.push(Inst::SaveEnd(*g as u32));
                } else {
                    self.emit(body, f)?;
                }
            }
            Node::Concat(v) => {
                for x in v {
                    self.emit(x, flags)?;
                }
            }
            Node::Branch(alts) => {
                let mut jumps = Vec::new();
                for (i, alt) in alts.iter().enumerate() {
                    if i + 1 < alts.len() {
                        let split = self.push(Inst::Split(0, 0));
                        self.emit(alt, flags)?;
                        jumps.push(self.push(Inst::Jmp(0)));
                        let next = self.pc();
                        self.insts[split as usize] = Inst::Split(split + 1, next);
                    } else {
                        self.emit(alt, flags)?;
                    }
                }
                let end = self.pc();
                for j in jumps {
                    self.insts[j as usize] = Inst::Jmp(end);
                }
            }
            Node::Repeat { body, min, max, kind } => self.repeat(body, *min, *max, *kind, flags)?,
            Node::GroupRef(g) => {
                self.push(Inst::Backref { group: *g as u32, icase: flags & FLAG_IGNORECASE != 0, ascii: ascii_rules(flags, self.is_text) });
            }
            Node::Assert { behind, negate, body } => {
                let mut w = 0u32;
                if *behind {
                    let (lo, hi) = parser::width(body, &self.widths);
                    if lo != hi {
                        return Err(ReError { msg: "look-behind requires fixed-width pattern".into(), pos: None, overflow: false, value_error: false });
                    }
                    if lo > u32::MAX as u64 - 1 {
                        return Err(ReError { msg: "looks too much behind".into(), pos: None, overflow: false, value_error: false });
                    }
                    w = lo as u32;
                }
                if *negate {
                    let start = self.push(Inst::NegStart { behind: w, after: 0 });
                    self.emit(body, flags)?;
                    self.push(Inst::NegEnd);
                    let after = self.pc();
                    self.insts[start as usize] = Inst::NegStart { behind: w, after };
                } else {
                    self.push(Inst::AssertStart { behind: w });
                    self.emit(body, flags)?;
                    self.push(Inst::AssertEnd);
                }
            }
            Node::Atomic(body) => {
                self.push(Inst::AtomicStart);
                self.emit(body, flags)?;
                self.push(Inst::AtomicEnd);
            }
            Node::GroupExists { group, yes, no } => {
                let test = self.push(Inst::GroupExists { group: *group as u32, no: 0 });
                self.emit(yes, flags)?;
                match no {
                    Some(no) => {
                        let j = self.push(Inst::Jmp(0));
                        let no_pc = self.pc();
                        self.emit(no, flags)?;
                        let end = self.pc();
                        self.insts[j as usize] = Inst::Jmp(end);
                        self.insts[test as usize] = Inst::GroupExists { group: *group as u32, no: no_pc };
                    }
                    None => {
                        let end = self.pc();
                        self.insts[test as usize] = Inst::GroupExists { group: *group as u32, no: end };
                    }
                }
            }
        }
        Ok(())
    }
    fn repeat(&mut self, body: &Node, min: u32, max: u32, kind: RepeatKind, flags: u32) -> Result<(), ReError> {
        if let Some(item) = self.one_of(body, flags) {
            if min == 1 && max == 1 {
                self.push(Inst::One(item));
            } else if max > 0 {
                self.push(Inst::RepeatOne { item, min, max, kind, next_lit: u32::MAX });
            }
            return Ok(());
        }
        if max == 0 {
            return Ok(());
        }
        if kind == RepeatKind::Possessive {
            self.push(Inst::AtomicStart);
            self.repeat(body, min, max, RepeatKind::Greedy, flags)?;
            self.push(Inst::AtomicEnd);
            return Ok(());
        }
        if min == 1 && max == 1 {
            return self.emit(body, flags);
        }
        if min == 0 && max == 1 {
            let split = self.push(Inst::Split(0, 0));
            self.emit(body, flags)?;
            let end = self.pc();
            self.insts[split as usize] = if kind == RepeatKind::Lazy { Inst::Split(end, split + 1) } else { Inst::Split(split + 1, end) };
            return Ok(());
        }
        let ctr = self.counters as u32;
        self.counters += 1;
        self.push(Inst::RepeatInit(ctr));
        let check = self.push(Inst::Jmp(0));
        self.emit(body, flags)?;
        self.push(Inst::Jmp(check));
        let exit = self.pc();
        self.insts[check as usize] = Inst::RepeatCheck { ctr, min, max, lazy: kind == RepeatKind::Lazy, body: check + 1, exit };
        Ok(())
    }
}

/// Adds the possible first characters of `node` to `out`; returns whether
/// the node can match the empty string, or None if nothing useful is known.
fn first_chars(c: &mut Compiler, node: &Node, flags: u32, out: &mut ([u64; 4], bool)) -> Option<bool> {
    match node {
        Node::Literal(_) | Node::In(..) => {
            let one = c.one_of(node, flags)?;
            let mut add = |x: u32| {
                if x < 256 {
                    out.0[(x >> 6) as usize] |= 1 << (x & 63);
                } else {
                    out.1 = true;
                }
            };
            match one {
                One::Char(x) => add(x),
                One::Char2(a, b) => {
                    add(a);
                    add(b);
                }
                One::Set(i) => {
                    let cs = &c.sets[i as usize];
                    for k in 0..4 {
                        out.0[k] |= cs.bitmap[k];
                    }
                    out.1 |= cs.any_high;
                }
                _ => return None,
            }
            Some(false)
        }
        Node::At(_) | Node::Assert { .. } => Some(true),
        Node::Group { body, add, del, .. } => first_chars(c, body, (flags | add) & !del, out),
        Node::Atomic(body) => first_chars(c, body, flags, out),
        Node::Concat(v) => {
            for x in v {
                if !first_chars(c, x, flags, out)? {
                    return Some(false);
                }
            }
            Some(true)
        }
        Node::Branch(v) => {
            let mut nullable = false;
            for x in v {
                nullable |= first_chars(c, x, flags, out)?;
            }
            Some(nullable)
        }
        Node::Repeat { body, min, .. } => {
            let n = first_chars(c, body, flags, out)?;
            Some(n || *min == 0)
        }
        _ => None,
    }
}

/// Appends the literal characters every match starts with; returns whether
/// the whole node was such a literal (so the scan may continue after it).
fn literal_prefix(node: &Node, flags: u32, out: &mut Vec<u32>) -> bool {
    match node {
        Node::Literal(c) if flags & FLAG_IGNORECASE == 0 => {
            out.push(*c);
            true
        }
        Node::Concat(v) => v.iter().all(|x| literal_prefix(x, flags, out)),
        Node::Group { body, add, del, .. } => literal_prefix(body, (flags | add) & !del, out),
        _ => false,
    }
}

fn is_anchored(node: &Node, flags: u32) -> bool {
    match node {
        Node::At(At::BeginningString) => true,
        Node::At(At::Beginning) => flags & FLAG_MULTILINE == 0,
        Node::Concat(v) => v.first().map_or(false, |x| is_anchored(x, flags)),
        Node::Group { body, add, del, .. } => is_anchored(body, (flags | add) & !del),
        _ => false,
    }
}

pub fn compile(parsed: &parser::Parsed, is_text: bool) -> Result<Program, ReError> {
    let mut c = Compiler { insts: Vec::new(), sets: Vec::new(), counters: 0, is_text, widths: parsed.widths.clone() };
    c.emit(&parsed.node, parsed.flags)?;
    c.push(Inst::Match);
    // For each single-item repeat, the literal that must follow it (looking
    // through group marks): backtracking skips positions where it is absent.
    for i in 0..c.insts.len() {
        if let Inst::RepeatOne { item, min, max, kind, .. } = c.insts[i] {
            let mut j = i + 1;
            while matches!(c.insts[j], Inst::SaveStart(_) | Inst::SaveEnd(_)) {
                j += 1;
            }
            let next_lit = if let Inst::One(One::Char(ch)) = c.insts[j] { ch } else { u32::MAX };
            c.insts[i] = Inst::RepeatOne { item, min, max, kind, next_lit };
        }
    }
    let mut prefix = Vec::new();
    literal_prefix(&parsed.node, parsed.flags, &mut prefix);
    let mut fs = ([0u64; 4], false);
    let first = match first_chars(&mut c, &parsed.node, parsed.flags, &mut fs) {
        Some(false) => Some(fs),
        _ => None,
    };
    let anchored = is_anchored(&parsed.node, parsed.flags);
    let prefix_finder = if !prefix.is_empty() && prefix.iter().all(|&c| c < 256) {
        let bytes: Vec<u8> = prefix.iter().map(|&c| c as u8).collect();
        Some(memchr::memmem::Finder::new(&bytes).into_owned())
    } else {
        None
    };
    Ok(Program { insts: c.insts, sets: c.sets, groups: parsed.groups, counters: c.counters, prefix, prefix_finder, first, anchored })
}

#[allow(dead_code)]
pub const UNBOUNDED: u32 = INF;
