//! The public entry points beyond the golden files: `decode_source`
//! (BOM, PEP 263 cookies, CPython's messages), `tokenize` errors, error
//! fields (`filename`, `text`), and NFKC-normalised identifiers.

use egret_frontend::{decode_source, dump_module, parse_module, tokenize, SyntaxErrorKind};

#[test]
fn decode_utf8_bom_and_cookies() {
    assert_eq!(decode_source(b"x = 1\n", "f.py").unwrap(), "x = 1\n");
    assert_eq!(decode_source(b"\xef\xbb\xbfx = 1\n", "f.py").unwrap(), "x = 1\n");
    assert_eq!(decode_source(b"# -*- coding: latin-1 -*-\nx = '\xe9'\n", "f.py").unwrap(), "# -*- coding: latin-1 -*-\nx = '\u{e9}'\n");
    assert_eq!(decode_source(b"#!/usr/bin/python\n# coding=iso-8859-1\nx = '\xe9'\n", "f.py").unwrap(), "#!/usr/bin/python\n# coding=iso-8859-1\nx = '\u{e9}'\n");
    assert_eq!(decode_source(b"# vim: set fileencoding=cp1252 :\ns = '\x80'\n", "f.py").unwrap(), "# vim: set fileencoding=cp1252 :\ns = '\u{20ac}'\n");
    assert_eq!(decode_source(b"# coding: utf8\nx = '\xc3\xa9'\n", "f.py").unwrap(), "# coding: utf8\nx = '\u{e9}'\n");
    // A cookie on line 2 only counts when line 1 is a comment or blank.
    let e = decode_source(b"x = 1\n# coding: latin-1\ny = '\xe9'\n", "f.py").unwrap_err();
    assert!(e.msg.starts_with("Non-UTF-8 code starting with '\\xe9' in file f.py on line 3"), "{}", e.msg);
}

#[test]
fn decode_errors_match_cpython() {
    let msg = |b: &[u8]| decode_source(b, "f.py").unwrap_err().msg;
    assert_eq!(msg(b"# coding: foo\nx=1\n"), "encoding problem: foo");
    assert_eq!(msg(b"\xef\xbb\xbf# coding: latin-1\nx=1\n"), "encoding problem: iso-8859-1 with BOM");
    assert_eq!(msg(b"\xef\xbb\xbf# coding: utf8\nx=1\n"), "encoding problem: utf8 with BOM");
    assert_eq!(msg(b"# coding: ascii\nx='\xe9'\n"), "encoding problem: ascii");
    assert_eq!(
        msg(b"x = 1\n\xff\n"),
        "Non-UTF-8 code starting with '\\xff' in file f.py on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details"
    );
}

#[test]
fn errors_carry_filename_and_text() {
    let e = parse_module("x = 1\nif x\n    pass\n", "prog.py").unwrap_err();
    assert_eq!(e.msg, "expected ':'");
    assert_eq!(e.filename, "prog.py");
    assert_eq!((e.lineno, e.offset, e.end_lineno, e.end_offset), (2, 5, 2, 6));
    assert_eq!(e.text.as_deref(), Some("if x\n"));
    let e = parse_module("def f():\nreturn 1\n", "p.py").unwrap_err();
    assert_eq!(e.kind, SyntaxErrorKind::IndentationError);
    let e = parse_module("if x:\n\tpass\n        pass\n", "p.py").unwrap_err();
    assert_eq!(e.kind, SyntaxErrorKind::TabError);
    // Offsets count characters, columns in the AST count bytes.
    let e = parse_module("é = 'abc\n", "p.py").unwrap_err();
    assert_eq!((e.msg.as_str(), e.offset), ("unterminated string literal (detected at line 1)", 5));
}

#[test]
fn tokenize_reports_lexical_errors() {
    assert_eq!(tokenize("x = 'abc\n").unwrap_err().msg, "unterminated string literal (detected at line 1)");
    assert_eq!(tokenize("x = 1$\n").unwrap().len(), 6);
    assert_eq!(tokenize("(\n").unwrap_err().msg, "'(' was never closed");
}

#[test]
fn identifiers_are_nfkc_normalised() {
    let m = parse_module("ﬁ = 1\n𝔘𝔫𝔦 = 2\n", "f.py").unwrap();
    assert_eq!(
        dump_module(&m),
        "Module(body=[Assign(targets=[Name(id='fi', ctx=Store())], value=Constant(value=1)), Assign(targets=[Name(id='Uni', ctx=Store())], value=Constant(value=2))], type_ignores=[])"
    );
}

#[test]
fn ranges_are_byte_columns() {
    let m = parse_module("é = 1\n", "f.py").unwrap();
    let s = &m.body[0];
    assert_eq!((s.range.line, s.range.col, s.range.end_line, s.range.end_col), (1, 0, 1, 6));
}

#[test]
fn interactive_incomplete_input_as_codeop_sees_it() {
    use egret_frontend::parse_interactive_allow_incomplete as parse;
    // Expected values from CPython 3.12.1's compile(..., "single",
    // PyCF_ALLOW_INCOMPLETE_INPUT | PyCF_DONT_IMPLY_DEDENT).
    let incomplete = ["if x:", "if x:\n", "if x:\n    pass", "x = (1,", "x = \"\"\"abc", "x = 1 +", "def f():", "@dec"];
    for src in incomplete {
        assert_eq!(parse(src, "<stdin>").map(|_| ()).map_err(|e| e.msg), Err("incomplete input".to_string()), "{:?}", src);
    }
    for src in ["if x:\n    pass\n", "x = 1", "for x in y:\n    pass\n\n", "class A:\n  def f(self):\n    pass\n"] {
        assert!(parse(src, "<stdin>").is_ok(), "{:?}", src);
    }
    assert_eq!(parse("x = )", "<stdin>").unwrap_err().msg, "unmatched ')'");
}
