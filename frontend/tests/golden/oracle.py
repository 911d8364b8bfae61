"""Makes the expected outputs of the golden tests with CPython 3.12.1.

Usage: oracle.py tokens|ast|errors FILE  (prints the expected text)
Run through `EGRET_BLESS=1 cargo test -p egret-frontend --test golden`.
"""
import ast
import io
import sys
import tokenize


def tokens(src):
    out = []
    try:
        for t in tokenize.generate_tokens(io.StringIO(src).readline):
            name = tokenize.tok_name[t.exact_type if t.type == tokenize.OP else t.type]
            out.append("%d,%d-%d,%d: %s %r" % (t.start[0], t.start[1], t.end[0], t.end[1], name, t.string))
    except SyntaxError as e:
        out.append("error: %s" % e.msg)
    return "\n".join(out) + "\n"


def error_line(src, mode="exec"):
    try:
        # Parser-level errors only (symbol-table and compiler errors such as
        # "'break' outside loop" belong to later stages).
        compile(src, "f.py", mode, flags=ast.PyCF_ONLY_AST, dont_inherit=True)
        return "OK"
    except SyntaxError as e:
        end_offset = e.end_offset if e.end_offset is not None and e.end_offset >= 0 else 0
        end_lineno = e.end_lineno if e.end_lineno is not None else 0
        offset = e.offset if e.offset is not None and e.offset >= 0 else 0
        return "%s: %s (%d, %d, %d, %d)" % (type(e).__name__, e.msg, e.lineno or 0, offset, end_lineno, end_offset)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    src = open(path, encoding="utf-8").read()
    if kind == "tokens":
        sys.stdout.write(tokens(src))
    elif kind == "ast":
        try:
            sys.stdout.write(ast.dump(ast.parse(src)) + "\n")
        except SyntaxError as e:
            sys.stdout.write("error: %s (%s, %s)\n" % (e.msg, e.lineno, e.offset))
    elif kind == "positions":
        try:
            sys.stdout.write(ast.dump(ast.parse(src), include_attributes=True) + "\n")
        except SyntaxError as e:
            sys.stdout.write("error: %s (%s, %s)\n" % (e.msg, e.lineno, e.offset))
    elif kind in ("eval", "single"):
        for case in src.split("\n----\n"):
            try:
                sys.stdout.write(ast.dump(ast.parse(case, mode=kind)) + "\n")
            except SyntaxError:
                sys.stdout.write(error_line(case, kind) + "\n")
    elif kind == "errors":
        for case in src.split("\n----\n"):
            sys.stdout.write(error_line(case) + "\n")


main()
