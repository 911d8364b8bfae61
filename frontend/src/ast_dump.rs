//! `ast.dump()` output: the exact text CPython 3.12's `ast.dump(tree)` gives
//! (default arguments: field names shown, no attributes, optional fields that
//! are None left out). Golden tests compare it with the oracle directly.
//! Also Python's `repr` for str, bytes, float and complex constants.

use crate::ast::*;
use std::fmt::Write;

/// `ast.dump(module)` for an `exec`-mode tree.
pub fn dump_module(m: &Module) -> String {
    let mut d = Dumper { out: String::new(), attrs: false };
    d.out.push_str("Module(body=");
    d.stmts(&m.body);
    d.out.push_str(", type_ignores=[])");
    d.out
}

/// `ast.dump(tree)` for a `single`-mode tree (`Interactive`).
pub fn dump_interactive(m: &Module) -> String {
    let mut d = Dumper { out: String::new(), attrs: false };
    d.out.push_str("Interactive(body=");
    d.stmts(&m.body);
    d.out.push(')');
    d.out
}

/// `ast.dump(expr)` for one expression.
pub fn dump_expr(e: &Expr) -> String {
    let mut d = Dumper { out: String::new(), attrs: false };
    d.expr(e);
    d.out
}

/// `ast.dump(tree)` for an `eval`-mode tree (`Expression`).
pub fn dump_expression_mode(e: &Expr) -> String {
    format!("Expression(body={})", dump_expr(e))
}

/// `ast.dump(module, include_attributes=True)`: also every node's
/// `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
pub fn dump_module_with_positions(m: &Module) -> String {
    let mut d = Dumper { out: String::new(), attrs: true };
    d.out.push_str("Module(body=");
    d.stmts(&m.body);
    d.out.push_str(", type_ignores=[])");
    d.out
}

struct Dumper {
    out: String,
    /// Whether to write position attributes.
    attrs: bool,
}

/// A node being written: `Name(` then `field=value` pairs then `)`.
impl Dumper {
    fn open(&mut self, name: &str) {
        self.out.push_str(name);
        self.out.push('(');
    }
    fn field(&mut self, first: bool, name: &str) {
        if !first {
            self.out.push_str(", ");
        }
        self.out.push_str(name);
        self.out.push('=');
    }
    fn close(&mut self) {
        self.out.push(')');
    }

    /// Adds the position attributes inside the node just written.
    fn positions(&mut self, r: &Range) {
        if !self.attrs {
            return;
        }
        debug_assert!(self.out.ends_with(')'));
        self.out.pop();
        if !self.out.ends_with('(') {
            self.out.push_str(", ");
        }
        let _ = write!(self.out, "lineno={}, col_offset={}, end_lineno={}, end_col_offset={})", r.line, r.col, r.end_line, r.end_col);
    }

    fn list<T>(&mut self, items: &[T], mut f: impl FnMut(&mut Dumper, &T)) {
        self.out.push('[');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            f(self, x);
        }
        self.out.push(']');
    }

    fn stmts(&mut self, v: &[Stmt]) {
        self.list(v, |d, s| d.stmt(s));
    }
    fn exprs(&mut self, v: &[Expr]) {
        self.list(v, |d, e| d.expr(e));
    }
    fn names(&mut self, v: &[Ident]) {
        self.list(v, |d, s| d.out.push_str(&repr_str(s)));
    }
    fn str_field(&mut self, first: bool, name: &str, s: &str) {
        self.field(first, name);
        self.out.push_str(&repr_str(s));
    }
    fn opt_expr(&mut self, name: &str, e: &Option<NodeBox<Expr>>) {
        if let Some(e) = e {
            self.field(false, name);
            self.expr(e);
        }
    }
    fn expr_field(&mut self, first: bool, name: &str, e: &Expr) {
        self.field(first, name);
        self.expr(e);
    }
    fn stmts_field(&mut self, first: bool, name: &str, v: &[Stmt]) {
        self.field(first, name);
        self.stmts(v);
    }
    fn exprs_field(&mut self, first: bool, name: &str, v: &[Expr]) {
        self.field(first, name);
        self.exprs(v);
    }
    fn unit(&mut self, name: &str) {
        self.out.push_str(name);
        self.out.push_str("()");
    }
    fn ctx(&mut self, c: ExprContext) {
        self.field(false, "ctx");
        self.unit(match c {
            ExprContext::Load => "Load",
            ExprContext::Store => "Store",
            ExprContext::Del => "Del",
        });
    }

    fn type_params(&mut self, v: &[TypeParam]) {
        self.field(false, "type_params");
        self.list(v, |d, tp| match &tp.kind {
            TypeParamKind::TypeVar { name, bound } => {
                d.open("TypeVar");
                d.str_field(true, "name", name);
                d.opt_expr("bound", bound);
                d.close();
                d.positions(&tp.range);
            }
            TypeParamKind::ParamSpec { name } => {
                d.open("ParamSpec");
                d.str_field(true, "name", name);
                d.close();
                d.positions(&tp.range);
            }
            TypeParamKind::TypeVarTuple { name } => {
                d.open("TypeVarTuple");
                d.str_field(true, "name", name);
                d.close();
                d.positions(&tp.range);
            }
        });
    }

    fn arg(&mut self, a: &Arg) {
        self.open("arg");
        self.str_field(true, "arg", &a.arg);
        self.opt_expr("annotation", &a.annotation);
        if let Some(tc) = &a.type_comment {
            self.str_field(false, "type_comment", tc);
        }
        self.close();
        self.positions(&a.range);
    }

    fn arguments(&mut self, a: &Arguments) {
        self.open("arguments");
        self.field(true, "posonlyargs");
        self.list(&a.posonlyargs, |d, x| d.arg(x));
        self.field(false, "args");
        self.list(&a.args, |d, x| d.arg(x));
        if let Some(v) = &a.vararg {
            self.field(false, "vararg");
            self.arg(v);
        }
        self.field(false, "kwonlyargs");
        self.list(&a.kwonlyargs, |d, x| d.arg(x));
        self.field(false, "kw_defaults");
        self.list(&a.kw_defaults, |d, x| match x {
            Some(e) => d.expr(e),
            None => d.out.push_str("None"),
        });
        if let Some(v) = &a.kwarg {
            self.field(false, "kwarg");
            self.arg(v);
        }
        self.exprs_field(false, "defaults", &a.defaults);
        self.close();
    }

    fn keyword(&mut self, k: &Keyword) {
        self.open("keyword");
        let mut first = true;
        if let Some(a) = &k.arg {
            self.str_field(true, "arg", a);
            first = false;
        }
        self.expr_field(first, "value", &k.value);
        self.close();
        self.positions(&k.range);
    }

    fn keywords(&mut self, v: &[Keyword]) {
        self.field(false, "keywords");
        self.list(v, |d, k| d.keyword(k));
    }

    fn stmt(&mut self, s: &Stmt) {
        self.stmt_fields(s);
        self.positions(&s.range);
    }

    fn stmt_fields(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                self.open(if f.is_async { "AsyncFunctionDef" } else { "FunctionDef" });
                self.str_field(true, "name", &f.name);
                self.field(false, "args");
                self.arguments(&f.args);
                self.stmts_field(false, "body", &f.body);
                self.exprs_field(false, "decorator_list", &f.decorator_list);
                self.opt_expr("returns", &f.returns);
                if let Some(tc) = &f.type_comment {
                    self.str_field(false, "type_comment", tc);
                }
                self.type_params(&f.type_params);
                self.close();
            }
            StmtKind::ClassDef(c) => {
                self.open("ClassDef");
                self.str_field(true, "name", &c.name);
                self.exprs_field(false, "bases", &c.bases);
                self.keywords(&c.keywords);
                self.stmts_field(false, "body", &c.body);
                self.exprs_field(false, "decorator_list", &c.decorator_list);
                self.type_params(&c.type_params);
                self.close();
            }
            StmtKind::Return(v) => {
                self.open("Return");
                if let Some(v) = v {
                    self.expr_field(true, "value", v);
                }
                self.close();
            }
            StmtKind::Delete(t) => {
                self.open("Delete");
                self.exprs_field(true, "targets", t);
                self.close();
            }
            StmtKind::Assign { targets, value, type_comment } => {
                self.open("Assign");
                self.exprs_field(true, "targets", targets);
                self.expr_field(false, "value", value);
                if let Some(tc) = type_comment {
                    self.str_field(false, "type_comment", tc);
                }
                self.close();
            }
            StmtKind::TypeAlias { name, type_params, value } => {
                self.open("TypeAlias");
                self.expr_field(true, "name", name);
                self.type_params(type_params);
                self.expr_field(false, "value", value);
                self.close();
            }
            StmtKind::AugAssign { target, op, value } => {
                self.open("AugAssign");
                self.expr_field(true, "target", target);
                self.field(false, "op");
                self.unit(operator_name(*op));
                self.expr_field(false, "value", value);
                self.close();
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                self.open("AnnAssign");
                self.expr_field(true, "target", target);
                self.expr_field(false, "annotation", annotation);
                self.opt_expr("value", value);
                self.field(false, "simple");
                self.out.push_str(if *simple { "1" } else { "0" });
                self.close();
            }
            StmtKind::For { target, iter, body, orelse, type_comment, is_async } => {
                self.open(if *is_async { "AsyncFor" } else { "For" });
                self.expr_field(true, "target", target);
                self.expr_field(false, "iter", iter);
                self.stmts_field(false, "body", body);
                self.stmts_field(false, "orelse", orelse);
                if let Some(tc) = type_comment {
                    self.str_field(false, "type_comment", tc);
                }
                self.close();
            }
            StmtKind::While { test, body, orelse } => {
                self.open("While");
                self.expr_field(true, "test", test);
                self.stmts_field(false, "body", body);
                self.stmts_field(false, "orelse", orelse);
                self.close();
            }
            StmtKind::If { test, body, orelse } => {
                self.open("If");
                self.expr_field(true, "test", test);
                self.stmts_field(false, "body", body);
                self.stmts_field(false, "orelse", orelse);
                self.close();
            }
            StmtKind::With { items, body, type_comment, is_async } => {
                self.open(if *is_async { "AsyncWith" } else { "With" });
                self.field(true, "items");
                self.list(items, |d, it| {
                    d.open("withitem");
                    d.expr_field(true, "context_expr", &it.context_expr);
                    d.opt_expr("optional_vars", &it.optional_vars);
                    d.close();
                });
                self.stmts_field(false, "body", body);
                if let Some(tc) = type_comment {
                    self.str_field(false, "type_comment", tc);
                }
                self.close();
            }
            StmtKind::Match { subject, cases } => {
                self.open("Match");
                self.expr_field(true, "subject", subject);
                self.field(false, "cases");
                self.list(cases, |d, c| {
                    d.open("match_case");
                    d.field(true, "pattern");
                    d.pattern(&c.pattern);
                    d.opt_expr("guard", &c.guard);
                    d.stmts_field(false, "body", &c.body);
                    d.close();
                });
                self.close();
            }
            StmtKind::Raise { exc, cause } => {
                self.open("Raise");
                let mut first = true;
                if let Some(e) = exc {
                    self.expr_field(true, "exc", e);
                    first = false;
                }
                if let Some(c) = cause {
                    self.expr_field(first, "cause", c);
                }
                self.close();
            }
            StmtKind::Try { body, handlers, orelse, finalbody, is_star } => {
                self.open(if *is_star { "TryStar" } else { "Try" });
                self.stmts_field(true, "body", body);
                self.field(false, "handlers");
                self.list(handlers, |d, h| {
                    d.open("ExceptHandler");
                    let mut first = true;
                    if let Some(t) = &h.type_ {
                        d.expr_field(true, "type", t);
                        first = false;
                    }
                    if let Some(n) = &h.name {
                        d.str_field(first, "name", n);
                        first = false;
                    }
                    d.stmts_field(first, "body", &h.body);
                    d.close();
                    d.positions(&h.range);
                });
                self.stmts_field(false, "orelse", orelse);
                self.stmts_field(false, "finalbody", finalbody);
                self.close();
            }
            StmtKind::Assert { test, msg } => {
                self.open("Assert");
                self.expr_field(true, "test", test);
                self.opt_expr("msg", msg);
                self.close();
            }
            StmtKind::Import(names) => {
                self.open("Import");
                self.field(true, "names");
                self.aliases(names);
                self.close();
            }
            StmtKind::ImportFrom { module, names, level } => {
                self.open("ImportFrom");
                let mut first = true;
                if let Some(m) = module {
                    self.str_field(true, "module", m);
                    first = false;
                }
                self.field(first, "names");
                self.aliases(names);
                self.field(false, "level");
                let _ = write!(self.out, "{}", level);
                self.close();
            }
            StmtKind::Global(n) => {
                self.open("Global");
                self.field(true, "names");
                self.names(n);
                self.close();
            }
            StmtKind::Nonlocal(n) => {
                self.open("Nonlocal");
                self.field(true, "names");
                self.names(n);
                self.close();
            }
            StmtKind::Expr(e) => {
                self.open("Expr");
                self.expr_field(true, "value", e);
                self.close();
            }
            StmtKind::Pass => self.unit("Pass"),
            StmtKind::Break => self.unit("Break"),
            StmtKind::Continue => self.unit("Continue"),
        }
    }

    fn aliases(&mut self, v: &[Alias]) {
        self.list(v, |d, a| {
            d.open("alias");
            d.str_field(true, "name", &a.name);
            if let Some(n) = &a.asname {
                d.str_field(false, "asname", n);
            }
            d.close();
            d.positions(&a.range);
        });
    }

    fn comprehensions(&mut self, v: &[Comprehension]) {
        self.field(false, "generators");
        self.list(v, |d, c| {
            d.open("comprehension");
            d.expr_field(true, "target", &c.target);
            d.expr_field(false, "iter", &c.iter);
            d.exprs_field(false, "ifs", &c.ifs);
            d.field(false, "is_async");
            d.out.push_str(if c.is_async { "1" } else { "0" });
            d.close();
        });
    }

    fn expr(&mut self, e: &Expr) {
        self.expr_fields(e);
        self.positions(&e.range);
    }

    fn expr_fields(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                self.open("BoolOp");
                self.field(true, "op");
                self.unit(if *op == BoolOp::And { "And" } else { "Or" });
                self.exprs_field(false, "values", values);
                self.close();
            }
            ExprKind::NamedExpr { target, value } => {
                self.open("NamedExpr");
                self.expr_field(true, "target", target);
                self.expr_field(false, "value", value);
                self.close();
            }
            ExprKind::BinOp { left, op, right } => {
                self.open("BinOp");
                self.expr_field(true, "left", left);
                self.field(false, "op");
                self.unit(operator_name(*op));
                self.expr_field(false, "right", right);
                self.close();
            }
            ExprKind::UnaryOp { op, operand } => {
                self.open("UnaryOp");
                self.field(true, "op");
                self.unit(match op {
                    UnaryOp::Invert => "Invert",
                    UnaryOp::Not => "Not",
                    UnaryOp::UAdd => "UAdd",
                    UnaryOp::USub => "USub",
                });
                self.expr_field(false, "operand", operand);
                self.close();
            }
            ExprKind::Lambda { args, body } => {
                self.open("Lambda");
                self.field(true, "args");
                self.arguments(args);
                self.expr_field(false, "body", body);
                self.close();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.open("IfExp");
                self.expr_field(true, "test", test);
                self.expr_field(false, "body", body);
                self.expr_field(false, "orelse", orelse);
                self.close();
            }
            ExprKind::Dict { keys, values } => {
                self.open("Dict");
                self.field(true, "keys");
                self.list(keys, |d, k| match k {
                    Some(k) => d.expr(k),
                    None => d.out.push_str("None"),
                });
                self.exprs_field(false, "values", values);
                self.close();
            }
            ExprKind::Set(elts) => {
                self.open("Set");
                self.exprs_field(true, "elts", elts);
                self.close();
            }
            ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } | ExprKind::GeneratorExp { elt, generators } => {
                self.open(match &e.kind {
                    ExprKind::ListComp { .. } => "ListComp",
                    ExprKind::SetComp { .. } => "SetComp",
                    _ => "GeneratorExp",
                });
                self.expr_field(true, "elt", elt);
                self.comprehensions(generators);
                self.close();
            }
            ExprKind::DictComp { key, value, generators } => {
                self.open("DictComp");
                self.expr_field(true, "key", key);
                self.expr_field(false, "value", value);
                self.comprehensions(generators);
                self.close();
            }
            ExprKind::Await(v) => {
                self.open("Await");
                self.expr_field(true, "value", v);
                self.close();
            }
            ExprKind::Yield(v) => {
                self.open("Yield");
                if let Some(v) = v {
                    self.expr_field(true, "value", v);
                }
                self.close();
            }
            ExprKind::YieldFrom(v) => {
                self.open("YieldFrom");
                self.expr_field(true, "value", v);
                self.close();
            }
            ExprKind::Compare { left, ops, comparators } => {
                self.open("Compare");
                self.expr_field(true, "left", left);
                self.field(false, "ops");
                self.list(ops, |d, op| {
                    d.unit(match op {
                        CmpOp::Eq => "Eq",
                        CmpOp::NotEq => "NotEq",
                        CmpOp::Lt => "Lt",
                        CmpOp::LtE => "LtE",
                        CmpOp::Gt => "Gt",
                        CmpOp::GtE => "GtE",
                        CmpOp::Is => "Is",
                        CmpOp::IsNot => "IsNot",
                        CmpOp::In => "In",
                        CmpOp::NotIn => "NotIn",
                    })
                });
                self.exprs_field(false, "comparators", comparators);
                self.close();
            }
            ExprKind::Call { func, args, keywords } => {
                self.open("Call");
                self.expr_field(true, "func", func);
                self.exprs_field(false, "args", args);
                self.keywords(keywords);
                self.close();
            }
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.open("FormattedValue");
                self.expr_field(true, "value", value);
                self.field(false, "conversion");
                let _ = write!(self.out, "{}", conversion);
                self.opt_expr("format_spec", format_spec);
                self.close();
            }
            ExprKind::JoinedStr(values) => {
                self.open("JoinedStr");
                self.exprs_field(true, "values", values);
                self.close();
            }
            ExprKind::Constant { value, kind } => {
                self.open("Constant");
                self.field(true, "value");
                self.out.push_str(&repr_constant(value));
                if let Some(k) = kind {
                    self.str_field(false, "kind", k);
                }
                self.close();
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.open("Attribute");
                self.expr_field(true, "value", value);
                self.str_field(false, "attr", attr);
                self.ctx(*ctx);
                self.close();
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.open("Subscript");
                self.expr_field(true, "value", value);
                self.expr_field(false, "slice", slice);
                self.ctx(*ctx);
                self.close();
            }
            ExprKind::Starred { value, ctx } => {
                self.open("Starred");
                self.expr_field(true, "value", value);
                self.ctx(*ctx);
                self.close();
            }
            ExprKind::Name { id, ctx } => {
                self.open("Name");
                self.str_field(true, "id", id);
                self.ctx(*ctx);
                self.close();
            }
            ExprKind::List { elts, ctx } | ExprKind::Tuple { elts, ctx } => {
                self.open(if matches!(e.kind, ExprKind::List { .. }) { "List" } else { "Tuple" });
                self.exprs_field(true, "elts", elts);
                self.ctx(*ctx);
                self.close();
            }
            ExprKind::Slice { lower, upper, step } => {
                self.open("Slice");
                let mut first = true;
                for (name, v) in [("lower", lower), ("upper", upper), ("step", step)] {
                    if let Some(v) = v {
                        self.expr_field(first, name, v);
                        first = false;
                    }
                }
                self.close();
            }
        }
    }

    fn pattern(&mut self, p: &Pattern) {
        self.pattern_fields(p);
        self.positions(&p.range);
    }

    fn pattern_fields(&mut self, p: &Pattern) {
        match &p.kind {
            PatternKind::MatchValue(v) => {
                self.open("MatchValue");
                self.expr_field(true, "value", v);
                self.close();
            }
            PatternKind::MatchSingleton(c) => {
                self.open("MatchSingleton");
                self.field(true, "value");
                self.out.push_str(&repr_constant(c));
                self.close();
            }
            PatternKind::MatchSequence(ps) => {
                self.open("MatchSequence");
                self.field(true, "patterns");
                self.list(ps, |d, x| d.pattern(x));
                self.close();
            }
            PatternKind::MatchMapping { keys, patterns, rest } => {
                self.open("MatchMapping");
                self.exprs_field(true, "keys", keys);
                self.field(false, "patterns");
                self.list(patterns, |d, x| d.pattern(x));
                if let Some(r) = rest {
                    self.str_field(false, "rest", r);
                }
                self.close();
            }
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                self.open("MatchClass");
                self.expr_field(true, "cls", cls);
                self.field(false, "patterns");
                self.list(patterns, |d, x| d.pattern(x));
                self.field(false, "kwd_attrs");
                self.names(kwd_attrs);
                self.field(false, "kwd_patterns");
                self.list(kwd_patterns, |d, x| d.pattern(x));
                self.close();
            }
            PatternKind::MatchStar(n) => {
                self.open("MatchStar");
                if let Some(n) = n {
                    self.str_field(true, "name", n);
                }
                self.close();
            }
            PatternKind::MatchAs { pattern, name } => {
                self.open("MatchAs");
                let mut first = true;
                if let Some(pt) = pattern {
                    self.field(true, "pattern");
                    self.pattern(pt);
                    first = false;
                }
                if let Some(n) = name {
                    self.str_field(first, "name", n);
                }
                self.close();
            }
            PatternKind::MatchOr(ps) => {
                self.open("MatchOr");
                self.field(true, "patterns");
                self.list(ps, |d, x| d.pattern(x));
                self.close();
            }
        }
    }
}

fn operator_name(op: Operator) -> &'static str {
    match op {
        Operator::Add => "Add",
        Operator::Sub => "Sub",
        Operator::Mult => "Mult",
        Operator::MatMult => "MatMult",
        Operator::Div => "Div",
        Operator::Mod => "Mod",
        Operator::Pow => "Pow",
        Operator::LShift => "LShift",
        Operator::RShift => "RShift",
        Operator::BitOr => "BitOr",
        Operator::BitXor => "BitXor",
        Operator::BitAnd => "BitAnd",
        Operator::FloorDiv => "FloorDiv",
    }
}

/// Python's `repr()` of a constant.
pub fn repr_constant(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => repr_float(*f),
        Constant::Complex { real, imag } => {
            if *real == 0.0 && real.is_sign_positive() {
                format!("{}j", repr_float_no_dot0(*imag))
            } else {
                let sign = if *imag >= 0.0 || imag.is_nan() { "+" } else { "-" };
                format!("({}{}{}j)", repr_float_no_dot0(*real), sign, repr_float_no_dot0(imag.abs()))
            }
        }
        Constant::Str(s) => repr_str(s),
        Constant::Bytes(b) => repr_bytes(b),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(repr_constant).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::FrozenSet(items) => {
            if items.is_empty() {
                "frozenset()".into()
            } else {
                let parts: Vec<String> = items.iter().map(repr_constant).collect();
                format!("frozenset({{{}}})", parts.join(", "))
            }
        }
    }
}

/// Python's `repr(float)`: shortest round-trip digits, scientific notation
/// when the exponent is < -4 or >= 16.
pub fn repr_float(f: f64) -> String {
    float_repr(f, true)
}

fn repr_float_no_dot0(f: f64) -> String {
    float_repr(f, false)
}

fn float_repr(f: f64, dot0: bool) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sci = format!("{:e}", f.abs());
    let (mant, exp) = sci.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let body = if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = (exp + 1) as usize;
            if digits.len() <= int_len {
                let mut s = digits.clone();
                s.push_str(&"0".repeat(int_len - digits.len()));
                if dot0 {
                    s.push_str(".0");
                }
                s
            } else {
                format!("{}.{}", &digits[..int_len], &digits[int_len..])
            }
        } else {
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        }
    } else {
        let m = if digits.len() > 1 { format!("{}.{}", &digits[..1], &digits[1..]) } else { digits.clone() };
        format!("{}e{}{:02}", m, if exp < 0 { "-" } else { "+" }, exp.abs())
    };
    format!("{}{}", sign, body)
}

/// Python's `repr(str)`.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x7f => out.push(c),
            c if crate::lexer::is_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) <= 0xffff => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `repr(bytes)`.
pub fn repr_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{:02x}", c);
            }
        }
    }
    out.push(quote as char);
    out
}
