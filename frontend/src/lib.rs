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
pub mod compile;
pub mod error;
pub mod lexer;
/// Pooled owning pointers for AST children (see the module's essay).
pub mod node_box;
pub mod parser;
pub mod surrogates;
pub mod symtable;
pub mod token;

pub use error::{SyntaxError, SyntaxErrorKind};
pub use ast_dump::{dump_expr, dump_module};
pub use parser::{decode_source, parse_expression, parse_interactive, parse_interactive_allow_incomplete, parse_module, tokenize};

pub use compile::CompileOptions;

use std::rc::Rc;

/// Source bytes to a code object: decode (PEP 263 / BOM), parse, build the
/// symbol table, compile. `mode` is `exec` (module), `eval` (one expression)
/// or `single` (interactive: expression statements print their value).
/// Errors carry `filename` and, when known, the offending source line.
pub fn compile_source(
    source: &[u8],
    filename: &str,
    mode: ast::Mode,
    options: &CompileOptions,
) -> Result<Rc<bytecode::CodeObject>, SyntaxError> {
    let text = decode_source(source, filename)?;
    let result = match mode {
        ast::Mode::Eval => {
            let e = parse_expression(&text, filename)?;
            compile::compile_expression(&e, filename, options)
        }
        ast::Mode::Single => {
            let m = parse_interactive(&text, filename)?;
            compile::compile_module(&m, mode, filename, options)
        }
        _ => {
            let m = parse_module(&text, filename)?;
            compile::compile_module(&m, mode, filename, options)
        }
    };
    result.map_err(|e| finish_error(e, &text, filename))
}

/// Compiles an already parsed module (`exec`/`single`) with the same rules.
pub fn compile_ast(
    module: &ast::Module,
    filename: &str,
    mode: ast::Mode,
    options: &CompileOptions,
) -> Result<Rc<bytecode::CodeObject>, SyntaxError> {
    compile::compile_module(module, mode, filename, options).map_err(|mut e| {
        if e.filename.is_empty() {
            e.filename = filename.to_string();
        }
        e
    })
}

/// Compiles an already parsed `eval` expression.
pub fn compile_ast_expression(
    expr: &ast::Expr,
    filename: &str,
    options: &CompileOptions,
) -> Result<Rc<bytecode::CodeObject>, SyntaxError> {
    compile::compile_expression(expr, filename, options).map_err(|mut e| {
        if e.filename.is_empty() {
            e.filename = filename.to_string();
        }
        e
    })
}

/// Fills the filename and the source line of a symbol-table/compiler error.
fn finish_error(mut e: SyntaxError, text: &str, filename: &str) -> SyntaxError {
    if e.filename.is_empty() {
        e.filename = filename.to_string();
    }
    if e.text.is_none() && e.lineno > 0 {
        if let Some(line) = text.split_inclusive('\n').nth(e.lineno as usize - 1) {
            e.text = Some(line.to_string());
        }
    }
    e
}
