//! The quickened instruction stream: a VM-private copy of a code object's
//! instructions in which common pairs become one superinstruction
//! (CPython 3.12's `LOAD_FAST__LOAD_FAST` idea), saving a dispatch and, for
//! `self.x`, the reference-count traffic of pushing `self` only to pop it.
//!
//! A superinstruction replaces only the first instruction of its pair; the
//! second stays in place and reads its argument from there. So jumps into
//! the middle of a pair still work, inline caches stay keyed by the second
//! instruction's index, and `lasti` names the second instruction while its
//! part runs (the loop moves `pc` past it first), as if unfused.
//!
//! The original instructions (`code.instructions`) are what `co_code`,
//! `dis`, tracebacks and the verifier see.

use egret_frontend::bytecode::{ConstValue, Instr, Opcode};

/// The dispatch loop's copy of `instructions`, with pairs fused.
pub fn quicken(instructions: &[Instr], constants: &[ConstValue]) -> Box<[Instr]> {
    let mut out: Vec<Instr> = instructions.to_vec();
    let mut i = 0;
    while i + 1 < out.len() {
        // `LoadConst None; IsOp; PopJumpIf{False,True}`: one test-and-branch
        // (the two following instructions stay in place).
        if i + 2 < out.len() && is_none_test(&instructions[i..i + 3], constants) {
            out[i] = Instr::new(Opcode::LoadNoneIsJump, instructions[i].arg());
            i += 3;
            continue;
        }
        // A loop's back edge to its `ForIter` runs the `ForIter` too.
        if instructions[i].op() == Opcode::JumpBackward
            && instructions.get(instructions[i].arg() as usize).is_some_and(|t| t.op() == Opcode::ForIter)
        {
            out[i] = Instr::new(Opcode::JumpBackwardForIter, instructions[i].arg());
            i += 1;
            continue;
        }
        let Some((op, prio)) = fusion(instructions[i], instructions[i + 1]) else {
            i += 1;
            continue;
        };
        // A better pair starting at the second instruction wins (`a; b; .x`:
        // `b.x` saves more than `a; b`).
        let next = instructions.get(i + 2).and_then(|c| fusion(instructions[i + 1], *c));
        if next.is_some_and(|(_, p)| p > prio) {
            i += 1;
            continue;
        }
        out[i] = Instr::new(op, instructions[i].arg());
        // The second instruction stays as it is (and is not the first of
        // another pair: one fusion per instruction).
        i += 2;
    }
    out.into_boxed_slice()
}

/// Whether `ins` is `LoadConst None; IsOp; PopJumpIfFalse/True`.
fn is_none_test(ins: &[Instr], constants: &[ConstValue]) -> bool {
    ins[0].op() == Opcode::LoadConst
        && matches!(constants.get(ins[0].arg() as usize), Some(ConstValue::None))
        && ins[1].op() == Opcode::IsOp
        && matches!(ins[2].op(), Opcode::PopJumpIfFalse | Opcode::PopJumpIfTrue)
}

/// The superinstruction for the pair `(a, b)` and its priority (the
/// attribute pairs also save reference counting).
fn fusion(a: Instr, b: Instr) -> Option<(Opcode, u8)> {
    Some(match (a.op(), b.op()) {
        (Opcode::LoadFast, Opcode::LoadAttr) => (Opcode::LoadFastLoadAttr, 2),
        (Opcode::LoadFast, Opcode::StoreAttr) => (Opcode::LoadFastStoreAttr, 2),
        (Opcode::LoadFast, Opcode::LoadFast) => (Opcode::LoadFastLoadFast, 1),
        (Opcode::LoadFast, Opcode::LoadConst) => (Opcode::LoadFastLoadConst, 1),
        (Opcode::LoadFast, Opcode::BinaryOp) => (Opcode::LoadFastBinaryOp, 1),
        // The loop variable's store wins over `StoreFast; LoadFast`.
        (Opcode::ForIter, Opcode::StoreFast) => (Opcode::ForIterStoreFast, 2),
        (Opcode::StoreFast, Opcode::LoadFast) => (Opcode::StoreFastLoadFast, 1),
        (Opcode::StoreFast, Opcode::StoreFast) => (Opcode::StoreFastStoreFast, 1),
        (Opcode::PushNull, Opcode::LoadGlobal) => (Opcode::PushNullLoadGlobal, 1),
        // In place on the top of the stack: no push and pop of the constant.
        (Opcode::LoadConst, Opcode::BinaryOp) => (Opcode::LoadConstBinaryOp, 2),
        (Opcode::CompareOp, Opcode::PopJumpIfFalse | Opcode::PopJumpIfTrue) => (Opcode::CompareOpJump, 1),
        (Opcode::Copy, Opcode::LoadAttr) if a.arg() == 1 => (Opcode::CopyLoadAttr, 2),
        (Opcode::Swap, Opcode::StoreAttr) if a.arg() == 2 => (Opcode::SwapStoreAttr, 2),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuses_pairs_left_to_right_and_keeps_the_second_instruction() {
        let ins = [
            Instr::new(Opcode::LoadFast, 0),
            Instr::new(Opcode::LoadFast, 1),
            Instr::new(Opcode::LoadAttr, 2),
            Instr::new(Opcode::LoadFast, 3),
            Instr::new(Opcode::LoadAttr, 4),
            Instr::new(Opcode::LoadFast, 5),
            Instr::new(Opcode::LoadFast, 6),
            Instr::new(Opcode::LoadFast, 7),
            Instr::new(Opcode::LoadFast, 8),
            Instr::new(Opcode::StoreAttr, 9),
            Instr::new(Opcode::ReturnValue, 0),
        ];
        let q = quicken(&ins, &[]);
        // `LoadFast 0; LoadFast 1; LoadAttr 2`: the attribute pair wins.
        assert_eq!(q[0], ins[0]);
        assert_eq!(q[1], Instr::new(Opcode::LoadFastLoadAttr, 1));
        assert_eq!(q[2], ins[2]);
        assert_eq!(q[3], Instr::new(Opcode::LoadFastLoadAttr, 3));
        assert_eq!(q[4], ins[4]);
        assert_eq!(q[5], Instr::new(Opcode::LoadFastLoadFast, 5));
        assert_eq!(q[6], ins[6]);
        // `v; self; .x = `: the store pair wins.
        assert_eq!(q[7], ins[7]);
        assert_eq!(q[8], Instr::new(Opcode::LoadFastStoreAttr, 8));
        assert_eq!(q[9], ins[9]);
        assert_eq!(q[10], ins[10]);
    }
}

#[cfg(test)]
mod none_tests {
    use super::*;

    #[test]
    fn fuses_is_none_tests_only_for_the_none_constant() {
        let consts = [ConstValue::None, ConstValue::Int(1.into())];
        let ins = [
            Instr::new(Opcode::LoadConst, 0),
            Instr::new(Opcode::IsOp, 1),
            Instr::new(Opcode::PopJumpIfFalse, 7),
            Instr::new(Opcode::LoadConst, 1),
            Instr::new(Opcode::IsOp, 0),
            Instr::new(Opcode::PopJumpIfTrue, 7),
            Instr::new(Opcode::Nop, 0),
            Instr::new(Opcode::ReturnConst, 0),
        ];
        let q = quicken(&ins, &consts);
        assert_eq!(q[0], Instr::new(Opcode::LoadNoneIsJump, 0));
        assert_eq!(&q[1..3], &ins[1..3]);
        assert_eq!(&q[3..], &ins[3..]);
    }
}
