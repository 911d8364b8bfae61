//! The symbol table: which scope every name belongs to (CPython 3.12's `symtable.c`).
//!
//! Two passes, as in CPython:
//!
//! 1. **Collection** ([`SymbolTableBuilder`]) walks the AST once, opening a
//!    [`Scope`] for the module, every function, lambda, class, comprehension and
//!    generator expression, and every PEP 695 annotation scope (the type-parameter
//!    block of a generic function/class/alias, a lazily evaluated TypeVar bound, a
//!    type alias value). Each use or binding of a name sets flag bits (`DEF_*`,
//!    `USE`) on the name in the current scope. `global`/`nonlocal` errors that only
//!    need local knowledge are raised here.
//! 2. **Analysis** ([`analyze`]) walks the scope tree top-down with the sets of
//!    names bound in enclosing function scopes, and decides for every name one of
//!    [`SymbolScope`]: local, global (explicit or implicit), free or cell. Class
//!    scopes do not make names visible to nested functions. A name free in a method
//!    and called `__class__` (also implied by any use of `super`) gives the class an
//!    implicit `__class__` cell (`needs_class_closure`).
//!
//! PEP 709: a list/set/dict comprehension (not a generator expression) is
//! *inlined* into its parent scope: after it is analysed its symbols are merged
//! into the parent (the compiler then saves/restores the names it binds with
//! `LoadFastAndClear`/`StoreFastMaybeNull`). The comprehension keeps its own
//! [`Scope`] so the compiler can tell which names it binds.
//!
//! Scopes are found again by the compiler through the address of the AST node
//! that opened them ([`ScopeKey`]), so the AST must not move between the passes.

use crate::ast::{self, Expr, ExprKind, Ident, Range, Stmt, StmtKind};
use crate::error::{SyntaxError, SyntaxErrorKind};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher (the Fx hash of rustc) for the
/// compiler's name tables; the input is source code, not an attacker's keys.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut b = bytes;
        while b.len() >= 8 {
            self.add(u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]));
            b = &b[8..];
        }
        // The tail in at most three loads (4, 2, 1 bytes), not byte by byte.
        let mut tail = bytes.len() as u64;
        if b.len() >= 4 {
            tail = (tail << 32) | u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
            b = &b[4..];
        }
        if b.len() >= 2 {
            tail = tail.rotate_left(16) ^ u16::from_le_bytes([b[0], b[1]]) as u64;
            b = &b[2..];
        }
        if let Some(&last) = b.first() {
            tail = tail.rotate_left(8) ^ last as u64;
        }
        self.add(tail);
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64)
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64)
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i)
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64)
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Scopes with at most this many names find them by a linear search (no hash map).
const LINEAR_SCOPE_MAX: usize = 16;

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Flags collected in pass 1 (CPython's values).
pub mod def {
    pub const GLOBAL: u32 = 1;
    pub const LOCAL: u32 = 2;
    pub const PARAM: u32 = 2 << 1;
    pub const NONLOCAL: u32 = 2 << 2;
    pub const USE: u32 = 2 << 3;
    pub const FREE: u32 = 2 << 4;
    pub const FREE_CLASS: u32 = 2 << 5;
    pub const IMPORT: u32 = 2 << 6;
    pub const ANNOT: u32 = 2 << 7;
    pub const COMP_ITER: u32 = 2 << 8;
    pub const TYPE_PARAM: u32 = 2 << 9;
    pub const COMP_CELL: u32 = 2 << 10;
    pub const BOUND: u32 = LOCAL | PARAM | IMPORT;
}

/// The analysed scope of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolScope {
    /// Not known in this scope (CPython's 0).
    Unknown,
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

/// What kind of block a scope is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    Module,
    Class,
    /// `def`, `lambda`, comprehensions and generator expressions.
    Function,
    /// The throwaway scope of annotations under `from __future__ import annotations`.
    Annotation,
    TypeVarBound,
    TypeAlias,
    TypeParams,
}

/// Comprehension kind of a function scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComprehensionKind {
    List,
    Set,
    Dict,
    Generator,
}

/// A name as the symbol table receives it: an interned [`ast::Ident`] from
/// the AST (kept by a count bump) or a fixed `&str` (`"__class__"`, ...),
/// copied into a new `Ident` only when the table has to keep it.
pub trait AsIdent: Copy {
    fn as_str(&self) -> &str;
    fn to_ident(&self) -> Ident;
}

impl AsIdent for &str {
    #[inline]
    fn as_str(&self) -> &str {
        self
    }
    #[inline]
    fn to_ident(&self) -> Ident {
        (*self).into()
    }
}

impl AsIdent for &Ident {
    #[inline]
    fn as_str(&self) -> &str {
        self
    }
    #[inline]
    fn to_ident(&self) -> Ident {
        Ident::clone(self)
    }
}

/// One name in one scope.
#[derive(Clone, Debug)]
pub struct Symbol {
    pub name: Ident,
    pub flags: u32,
    pub scope: SymbolScope,
}

pub type ScopeId = usize;

/// How the compiler finds a node's scope: the node's address and which of its scopes.
pub type ScopeKey = (usize, u8);

pub const KEY_MAIN: u8 = 0;
pub const KEY_TYPE_PARAMS: u8 = 1;

pub fn key_of<T>(node: &T, which: u8) -> ScopeKey {
    (node as *const T as usize, which)
}

/// A scope and its names.
#[derive(Clone, Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    pub range: Range,
    pub symbols: Vec<Symbol>,
    /// Name -> position in `symbols`, built once the scope has more than
    /// [`LINEAR_SCOPE_MAX`] names (smaller scopes are searched linearly).
    index: FxMap<Ident, usize>,
    /// Parameters in order (CPython's `ste_varnames`).
    pub varnames: Vec<Ident>,
    pub children: Vec<ScopeId>,
    pub parent: Option<ScopeId>,
    pub comprehension: Option<ComprehensionKind>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub nested: bool,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    pub returns_value: bool,
    pub needs_class_closure: bool,
    pub needs_classdict: bool,
    pub can_see_class_scope: bool,
    pub comp_inlined: bool,
    /// Where each `global`/`nonlocal` name was declared (for analysis errors).
    directives: FxMap<Ident, Range>,
    comp_iter_target: bool,
    comp_iter_expr: u32,
    /// The class name for private-name mangling in effect inside this scope.
    pub private: Option<ast::Ident>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, range: Range, parent: Option<ScopeId>) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            range,
            symbols: Vec::new(),
            index: FxMap::default(),
            varnames: Vec::new(),
            children: Vec::new(),
            parent,
            comprehension: None,
            is_generator: false,
            is_coroutine: false,
            nested: false,
            has_varargs: false,
            has_varkeywords: false,
            returns_value: false,
            needs_class_closure: false,
            needs_classdict: false,
            can_see_class_scope: false,
            comp_inlined: false,
            directives: FxMap::default(),
            comp_iter_target: false,
            comp_iter_expr: 0,
            private: None,
        }
    }

    pub fn is_function_like(&self) -> bool {
        !matches!(self.kind, ScopeKind::Module | ScopeKind::Class)
    }

    /// The position of `name` in `symbols`. Names are interned, so the same
    /// name is usually the same pointer: that is checked before the text.
    #[inline]
    fn find(&self, name: &str) -> Option<usize> {
        if self.symbols.len() <= LINEAR_SCOPE_MAX {
            // Pointers first (a cheap pass that finds interned names), then the text.
            let p = name.as_ptr();
            if let Some(i) = self.symbols.iter().position(|s| std::ptr::eq(s.name.as_ptr(), p)) {
                if self.symbols[i].name.len() == name.len() {
                    return Some(i);
                }
            }
            return self.symbols.iter().position(|s| *s.name == *name);
        }
        self.index.get(name).copied()
    }

    /// Appends a symbol not yet in the scope.
    fn push_symbol(&mut self, name: Ident, flags: u32) {
        let i = self.symbols.len();
        if i + 1 > LINEAR_SCOPE_MAX {
            if self.index.is_empty() {
                self.index.reserve(2 * LINEAR_SCOPE_MAX);
                for (k, s) in self.symbols.iter().enumerate() {
                    self.index.insert(s.name.clone(), k);
                }
            }
            self.index.insert(name.clone(), i);
        }
        self.symbols.push(Symbol { name, flags, scope: SymbolScope::Unknown });
    }

    pub fn flags(&self, name: &str) -> u32 {
        self.find(name).map(|i| self.symbols[i].flags).unwrap_or(0)
    }

    pub fn scope_of(&self, name: &str) -> SymbolScope {
        self.find(name).map(|i| self.symbols[i].scope).unwrap_or(SymbolScope::Unknown)
    }

    pub fn lookup(&self, name: &str) -> Option<&Symbol> {
        self.find(name).map(|i| &self.symbols[i])
    }

    fn set_flags(&mut self, name: impl AsIdent, flags: u32) {
        match self.find(name.as_str()) {
            Some(i) => self.symbols[i].flags = flags,
            None => self.push_symbol(name.to_ident(), flags),
        }
    }

    /// Sets the analysed scope of a name (used by the compiler while it compiles an
    /// inlined comprehension, which temporarily overrides outer scopes).
    pub fn set_symbol(&mut self, name: impl AsIdent, flags: u32, scope: SymbolScope) {
        let i = match self.find(name.as_str()) {
            Some(i) => {
                self.symbols[i].flags = flags;
                i
            }
            None => {
                self.set_flags(name, flags);
                self.symbols.len() - 1
            }
        };
        self.symbols[i].scope = scope;
    }
}

/// The result of the symbol-table passes.
#[derive(Clone, Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    pub by_node: FxMap<ScopeKey, ScopeId>,
}

impl SymbolTable {
    pub fn scope_for(&self, key: ScopeKey) -> Option<ScopeId> {
        self.by_node.get(&key).copied()
    }
}

/// `_Py_Mangle`: `__spam` inside class `Ham` becomes `_Ham__spam`.
pub fn mangle<'a>(private: Option<&str>, name: &'a str) -> std::borrow::Cow<'a, str> {
    let Some(class) = private else { return name.into() };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.into();
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return name.into();
    }
    format!("_{stripped}{name}").into()
}

pub fn error_at(msg: impl Into<String>, range: Range) -> SyntaxError {
    let mut e = SyntaxError::new(SyntaxErrorKind::SyntaxError, msg);
    e.lineno = range.line;
    e.offset = range.col + 1;
    e.end_lineno = range.end_line;
    e.end_offset = range.end_col + 1;
    e
}

type SResult<T> = Result<T, SyntaxError>;

/// Builds the table for a module (or the body of an `eval`/`single` input).
pub fn build_module(body: &[Stmt], future_annotations: bool) -> SResult<SymbolTable> {
    let mut b = SymbolTableBuilder::new(future_annotations, Range::default());
    for s in body {
        b.visit_stmt(s)?;
    }
    b.finish()
}

/// Builds the table for an `eval` expression.
pub fn build_expression(e: &Expr, future_annotations: bool) -> SResult<SymbolTable> {
    let mut b = SymbolTableBuilder::new(future_annotations, e.range);
    b.visit_expr(e)?;
    b.finish()
}

pub struct SymbolTableBuilder {
    scopes: Vec<Scope>,
    by_node: FxMap<ScopeKey, ScopeId>,
    stack: Vec<ScopeId>,
    future_annotations: bool,
}

impl SymbolTableBuilder {
    fn new(future_annotations: bool, range: Range) -> Self {
        SymbolTableBuilder {
            scopes: vec![Scope::new(ScopeKind::Module, "top", range, None)],
            by_node: FxMap::default(),
            stack: vec![0],
            future_annotations,
        }
    }

    fn finish(mut self) -> SResult<SymbolTable> {
        analyze(&mut self.scopes)?;
        Ok(SymbolTable { scopes: self.scopes, by_node: self.by_node })
    }

    fn cur(&self) -> ScopeId {
        *self.stack.last().unwrap()
    }
    fn cur_scope(&mut self) -> &mut Scope {
        let c = self.cur();
        &mut self.scopes[c]
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, key: ScopeKey, range: Range) -> ScopeId {
        let parent = self.cur();
        let id = self.scopes.len();
        let mut s = Scope::new(kind, name, range, Some(parent));
        let p = &self.scopes[parent];
        s.nested = p.nested || p.is_function_like();
        s.private = p.private.clone();
        self.scopes.push(s);
        self.scopes[parent].children.push(id);
        self.by_node.insert(key, id);
        self.stack.push(id);
        id
    }

    fn exit(&mut self) {
        self.stack.pop();
    }

    fn add_def(&mut self, name: impl AsIdent, flag: u32, range: Range) -> SResult<()> {
        let cur = self.cur();
        self.add_def_in(cur, name, flag, range)
    }

    fn add_def_in(&mut self, sid: ScopeId, name: impl AsIdent, flag: u32, range: Range) -> SResult<()> {
        let cur = self.cur();
        let name_str = name.as_str();
        let mangled_owned: Ident;
        let mangled: &Ident = match mangle(self.scopes[cur].private.as_deref(), name_str) {
            std::borrow::Cow::Owned(m) => {
                mangled_owned = m.into();
                &mangled_owned
            }
            std::borrow::Cow::Borrowed(_) => {
                mangled_owned = name.to_ident();
                &mangled_owned
            }
        };
        let name = name_str;
        let cur_iter_target = self.scopes[cur].comp_iter_target;
        let scope = &mut self.scopes[sid];
        let mut val = flag;
        let existing = scope.find(mangled);
        if let Some(old) = existing.map(|i| scope.symbols[i].flags) {
            if flag & def::PARAM != 0 && old & def::PARAM != 0 {
                return Err(error_at(format!("duplicate argument '{name}' in function definition"), range));
            }
            if flag & def::TYPE_PARAM != 0 && old & def::TYPE_PARAM != 0 {
                return Err(error_at(format!("duplicate type parameter '{name}'"), range));
            }
            val |= old;
        }
        if cur_iter_target && sid == self.cur() {
            if val & (def::GLOBAL | def::NONLOCAL) != 0 {
                return Err(error_at(
                    format!("comprehension inner loop cannot rebind assignment expression target '{name}'"),
                    range,
                ));
            }
            val |= def::COMP_ITER;
        }
        let scope = &mut self.scopes[sid];
        match existing {
            Some(i) => scope.symbols[i].flags = val,
            None => scope.push_symbol(mangled.clone(), val),
        }
        if flag & def::PARAM != 0 {
            scope.varnames.push(mangled.clone());
        } else if flag & def::GLOBAL != 0 {
            let module = &mut self.scopes[0];
            let old = module.flags(mangled);
            module.set_flags(mangled, old | flag);
        }
        Ok(())
    }

    fn record_directive(&mut self, name: &Ident, range: Range) {
        let private = self.cur_scope().private.clone();
        let mangled: Ident = match mangle(private.as_deref(), name) {
            std::borrow::Cow::Owned(m) => m.into(),
            std::borrow::Cow::Borrowed(_) => name.clone(),
        };
        self.cur_scope().directives.entry(mangled).or_insert(range);
    }

    fn lookup(&self, name: &str) -> u32 {
        let s = &self.scopes[self.cur()];
        if name.starts_with("__") {
            s.flags(&mangle(s.private.as_deref(), name))
        } else {
            s.flags(name)
        }
    }

    pub fn visit_stmt(&mut self, s: &Stmt) -> SResult<()> {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                self.add_def(&f.name, def::LOCAL, s.range)?;
                self.visit_defaults(&f.args)?;
                for d in &f.decorator_list {
                    self.visit_expr(d)?;
                }
                let generic = !f.type_params.is_empty();
                if generic {
                    let has_kwdefaults = f.args.kw_defaults.iter().any(|d| d.is_some());
                    // CPython tests `args->defaults != NULL`, true even when empty.
                    self.enter_type_param_block(&f.name, key_of(&**f, KEY_TYPE_PARAMS), s.range, true, has_kwdefaults, false)?;
                    for tp in &f.type_params {
                        self.visit_type_param(tp)?;
                    }
                }
                self.visit_annotations(&f.args, f.returns.as_deref(), key_of(&**f, 7), s.range)?;
                self.enter(ScopeKind::Function, &f.name, key_of(&**f, KEY_MAIN), s.range);
                if f.is_async {
                    self.cur_scope().is_coroutine = true;
                }
                self.visit_params(&f.args)?;
                for st in &f.body {
                    self.visit_stmt(st)?;
                }
                self.exit();
                if generic {
                    self.exit();
                }
            }
            StmtKind::ClassDef(c) => {
                self.add_def(&c.name, def::LOCAL, s.range)?;
                for d in &c.decorator_list {
                    self.visit_expr(d)?;
                }
                let generic = !c.type_params.is_empty();
                let saved_private = self.cur_scope().private.clone();
                if generic {
                    self.enter_type_param_block(&c.name, key_of(&**c, KEY_TYPE_PARAMS), s.range, false, false, true)?;
                    self.cur_scope().private = Some(c.name.clone());
                    for tp in &c.type_params {
                        self.visit_type_param(tp)?;
                    }
                }
                for b in &c.bases {
                    self.visit_expr(b)?;
                }
                for k in &c.keywords {
                    self.visit_expr(&k.value)?;
                }
                self.enter(ScopeKind::Class, &c.name, key_of(&**c, KEY_MAIN), s.range);
                self.cur_scope().private = Some(c.name.clone());
                if generic {
                    self.add_def("__type_params__", def::LOCAL, s.range)?;
                    self.add_def(".type_params", def::USE, s.range)?;
                }
                for st in &c.body {
                    self.visit_stmt(st)?;
                }
                self.exit();
                if generic {
                    self.exit();
                }
                self.cur_scope().private = saved_private;
            }
            StmtKind::TypeAlias { name, type_params, value } => {
                self.visit_expr(name)?;
                let alias_name = match &name.kind {
                    ExprKind::Name { id, .. } => id.clone(),
                    _ => "".into(),
                };
                let in_class = self.cur_scope().kind == ScopeKind::Class;
                let generic = !type_params.is_empty();
                if generic {
                    self.enter_type_param_block(&alias_name, key_of(s, KEY_TYPE_PARAMS), s.range, false, false, false)?;
                    for tp in type_params {
                        self.visit_type_param(tp)?;
                    }
                }
                self.enter(ScopeKind::TypeAlias, &alias_name, key_of(s, KEY_MAIN), s.range);
                self.cur_scope().can_see_class_scope = in_class;
                if in_class {
                    self.add_def("__classdict__", def::USE, value.range)?;
                }
                self.visit_expr(value)?;
                self.exit();
                if generic {
                    self.exit();
                }
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.visit_expr(v)?;
                    self.cur_scope().returns_value = true;
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.visit_expr(t)?;
                }
            }
            StmtKind::Assign { targets, value, .. } => {
                for t in targets {
                    self.visit_expr(t)?;
                }
                self.visit_expr(value)?;
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let cur = self.lookup(id);
                    if cur & (def::GLOBAL | def::NONLOCAL) != 0 && self.cur() != 0 && *simple {
                        let msg = if cur & def::GLOBAL != 0 {
                            format!("annotated name '{id}' can't be global")
                        } else {
                            format!("annotated name '{id}' can't be nonlocal")
                        };
                        return Err(error_at(msg, s.range));
                    }
                    if *simple {
                        self.add_def(id, def::ANNOT | def::LOCAL, target.range)?;
                    } else if value.is_some() {
                        self.add_def(id, def::LOCAL, target.range)?;
                    }
                } else {
                    self.visit_expr(target)?;
                }
                self.visit_annotation(annotation)?;
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.visit_expr(target)?;
                self.visit_expr(value)?;
            }
            StmtKind::For { target, iter, body, orelse, .. } => {
                self.visit_expr(target)?;
                self.visit_expr(iter)?;
                self.visit_body(body)?;
                self.visit_body(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_body(body)?;
                self.visit_body(orelse)?;
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    self.visit_expr(&it.context_expr)?;
                    if let Some(v) = &it.optional_vars {
                        self.visit_expr(v)?;
                    }
                }
                self.visit_body(body)?;
            }
            StmtKind::Match { subject, cases } => {
                self.visit_expr(subject)?;
                for c in cases {
                    self.visit_pattern(&c.pattern)?;
                    if let Some(g) = &c.guard {
                        self.visit_expr(g)?;
                    }
                    self.visit_body(&c.body)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.visit_expr(e)?;
                    if let Some(c) = cause {
                        self.visit_expr(c)?;
                    }
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody, .. } => {
                self.visit_body(body)?;
                self.visit_body(orelse)?;
                for h in handlers {
                    if let Some(t) = &h.type_ {
                        self.visit_expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.add_def(n, def::LOCAL, h.range)?;
                    }
                    self.visit_body(&h.body)?;
                }
                self.visit_body(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.visit_expr(test)?;
                if let Some(m) = msg {
                    self.visit_expr(m)?;
                }
            }
            StmtKind::Import(names) | StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    self.visit_alias(a)?;
                }
            }
            StmtKind::Global(names) => {
                for name in names {
                    let cur = self.lookup(name);
                    if cur & (def::PARAM | def::LOCAL | def::USE | def::ANNOT) != 0 {
                        let msg = if cur & def::PARAM != 0 {
                            format!("name '{name}' is parameter and global")
                        } else if cur & def::USE != 0 {
                            format!("name '{name}' is used prior to global declaration")
                        } else if cur & def::ANNOT != 0 {
                            format!("annotated name '{name}' can't be global")
                        } else {
                            format!("name '{name}' is assigned to before global declaration")
                        };
                        return Err(error_at(msg, s.range));
                    }
                    self.add_def(name, def::GLOBAL, s.range)?;
                    self.record_directive(name, s.range);
                }
            }
            StmtKind::Nonlocal(names) => {
                for name in names {
                    let cur = self.lookup(name);
                    if cur & (def::PARAM | def::LOCAL | def::USE | def::ANNOT) != 0 {
                        let msg = if cur & def::PARAM != 0 {
                            format!("name '{name}' is parameter and nonlocal")
                        } else if cur & def::USE != 0 {
                            format!("name '{name}' is used prior to nonlocal declaration")
                        } else if cur & def::ANNOT != 0 {
                            format!("annotated name '{name}' can't be nonlocal")
                        } else {
                            format!("name '{name}' is assigned to before nonlocal declaration")
                        };
                        return Err(error_at(msg, s.range));
                    }
                    self.add_def(name, def::NONLOCAL, s.range)?;
                    self.record_directive(name, s.range);
                }
            }
            StmtKind::Expr(e) => self.visit_expr(e)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    fn visit_body(&mut self, body: &[Stmt]) -> SResult<()> {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    fn enter_type_param_block(
        &mut self,
        name: &str,
        key: ScopeKey,
        range: Range,
        has_defaults: bool,
        has_kwdefaults: bool,
        is_class: bool,
    ) -> SResult<()> {
        let in_class = self.cur_scope().kind == ScopeKind::Class;
        self.enter(ScopeKind::TypeParams, name, key, range);
        if in_class {
            self.cur_scope().can_see_class_scope = true;
            self.add_def("__classdict__", def::USE, range)?;
        }
        if is_class {
            self.add_def(".type_params", def::LOCAL, range)?;
            self.add_def(".type_params", def::USE, range)?;
            self.add_def(".generic_base", def::LOCAL, range)?;
            self.add_def(".generic_base", def::USE, range)?;
        }
        if has_defaults {
            self.add_def(".defaults", def::PARAM, range)?;
        }
        if has_kwdefaults {
            self.add_def(".kwdefaults", def::PARAM, range)?;
        }
        Ok(())
    }

    fn visit_type_param(&mut self, tp: &ast::TypeParam) -> SResult<()> {
        match &tp.kind {
            ast::TypeParamKind::TypeVar { name, bound } => {
                self.add_def(name, def::TYPE_PARAM | def::LOCAL, tp.range)?;
                if let Some(b) = bound {
                    let in_class = self.cur_scope().can_see_class_scope;
                    self.enter(ScopeKind::TypeVarBound, name, key_of(tp, KEY_MAIN), tp.range);
                    self.cur_scope().can_see_class_scope = in_class;
                    if in_class {
                        self.add_def("__classdict__", def::USE, b.range)?;
                    }
                    self.visit_expr(b)?;
                    self.exit();
                }
            }
            ast::TypeParamKind::ParamSpec { name } | ast::TypeParamKind::TypeVarTuple { name } => {
                self.add_def(name, def::TYPE_PARAM | def::LOCAL, tp.range)?;
            }
        }
        Ok(())
    }

    fn visit_defaults(&mut self, args: &ast::Arguments) -> SResult<()> {
        for d in &args.defaults {
            self.visit_expr(d)?;
        }
        for d in args.kw_defaults.iter().flatten() {
            self.visit_expr(d)?;
        }
        Ok(())
    }

    fn visit_params(&mut self, args: &ast::Arguments) -> SResult<()> {
        for a in args.posonlyargs.iter().chain(&args.args).chain(&args.kwonlyargs) {
            self.add_def(&a.arg, def::PARAM, a.range)?;
        }
        if let Some(a) = &args.vararg {
            self.add_def(&a.arg, def::PARAM, a.range)?;
            self.cur_scope().has_varargs = true;
        }
        if let Some(a) = &args.kwarg {
            self.add_def(&a.arg, def::PARAM, a.range)?;
            self.cur_scope().has_varkeywords = true;
        }
        Ok(())
    }

    fn visit_annotations(&mut self, args: &ast::Arguments, returns: Option<&Expr>, key: ScopeKey, range: Range) -> SResult<()> {
        if self.future_annotations {
            self.enter(ScopeKind::Annotation, "_annotation", key, range);
        }
        let all = args.posonlyargs.iter().chain(&args.args).chain(args.vararg.iter()).chain(&args.kwonlyargs).chain(args.kwarg.iter());
        for a in all {
            if let Some(ann) = &a.annotation {
                self.visit_expr(ann)?;
            }
        }
        if self.future_annotations {
            self.exit();
        }
        if let Some(r) = returns {
            self.visit_annotation(r)?;
        }
        Ok(())
    }

    fn visit_annotation(&mut self, ann: &Expr) -> SResult<()> {
        if self.future_annotations {
            self.enter(ScopeKind::Annotation, "_annotation", key_of(ann, 7), ann.range);
            self.visit_expr(ann)?;
            self.exit();
            Ok(())
        } else {
            self.visit_expr(ann)
        }
    }

    fn visit_alias(&mut self, a: &ast::Alias) -> SResult<()> {
        if &*a.name == "*" {
            if self.cur_scope().kind != ScopeKind::Module {
                return Err(error_at("import * only allowed at module level", a.range));
            }
            return Ok(());
        }
        let store = match &a.asname {
            Some(n) => &**n,
            None => a.name.split('.').next().unwrap_or(&a.name),
        };
        self.add_def(store, def::IMPORT, a.range)
    }

    fn visit_pattern(&mut self, p: &ast::Pattern) -> SResult<()> {
        use ast::PatternKind as P;
        match &p.kind {
            P::MatchValue(e) => self.visit_expr(e)?,
            P::MatchSingleton(_) => {}
            P::MatchSequence(ps) | P::MatchOr(ps) => {
                for q in ps {
                    self.visit_pattern(q)?;
                }
            }
            P::MatchMapping { keys, patterns, rest } => {
                for k in keys {
                    self.visit_expr(k)?;
                }
                for q in patterns {
                    self.visit_pattern(q)?;
                }
                if let Some(r) = rest {
                    self.add_def(r, def::LOCAL, p.range)?;
                }
            }
            P::MatchClass { cls, patterns, kwd_patterns, .. } => {
                self.visit_expr(cls)?;
                for q in patterns.iter().chain(kwd_patterns) {
                    self.visit_pattern(q)?;
                }
            }
            P::MatchStar(name) => {
                if let Some(n) = name {
                    self.add_def(n, def::LOCAL, p.range)?;
                }
            }
            P::MatchAs { pattern, name } => {
                if let Some(q) = pattern {
                    self.visit_pattern(q)?;
                }
                if let Some(n) = name {
                    self.add_def(n, def::LOCAL, p.range)?;
                }
            }
        }
        Ok(())
    }

    fn raise_if_annotation_block(&self, what: &str, range: Range) -> SResult<()> {
        let msg = match self.scopes[self.cur()].kind {
            ScopeKind::Annotation => format!("'{what}' can not be used within an annotation"),
            ScopeKind::TypeVarBound => format!("{what} cannot be used within a TypeVar bound"),
            ScopeKind::TypeAlias => format!("{what} cannot be used within a type alias"),
            ScopeKind::TypeParams => format!("{what} cannot be used within the definition of a generic"),
            _ => return Ok(()),
        };
        Err(error_at(msg, range))
    }

    fn raise_if_comprehension(&self, range: Range) -> SResult<()> {
        let msg = match self.scopes[self.cur()].comprehension {
            None => return Ok(()),
            Some(ComprehensionKind::List) => "'yield' inside list comprehension",
            Some(ComprehensionKind::Set) => "'yield' inside set comprehension",
            Some(ComprehensionKind::Dict) => "'yield' inside dict comprehension",
            Some(ComprehensionKind::Generator) => "'yield' inside generator expression",
        };
        Err(error_at(msg, range))
    }

    pub fn visit_expr(&mut self, e: &Expr) -> SResult<()> {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.visit_expr(v)?;
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.raise_if_annotation_block("named expression", e.range)?;
                if self.cur_scope().comp_iter_expr > 0 {
                    return Err(error_at("assignment expression cannot be used in a comprehension iterable expression", e.range));
                }
                if self.cur_scope().comprehension.is_some() {
                    self.extend_namedexpr_scope(target)?;
                }
                self.visit_expr(value)?;
                self.visit_expr(target)?;
            }
            ExprKind::BinOp { left, right, .. } => {
                self.visit_expr(left)?;
                self.visit_expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.visit_defaults(args)?;
                self.enter(ScopeKind::Function, "lambda", key_of(e, KEY_MAIN), e.range);
                self.visit_params(args)?;
                self.visit_expr(body)?;
                self.exit();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_expr(body)?;
                self.visit_expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for (k, v) in keys.iter().zip(values) {
                    if let Some(k) = k {
                        self.visit_expr(k)?;
                    }
                    self.visit_expr(v)?;
                }
            }
            ExprKind::Set(elts) => {
                for x in elts {
                    self.visit_expr(x)?;
                }
            }
            ExprKind::ListComp { elt, generators } => self.visit_comprehension(e, ComprehensionKind::List, generators, elt, None)?,
            ExprKind::SetComp { elt, generators } => self.visit_comprehension(e, ComprehensionKind::Set, generators, elt, None)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.visit_comprehension(e, ComprehensionKind::Generator, generators, elt, None)?
            }
            ExprKind::DictComp { key, value, generators } => {
                self.visit_comprehension(e, ComprehensionKind::Dict, generators, key, Some(value))?
            }
            ExprKind::Await(v) => {
                self.raise_if_annotation_block("await expression", e.range)?;
                self.visit_expr(v)?;
                self.cur_scope().is_coroutine = true;
            }
            ExprKind::Yield(v) => {
                self.raise_if_annotation_block("yield expression", e.range)?;
                if let Some(v) = v {
                    self.visit_expr(v)?;
                }
                self.cur_scope().is_generator = true;
                self.raise_if_comprehension(e.range)?;
            }
            ExprKind::YieldFrom(v) => {
                self.raise_if_annotation_block("yield expression", e.range)?;
                self.visit_expr(v)?;
                self.cur_scope().is_generator = true;
                self.raise_if_comprehension(e.range)?;
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.visit_expr(left)?;
                for c in comparators {
                    self.visit_expr(c)?;
                }
            }
            ExprKind::Call { func, args, keywords } => {
                self.visit_expr(func)?;
                for a in args {
                    self.visit_expr(a)?;
                }
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.visit_expr(value)?;
                if let Some(s) = format_spec {
                    self.visit_expr(s)?;
                }
            }
            ExprKind::JoinedStr(vs) => {
                for v in vs {
                    self.visit_expr(v)?;
                }
            }
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } => self.visit_expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.visit_expr(value)?,
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(x)?;
                }
            }
            ExprKind::Name { id, ctx } => {
                let flag = if *ctx == ast::ExprContext::Load { def::USE } else { def::LOCAL };
                self.add_def(id, flag, e.range)?;
                if *ctx == ast::ExprContext::Load && &**id == "super" && self.cur_scope().is_function_like() {
                    self.add_def("__class__", def::USE, e.range)?;
                }
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
                for x in elts {
                    self.visit_expr(x)?;
                }
            }
        }
        Ok(())
    }

    fn extend_namedexpr_scope(&mut self, target: &Expr) -> SResult<()> {
        let ExprKind::Name { id, .. } = &target.kind else { return Ok(()) };
        let range = target.range;
        for i in (0..self.stack.len()).rev() {
            let sid = self.stack[i];
            let s = &self.scopes[sid];
            if s.comprehension.is_some() {
                let f = s.flags(id);
                if f & def::COMP_ITER != 0 && f & def::LOCAL != 0 {
                    return Err(error_at(
                        format!("assignment expression cannot rebind comprehension iteration variable '{id}'"),
                        range,
                    ));
                }
                continue;
            }
            if s.is_function_like() && !matches!(s.kind, ScopeKind::TypeParams | ScopeKind::TypeAlias | ScopeKind::TypeVarBound) {
                let f = s.flags(id);
                if f & def::GLOBAL != 0 {
                    self.add_def(id, def::GLOBAL, range)?;
                } else {
                    self.add_def(id, def::NONLOCAL, range)?;
                }
                self.record_directive(id, range);
                return self.add_def_in(sid, id, def::LOCAL, range);
            }
            if s.kind == ScopeKind::Module {
                self.add_def(id, def::GLOBAL, range)?;
                self.record_directive(id, range);
                return self.add_def_in(sid, id, def::GLOBAL, range);
            }
            let msg = match s.kind {
                ScopeKind::Class => "assignment expression within a comprehension cannot be used in a class body",
                ScopeKind::TypeParams => {
                    "assignment expression within a comprehension cannot be used within the definition of a generic"
                }
                ScopeKind::TypeAlias => "assignment expression within a comprehension cannot be used in a type alias",
                ScopeKind::TypeVarBound => "assignment expression within a comprehension cannot be used in a TypeVar bound",
                _ => continue,
            };
            return Err(error_at(msg, range));
        }
        Ok(())
    }

    fn visit_comprehension(
        &mut self,
        e: &Expr,
        kind: ComprehensionKind,
        generators: &[ast::Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> SResult<()> {
        let Some(outermost) = generators.first() else { return Ok(()) };
        self.cur_scope().comp_iter_expr += 1;
        let r = self.visit_expr(&outermost.iter);
        self.cur_scope().comp_iter_expr -= 1;
        r?;
        let name = match kind {
            ComprehensionKind::List => "listcomp",
            ComprehensionKind::Set => "setcomp",
            ComprehensionKind::Dict => "dictcomp",
            ComprehensionKind::Generator => "genexpr",
        };
        self.enter(ScopeKind::Function, name, key_of(e, KEY_MAIN), e.range);
        self.cur_scope().comprehension = Some(kind);
        if outermost.is_async {
            self.cur_scope().is_coroutine = true;
        }
        self.add_def(".0", def::PARAM, e.range)?;
        self.cur_scope().comp_iter_target = true;
        let r = self.visit_expr(&outermost.target);
        self.cur_scope().comp_iter_target = false;
        r?;
        for c in &outermost.ifs {
            self.visit_expr(c)?;
        }
        for g in &generators[1..] {
            self.cur_scope().comp_iter_target = true;
            let r = self.visit_expr(&g.target);
            self.cur_scope().comp_iter_target = false;
            r?;
            self.cur_scope().comp_iter_expr += 1;
            let r = self.visit_expr(&g.iter);
            self.cur_scope().comp_iter_expr -= 1;
            r?;
            for c in &g.ifs {
                self.visit_expr(c)?;
            }
            if g.is_async {
                self.cur_scope().is_coroutine = true;
            }
        }
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        self.visit_expr(elt)?;
        let is_generator = kind == ComprehensionKind::Generator;
        if is_generator {
            self.cur_scope().is_generator = true;
        }
        let is_async = self.cur_scope().is_coroutine && !is_generator;
        self.exit();
        if is_async {
            self.cur_scope().is_coroutine = true;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Pass 2: analysis.

type NameSet = FxSet<Ident>;

fn analyze(scopes: &mut [Scope]) -> SResult<()> {
    let mut free = NameSet::default();
    let mut global = NameSet::default();
    let mut type_params = NameSet::default();
    analyze_block(scopes, 0, None, &mut free, &mut global, &mut type_params, None)
}

#[allow(clippy::too_many_arguments)]
fn analyze_name(
    ste: &Scope,
    scopes: &mut Vec<SymbolScope>,
    name: &Ident,
    flags: u32,
    bound: Option<&NameSet>,
    local: Option<&mut NameSet>,
    free: &mut NameSet,
    global: &mut NameSet,
    type_params: &mut NameSet,
    class_entry: Option<&Scope>,
) -> SResult<()> {
    let directive = |ste: &Scope| ste.directives.get(name).copied().unwrap_or(ste.range);
    if flags & def::GLOBAL != 0 {
        if flags & def::NONLOCAL != 0 {
            return Err(error_at(format!("name '{name}' is nonlocal and global"), directive(ste)));
        }
        scopes.push(SymbolScope::GlobalExplicit);
        global.insert(name.clone());
        return Ok(());
    }
    if flags & def::NONLOCAL != 0 {
        let Some(bound) = bound else {
            return Err(error_at("nonlocal declaration not allowed at module level", directive(ste)));
        };
        if !bound.contains(name) {
            return Err(error_at(format!("no binding for nonlocal '{name}' found"), directive(ste)));
        }
        if type_params.contains(name) {
            return Err(error_at(format!("nonlocal binding not allowed for type parameter '{name}'"), directive(ste)));
        }
        scopes.push(SymbolScope::Free);
        free.insert(name.clone());
        return Ok(());
    }
    if flags & def::BOUND != 0 {
        scopes.push(SymbolScope::Local);
        if let Some(local) = local {
            local.insert(name.clone());
        }
        // (Most scopes see no `global` names or type parameters: no hashing then.)
        if !global.is_empty() {
            global.remove(name);
        }
        if flags & def::TYPE_PARAM != 0 {
            type_params.insert(name.clone());
        } else if !type_params.is_empty() {
            type_params.remove(name);
        }
        return Ok(());
    }
    if let Some(class) = class_entry {
        let cf = class.flags(name);
        if cf & def::GLOBAL != 0 {
            scopes.push(SymbolScope::GlobalExplicit);
            return Ok(());
        } else if cf & def::BOUND != 0 && cf & def::NONLOCAL == 0 {
            scopes.push(SymbolScope::GlobalImplicit);
            return Ok(());
        }
    }
    if bound.is_some_and(|b| b.contains(name)) {
        scopes.push(SymbolScope::Free);
        free.insert(name.clone());
        return Ok(());
    }
    if global.contains(name) {
        scopes.push(SymbolScope::GlobalImplicit);
        return Ok(());
    }
    let _ = ste;
    scopes.push(SymbolScope::GlobalImplicit);
    Ok(())
}

fn analyze_block(
    all: &mut [Scope],
    sid: ScopeId,
    bound: Option<&NameSet>,
    free: &mut NameSet,
    global: &mut NameSet,
    type_params: &mut NameSet,
    class_entry: Option<ScopeId>,
) -> SResult<()> {
    // The analysed scope of each symbol, by position in `all[sid].symbols`.
    let mut scopes: Vec<SymbolScope> = Vec::with_capacity(all[sid].symbols.len());
    let mut newglobal = NameSet::default();
    let mut newfree = NameSet::default();
    let mut newbound = NameSet::default();
    let mut inlined_cells = NameSet::default();
    let is_class = all[sid].kind == ScopeKind::Class;
    // The sets handed to child scopes are only built when there are children
    // (most functions have none).
    let has_children = !all[sid].children.is_empty();

    if is_class && has_children {
        newglobal.extend(global.iter().cloned());
        if let Some(b) = bound {
            newbound.extend(b.iter().cloned());
        }
    }
    {
        let class_scope = class_entry.map(|c| &all[c]);
        let ste = &all[sid];
        // A function's own bound names go straight into what its children see.
        let mut local = if ste.is_function_like() && has_children { Some(&mut newbound) } else { None };
        for sym in &ste.symbols {
            analyze_name(ste, &mut scopes, &sym.name, sym.flags, bound, local.as_deref_mut(), free, global, type_params, class_scope)?;
        }
    }
    if has_children && !is_class {
        if let Some(b) = bound {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else if has_children {
        newbound.insert("__class__".into());
        newbound.insert("__classdict__".into());
    }

    let children = all[sid].children.clone();
    let mut spliced = Vec::new();
    for child in children {
        let inline_comp = all[child].comprehension.is_some() && !all[child].is_generator;
        let new_class_entry = if all[child].can_see_class_scope {
            if is_class {
                Some(sid)
            } else {
                class_entry
            }
        } else {
            None
        };
        let mut child_free = NameSet::default();
        {
            // `bound` is only read by the child; `global` and `type_params` are changed.
            let mut temp_global = newglobal.clone();
            let mut temp_type_params = type_params.clone();
            analyze_block(all, child, Some(&newbound), &mut child_free, &mut temp_global, &mut temp_type_params, new_class_entry)?;
        }
        if inline_comp {
            inline_comprehension(all, sid, child, &mut scopes, &mut child_free, &mut inlined_cells);
            all[child].comp_inlined = true;
            spliced.extend(all[child].children.iter().copied());
        } else {
            spliced.push(child);
        }
        newfree.extend(child_free);
    }
    // The children of inlined comprehensions become our children (CPython splices them).
    all[sid].children = spliced;

    if all[sid].is_function_like() {
        // analyze_cells
        for (i, sc) in scopes.iter_mut().enumerate() {
            if *sc != SymbolScope::Local {
                continue;
            }
            let name = &all[sid].symbols[i].name;
            if !newfree.contains(name) && !inlined_cells.contains(name) {
                continue;
            }
            *sc = SymbolScope::Cell;
            newfree.remove(name);
        }
    } else if is_class {
        if newfree.remove("__class__") {
            all[sid].needs_class_closure = true;
        }
        if newfree.remove("__classdict__") {
            all[sid].needs_classdict = true;
        }
    }

    // update_symbols
    let classflag = is_class || all[sid].can_see_class_scope;
    let ste = &mut all[sid];
    for (i, sym) in ste.symbols.iter_mut().enumerate() {
        if !inlined_cells.is_empty() && inlined_cells.contains(&sym.name) {
            sym.flags |= def::COMP_CELL;
        }
        sym.scope = scopes.get(i).copied().unwrap_or(SymbolScope::Unknown);
    }
    let mut newfree_sorted: Vec<&Ident> = newfree.iter().collect();
    newfree_sorted.sort();
    for name in newfree_sorted {
        if let Some(i) = ste.find(name) {
            if classflag {
                ste.symbols[i].flags |= def::FREE_CLASS;
            }
            continue;
        }
        if bound.is_some_and(|b| !b.contains(&**name)) {
            continue;
        }
        ste.set_flags(name, 0);
        let i = ste.find(name).expect("symbol just added");
        ste.symbols[i].scope = SymbolScope::Free;
    }
    free.extend(newfree);
    Ok(())
}

fn is_free_in_any_child(all: &[Scope], comp: ScopeId, name: &str) -> bool {
    all[comp].children.iter().any(|&c| all[c].scope_of(name) == SymbolScope::Free)
}

fn inline_comprehension(
    all: &mut [Scope],
    sid: ScopeId,
    comp: ScopeId,
    scopes: &mut Vec<SymbolScope>,
    comp_free: &mut NameSet,
    inlined_cells: &mut NameSet,
) {
    let comp_syms: Vec<Symbol> = all[comp].symbols.clone();
    let is_class = all[sid].kind == ScopeKind::Class;
    for sym in comp_syms {
        if sym.flags & def::PARAM != 0 {
            continue;
        }
        let mut scope = sym.scope;
        let mut only_flags = sym.flags;
        if scope == SymbolScope::Cell || only_flags & def::COMP_CELL != 0 {
            inlined_cells.insert(sym.name.clone());
        }
        let existing = all[sid].find(&sym.name).map(|i| all[sid].symbols[i].flags);
        match existing {
            None => {
                if scope == SymbolScope::Free && is_class && &*sym.name == "__class__" {
                    scope = SymbolScope::GlobalImplicit;
                    only_flags &= !def::FREE;
                    comp_free.remove("__class__");
                }
                all[sid].set_flags(&sym.name, only_flags);
                scopes.push(scope);
            }
            Some(ex) => {
                if ex & def::BOUND != 0 && !is_free_in_any_child(all, comp, &sym.name) && !is_class {
                    comp_free.remove(&sym.name);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mangling_follows_cpython() {
        assert_eq!(mangle(Some("Ham"), "__spam"), "_Ham__spam");
        assert_eq!(mangle(Some("_Ham"), "__spam"), "_Ham__spam");
        assert_eq!(mangle(Some("___"), "__spam"), "__spam");
        assert_eq!(mangle(Some("Ham"), "__init__"), "__init__");
        assert_eq!(mangle(Some("Ham"), "__a.b"), "__a.b");
        assert_eq!(mangle(None, "__spam"), "__spam");
    }
}
