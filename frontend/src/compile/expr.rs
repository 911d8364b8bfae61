//! Expressions: operators, comparisons, calls, displays, attribute/subscript
//! access and assignment targets, f-strings, lambda, `yield`/`await`, and the
//! conditional-jump compiler used by `if`/`while`/`assert`.

use super::stmt::is_two_element_slice;
use super::{CResult, Compiler, Label, UnitKind};
use crate::ast::{self, BoolOp, CmpOp, Expr, ExprContext, ExprKind, Operator, UnaryOp};
use crate::bytecode::{BinaryOperator, CompareOperator, ConstValue, Intrinsic1, Location, Opcode};
use crate::symtable::{def, key_of, KEY_MAIN};

/// CPython's `STACK_USE_GUIDELINE`: beyond this many items, build collections incrementally.
const STACK_USE_GUIDELINE: usize = 30;

pub(crate) fn binop_arg(op: Operator, inplace: bool) -> u32 {
    use BinaryOperator as B;
    let b = match op {
        Operator::Add => B::Add,
        Operator::Sub => B::Subtract,
        Operator::Mult => B::Multiply,
        Operator::MatMult => B::MatrixMultiply,
        Operator::Div => B::TrueDivide,
        Operator::Mod => B::Remainder,
        Operator::Pow => B::Power,
        Operator::LShift => B::Lshift,
        Operator::RShift => B::Rshift,
        Operator::BitOr => B::Or,
        Operator::BitXor => B::Xor,
        Operator::BitAnd => B::And,
        Operator::FloorDiv => B::FloorDivide,
    };
    b as u32 + if inplace { 13 } else { 0 }
}

impl<'a> Compiler<'a> {
    pub fn compile_expr(&mut self, e: &'a Expr) -> CResult<()> {
        self.enter_nesting(e.range)?;
        let saved = self.set_loc(e.range);
        let r = self.compile_expr_inner(e);
        self.restore_loc(saved);
        self.leave_nesting();
        r
    }

    fn compile_expr_inner(&mut self, e: &'a Expr) -> CResult<()> {
        if let Some(c) = self.fold_constant(e) {
            self.load_const(c);
            return Ok(());
        }
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                let jump = if *op == BoolOp::And { Opcode::PopJumpIfFalse } else { Opcode::PopJumpIfTrue };
                let end = self.new_label();
                let n = values.len();
                for v in &values[..n - 1] {
                    self.compile_expr(v)?;
                    self.emit(Opcode::Copy, 1);
                    self.emit_jump(jump, end);
                    self.emit0(Opcode::PopTop);
                }
                self.compile_expr(&values[n - 1])?;
                self.bind_label(end);
            }
            ExprKind::NamedExpr { target, value } => {
                self.compile_expr(value)?;
                self.emit(Opcode::Copy, 1);
                self.compile_expr(target)?;
            }
            ExprKind::BinOp { left, op, right } => {
                self.compile_expr(left)?;
                self.compile_expr(right)?;
                self.emit(Opcode::BinaryOp, binop_arg(*op, false));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.compile_expr(operand)?;
                match op {
                    UnaryOp::Invert => self.emit0(Opcode::UnaryInvert),
                    UnaryOp::Not => self.emit0(Opcode::UnaryNot),
                    UnaryOp::USub => self.emit0(Opcode::UnaryNegative),
                    UnaryOp::UAdd => self.emit(Opcode::CallIntrinsic1, Intrinsic1::UnaryPositive as u32),
                }
            }
            ExprKind::Lambda { args, body } => self.compile_lambda(e, args, body)?,
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_label();
                let next = self.new_label();
                self.jump_if(test, next, false)?;
                self.compile_expr(body)?;
                self.emit_jump(Opcode::Jump, end);
                self.bind_label(next);
                self.compile_expr(orelse)?;
                self.bind_label(end);
            }
            ExprKind::Dict { keys, values } => self.compile_dict(keys, values)?,
            ExprKind::Set(elts) => self.starunpack(elts, None, 0, Opcode::BuildSet, Opcode::SetAdd, Opcode::SetUpdate, false)?,
            ExprKind::ListComp { .. } | ExprKind::SetComp { .. } | ExprKind::DictComp { .. } | ExprKind::GeneratorExp { .. } => {
                self.compile_comprehension(e)?
            }
            ExprKind::Await(v) => {
                if !self.is_function_like() {
                    return Err(self.error("'await' outside function", e.range));
                }
                if !matches!(self.ur().kind, UnitKind::AsyncFunction | UnitKind::Comprehension) {
                    return Err(self.error("'await' outside async function", e.range));
                }
                self.compile_expr(v)?;
                self.emit(Opcode::GetAwaitable, 0);
                self.load_none();
                self.compile_yield_from_loop(true);
            }
            ExprKind::Yield(v) => {
                if !self.is_function_like() {
                    return Err(self.error("'yield' outside function", e.range));
                }
                match v {
                    Some(v) => self.compile_expr(v)?,
                    None => self.load_none(),
                }
                let ste = &self.st.scopes[self.ur().scope];
                if ste.is_generator && ste.is_coroutine {
                    self.emit(Opcode::CallIntrinsic1, Intrinsic1::AsyncGenWrap as u32);
                }
                self.emit0(Opcode::YieldValue);
            }
            ExprKind::YieldFrom(v) => {
                if !self.is_function_like() {
                    return Err(self.error("'yield' outside function", e.range));
                }
                if self.ur().kind == UnitKind::AsyncFunction {
                    return Err(self.error("'yield from' inside async function", e.range));
                }
                self.compile_expr(v)?;
                self.emit0(Opcode::GetYieldFromIter);
                self.load_none();
                self.compile_yield_from_loop(false);
            }
            ExprKind::Compare { left, ops, comparators } => self.compile_compare(left, ops, comparators)?,
            ExprKind::Call { func, args, keywords } => self.compile_call(e, func, args, keywords)?,
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.compile_expr(value)?;
                let mut arg = match *conversion {
                    c if c == 's' as i32 => 1,
                    c if c == 'r' as i32 => 2,
                    c if c == 'a' as i32 => 3,
                    _ => 0,
                };
                if let Some(spec) = format_spec {
                    self.compile_expr(spec)?;
                    arg |= 4;
                }
                self.emit(Opcode::FormatValue, arg);
            }
            ExprKind::JoinedStr(values) => {
                if values.len() > STACK_USE_GUIDELINE {
                    self.load_str("");
                    let i = self.raw_name_index("join");
                    self.emit(Opcode::LoadMethod, i);
                    self.emit(Opcode::BuildList, 0);
                    for v in values {
                        self.compile_expr(v)?;
                        self.emit(Opcode::ListAppend, 1);
                    }
                    self.emit(Opcode::Call, 1);
                } else {
                    for v in values {
                        self.compile_expr(v)?;
                    }
                    if values.len() != 1 {
                        self.emit(Opcode::BuildString, values.len() as u32);
                    }
                }
            }
            ExprKind::Constant { value, .. } => {
                let c = super::fold::const_of(value);
                self.load_const(c);
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.compile_expr(value)?;
                let loc = attr_location(self.ur().loc, e, attr);
                let saved = self.ur().loc;
                self.u().loc = loc;
                let i = self.name_index(attr);
                match ctx {
                    ExprContext::Load => self.emit(Opcode::LoadAttr, i),
                    ExprContext::Store => self.emit(Opcode::StoreAttr, i),
                    ExprContext::Del => self.emit(Opcode::DeleteAttr, i),
                }
                self.u().loc = saved;
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.compile_expr(value)?;
                if is_two_element_slice(slice) && *ctx != ExprContext::Del {
                    self.compile_slice_parts(slice)?;
                    match ctx {
                        ExprContext::Load => self.emit0(Opcode::BinarySlice),
                        _ => self.emit0(Opcode::StoreSlice),
                    }
                } else {
                    self.compile_expr(slice)?;
                    match ctx {
                        ExprContext::Load => self.emit0(Opcode::BinarySubscr),
                        ExprContext::Store => self.emit0(Opcode::StoreSubscr),
                        ExprContext::Del => self.emit0(Opcode::DeleteSubscr),
                    }
                }
            }
            ExprKind::Starred { value, ctx } => {
                return Err(match ctx {
                    ExprContext::Store => self.error("starred assignment target must be in a list or tuple", e.range),
                    _ => {
                        let _ = value;
                        self.error("can't use starred expression here", e.range)
                    }
                });
            }
            ExprKind::Name { id, ctx } => self.compile_name(id, *ctx)?,
            ExprKind::List { elts, ctx } => match ctx {
                ExprContext::Load => self.starunpack(elts, None, 0, Opcode::BuildList, Opcode::ListAppend, Opcode::ListExtend, false)?,
                ExprContext::Store => self.assignment_helper(elts, e)?,
                ExprContext::Del => {
                    for x in elts {
                        self.compile_expr(x)?;
                    }
                }
            },
            ExprKind::Tuple { elts, ctx } => match ctx {
                ExprContext::Load => self.starunpack(elts, None, 0, Opcode::BuildList, Opcode::ListAppend, Opcode::ListExtend, true)?,
                ExprContext::Store => self.assignment_helper(elts, e)?,
                ExprContext::Del => {
                    for x in elts {
                        self.compile_expr(x)?;
                    }
                }
            },
            ExprKind::Slice { lower, upper, step } => {
                let n = if step.is_some() { 3 } else { 2 };
                match lower {
                    Some(x) => self.compile_expr(x)?,
                    None => self.load_none(),
                }
                match upper {
                    Some(x) => self.compile_expr(x)?,
                    None => self.load_none(),
                }
                if let Some(s) = step {
                    self.compile_expr(s)?;
                }
                self.emit(Opcode::BuildSlice, n);
            }
        }
        Ok(())
    }

    /// Pushes the two bounds of `a[lo:hi]` (None where missing).
    pub fn compile_slice_parts(&mut self, slice: &'a Expr) -> CResult<()> {
        if let ExprKind::Slice { lower, upper, .. } = &slice.kind {
            match lower {
                Some(x) => self.compile_expr(x)?,
                None => self.load_none(),
            }
            match upper {
                Some(x) => self.compile_expr(x)?,
                None => self.load_none(),
            }
        }
        Ok(())
    }

    /// The Send loop of `yield from` / `await` (see the module docs).
    pub fn compile_yield_from_loop(&mut self, _is_await: bool) {
        let send = self.new_label();
        let fail = self.new_label();
        let exit = self.new_label();
        self.bind_label(send);
        self.emit_jump(Opcode::Send, exit);
        self.push_handler(fail, false);
        self.emit0(Opcode::YieldValue);
        self.pop_handler();
        self.emit_jump(Opcode::Jump, send);
        self.bind_label(fail);
        self.emit0(Opcode::CleanupThrow);
        self.bind_label(exit);
        self.emit0(Opcode::EndSend);
    }

    /// A comparison operand; `x in [1, 2]` / `x in {1, 2}` use a constant tuple / frozenset.
    fn compile_comparator(&mut self, op: CmpOp, e: &'a Expr) -> CResult<()> {
        if matches!(op, CmpOp::In | CmpOp::NotIn) {
            if let Some(c) = self.fold_iterable(e) {
                let saved = self.set_loc(e.range);
                self.load_const(c);
                self.restore_loc(saved);
                return Ok(());
            }
        }
        self.compile_expr(e)
    }

    fn compile_compare(&mut self, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr]) -> CResult<()> {
        self.compile_expr(left)?;
        let n = ops.len() - 1;
        if n == 0 {
            self.compile_comparator(ops[0], &comparators[0])?;
            self.emit_compare(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        for i in 0..n {
            self.compile_expr(&comparators[i])?;
            self.emit(Opcode::Swap, 2);
            self.emit(Opcode::Copy, 2);
            self.emit_compare(ops[i]);
            self.emit(Opcode::Copy, 1);
            self.emit_jump(Opcode::PopJumpIfFalse, cleanup);
            self.emit0(Opcode::PopTop);
        }
        self.compile_comparator(ops[n], &comparators[n])?;
        self.emit_compare(ops[n]);
        let end = self.new_label();
        self.emit_jump(Opcode::Jump, end);
        self.bind_label(cleanup);
        self.emit(Opcode::Swap, 2);
        self.emit0(Opcode::PopTop);
        self.bind_label(end);
        Ok(())
    }

    fn emit_compare(&mut self, op: CmpOp) {
        let (opc, arg) = match op {
            CmpOp::Is => (Opcode::IsOp, 0),
            CmpOp::IsNot => (Opcode::IsOp, 1),
            CmpOp::In => (Opcode::ContainsOp, 0),
            CmpOp::NotIn => (Opcode::ContainsOp, 1),
            CmpOp::Eq => (Opcode::CompareOp, CompareOperator::Eq as u32),
            CmpOp::NotEq => (Opcode::CompareOp, CompareOperator::Ne as u32),
            CmpOp::Lt => (Opcode::CompareOp, CompareOperator::Lt as u32),
            CmpOp::LtE => (Opcode::CompareOp, CompareOperator::Le as u32),
            CmpOp::Gt => (Opcode::CompareOp, CompareOperator::Gt as u32),
            CmpOp::GtE => (Opcode::CompareOp, CompareOperator::Ge as u32),
        };
        self.emit(opc, arg);
    }

    /// Jumps to `target` if `e` is true (`cond`) / false (`!cond`); CPython's `compiler_jump_if`.
    pub fn jump_if(&mut self, e: &'a Expr, target: Label, cond: bool) -> CResult<()> {
        self.enter_nesting(e.range)?;
        let saved = self.set_loc(e.range);
        let r = self.jump_if_inner(e, target, cond);
        self.restore_loc(saved);
        self.leave_nesting();
        r
    }

    fn jump_if_inner(&mut self, e: &'a Expr, target: Label, cond: bool) -> CResult<()> {
        if let Some(c) = self.fold_constant(e) {
            if super::fold::truthy(&c) == cond {
                self.emit_jump(Opcode::Jump, target);
            }
            return Ok(());
        }
        match &e.kind {
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => return self.jump_if(operand, target, !cond),
            ExprKind::BoolOp { op, values } => {
                let cond2 = *op == BoolOp::Or;
                let next2 = if cond2 != cond { self.new_label() } else { target };
                let n = values.len() - 1;
                for v in &values[..n] {
                    self.jump_if(v, next2, cond2)?;
                }
                self.jump_if(&values[n], target, cond)?;
                if next2 != target {
                    self.bind_label(next2);
                }
                return Ok(());
            }
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_label();
                let next2 = self.new_label();
                self.jump_if(test, next2, false)?;
                self.jump_if(body, target, cond)?;
                self.emit_jump(Opcode::Jump, end);
                self.bind_label(next2);
                self.jump_if(orelse, target, cond)?;
                self.bind_label(end);
                return Ok(());
            }
            ExprKind::Compare { left, ops, comparators } if ops.len() > 1 => {
                let n = ops.len() - 1;
                let cleanup = self.new_label();
                self.compile_expr(left)?;
                for i in 0..n {
                    self.compile_expr(&comparators[i])?;
                    self.emit(Opcode::Swap, 2);
                    self.emit(Opcode::Copy, 2);
                    self.emit_compare(ops[i]);
                    self.emit_jump(Opcode::PopJumpIfFalse, cleanup);
                }
                self.compile_comparator(ops[n], &comparators[n])?;
                self.emit_compare(ops[n]);
                self.emit_jump(if cond { Opcode::PopJumpIfTrue } else { Opcode::PopJumpIfFalse }, target);
                let end = self.new_label();
                self.emit_jump(Opcode::Jump, end);
                self.bind_label(cleanup);
                self.emit0(Opcode::PopTop);
                if !cond {
                    self.emit_jump(Opcode::Jump, target);
                }
                self.bind_label(end);
                return Ok(());
            }
            _ => {}
        }
        self.compile_expr(e)?;
        self.emit_jump(if cond { Opcode::PopJumpIfTrue } else { Opcode::PopJumpIfFalse }, target);
        Ok(())
    }

    /// Builds a list/tuple/set from `elts` (with `*` items), CPython's `starunpack_helper`.
    #[allow(clippy::too_many_arguments)]
    pub fn starunpack(
        &mut self,
        elts: &'a [Expr],
        injected: Option<&str>,
        pushed: u32,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> CResult<()> {
        let n = elts.len();
        if n > 2 {
            let folded: Option<Vec<ConstValue>> = elts.iter().map(|x| self.fold_constant(x)).collect();
            if let Some(items) = folded {
                if tuple && pushed == 0 && injected.is_none() {
                    self.load_const(ConstValue::Tuple(items.into()));
                    return Ok(());
                }
                if injected.is_none() {
                    let c = if add == Opcode::SetAdd { ConstValue::FrozenSet(items.into()) } else { ConstValue::Tuple(items.into()) };
                    self.emit(build, pushed);
                    self.load_const(c);
                    self.emit(extend, 1);
                    if tuple {
                        self.emit(Opcode::CallIntrinsic1, Intrinsic1::ListToTuple as u32);
                    }
                    return Ok(());
                }
            }
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts.iter().any(|x| matches!(x.kind, ExprKind::Starred { .. }));
        if !seen_star && !big {
            for x in elts {
                self.compile_expr(x)?;
            }
            let mut count = n as u32;
            if let Some(name) = injected {
                self.compile_name(name, ExprContext::Load)?;
                count += 1;
            }
            self.emit(if tuple { Opcode::BuildTuple } else { build }, count + pushed);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit(build, pushed);
            built = true;
        }
        for (i, x) in elts.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &x.kind {
                if !built {
                    self.emit(build, i as u32 + pushed);
                    built = true;
                }
                self.compile_expr(value)?;
                self.emit(extend, 1);
            } else {
                self.compile_expr(x)?;
                if built {
                    self.emit(add, 1);
                }
            }
        }
        if !built {
            self.emit(build, n as u32 + pushed);
        }
        if let Some(name) = injected {
            self.compile_name(name, ExprContext::Load)?;
            self.emit(add, 1);
        }
        if tuple {
            self.emit(Opcode::CallIntrinsic1, Intrinsic1::ListToTuple as u32);
        }
        Ok(())
    }

    fn assignment_helper(&mut self, elts: &'a [Expr], e: &'a Expr) -> CResult<()> {
        let n = elts.len();
        let mut seen_star = false;
        for (i, x) in elts.iter().enumerate() {
            if matches!(x.kind, ExprKind::Starred { .. }) {
                if seen_star {
                    return Err(self.error("multiple starred expressions in assignment", e.range));
                }
                if i >= 256 || n - i - 1 >= (i32::MAX >> 8) as usize {
                    return Err(self.error("too many expressions in star-unpacking assignment", e.range));
                }
                self.emit(Opcode::UnpackEx, (i + ((n - i - 1) << 8)) as u32);
                seen_star = true;
            }
        }
        if !seen_star {
            self.emit(Opcode::UnpackSequence, n as u32);
        }
        for x in elts {
            match &x.kind {
                ExprKind::Starred { value, .. } => self.compile_expr(value)?,
                _ => self.compile_expr(x)?,
            }
        }
        Ok(())
    }

    fn compile_dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CResult<()> {
        let n = values.len();
        let mut elements = 0usize;
        let mut have_dict = false;
        for i in 0..n {
            if keys[i].is_none() {
                if elements > 0 {
                    self.compile_subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.emit(Opcode::DictUpdate, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit(Opcode::BuildMap, 0);
                    have_dict = true;
                }
                self.compile_expr(&values[i])?;
                self.emit(Opcode::DictUpdate, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.compile_subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.emit(Opcode::DictUpdate, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.compile_subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.emit(Opcode::DictUpdate, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit(Opcode::BuildMap, 0);
        }
        Ok(())
    }

    fn compile_subdict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr], begin: usize, end: usize) -> CResult<()> {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            let consts: Option<Vec<ConstValue>> =
                keys[begin..end].iter().map(|k| k.as_ref().and_then(|k| self.fold_constant(k))).collect();
            if let Some(consts) = consts {
                for v in &values[begin..end] {
                    self.compile_expr(v)?;
                }
                self.load_const(ConstValue::Tuple(consts.into()));
                self.emit(Opcode::BuildConstKeyMap, n as u32);
                return Ok(());
            }
        }
        if big {
            self.emit(Opcode::BuildMap, 0);
        }
        for i in begin..end {
            if let Some(k) = &keys[i] {
                self.compile_expr(k)?;
            }
            self.compile_expr(&values[i])?;
            if big {
                self.emit(Opcode::MapAdd, 1);
            }
        }
        if !big {
            self.emit(Opcode::BuildMap, n as u32);
        }
        Ok(())
    }

    fn validate_keywords(&self, keywords: &[ast::Keyword]) -> CResult<()> {
        for (i, k) in keywords.iter().enumerate() {
            let Some(name) = &k.arg else { continue };
            if keywords[i + 1..].iter().any(|o| o.arg.as_deref() == Some(name)) {
                let other = keywords[i + 1..].iter().find(|o| o.arg.as_deref() == Some(name)).unwrap();
                return Err(self.error(format!("keyword argument repeated: {name}"), other.range));
            }
        }
        Ok(())
    }

    fn is_import_originated(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Name { id, .. } => self.st.scopes[0].flags(id) & def::IMPORT != 0,
            _ => false,
        }
    }

    fn compile_call(&mut self, e: &'a Expr, func: &'a Expr, args: &'a [Expr], keywords: &'a [ast::Keyword]) -> CResult<()> {
        self.validate_keywords(keywords)?;
        if let ExprKind::Attribute { value, attr, ctx: ExprContext::Load } = &func.kind {
            let simple = !self.is_import_originated(value)
                && args.len() + keywords.len() + usize::from(!keywords.is_empty()) < STACK_USE_GUIDELINE
                && !args.iter().any(|a| matches!(a.kind, ExprKind::Starred { .. }))
                && !keywords.iter().any(|k| k.arg.is_none());
            if simple {
                let saved = self.set_loc(func.range);
                self.compile_expr(value)?;
                let loc = attr_location(self.ur().loc, func, attr);
                self.u().loc = loc;
                let i = self.name_index(attr);
                self.emit(Opcode::LoadMethod, i);
                for a in args {
                    self.compile_expr(a)?;
                }
                let call_loc = attr_location(super::location(e.range), func, attr);
                if !keywords.is_empty() {
                    for k in keywords {
                        self.compile_expr(&k.value)?;
                    }
                    self.u().loc = call_loc;
                    self.load_kwnames(keywords);
                    self.emit(Opcode::CallKw, (args.len() + keywords.len()) as u32);
                } else {
                    self.u().loc = call_loc;
                    self.emit(Opcode::Call, args.len() as u32);
                }
                self.restore_loc(saved);
                return Ok(());
            }
        }
        let saved = self.set_loc(func.range);
        self.emit0(Opcode::PushNull);
        self.restore_loc(saved);
        self.compile_expr(func)?;
        self.compile_call_helper(0, args, None, keywords)
    }

    fn load_kwnames(&mut self, keywords: &[ast::Keyword]) {
        let names: Vec<ConstValue> = keywords.iter().map(|k| ConstValue::Str(k.arg.as_deref().unwrap_or("").into())).collect();
        self.load_const(ConstValue::Tuple(names.into()));
    }

    /// Arguments and the call itself, with `pushed` arguments already on the stack.
    pub fn compile_call_helper(&mut self, pushed: u32, args: &'a [Expr], injected: Option<&str>, keywords: &'a [ast::Keyword]) -> CResult<()> {
        self.validate_keywords(keywords)?;
        let nelts = args.len();
        let nkw = keywords.len();
        let ex_call = nelts + nkw * 2 > STACK_USE_GUIDELINE
            || args.iter().any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none());
        if !ex_call {
            for a in args {
                self.compile_expr(a)?;
            }
            let mut n = nelts as u32;
            if let Some(name) = injected {
                self.compile_name(name, ExprContext::Load)?;
                n += 1;
            }
            if nkw > 0 {
                for k in keywords {
                    self.compile_expr(&k.value)?;
                }
                self.load_kwnames(keywords);
                self.emit(Opcode::CallKw, pushed + n + nkw as u32);
            } else {
                self.emit(Opcode::Call, pushed + n);
            }
            return Ok(());
        }
        match (pushed, args, injected) {
            (0, [Expr { kind: ExprKind::Starred { value, .. }, .. }], None) => self.compile_expr(value)?,
            _ => self.starunpack(args, injected, pushed, Opcode::BuildList, Opcode::ListAppend, Opcode::ListExtend, true)?,
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut nseen = 0usize;
            for (i, k) in keywords.iter().enumerate() {
                if k.arg.is_none() {
                    if nseen > 0 {
                        self.compile_subkwargs(keywords, i - nseen, i)?;
                        if have_dict {
                            self.emit(Opcode::DictMerge, 1);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.emit(Opcode::BuildMap, 0);
                        have_dict = true;
                    }
                    self.compile_expr(&k.value)?;
                    self.emit(Opcode::DictMerge, 1);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.compile_subkwargs(keywords, nkw - nseen, nkw)?;
                if have_dict {
                    self.emit(Opcode::DictMerge, 1);
                }
            }
        }
        self.emit(Opcode::CallFunctionEx, u32::from(nkw > 0));
        Ok(())
    }

    fn compile_subkwargs(&mut self, keywords: &'a [ast::Keyword], begin: usize, end: usize) -> CResult<()> {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for k in &keywords[begin..end] {
                self.compile_expr(&k.value)?;
            }
            self.load_kwnames(&keywords[begin..end]);
            self.emit(Opcode::BuildConstKeyMap, n as u32);
            return Ok(());
        }
        if big {
            self.emit(Opcode::BuildMap, 0);
        }
        for k in &keywords[begin..end] {
            self.load_str(k.arg.as_deref().unwrap_or(""));
            self.compile_expr(&k.value)?;
            if big {
                self.emit(Opcode::MapAdd, 1);
            }
        }
        if !big {
            self.emit(Opcode::BuildMap, n as u32);
        }
        Ok(())
    }

    fn compile_lambda(&mut self, e: &'a Expr, args: &'a ast::Arguments, body: &'a Expr) -> CResult<()> {
        let flags = self.compile_default_arguments(args)?;
        let scope = self.scope_id_for(key_of(e, KEY_MAIN), e.range)?;
        self.enter_unit(UnitKind::Lambda, scope, "<lambda>", e.range.line);
        self.add_const(ConstValue::None);
        {
            let u = self.u();
            u.argcount = (args.args.len() + args.posonlyargs.len()) as u32;
            u.posonlyargcount = args.posonlyargs.len() as u32;
            u.kwonlyargcount = args.kwonlyargs.len() as u32;
        }
        self.set_loc(e.range);
        self.compile_expr(body)?;
        self.u().loc = Location { line: e.range.line, end_line: e.range.line, col: 0, end_col: 0 };
        self.emit0(Opcode::ReturnValue);
        let code = self.exit_unit(false)?;
        self.set_loc(e.range);
        self.make_closure(code, flags);
        Ok(())
    }
}

/// CPython's `update_start_location_to_match_attr`: a multi-line attribute access
/// is located at its last line, starting at the attribute name.
fn attr_location(loc: Location, attr_expr: &Expr, attr: &str) -> Location {
    let r = attr_expr.range;
    let mut loc = loc;
    if loc.line != r.end_line {
        loc.line = r.end_line;
        let len = attr.len() as u32;
        if len <= r.end_col {
            loc.col = r.end_col - len;
        } else {
            loc.col = u32::MAX;
            loc.end_col = u32::MAX;
        }
        loc.end_line = loc.end_line.max(loc.line);
        if loc.line == loc.end_line && loc.col != u32::MAX {
            loc.end_col = loc.end_col.max(loc.col);
        }
    }
    loc
}
