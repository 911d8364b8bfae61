//! The abstract syntax tree, mirroring CPython 3.12's `Python.asdl`.
//!
//! Every statement, expression, pattern, argument, keyword, alias,
//! comprehension clause, exception handler and type parameter carries a
//! [`Range`]: 1-based start line, 0-based start column (in characters, like
//! CPython's `col_offset` counts UTF-8 bytes — see below), and the same for the end.
//!
//! Columns are UTF-8 *byte* offsets within the line, exactly as CPython's
//! `col_offset`/`end_col_offset`; tracebacks convert them to character columns
//! when they print carets.
//!
//! `ast.dump`-style output (used by the golden tests) is produced by
//! [`crate::ast_dump`].

use num_bigint::BigInt;
use std::rc::Rc;

pub use crate::node_box::NodeBox;

/// A source location: start and end, lines 1-based, columns 0-based UTF-8 byte offsets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Range {
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

impl Range {
    pub fn new(line: u32, col: u32, end_line: u32, end_col: u32) -> Range {
        Range { line, col, end_line, end_col }
    }
    /// The range from the start of `self` to the end of `other`.
    pub fn to(self, other: Range) -> Range {
        Range { line: self.line, col: self.col, end_line: other.end_line, end_col: other.end_col }
    }
}

/// An identifier. The parser interns identifiers, so every occurrence of a
/// name in one parse shares one allocation and cloning one is a count bump.
pub type Ident = Rc<str>;

#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub body: Vec<Stmt>,
    pub type_ignores: Vec<(u32, String)>,
}

/// What `compile()` was asked to build: `exec`, `eval` or `single`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exec,
    Eval,
    Single,
    FuncType,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub range: Range,
    pub kind: StmtKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    pub name: Ident,
    pub args: NodeBox<Arguments>,
    pub body: Vec<Stmt>,
    pub decorator_list: Vec<Expr>,
    pub returns: Option<NodeBox<Expr>>,
    pub type_comment: Option<String>,
    pub type_params: Vec<TypeParam>,
    pub is_async: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    pub name: Ident,
    pub bases: Vec<Expr>,
    pub keywords: Vec<Keyword>,
    pub body: Vec<Stmt>,
    pub decorator_list: Vec<Expr>,
    pub type_params: Vec<TypeParam>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `def` and `async def` (distinguished by `is_async`).
    FunctionDef(NodeBox<FunctionDef>),
    ClassDef(NodeBox<ClassDef>),
    Return(Option<NodeBox<Expr>>),
    Delete(Vec<Expr>),
    Assign { targets: Vec<Expr>, value: NodeBox<Expr>, type_comment: Option<String> },
    /// PEP 695 `type X[T] = ...`.
    TypeAlias { name: NodeBox<Expr>, type_params: Vec<TypeParam>, value: NodeBox<Expr> },
    AugAssign { target: NodeBox<Expr>, op: Operator, value: NodeBox<Expr> },
    /// `simple` is true for a bare name target not in parentheses.
    AnnAssign { target: NodeBox<Expr>, annotation: NodeBox<Expr>, value: Option<NodeBox<Expr>>, simple: bool },
    /// `for` and `async for`.
    For { target: NodeBox<Expr>, iter: NodeBox<Expr>, body: Vec<Stmt>, orelse: Vec<Stmt>, type_comment: Option<String>, is_async: bool },
    While { test: NodeBox<Expr>, body: Vec<Stmt>, orelse: Vec<Stmt> },
    If { test: NodeBox<Expr>, body: Vec<Stmt>, orelse: Vec<Stmt> },
    /// `with` and `async with`.
    With { items: Vec<WithItem>, body: Vec<Stmt>, type_comment: Option<String>, is_async: bool },
    Match { subject: NodeBox<Expr>, cases: Vec<MatchCase> },
    Raise { exc: Option<NodeBox<Expr>>, cause: Option<NodeBox<Expr>> },
    /// `try` and `try`/`except*` (`is_star`).
    Try { body: Vec<Stmt>, handlers: Vec<ExceptHandler>, orelse: Vec<Stmt>, finalbody: Vec<Stmt>, is_star: bool },
    Assert { test: NodeBox<Expr>, msg: Option<NodeBox<Expr>> },
    Import(Vec<Alias>),
    /// `module` is None for `from . import x`; `level` counts the dots.
    ImportFrom { module: Option<Ident>, names: Vec<Alias>, level: u32 },
    Global(Vec<Ident>),
    Nonlocal(Vec<Ident>),
    Expr(NodeBox<Expr>),
    Pass,
    Break,
    Continue,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub range: Range,
    pub kind: ExprKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExprContext {
    Load,
    Store,
    Del,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    /// Any integer literal (arbitrary size).
    Int(BigInt),
    Float(f64),
    /// Imaginary literal `3j`: the imaginary part.
    Complex { real: f64, imag: f64 },
    /// Shared with the compiler's constants (no copy when compiled).
    Str(Rc<str>),
    Bytes(Vec<u8>),
    Ellipsis,
    /// Produced by constant folding only (never by the parser).
    Tuple(Vec<Constant>),
    FrozenSet(Vec<Constant>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    BoolOp { op: BoolOp, values: Vec<Expr> },
    NamedExpr { target: NodeBox<Expr>, value: NodeBox<Expr> },
    BinOp { left: NodeBox<Expr>, op: Operator, right: NodeBox<Expr> },
    UnaryOp { op: UnaryOp, operand: NodeBox<Expr> },
    Lambda { args: NodeBox<Arguments>, body: NodeBox<Expr> },
    IfExp { test: NodeBox<Expr>, body: NodeBox<Expr>, orelse: NodeBox<Expr> },
    Dict { keys: Vec<Option<Expr>>, values: Vec<Expr> },
    Set(Vec<Expr>),
    ListComp { elt: NodeBox<Expr>, generators: Vec<Comprehension> },
    SetComp { elt: NodeBox<Expr>, generators: Vec<Comprehension> },
    DictComp { key: NodeBox<Expr>, value: NodeBox<Expr>, generators: Vec<Comprehension> },
    GeneratorExp { elt: NodeBox<Expr>, generators: Vec<Comprehension> },
    Await(NodeBox<Expr>),
    Yield(Option<NodeBox<Expr>>),
    YieldFrom(NodeBox<Expr>),
    Compare { left: NodeBox<Expr>, ops: Vec<CmpOp>, comparators: Vec<Expr> },
    Call { func: NodeBox<Expr>, args: Vec<Expr>, keywords: Vec<Keyword> },
    /// One `{...}` replacement field of an f-string. `conversion` is -1, or
    /// `'s'`, `'r'`, `'a'` as an integer; `format_spec` is a `JoinedStr`.
    FormattedValue { value: NodeBox<Expr>, conversion: i32, format_spec: Option<NodeBox<Expr>> },
    JoinedStr(Vec<Expr>),
    /// `kind` is `Some("u")` for `u"..."` literals, as in CPython.
    Constant { value: Constant, kind: Option<String> },
    Attribute { value: NodeBox<Expr>, attr: Ident, ctx: ExprContext },
    Subscript { value: NodeBox<Expr>, slice: NodeBox<Expr>, ctx: ExprContext },
    Starred { value: NodeBox<Expr>, ctx: ExprContext },
    Name { id: Ident, ctx: ExprContext },
    List { elts: Vec<Expr>, ctx: ExprContext },
    Tuple { elts: Vec<Expr>, ctx: ExprContext },
    Slice { lower: Option<NodeBox<Expr>>, upper: Option<NodeBox<Expr>>, step: Option<NodeBox<Expr>> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    FloorDiv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Invert,
    Not,
    UAdd,
    USub,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
    pub is_async: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExceptHandler {
    pub range: Range,
    pub type_: Option<NodeBox<Expr>>,
    pub name: Option<Ident>,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Arguments {
    pub posonlyargs: Vec<Arg>,
    pub args: Vec<Arg>,
    pub vararg: Option<Arg>,
    pub kwonlyargs: Vec<Arg>,
    /// One entry per `kwonlyargs` element; None where there is no default.
    pub kw_defaults: Vec<Option<Expr>>,
    pub kwarg: Option<Arg>,
    /// Defaults for the last `defaults.len()` of `posonlyargs + args`.
    pub defaults: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    pub range: Range,
    pub arg: Ident,
    pub annotation: Option<NodeBox<Expr>>,
    pub type_comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    pub range: Range,
    /// None for `**kwargs`.
    pub arg: Option<Ident>,
    pub value: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    pub range: Range,
    pub name: Ident,
    pub asname: Option<Ident>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    pub context_expr: Expr,
    pub optional_vars: Option<NodeBox<Expr>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MatchCase {
    pub pattern: Pattern,
    pub guard: Option<NodeBox<Expr>>,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    pub range: Range,
    pub kind: PatternKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PatternKind {
    MatchValue(NodeBox<Expr>),
    /// `None`, `True`, `False`.
    MatchSingleton(Constant),
    MatchSequence(Vec<Pattern>),
    MatchMapping { keys: Vec<Expr>, patterns: Vec<Pattern>, rest: Option<Ident> },
    MatchClass { cls: NodeBox<Expr>, patterns: Vec<Pattern>, kwd_attrs: Vec<Ident>, kwd_patterns: Vec<Pattern> },
    /// `*name` or `*_` (name None).
    MatchStar(Option<Ident>),
    /// `p as name`, a bare capture `name` (pattern None), or `_` (both None).
    MatchAs { pattern: Option<NodeBox<Pattern>>, name: Option<Ident> },
    MatchOr(Vec<Pattern>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeParam {
    pub range: Range,
    pub kind: TypeParamKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeParamKind {
    TypeVar { name: Ident, bound: Option<NodeBox<Expr>> },
    ParamSpec { name: Ident },
    TypeVarTuple { name: Ident },
}

impl Expr {
    pub fn new(range: Range, kind: ExprKind) -> Expr {
        Expr { range, kind }
    }
}

impl Stmt {
    pub fn new(range: Range, kind: StmtKind) -> Stmt {
        Stmt { range, kind }
    }
}
