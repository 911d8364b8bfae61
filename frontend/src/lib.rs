//! # egret-frontend — Python 3.12 source to Egret bytecode
//!
//! Source flows through four stages, one module (or folder) each:
//!
//! 1. [`lexer`]: bytes -> tokens (CPython 3.12's token stream: PEP 701
//!    f-string tokens, INDENT/DEDENT, encodings).
//! 2. [`parser`]: tokens -> [`ast`] (hand-written recursive descent with
//!    precedence climbing; every node has a [`ast::Range`]).
//! 3. [`symtable`]: scopes and the kind of every name (local, global,
//!    nonlocal, free, cell; PEP 709 inlined comprehensions; PEP 695 scopes).
//! 4. [`compile`]: AST + symbols -> [`bytecode::CodeObject`], with constant
//!    folding, a location per instruction and an exception table.
//!
//! Every stage reports problems as [`error::SyntaxError`] with CPython's
//! message and location. Start reading at [`compile_source`].

pub mod ast;
pub mod ast_dump;
pub mod bytecode;
pub mod error;
pub mod lexer;
pub mod parser;
pub mod token;

pub use error::{SyntaxError, SyntaxErrorKind};
pub use ast_dump::{dump_expr, dump_module};
pub use parser::{decode_source, parse_expression, parse_interactive, parse_module, tokenize};
