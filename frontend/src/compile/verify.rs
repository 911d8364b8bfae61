//! A bytecode verifier: checks the invariants the interpreter relies on, for
//! every code object the compiler makes (and usable by the VM on code from
//! elsewhere).
//!
//! - one location per instruction; operands in range (constants, names,
//!   localsplus slots, jump targets);
//! - backward jumps are exactly the `JumpBackward`s; no conditional jump goes
//!   backward;
//! - the exception table is sorted, non-overlapping, inside the code, and
//!   every handler depth is reachable;
//! - a flow analysis over fall-through, jumps and exception edges gives every
//!   reachable instruction one stack depth, never negative, never above
//!   `max_stack`, and control never falls off the end.

use crate::bytecode::{flag, CodeObject, ConstValue, Opcode};

/// Checks `code` and, recursively, the code objects among its constants.
pub fn verify(code: &CodeObject) -> Result<(), String> {
    verify_one(code).map_err(|e| format!("{}: {e}", code.qualname))?;
    for c in &code.constants {
        if let ConstValue::Code(inner) = c {
            verify(inner)?;
        }
    }
    Ok(())
}

fn verify_one(code: &CodeObject) -> Result<(), String> {
    let n = code.instructions.len();
    if code.locations.len() != n {
        return Err(format!("{} locations for {n} instructions", code.locations.len()));
    }
    if code.localsplus_names.len() != code.localsplus_kinds.len() {
        return Err("localsplus names and kinds differ in length".into());
    }
    if n == 0 {
        return Err("empty code".into());
    }
    for (i, ins) in code.instructions.iter().enumerate() {
        let op = ins.op();
        let a = ins.arg() as usize;
        if op.has(flag::CONST) && a >= code.constants.len() {
            return Err(format!("{i}: constant {a} out of range"));
        }
        if op.has(flag::NAME) && a >= code.names.len() {
            return Err(format!("{i}: name {a} out of range"));
        }
        if op.has(flag::LOCAL) && a >= code.localsplus_names.len() {
            return Err(format!("{i}: slot {a} out of range"));
        }
        if op.has(flag::JUMP) {
            if a >= n {
                return Err(format!("{i}: jump target {a} out of range"));
            }
            let backward = a <= i;
            if backward != (op == Opcode::JumpBackward) {
                return Err(format!("{i}: {} to {a} has the wrong direction", op.name()));
            }
        }
    }
    let mut last_end = 0;
    for e in &code.exception_table {
        if e.start >= e.end || e.end as usize > n || (e.target as usize) >= n {
            return Err(format!("bad exception entry {e:?}"));
        }
        if e.start < last_end {
            return Err(format!("exception entries overlap or are unsorted at {e:?}"));
        }
        last_end = e.end;
    }
    // Flow analysis.
    let mut depth: Vec<i64> = vec![-1; n];
    let mut work: Vec<(usize, i64)> = vec![(0, 0)];
    let push = |work: &mut Vec<(usize, i64)>, depth: &Vec<i64>, at: usize, d: i64| -> Result<(), String> {
        if depth[at] == -1 {
            work.push((at, d));
        } else if depth[at] != d {
            return Err(format!("instruction {at} reached with depths {} and {d}", depth[at]));
        }
        Ok(())
    };
    while let Some((i, d)) = work.pop() {
        if depth[i] != -1 {
            if depth[i] != d {
                return Err(format!("instruction {i} reached with depths {} and {d}", depth[i]));
            }
            continue;
        }
        if d < 0 || d > code.max_stack as i64 {
            return Err(format!("depth {d} at {i} outside 0..={}", code.max_stack));
        }
        depth[i] = d;
        let ins = code.instructions[i];
        let op = ins.op();
        if let Some(h) = code.handler_for(i as u32) {
            if (h.depth as i64) > d {
                return Err(format!("handler depth {} above stack depth {d} at {i}", h.depth));
            }
            push(&mut work, &depth, h.target as usize, h.depth as i64 + 1 + h.push_lasti as i64)?;
        }
        if op.has(flag::JUMP) {
            let jd = d + op.stack_effect(ins.arg(), true) as i64;
            if jd < 0 {
                return Err(format!("negative depth after jump at {i}"));
            }
            push(&mut work, &depth, ins.arg() as usize, jd)?;
        }
        if !op.has(flag::TERMINATOR) {
            let nd = d + op.stack_effect(ins.arg(), false) as i64;
            if nd < 0 {
                return Err(format!("negative depth after {} at {i}", op.name()));
            }
            if i + 1 >= n {
                return Err("control falls off the end".into());
            }
            push(&mut work, &depth, i + 1, nd)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::verify;
    use crate::ast::Mode;
    use crate::bytecode::{CodeObject, ConstValue};
    use crate::{compile_source, CompileOptions};
    use std::rc::Rc;

    fn compile(src: &str) -> Rc<CodeObject> {
        let code = compile_source(src.as_bytes(), "<test>", Mode::Exec, &CompileOptions::default()).expect("compiles");
        verify(&code).expect("verifies");
        code
    }

    fn inner(code: &CodeObject, name: &str) -> Rc<CodeObject> {
        code.constants
            .iter()
            .find_map(|c| match c {
                ConstValue::Code(c) if &*c.name == name => Some(c.clone()),
                _ => None,
            })
            .expect("inner code object")
    }

    #[test]
    fn call_stack_depth_counts_callable_null_and_args() {
        let code = compile("f(a, b, c)");
        assert_eq!(code.max_stack, 5);
    }

    #[test]
    fn nested_try_gives_flat_sorted_table() {
        let code = compile("try:\n    try:\n        a()\n    except E:\n        b()\nfinally:\n    c()\n");
        let t = &code.exception_table;
        assert!(t.len() >= 3);
        for w in t.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        // The innermost handler covers the call of a(): it is the except clause at depth 0.
        let call_a = code.instructions.iter().position(|i| i.op() == crate::bytecode::Opcode::Call).unwrap();
        let h = code.handler_for(call_a as u32).unwrap();
        assert_eq!(h.depth, 0);
        assert!(!h.push_lasti);
    }

    #[test]
    fn with_handler_unwinds_below_enter_result() {
        let code = compile("def f():\n    for x in y:\n        with m:\n            pass\n");
        let f = inner(&code, "f");
        // Stack in the body: [iterator, exit]; the handler keeps both and pushes lasti + exc.
        let e = f.exception_table.first().unwrap();
        assert_eq!(e.depth, 2);
        assert!(e.push_lasti);
    }

    #[test]
    fn generators_are_wrapped_in_the_stop_iteration_handler() {
        let code = compile("def g():\n    yield 1\n");
        let g = inner(&code, "g");
        let last = g.exception_table.last().unwrap();
        assert_eq!(last.depth, 0);
        assert!(last.push_lasti);
        assert_eq!(g.instructions[last.target as usize].op(), crate::bytecode::Opcode::CallIntrinsic1);
    }

    #[test]
    fn comprehension_cleanup_handler_depth_includes_saved_locals() {
        let code = compile("def f(a):\n    x = 1\n    return [x for x in a]\n");
        let f = inner(&code, "f");
        let e = f.exception_table.first().unwrap();
        // Saved `x` and the iterator stay; the partial list is popped by the handler code.
        assert_eq!(e.depth, 2);
    }

    #[test]
    fn unreachable_code_is_dropped_and_backward_jumps_are_marked() {
        let code = compile("while x:\n    continue\n    dead()\n");
        assert!(!code.instructions.iter().any(|i| i.op() == crate::bytecode::Opcode::Call));
        assert!(code.instructions.iter().any(|i| i.op() == crate::bytecode::Opcode::JumpBackward));
    }
}
