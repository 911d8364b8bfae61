//! Comprehensions: PEP 709 inlined list/set/dict comprehensions and generator
//! expressions (separate code objects), including `async for` clauses.

use super::{CResult, Compiler, FBlock, Label, UnitKind};
use crate::ast::{Comprehension, Expr, ExprKind, Ident};
use crate::bytecode::{ConstValue, Opcode};
use crate::symtable::{def, key_of, ScopeId, ScopeKind, SymbolScope, KEY_MAIN};

#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    Gen,
    List,
    Set,
    Dict,
}

/// What `push_inlined` changed, to be undone by `pop_inlined`.
struct InlineState {
    pushed: Vec<Ident>,
    temp_symbols: Vec<(Ident, u32, SymbolScope)>,
    fast_hidden: Vec<Ident>,
    cleanup: Option<Label>,
    end: Label,
}

impl<'a> Compiler<'a> {
    pub fn compile_comprehension(&mut self, e: &'a Expr) -> CResult<()> {
        let (kind, elt, val, generators): (CompKind, &'a Expr, Option<&'a Expr>, &'a [Comprehension]) = match &e.kind {
            ExprKind::ListComp { elt, generators } => (CompKind::List, elt, None, generators),
            ExprKind::SetComp { elt, generators } => (CompKind::Set, elt, None, generators),
            ExprKind::DictComp { key, value, generators } => (CompKind::Dict, key, Some(value), generators),
            ExprKind::GeneratorExp { elt, generators } => (CompKind::Gen, elt, None, generators),
            _ => return Ok(()),
        };
        let Some(outermost) = generators.first() else {
            return Err(self.error("comprehension with no generators", e.range));
        };
        let scope = self.scope_id_for(key_of(e, KEY_MAIN), e.range)?;
        let outer_kind = self.ur().kind;
        let is_inlined = self.st.scopes[scope].comp_inlined;
        let is_async_generator = self.st.scopes[scope].is_coroutine;
        if is_async_generator
            && kind != CompKind::Gen
            && !matches!(outer_kind, UnitKind::AsyncFunction | UnitKind::Comprehension)
        {
            return Err(self.error("asynchronous comprehension outside of an asynchronous function", e.range));
        }
        if is_inlined {
            self.compile_comp_iter(outermost)?;
            let state = self.push_inlined(scope)?;
            self.u().in_inlined_comp += 1;
            self.emit_collection_start(kind, true);
            let r = self.comprehension_generator(generators, 0, 0, elt, val, kind, true);
            self.u().in_inlined_comp -= 1;
            r?;
            self.pop_inlined(state);
            return Ok(());
        }
        self.enter_unit(UnitKind::Comprehension, scope, "<genexpr>", e.range.line);
        self.set_loc(e.range);
        self.u().argcount = 1;
        self.emit_collection_start(kind, false);
        self.comprehension_generator(generators, 0, 0, elt, val, kind, false)?;
        if kind != CompKind::Gen {
            self.emit0(Opcode::ReturnValue);
        }
        let code = self.exit_unit(kind == CompKind::Gen)?;
        self.set_loc(e.range);
        self.make_closure(code, 0);
        self.compile_comp_iter(outermost)?;
        self.emit(Opcode::Call, 0);
        if is_async_generator && kind != CompKind::Gen {
            self.emit(Opcode::GetAwaitable, 0);
            self.load_none();
            self.compile_yield_from_loop(true);
        }
        Ok(())
    }

    /// The outermost iterable and `GetIter`/`GetAiter`.
    fn compile_comp_iter(&mut self, gen: &'a Comprehension) -> CResult<()> {
        match self.fold_iterable(&gen.iter) {
            Some(c) => self.load_const(c),
            None => self.compile_expr(&gen.iter)?,
        }
        self.emit0(if gen.is_async { Opcode::GetAiter } else { Opcode::GetIter });
        Ok(())
    }

    fn emit_collection_start(&mut self, kind: CompKind, inlined: bool) {
        let op = match kind {
            CompKind::Gen => return,
            CompKind::List => Opcode::BuildList,
            CompKind::Set => Opcode::BuildSet,
            CompKind::Dict => Opcode::BuildMap,
        };
        self.emit(op, 0);
        if inlined {
            self.emit(Opcode::Swap, 2);
        }
    }

    fn push_inlined(&mut self, comp: ScopeId) -> CResult<InlineState> {
        let outer = self.ur().scope;
        let in_class = self.st.scopes[outer].kind == ScopeKind::Class;
        let outer_function_like = self.st.scopes[outer].is_function_like();
        let symbols = self.st.scopes[comp].symbols.clone();
        let mut state = InlineState { pushed: Vec::new(), temp_symbols: Vec::new(), fast_hidden: Vec::new(), cleanup: None, end: 0 };
        for sym in &symbols {
            let scope = sym.scope;
            let (outflags, outsc) = match self.st.scopes[outer].lookup(&sym.name) {
                Some(s) => (s.flags, s.scope),
                None => (0, SymbolScope::Unknown),
            };
            if (sym.flags & def::LOCAL != 0 && sym.flags & def::NONLOCAL == 0) || in_class {
                if !outer_function_like && !self.ur().fast_hidden.get(&sym.name).copied().unwrap_or(false) {
                    self.u().fast_hidden.insert(sym.name.clone(), true);
                    state.fast_hidden.push(sym.name.clone());
                }
                let i = self.u().varnames.add(&sym.name);
                self.emit(Opcode::LoadFastAndClear, i);
                if scope == SymbolScope::Cell {
                    let idx = self.deref_index(&sym.name, if outsc == SymbolScope::Free { SymbolScope::Free } else { SymbolScope::Cell });
                    self.emit_deref(Opcode::MakeCell, idx);
                }
                state.pushed.push(sym.name.clone());
            }
            // As CPython 3.12: in a class body every comprehension name takes
            // its in-comprehension scope (a free name there is a free variable
            // of the class code, read with LoadDeref, not the class's local).
            if (scope != outsc && scope != SymbolScope::Free && !(scope == SymbolScope::Cell && outsc == SymbolScope::Free)) || (in_class && scope != outsc) {
                if sym.flags & def::PARAM == 0 {
                    state.temp_symbols.push((sym.name.clone(), outflags, outsc));
                    self.st.scopes[outer].set_symbol(&sym.name, sym.flags, scope);
                }
            }
        }
        state.end = self.new_label();
        if !state.pushed.is_empty() {
            self.emit(Opcode::Swap, state.pushed.len() as u32 + 1);
            let cleanup = self.new_label();
            self.push_handler(cleanup, false);
            state.cleanup = Some(cleanup);
        }
        Ok(state)
    }

    fn restore_inlined_locals(&mut self, pushed: &[Ident]) {
        self.emit(Opcode::Swap, pushed.len() as u32 + 1);
        for name in pushed.iter().rev() {
            let i = self.u().varnames.add(name);
            self.emit(Opcode::StoreFastMaybeNull, i);
        }
    }

    fn pop_inlined(&mut self, state: InlineState) {
        if let Some(cleanup) = state.cleanup {
            self.pop_handler();
            self.emit_jump(Opcode::Jump, state.end);
            self.bind_label(cleanup);
            self.emit(Opcode::Swap, 2);
            self.emit0(Opcode::PopTop);
            self.restore_inlined_locals(&state.pushed);
            self.emit(Opcode::Reraise, 0);
            self.bind_label(state.end);
            self.restore_inlined_locals(&state.pushed);
        }
        let outer = self.ur().scope;
        for (name, flags, scope) in state.temp_symbols {
            self.st.scopes[outer].set_symbol(&name, flags, scope);
        }
        for name in state.fast_hidden {
            self.u().fast_hidden.remove(&*name);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
        iter_on_stack: bool,
    ) -> CResult<()> {
        if generators[index].is_async {
            self.async_comprehension_generator(generators, index, depth, elt, val, kind, iter_on_stack)
        } else {
            self.sync_comprehension_generator(generators, index, depth, elt, val, kind, iter_on_stack)
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn sync_comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
        iter_on_stack: bool,
    ) -> CResult<()> {
        let gen = &generators[index];
        let mut looping = true;
        if !iter_on_stack {
            if index == 0 {
                self.emit(Opcode::LoadFast, 0);
            } else {
                let single = match &gen.iter.kind {
                    ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } if elts.len() == 1 => {
                        if matches!(elts[0].kind, ExprKind::Starred { .. }) {
                            None
                        } else {
                            Some(&elts[0])
                        }
                    }
                    _ => None,
                };
                match single {
                    Some(x) => {
                        self.compile_expr(x)?;
                        looping = false;
                    }
                    None => self.compile_comp_iter(gen)?,
                }
            }
        }
        let start = self.new_label();
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        if looping {
            depth += 1;
            self.bind_label(start);
            self.emit_jump(Opcode::ForIter, anchor);
        }
        self.compile_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, val, kind, false)?;
        } else {
            self.comprehension_element(elt, val, kind, depth)?;
        }
        self.bind_label(if_cleanup);
        if looping {
            self.emit_jump(Opcode::Jump, start);
            self.bind_label(anchor);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn async_comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
        iter_on_stack: bool,
    ) -> CResult<()> {
        let gen = &generators[index];
        if !iter_on_stack {
            if index == 0 {
                self.emit(Opcode::LoadFast, 0);
            } else {
                self.compile_expr(&gen.iter)?;
                self.emit0(Opcode::GetAiter);
            }
        }
        let start = self.new_label();
        let except = self.new_label();
        let if_cleanup = self.new_label();
        self.bind_label(start);
        self.u().fblocks.push(FBlock::AsyncComprehensionGenerator);
        self.push_handler(except, false);
        self.emit0(Opcode::GetAnext);
        self.load_none();
        self.compile_yield_from_loop(true);
        self.pop_handler();
        self.compile_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        depth += 1;
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, depth, elt, val, kind, false)?;
        } else {
            self.comprehension_element(elt, val, kind, depth)?;
        }
        self.bind_label(if_cleanup);
        self.emit_jump(Opcode::Jump, start);
        self.u().fblocks.pop();
        self.bind_label(except);
        self.emit0(Opcode::EndAsyncFor);
        Ok(())
    }

    fn comprehension_element(&mut self, elt: &'a Expr, val: Option<&'a Expr>, kind: CompKind, depth: u32) -> CResult<()> {
        let saved = self.set_loc(elt.range);
        match kind {
            CompKind::Gen => {
                self.compile_expr(elt)?;
                let ste = &self.st.scopes[self.ur().scope];
                if ste.is_generator && ste.is_coroutine {
                    self.emit(Opcode::CallIntrinsic1, crate::bytecode::Intrinsic1::AsyncGenWrap as u32);
                }
                self.emit0(Opcode::YieldValue);
                self.emit0(Opcode::PopTop);
            }
            CompKind::List => {
                self.compile_expr(elt)?;
                self.emit(Opcode::ListAppend, depth + 1);
            }
            CompKind::Set => {
                self.compile_expr(elt)?;
                self.emit(Opcode::SetAdd, depth + 1);
            }
            CompKind::Dict => {
                self.compile_expr(elt)?;
                if let Some(v) = val {
                    self.compile_expr(v)?;
                    self.u().loc.end_line = v.range.end_line;
                    self.u().loc.end_col = v.range.end_col;
                }
                self.emit(Opcode::MapAdd, depth + 1);
            }
        }
        self.restore_loc(saved);
        let _ = ConstValue::None;
        Ok(())
    }
}
