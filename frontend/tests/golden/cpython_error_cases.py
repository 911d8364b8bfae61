"""Collects syntax-error snippets from CPython 3.12.1's own test suite (the
installed Lib/test files: doctest examples and strings passed to the error
checking helpers), runs the oracle on each, and prints JSON
[[snippet, expected_line], ...] for tests/stdlib.rs. Nothing from those files
is stored in this repository."""
import ast, json, os, re, sysconfig, warnings

warnings.simplefilter("ignore")
root = sysconfig.get_paths()["stdlib"]
cases = []
for fn in ["test/test_syntax.py", "test/test_exceptions.py", "test/test_fstring.py", "test/test_patma.py", "test/test_grammar.py"]:
    path = os.path.join(root, fn)
    if not os.path.exists(path):
        continue
    src = open(path, encoding="utf-8").read()
    for m in re.finditer(r"^( *)>>> (.*(?:\n\1\.\.\. .*)*)", src, re.M):
        cases.append(re.sub(r"\n *\.\.\. ?", "\n", m.group(2)))
    for m in re.finditer(r"(?:_check_error|check_syntax_error|assertSyntaxError|assertAllRaise)\(\s*(?:self,\s*)?([rRbfu]*)(\"\"\"|'''|\"|')(.*?)\2", src, re.S):
        prefix, q, body = m.groups()
        if "f" in prefix.lower() or "b" in prefix.lower():
            continue
        try:
            cases.append(eval(prefix + q + body + q))
        except Exception:
            pass


def expected(src):
    try:
        compile(src, "f.py", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
        return "OK"
    except SyntaxError as e:
        end_offset = e.end_offset if e.end_offset is not None and e.end_offset >= 0 else 0
        offset = e.offset if e.offset is not None and e.offset >= 0 else 0
        return "%s: %s (%d, %d, %d, %d)" % (type(e).__name__, e.msg, e.lineno or 0, offset, e.end_lineno or 0, end_offset)
    except (ValueError, MemoryError, RecursionError) as e:
        return None


seen = set()
out = []
for c in cases:
    if c in seen or "\x00" in c:
        continue
    seen.add(c)
    exp = expected(c)
    if exp is not None:
        out.append([c, exp])
print(json.dumps(out))
