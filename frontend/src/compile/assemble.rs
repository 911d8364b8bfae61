//! The assembler: turns a unit's instruction list (with labels, handler marks and
//! symbolic cell slots) into the final instructions of a [`CodeObject`].
//!
//! Passes, in order:
//! 1. **Flow and stack depth**: a worklist walk from instruction 0 following
//!    fall-through, jumps and exception handlers gives every reachable
//!    instruction its stack depth on entry. A `Setup` mark (a `try`, `with`,
//!    handler cleanup...) records the depth its handler unwinds to; the handler
//!    label is entered with that depth plus the exception (plus `lasti`).
//!    Unreachable instructions are dropped. Two paths reaching an instruction
//!    with different depths is a compiler bug and reported as an error.
//! 2. **Jump threading light**: a `Jump` to the very next kept instruction is
//!    dropped (repeated until nothing changes).
//! 3. **Layout**: labels become absolute instruction indexes, a `Jump` whose
//!    target is not after it becomes `JumpBackward`.
//! 4. **Exception table**: every instruction carries the innermost handler that
//!    was active when it was emitted; consecutive instructions with the same
//!    handler become one [`ExceptionTableEntry`], so the table is sorted,
//!    non-overlapping, and each instruction has at most one (innermost) entry.
//! 5. **Slots**: deref operands (cell/free numbers) become localsplus indexes.

use super::{Item, ItemKind, Unit, NO_HANDLER};
use crate::bytecode::{flag, ExceptionTableEntry, Instr, Location, Opcode, MAX_ARG};
use crate::error::{SyntaxError, SyntaxErrorKind};

/// The output of assembly for one unit.
pub(crate) struct Assembled {
    pub instructions: Vec<Instr>,
    pub locations: Vec<Location>,
    pub exception_table: Vec<ExceptionTableEntry>,
    pub max_stack: u32,
}

/// Per-instruction work vectors, owned by the compiler and reused for every
/// code object (their contents never outlive one `assemble` call).
#[derive(Default)]
pub(crate) struct Scratch {
    depth: Vec<i32>,
    handler_depth: Vec<i32>,
    work: Vec<(usize, i32)>,
    keep: Vec<bool>,
    next: Vec<u32>,
    handlers_of: Vec<u32>,
}

/// Fills `next[i]` with the index (in kept order) of the first kept item at
/// or after position `i`; returns how many items are kept.
fn compute_next(keep: &[bool], next: &mut Vec<u32>) -> u32 {
    let n = keep.len();
    next.clear();
    next.resize(n + 1, 0);
    let total = keep.iter().filter(|k| **k).count() as u32;
    let mut idx = total;
    next[n] = total;
    for i in (0..n).rev() {
        if keep[i] {
            idx -= 1;
        }
        next[i] = idx;
    }
    total
}

fn internal(msg: &str) -> SyntaxError {
    SyntaxError::new(SyntaxErrorKind::SyntaxError, format!("internal compiler error: {msg}"))
}

/// `slot_of_deref(i)` maps the unit's cell/free number to a localsplus index.
pub(crate) fn assemble(unit: &Unit, slot_of_deref: &dyn Fn(u32) -> u32, scratch: &mut Scratch) -> Result<Assembled, SyntaxError> {
    let Scratch { depth, handler_depth, work, keep, next, handlers_of } = scratch;
    let items = &unit.items;
    let n = items.len();
    let label_pos = |l: u32| -> Result<usize, SyntaxError> {
        match unit.labels.get(l as usize) {
            Some(&p) if p != usize::MAX => Ok(p),
            _ => Err(internal("unbound label")),
        }
    };
    // Pass 1: depths.
    depth.clear();
    depth.resize(n + 1, -1);
    handler_depth.clear();
    handler_depth.resize(unit.handlers.len(), -1);
    work.clear();
    work.push((0, 0));
    let mut max_depth = 0i32;
    while let Some((start, d0)) = work.pop() {
        let mut i = start;
        let mut d = d0;
        loop {
            if i >= n {
                // Falling off the end: only allowed when nothing can reach here.
                if depth[n] == -1 {
                    depth[n] = d;
                }
                break;
            }
            if depth[i] != -1 {
                if depth[i] != d {
                    return Err(internal(&format!("stack depth mismatch at {i}: {} vs {d}", depth[i])));
                }
                break;
            }
            depth[i] = d;
            max_depth = max_depth.max(d);
            let it = &items[i];
            match it.kind {
                ItemKind::Setup => {
                    let h = &unit.handlers[it.arg as usize];
                    let hd = d + h.adjust;
                    handler_depth[it.arg as usize] = hd;
                    let target_depth = hd + 1 + h.lasti as i32;
                    work.push((label_pos(h.label)?, target_depth));
                    i += 1;
                    continue;
                }
                _ => {}
            }
            let op = it.op;
            if op.has(flag::JUMP) {
                let jd = d + op.stack_effect(it.arg, true);
                if jd < 0 {
                    return Err(internal("negative stack depth"));
                }
                max_depth = max_depth.max(jd);
                work.push((label_pos(it.arg)?, jd));
            }
            if op.has(flag::TERMINATOR) {
                break;
            }
            d += op.stack_effect(it.arg, false);
            if d < 0 {
                return Err(internal(&format!("negative stack depth after {}", op.name())));
            }
            max_depth = max_depth.max(d);
            i += 1;
        }
    }
    if depth[n] != -1 {
        return Err(internal("control falls off the end of the code"));
    }
    // Which items are kept: reachable real instructions.
    keep.clear();
    keep.extend((0..n).map(|i| depth[i] != -1 && items[i].kind != ItemKind::Setup));
    // The index (in kept order) each item position maps to: the next kept at or after it.
    // Pass 2: drop jumps to the next instruction.
    let total = loop {
        let total = compute_next(keep, next);
        let mut changed = false;
        for i in 0..n {
            if keep[i] && items[i].op == Opcode::Jump && items[i].kind == ItemKind::Jump {
                let target = next[label_pos(items[i].arg)?];
                if target == next[i] + 1 {
                    keep[i] = false;
                    changed = true;
                }
            }
        }
        if !changed {
            break total;
        }
    };
    if total > MAX_ARG {
        return Err(SyntaxError::new(SyntaxErrorKind::SyntaxError, "too many statements in function"));
    }
    // Pass 3: layout.
    let mut instructions = Vec::with_capacity(total as usize);
    let mut locations = Vec::with_capacity(total as usize);
    handlers_of.clear();
    for i in 0..n {
        if !keep[i] {
            continue;
        }
        let it: &Item = &items[i];
        let here = instructions.len() as u32;
        let (op, arg) = match it.kind {
            ItemKind::Jump => {
                let target = next[label_pos(it.arg)?];
                let op = if it.op == Opcode::Jump && target <= here { Opcode::JumpBackward } else { it.op };
                (op, target)
            }
            ItemKind::Deref => (it.op, slot_of_deref(it.arg)),
            _ => (it.op, it.arg),
        };
        if arg > MAX_ARG {
            return Err(SyntaxError::new(SyntaxErrorKind::SyntaxError, "too many constants, names or locals"));
        }
        instructions.push(Instr::new(op, arg));
        locations.push(it.loc);
        handlers_of.push(it.handler);
    }
    // Pass 4: exception table.
    let mut exception_table: Vec<ExceptionTableEntry> = Vec::new();
    let mut i = 0usize;
    while i < handlers_of.len() {
        let h = handlers_of[i];
        if h == NO_HANDLER || handler_depth[h as usize] < 0 {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < handlers_of.len() && handlers_of[j] == h {
            j += 1;
        }
        let hd = &unit.handlers[h as usize];
        exception_table.push(ExceptionTableEntry {
            start: i as u32,
            end: j as u32,
            target: next[label_pos(hd.label)?],
            depth: handler_depth[h as usize] as u32,
            push_lasti: hd.lasti,
        });
        i = j;
    }
    Ok(Assembled { instructions, locations, exception_table, max_stack: max_depth as u32 })
}
