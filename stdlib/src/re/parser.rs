//! Parser of Python's regular-expression syntax into a [`Node`] tree.
//!
//! Follows CPython 3.12's `re._parser` rules: the same token model (a
//! backslash and the character after it form one token), the same error
//! messages and the same error positions (code-point offsets into the
//! pattern), the same handling of ambiguous syntax (`{` that is not a valid
//! repeat is a literal, `\12` is a group reference or an octal escape).
//! Global inline flags (`(?i)` at the start) are folded into
//! [`Parsed::flags`]; scoped flags stay on their [`Node::Group`].

use super::charclass::{Cat, SetItem};

pub const FLAG_TEMPLATE: u32 = 1;
pub const FLAG_IGNORECASE: u32 = 2;
pub const FLAG_LOCALE: u32 = 4;
pub const FLAG_MULTILINE: u32 = 8;
pub const FLAG_DOTALL: u32 = 16;
pub const FLAG_UNICODE: u32 = 32;
pub const FLAG_VERBOSE: u32 = 64;
pub const FLAG_DEBUG: u32 = 128;
pub const FLAG_ASCII: u32 = 256;
const TYPE_FLAGS: u32 = FLAG_ASCII | FLAG_LOCALE | FLAG_UNICODE;
const GLOBAL_FLAGS: u32 = FLAG_DEBUG | FLAG_TEMPLATE;

/// Repeat counts at or above this are "too large" (CPython's MAXREPEAT).
pub const MAXREPEAT: u64 = 4294967295;
/// Unbounded repeat.
pub const INF: u32 = u32::MAX;
pub const MAXGROUPS: usize = 1073741823;

/// A regex syntax error: CPython's message and (if known) position.
#[derive(Debug, Clone, PartialEq)]
pub struct ReError {
    pub msg: String,
    pub pos: Option<usize>,
    /// Raised as OverflowError rather than re.error.
    pub overflow: bool,
    /// Raised as ValueError (incompatible flags).
    pub value_error: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum At {
    Beginning,
    End,
    BeginningString,
    EndString,
    Boundary,
    NonBoundary,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RepeatKind {
    Greedy,
    Lazy,
    Possessive,
}

#[derive(Debug, Clone)]
pub enum Node {
    Literal(u32),
    NotLiteral(u32),
    Any,
    In(Vec<SetItem>, bool),
    At(At),
    /// A capturing (`index` Some) or non-capturing group, with scoped flags.
    Group { index: Option<usize>, add: u32, del: u32, body: Box<Node> },
    Concat(Vec<Node>),
    Branch(Vec<Node>),
    Repeat { body: Box<Node>, min: u32, max: u32, kind: RepeatKind },
    GroupRef(usize),
    Assert { behind: bool, negate: bool, body: Box<Node> },
    Atomic(Box<Node>),
    GroupExists { group: usize, yes: Box<Node>, no: Option<Box<Node>> },
}

pub struct Parsed {
    pub node: Node,
    pub flags: u32,
    /// Number of groups + 1 (group 0 is the whole match).
    pub groups: usize,
    /// (name, index) in definition order.
    pub names: Vec<(String, usize)>,
    /// (min, max) width of each closed group, index 0 unused.
    pub widths: Vec<(u64, u64)>,
}

struct State {
    flags: u32,
    groups: usize,
    names: Vec<(String, usize)>,
    widths: Vec<Option<(u64, u64)>>,
    lookbehind_groups: Option<usize>,
    /// Conditional references to groups not yet defined: (group, position).
    group_refs: Vec<(usize, usize)>,
}

impl State {
    fn check_group(&self, gid: usize) -> bool {
        gid < self.groups && self.widths.get(gid).map_or(false, |w| w.is_some())
    }
    fn group_of(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|(_, g)| *g)
    }
}

/// Token source over the pattern's code points.
pub struct Source<'a> {
    chars: &'a [u32],
    index: usize,
    /// Current token: one char, or two for a backslash escape.
    next: Option<(u32, Option<u32>)>,
    pub is_text: bool,
}

fn tok_len(t: &(u32, Option<u32>)) -> usize {
    if t.1.is_some() {
        2
    } else {
        1
    }
}

fn ch(c: u32) -> char {
    char::from_u32(c).unwrap_or('\u{fffd}')
}

fn tok_string(t: &(u32, Option<u32>)) -> String {
    let mut s = String::new();
    s.push(ch(t.0));
    if let Some(c) = t.1 {
        s.push(ch(c));
    }
    s
}

/// Python's `repr()` of a str (for messages like "unknown group name 'x'").
pub fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if !egret_vm::builtins::str_util::is_printable(c) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{:02x}", n));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{:04x}", n));
                } else {
                    out.push_str(&format!("\\U{:08x}", n));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn is_identifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if c == '_' || egret_vm::builtins::str_util::is_id_start(c) => {}
        _ => return false,
    }
    it.all(|c| egret_vm::builtins::str_util::is_id_continue(c))
}

const DIGITS: &str = "0123456789";
const OCTDIGITS: &str = "01234567";
const HEXDIGITS: &str = "0123456789abcdefABCDEF";

impl<'a> Source<'a> {
    pub fn new(chars: &'a [u32], is_text: bool) -> Result<Source<'a>, ReError> {
        let mut s = Source { chars, index: 0, next: None, is_text };
        s.advance()?;
        Ok(s)
    }
    fn advance(&mut self) -> Result<(), ReError> {
        let i = self.index;
        if i >= self.chars.len() {
            self.next = None;
            return Ok(());
        }
        let c = self.chars[i];
        if c == '\\' as u32 {
            if i + 1 >= self.chars.len() {
                return Err(ReError { msg: "bad escape (end of pattern)".into(), pos: Some(self.chars.len() - 1), overflow: false, value_error: false });
            }
            self.next = Some((c, Some(self.chars[i + 1])));
            self.index = i + 2;
        } else {
            self.next = Some((c, None));
            self.index = i + 1;
        }
        Ok(())
    }
    /// The next token if it is a single (unescaped) character.
    pub fn peek_single(&self) -> Option<u32> {
        match self.next {
            Some((c, None)) => Some(c),
            _ => None,
        }
    }
    pub fn tell(&self) -> usize {
        self.index - self.next.as_ref().map_or(0, tok_len)
    }
    fn seek(&mut self, index: usize) -> Result<(), ReError> {
        self.index = index;
        self.advance()
    }
    pub fn get(&mut self) -> Result<Option<(u32, Option<u32>)>, ReError> {
        let t = self.next;
        self.advance()?;
        Ok(t)
    }
    /// The next token if it is the single character `c`.
    fn peek_is(&self, c: char) -> bool {
        self.next == Some((c as u32, None))
    }
    fn peek_in(&self, set: &str) -> bool {
        match self.next {
            Some((c, None)) => set.contains(ch(c)),
            _ => false,
        }
    }
    pub fn matches(&mut self, c: char) -> Result<bool, ReError> {
        if self.peek_is(c) {
            self.advance()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }
    fn get_while(&mut self, n: usize, set: &str) -> Result<String, ReError> {
        let mut out = String::new();
        for _ in 0..n {
            if !self.peek_in(set) {
                break;
            }
            out.push(ch(self.next.unwrap().0));
            self.advance()?;
        }
        Ok(out)
    }
    pub fn get_until(&mut self, term: char, name: &str) -> Result<String, ReError> {
        let mut result = String::new();
        loop {
            let c = self.next;
            self.advance()?;
            match c {
                None => {
                    if result.is_empty() {
                        return Err(self.error(format!("missing {}", name), 0));
                    }
                    let n = result.chars().count();
                    return Err(self.error(format!("missing {}, unterminated name", term), n));
                }
                Some(t) if t == (term as u32, None) => {
                    if result.is_empty() {
                        return Err(self.error(format!("missing {}", name), 1));
                    }
                    break;
                }
                Some(t) => result.push_str(&tok_string(&t)),
            }
        }
        Ok(result)
    }
    pub fn error(&self, msg: impl Into<String>, offset: usize) -> ReError {
        ReError { msg: msg.into(), pos: Some(self.tell().saturating_sub(offset)), overflow: false, value_error: false }
    }
    fn check_group_name(&self, name: &str, offset: usize) -> Result<(), ReError> {
        if !(self.is_text || name.is_ascii()) {
            return Err(self.error(format!("bad character in group name {}", ascii_repr(name)), name.chars().count() + offset));
        }
        if !is_identifier(name) {
            return Err(self.error(format!("bad character in group name {}", py_repr(name)), name.chars().count() + offset));
        }
        Ok(())
    }
}

fn ascii_repr(s: &str) -> String {
    let r = py_repr(s);
    let mut out = String::new();
    for c in r.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n <= 0xff {
            out.push_str(&format!("\\x{:02x}", n));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{:04x}", n));
        } else {
            out.push_str(&format!("\\U{:08x}", n));
        }
    }
    out
}

fn flag_of(c: u32) -> Option<u32> {
    Some(match ch(c) {
        'i' => FLAG_IGNORECASE,
        'L' => FLAG_LOCALE,
        'm' => FLAG_MULTILINE,
        's' => FLAG_DOTALL,
        'x' => FLAG_VERBOSE,
        'a' => FLAG_ASCII,
        't' => FLAG_TEMPLATE,
        'u' => FLAG_UNICODE,
        _ => return None,
    })
}

fn is_alpha_char(c: u32) -> bool {
    egret_vm::builtins::str_util::is_alpha(ch(c))
}

/// Parses `pattern` (code points; bytes patterns use 0..=255) with the
/// given compile flags. `flags` must already be validated.
pub fn parse(pattern: &[u32], is_text: bool, flags: u32) -> Result<Parsed, ReError> {
    let mut source = Source::new(pattern, is_text)?;
    let mut state = State { flags, groups: 1, names: Vec::new(), widths: vec![None], lookbehind_groups: None, group_refs: Vec::new() };
    let node = parse_sub(&mut source, &mut state, flags & FLAG_VERBOSE != 0, 0)?;
    if source.next.is_some() {
        return Err(source.error("unbalanced parenthesis", 0));
    }
    for &(g, pos) in &state.group_refs {
        if g >= state.groups {
            return Err(ReError { msg: format!("invalid group reference {}", g), pos: Some(pos), overflow: false, value_error: false });
        }
    }
    let mut fl = state.flags;
    check_flags(is_text, &mut fl)?;
    let widths = state.widths.iter().map(|w| w.unwrap_or((0, 0))).collect();
    Ok(Parsed { node, flags: fl, groups: state.groups, names: state.names, widths })
}

/// CPython's `fix_flags`: type-flag consistency, UNICODE default for str.
pub fn check_flags(is_text: bool, flags: &mut u32) -> Result<(), ReError> {
    let err = |m: &str| ReError { msg: m.into(), pos: None, overflow: false, value_error: true };
    if is_text {
        if *flags & FLAG_LOCALE != 0 {
            return Err(err("cannot use LOCALE flag with a str pattern"));
        }
        if *flags & FLAG_ASCII == 0 {
            *flags |= FLAG_UNICODE;
        } else if *flags & FLAG_UNICODE != 0 {
            return Err(err("ASCII and UNICODE flags are incompatible"));
        }
    } else {
        if *flags & FLAG_UNICODE != 0 {
            return Err(err("cannot use UNICODE flag with a bytes pattern"));
        }
        if *flags & FLAG_LOCALE != 0 && *flags & FLAG_ASCII != 0 {
            return Err(err("ASCII and LOCALE flags are incompatible"));
        }
    }
    Ok(())
}

fn parse_sub(source: &mut Source, state: &mut State, verbose: bool, nested: usize) -> Result<Node, ReError> {
    let mut items = Vec::new();
    loop {
        let first = nested == 0 && items.is_empty();
        items.push(parse_seq(source, state, verbose, nested + 1, first)?);
        if !source.matches('|')? {
            break;
        }
    }
    if items.len() == 1 {
        return Ok(items.pop().unwrap());
    }
    Ok(Node::Branch(items))
}

fn is_repeat(n: &Node) -> bool {
    matches!(n, Node::Repeat { .. })
}

fn parse_seq(source: &mut Source, state: &mut State, mut verbose: bool, nested: usize, first: bool) -> Result<Node, ReError> {
    let mut seq: Vec<Node> = Vec::new();
    loop {
        let Some(this) = source.next else { break };
        if this.1.is_none() && (this.0 == '|' as u32 || this.0 == ')' as u32) {
            break;
        }
        source.get()?;
        if verbose && this.1.is_none() {
            let c = ch(this.0);
            if " \t\n\r\x0b\x0c".contains(c) {
                continue;
            }
            if c == '#' {
                loop {
                    match source.get()? {
                        None => break,
                        Some((c, None)) if c == '\n' as u32 => break,
                        _ => {}
                    }
                }
                continue;
            }
        }
        if this.1.is_some() {
            seq.push(escape(source, this, state)?);
            continue;
        }
        let c = ch(this.0);
        match c {
            '.' => seq.push(Node::Any),
            '^' => seq.push(Node::At(At::Beginning)),
            '$' => seq.push(Node::At(At::End)),
            '[' => seq.push(parse_set(source)?),
            '*' | '+' | '?' | '{' => {
                let here = source.tell();
                let (min, max): (u32, u32);
                match c {
                    '?' => {
                        min = 0;
                        max = 1;
                    }
                    '*' => {
                        min = 0;
                        max = INF;
                    }
                    '+' => {
                        min = 1;
                        max = INF;
                    }
                    _ => {
                        if source.peek_is('}') {
                            seq.push(Node::Literal(this.0));
                            continue;
                        }
                        let mut lo = String::new();
                        let mut hi = String::new();
                        while source.peek_in(DIGITS) {
                            lo.push(ch(source.get()?.unwrap().0));
                        }
                        if source.matches(',')? {
                            while source.peek_in(DIGITS) {
                                hi.push(ch(source.get()?.unwrap().0));
                            }
                        } else {
                            hi = lo.clone();
                        }
                        if !source.matches('}')? {
                            seq.push(Node::Literal(this.0));
                            source.seek(here)?;
                            continue;
                        }
                        let too_large = || ReError { msg: "the repetition number is too large".into(), pos: None, overflow: true, value_error: false };
                        let mut mn = 0u64;
                        let mut mx = INF as u64;
                        if !lo.is_empty() {
                            mn = lo.parse::<u64>().unwrap_or(u64::MAX);
                            if mn >= MAXREPEAT {
                                return Err(too_large());
                            }
                        }
                        if !hi.is_empty() {
                            mx = hi.parse::<u64>().unwrap_or(u64::MAX);
                            if mx >= MAXREPEAT {
                                return Err(too_large());
                            }
                            if mx < mn {
                                return Err(source.error("min repeat greater than max repeat", source.tell() - here));
                            }
                        }
                        min = mn as u32;
                        max = mx as u32;
                    }
                }
                let offset = source.tell() - here + 1;
                let Some(last) = seq.pop() else {
                    return Err(source.error("nothing to repeat", offset));
                };
                if matches!(last, Node::At(_)) {
                    return Err(source.error("nothing to repeat", offset));
                }
                if is_repeat(&last) {
                    return Err(source.error("multiple repeat", offset));
                }
                let body = match last {
                    Node::Group { index: None, add: 0, del: 0, body } => *body,
                    other => other,
                };
                let kind = if source.matches('?')? {
                    RepeatKind::Lazy
                } else if source.matches('+')? {
                    RepeatKind::Possessive
                } else {
                    RepeatKind::Greedy
                };
                seq.push(Node::Repeat { body: Box::new(body), min, max, kind });
            }
            '(' => {
                if let Some(n) = parse_group(source, state, &mut verbose, nested, first && seq.is_empty())? {
                    seq.push(n);
                }
            }
            _ => seq.push(Node::Literal(this.0)),
        }
    }
    if seq.len() == 1 {
        return Ok(seq.pop().unwrap());
    }
    Ok(Node::Concat(seq))
}

/// Parses what follows `(`; returns None for constructs that produce no
/// node (comments, global flags).
fn parse_group(source: &mut Source, state: &mut State, verbose: &mut bool, nested: usize, first: bool) -> Result<Option<Node>, ReError> {
    let start = source.tell() - 1;
    let mut capture = true;
    let mut atomic = false;
    let mut name: Option<String> = None;
    let mut add_flags = 0;
    let mut del_flags = 0;
    let unexpected_end = |s: &Source| s.error("unexpected end of pattern", 0);
    if source.matches('?')? {
        let Some(t) = source.get()? else { return Err(unexpected_end(source)) };
        let c = if t.1.is_some() { '\\' } else { ch(t.0) };
        match c {
            'P' => {
                if source.matches('<')? {
                    let n = source.get_until('>', "group name")?;
                    source.check_group_name(&n, 1)?;
                    name = Some(n);
                } else if source.matches('=')? {
                    let n = source.get_until(')', "group name")?;
                    source.check_group_name(&n, 1)?;
                    let len = n.chars().count();
                    let Some(gid) = state.group_of(&n) else {
                        return Err(source.error(format!("unknown group name {}", py_repr(&n)), len + 1));
                    };
                    if !state.check_group(gid) {
                        return Err(source.error("cannot refer to an open group", len + 1));
                    }
                    check_lookbehind_group(state, gid, source)?;
                    return Ok(Some(Node::GroupRef(gid)));
                } else {
                    let Some(t2) = source.get()? else { return Err(unexpected_end(source)) };
                    let s = tok_string(&t2);
                    return Err(source.error(format!("unknown extension ?P{}", s), s.chars().count() + 2));
                }
            }
            ':' => capture = false,
            '#' => {
                loop {
                    if source.next.is_none() {
                        return Err(source.error("missing ), unterminated comment", source.tell() - start));
                    }
                    if source.get()? == Some((')' as u32, None)) {
                        break;
                    }
                }
                return Ok(None);
            }
            '=' | '!' | '<' => {
                let mut kind = c;
                let mut behind = false;
                let mut saved_lb = None;
                if c == '<' {
                    let Some(t2) = source.get()? else { return Err(unexpected_end(source)) };
                    if t2.1.is_some() || !(t2.0 == '=' as u32 || t2.0 == '!' as u32) {
                        let s = tok_string(&t2);
                        return Err(source.error(format!("unknown extension ?<{}", s), s.chars().count() + 2));
                    }
                    kind = ch(t2.0);
                    behind = true;
                    saved_lb = Some(state.lookbehind_groups);
                    if state.lookbehind_groups.is_none() {
                        state.lookbehind_groups = Some(state.groups);
                    }
                }
                let p = parse_sub(source, state, *verbose, nested + 1)?;
                if let Some(prev) = saved_lb {
                    if prev.is_none() {
                        state.lookbehind_groups = None;
                    }
                }
                if !source.matches(')')? {
                    return Err(source.error("missing ), unterminated subpattern", source.tell() - start));
                }
                return Ok(Some(Node::Assert { behind, negate: kind == '!', body: Box::new(p) }));
            }
            '(' => {
                let condname = source.get_until(')', "group name")?;
                let len = condname.chars().count();
                let condgroup;
                if !(condname.chars().all(|c| c.is_ascii_digit()) && !condname.is_empty()) {
                    source.check_group_name(&condname, 1)?;
                    match state.group_of(&condname) {
                        Some(g) => condgroup = g,
                        None => return Err(source.error(format!("unknown group name {}", py_repr(&condname)), len + 1)),
                    }
                } else {
                    let g = condname.parse::<u64>().unwrap_or(u64::MAX);
                    if g == 0 {
                        return Err(source.error("bad group number", len + 1));
                    }
                    if g >= MAXGROUPS as u64 {
                        return Err(source.error(format!("invalid group reference {}", g), len + 1));
                    }
                    condgroup = g as usize;
                }
                if condgroup >= state.groups && !state.group_refs.iter().any(|&(g, _)| g == condgroup) {
                    state.group_refs.push((condgroup, source.tell() - len - 1));
                }
                check_lookbehind_group(state, condgroup, source)?;
                let yes = parse_seq(source, state, *verbose, nested + 1, false)?;
                let no = if source.matches('|')? {
                    let n = parse_seq(source, state, *verbose, nested + 1, false)?;
                    if source.peek_is('|') {
                        return Err(source.error("conditional backref with more than two branches", 0));
                    }
                    Some(Box::new(n))
                } else {
                    None
                };
                if !source.matches(')')? {
                    return Err(source.error("missing ), unterminated subpattern", source.tell() - start));
                }
                return Ok(Some(Node::GroupExists { group: condgroup, yes: Box::new(yes), no }));
            }
            '>' => {
                capture = false;
                atomic = true;
            }
            _ if t.1.is_none() && (flag_of(t.0).is_some() || c == '-') => {
                match parse_flags(source, state, t.0)? {
                    None => {
                        if !first {
                            return Err(source.error("global flags not at the start of the expression", source.tell() - start));
                        }
                        *verbose = state.flags & FLAG_VERBOSE != 0;
                        return Ok(None);
                    }
                    Some((a, d)) => {
                        add_flags = a;
                        del_flags = d;
                        capture = false;
                    }
                }
            }
            _ => {
                let s = tok_string(&t);
                return Err(source.error(format!("unknown extension ?{}", s), s.chars().count() + 1));
            }
        }
    }
    let group = if capture {
        let gid = state.groups;
        if let Some(n) = &name {
            if let Some(og) = state.group_of(n) {
                return Err(source.error(
                    format!("redefinition of group name {} as group {}; was group {}", py_repr(n), gid, og),
                    n.chars().count() + 1,
                ));
            }
        }
        if gid >= MAXGROUPS {
            return Err(source.error("too many groups", name.as_ref().map_or(0, |n| n.chars().count()) + 1));
        }
        state.groups += 1;
        state.widths.push(None);
        if let Some(n) = &name {
            state.names.push((n.clone(), gid));
        }
        Some(gid)
    } else {
        None
    };
    let sub_verbose = (*verbose || add_flags & FLAG_VERBOSE != 0) && del_flags & FLAG_VERBOSE == 0;
    let p = parse_sub(source, state, sub_verbose, nested + 1)?;
    if !source.matches(')')? {
        return Err(source.error("missing ), unterminated subpattern", source.tell() - start));
    }
    if let Some(g) = group {
        state.widths[g] = Some(width_with(&p, &state.widths));
    }
    if atomic {
        return Ok(Some(Node::Atomic(Box::new(p))));
    }
    Ok(Some(Node::Group { index: group, add: add_flags, del: del_flags, body: Box::new(p) }))
}

fn check_lookbehind_group(state: &State, gid: usize, source: &Source) -> Result<(), ReError> {
    if let Some(lb) = state.lookbehind_groups {
        if !state.check_group(gid) {
            return Err(source.error("cannot refer to an open group", 0));
        }
        if gid >= lb {
            return Err(source.error("cannot refer to group defined in the same lookbehind subpattern", 0));
        }
    }
    Ok(())
}

fn parse_flags(source: &mut Source, state: &mut State, first: u32) -> Result<Option<(u32, u32)>, ReError> {
    let mut add = 0u32;
    let mut del = 0u32;
    let mut c = Some((first, None::<u32>));
    let single = |t: Option<(u32, Option<u32>)>| -> Option<u32> {
        match t {
            Some((c, None)) => Some(c),
            Some((c, Some(_))) => Some(c | 0x8000_0000),
            None => None,
        }
    };
    let tlen = |t: &Option<(u32, Option<u32>)>| t.as_ref().map_or(0, tok_len);
    let is_alpha_tok = |t: &Option<(u32, Option<u32>)>| matches!(t, Some((c, None)) if is_alpha_char(*c));
    if first != '-' as u32 {
        loop {
            let cc = single(c).unwrap();
            let flag = flag_of(cc).unwrap();
            if source.is_text {
                if cc == 'L' as u32 {
                    return Err(source.error("bad inline flags: cannot use 'L' flag with a str pattern", 0));
                }
            } else if cc == 'u' as u32 {
                return Err(source.error("bad inline flags: cannot use 'u' flag with a bytes pattern", 0));
            }
            add |= flag;
            if flag & TYPE_FLAGS != 0 && add & TYPE_FLAGS != flag {
                return Err(source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", 0));
            }
            c = source.get()?;
            match single(c) {
                None => return Err(source.error("missing -, : or )", 0)),
                Some(x) if x == ')' as u32 || x == '-' as u32 || x == ':' as u32 => break,
                Some(x) if flag_of(x).is_none() => {
                    let msg = if is_alpha_tok(&c) { "unknown flag" } else { "missing -, : or )" };
                    return Err(source.error(msg, tlen(&c)));
                }
                _ => {}
            }
        }
    }
    let cc = single(c).unwrap();
    if cc == ')' as u32 {
        state.flags |= add;
        return Ok(None);
    }
    if add & GLOBAL_FLAGS != 0 {
        return Err(source.error("bad inline flags: cannot turn on global flag", 1));
    }
    if cc == '-' as u32 {
        c = source.get()?;
        match single(c) {
            None => return Err(source.error("missing flag", 0)),
            Some(x) if flag_of(x).is_none() => {
                let msg = if is_alpha_tok(&c) { "unknown flag" } else { "missing flag" };
                return Err(source.error(msg, tlen(&c)));
            }
            _ => {}
        }
        loop {
            let flag = flag_of(single(c).unwrap()).unwrap();
            if flag & TYPE_FLAGS != 0 {
                return Err(source.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", 0));
            }
            del |= flag;
            c = source.get()?;
            match single(c) {
                None => return Err(source.error("missing :", 0)),
                Some(x) if x == ':' as u32 => break,
                Some(x) if flag_of(x).is_none() => {
                    let msg = if is_alpha_tok(&c) { "unknown flag" } else { "missing :" };
                    return Err(source.error(msg, tlen(&c)));
                }
                _ => {}
            }
        }
    }
    if del & GLOBAL_FLAGS != 0 {
        return Err(source.error("bad inline flags: cannot turn off global flag", 1));
    }
    if add & del != 0 {
        return Err(source.error("bad inline flags: flag turned on and off", 1));
    }
    Ok(Some((add, del)))
}

/// Result of an escape inside a class: a single char or a category.
enum ClassAtom {
    Char(u32),
    Cat(Cat),
}

fn hex_escape(source: &mut Source, esc: &mut String, n: usize) -> Result<u32, ReError> {
    let digits = source.get_while(n, HEXDIGITS)?;
    esc.push_str(&digits);
    if digits.len() != n {
        return Err(source.error(format!("incomplete escape {}", esc), esc.chars().count()));
    }
    Ok(u32::from_str_radix(&digits, 16).unwrap())
}

/// `\x`, `\u`, `\U`, `\N` escapes shared by both contexts; None if `c` is none of them.
fn common_escape(source: &mut Source, c: char, esc: &mut String) -> Result<Option<u32>, ReError> {
    match c {
        'x' => Ok(Some(hex_escape(source, esc, 2)?)),
        'u' if source.is_text => Ok(Some(hex_escape(source, esc, 4)?)),
        'U' if source.is_text => {
            let v = hex_escape(source, esc, 8)?;
            if v > 0x10ffff {
                return Err(source.error(format!("bad escape {}", esc), esc.chars().count()));
            }
            Ok(Some(v))
        }
        'N' if source.is_text => {
            if !source.matches('{')? {
                return Err(source.error("missing {", 0));
            }
            let name = source.get_until('}', "character name")?;
            match super::charclass::lookup_char_name(&name) {
                Some(c) => Ok(Some(c)),
                None => Err(source.error(format!("undefined character name {}", py_repr(&name)), name.chars().count() + 4)),
            }
        }
        _ => Ok(None),
    }
}

fn simple_escape(c: char) -> Option<u32> {
    Some(match c {
        'a' => 7,
        'f' => 12,
        'n' => 10,
        'r' => 13,
        't' => 9,
        'v' => 11,
        '\\' => 92,
        _ => return None,
    })
}

fn category(c: char) -> Option<Cat> {
    Some(match c {
        'd' => Cat::Digit,
        'D' => Cat::NotDigit,
        's' => Cat::Space,
        'S' => Cat::NotSpace,
        'w' => Cat::Word,
        'W' => Cat::NotWord,
        _ => return None,
    })
}

fn class_escape(source: &mut Source, t: (u32, Option<u32>)) -> Result<ClassAtom, ReError> {
    let c = ch(t.1.unwrap());
    let mut esc = tok_string(&t);
    if c == 'b' {
        return Ok(ClassAtom::Char(8));
    }
    if let Some(v) = simple_escape(c) {
        return Ok(ClassAtom::Char(v));
    }
    if let Some(cat) = category(c) {
        return Ok(ClassAtom::Cat(cat));
    }
    if let Some(v) = common_escape(source, c, &mut esc)? {
        return Ok(ClassAtom::Char(v));
    }
    if OCTDIGITS.contains(c) {
        esc.push_str(&source.get_while(2, OCTDIGITS)?);
        let v = u32::from_str_radix(&esc[1..], 8).unwrap();
        if v > 0o377 {
            return Err(source.error(format!("octal escape value {} outside of range 0-0o377", esc), esc.chars().count()));
        }
        return Ok(ClassAtom::Char(v));
    }
    if !DIGITS.contains(c) && !c.is_ascii_alphabetic() {
        return Ok(ClassAtom::Char(t.1.unwrap()));
    }
    Err(source.error(format!("bad escape {}", esc), esc.chars().count()))
}

fn escape(source: &mut Source, t: (u32, Option<u32>), state: &State) -> Result<Node, ReError> {
    let c = ch(t.1.unwrap());
    let mut esc = tok_string(&t);
    match c {
        'A' => return Ok(Node::At(At::BeginningString)),
        'Z' => return Ok(Node::At(At::EndString)),
        'b' => return Ok(Node::At(At::Boundary)),
        'B' => return Ok(Node::At(At::NonBoundary)),
        _ => {}
    }
    if let Some(cat) = category(c) {
        return Ok(Node::In(vec![SetItem::Cat(cat)], false));
    }
    if let Some(v) = simple_escape(c) {
        return Ok(Node::Literal(v));
    }
    if let Some(v) = common_escape(source, c, &mut esc)? {
        return Ok(Node::Literal(v));
    }
    if c == '0' {
        esc.push_str(&source.get_while(2, OCTDIGITS)?);
        return Ok(Node::Literal(u32::from_str_radix(&esc[1..], 8).unwrap()));
    }
    if DIGITS.contains(c) {
        if source.peek_in(DIGITS) {
            esc.push(ch(source.get()?.unwrap().0));
            let b: Vec<char> = esc.chars().collect();
            if OCTDIGITS.contains(b[1]) && OCTDIGITS.contains(b[2]) && source.peek_in(OCTDIGITS) {
                esc.push(ch(source.get()?.unwrap().0));
                let v = u32::from_str_radix(&esc[1..], 8).unwrap();
                if v > 0o377 {
                    return Err(source.error(format!("octal escape value {} outside of range 0-0o377", esc), esc.chars().count()));
                }
                return Ok(Node::Literal(v));
            }
        }
        let group: usize = esc[1..].parse().unwrap();
        if group < state.groups {
            if !state.check_group(group) {
                return Err(source.error("cannot refer to an open group", esc.chars().count()));
            }
            check_lookbehind_group(state, group, source)?;
            return Ok(Node::GroupRef(group));
        }
        return Err(source.error(format!("invalid group reference {}", group), esc.chars().count() - 1));
    }
    if c.is_ascii_alphabetic() {
        return Err(source.error(format!("bad escape {}", esc), esc.chars().count()));
    }
    Ok(Node::Literal(t.1.unwrap()))
}

fn parse_set(source: &mut Source) -> Result<Node, ReError> {
    let here = source.tell() - 1;
    let mut set: Vec<SetItem> = Vec::new();
    let negate = source.matches('^')?;
    let start = source.tell();
    loop {
        let Some(this) = source.get()? else {
            return Err(source.error("unterminated character set", source.tell() - here));
        };
        if this == (']' as u32, None) && source.tell() - 1 != start {
            break;
        }
        let code1 = if this.1.is_some() { class_escape(source, this)? } else { ClassAtom::Char(this.0) };
        if source.matches('-')? {
            let Some(that) = source.get()? else {
                return Err(source.error("unterminated character set", source.tell() - here));
            };
            if that == (']' as u32, None) {
                set.push(atom_item(code1));
                set.push(SetItem::Char('-' as u32));
                break;
            }
            let code2 = if that.1.is_some() { class_escape(source, that)? } else { ClassAtom::Char(that.0) };
            let msg = || format!("bad character range {}-{}", tok_string(&this), tok_string(&that));
            let off = tok_len(&this) + 1 + tok_len(&that);
            let (ClassAtom::Char(lo), ClassAtom::Char(hi)) = (&code1, &code2) else {
                return Err(source.error(msg(), off));
            };
            if hi < lo {
                return Err(source.error(msg(), off));
            }
            set.push(SetItem::Range(*lo, *hi));
        } else {
            set.push(atom_item(code1));
        }
    }
    if set.len() == 1 {
        if let SetItem::Char(c) = set[0] {
            return Ok(if negate { Node::NotLiteral(c) } else { Node::Literal(c) });
        }
    }
    Ok(Node::In(set, negate))
}

fn atom_item(a: ClassAtom) -> SetItem {
    match a {
        ClassAtom::Char(c) => SetItem::Char(c),
        ClassAtom::Cat(c) => SetItem::Cat(c),
    }
}

fn add_width(a: (u64, u64), b: (u64, u64)) -> (u64, u64) {
    (a.0.saturating_add(b.0).min(MAXREPEAT), a.1.saturating_add(b.1).min(MAXREPEAT))
}

fn width_with(n: &Node, widths: &[Option<(u64, u64)>]) -> (u64, u64) {
    match n {
        Node::Literal(_) | Node::NotLiteral(_) | Node::Any | Node::In(..) => (1, 1),
        Node::At(_) | Node::Assert { .. } => (0, 0),
        Node::Group { body, .. } | Node::Atomic(body) => width_with(body, widths),
        Node::Concat(v) => v.iter().fold((0, 0), |acc, x| add_width(acc, width_with(x, widths))),
        Node::Branch(v) => {
            let mut lo = u64::MAX;
            let mut hi = 0;
            for x in v {
                let (a, b) = width_with(x, widths);
                lo = lo.min(a);
                hi = hi.max(b);
            }
            (if v.is_empty() { 0 } else { lo }, hi)
        }
        Node::Repeat { body, min, max, .. } => {
            let (a, b) = width_with(body, widths);
            let mx = if *max == INF { MAXREPEAT } else { *max as u64 };
            (a.saturating_mul(*min as u64).min(MAXREPEAT), b.saturating_mul(mx).min(MAXREPEAT))
        }
        Node::GroupRef(g) => widths.get(*g).copied().flatten().unwrap_or((0, MAXREPEAT)),
        Node::GroupExists { yes, no, .. } => {
            let (a, b) = width_with(yes, widths);
            match no {
                Some(no) => {
                    let (c, d) = width_with(no, widths);
                    (a.min(c), b.max(d))
                }
                None => (0, b),
            }
        }
    }
}

/// (min, max) width of a node given the group widths (max capped at MAXREPEAT).
pub fn width(n: &Node, widths: &[(u64, u64)]) -> (u64, u64) {
    let w: Vec<Option<(u64, u64)>> = widths.iter().map(|x| Some(*x)).collect();
    width_with(n, &w)
}
