# tokenize (3.12 token stream), traceback extraction/formatting and inspect predicates.
import inspect
import io
import token
import tokenize
import traceback

def show(src):
    for t in tokenize.generate_tokens(io.StringIO(src).readline):
        print("  ", t)

show('def f(a, *, b=1):\n    return f"{a!r:>{b}} {{x}}"  # done\n')
show('x = (1,\n     2)\nif x:\n\tpass\n')
show('s = "naïve" + rb"\\d"\ny = 1_000.5j')
try:
    list(tokenize.generate_tokens(io.StringIO('x = (1,\n').readline))
except tokenize.TokenError as e:
    print("TokenError", e.args)
try:
    list(tokenize.generate_tokens(io.StringIO('s = """abc\n').readline))
except tokenize.TokenError as e:
    print("TokenError", e.args)
toks = list(tokenize.tokenize(io.BytesIO(b'# coding: latin-1\nz = 1\n').readline))
print(toks[0])
print(tokenize.detect_encoding(io.BytesIO(b'\xef\xbb\xbfx = 1\n').readline))
print(repr(tokenize.untokenize(tokenize.generate_tokens(io.StringIO('a = f"{b}{{c}}"\n').readline))))
print(repr(tokenize.untokenize([(token.NAME, "x"), (token.OP, "="), (token.NUMBER, "1"), (token.NEWLINE, "\n")])))
print(token.tok_name[token.FSTRING_END], token.ISEOF(token.ENDMARKER), token.EXACT_TOKEN_TYPES["**="] == token.DOUBLESTAREQUAL)
print([tokenize.TokenInfo(token.OP, s, (1, 0), (1, 1), "").exact_type for s in "(+@"])

# traceback: names, lines and chains without file paths
def level3(d):
    return d["missing"]

def level2(d):
    return level3(d) + 1

def level1():
    try:
        level2({})
    except KeyError as e:
        raise RuntimeError("wrapped") from e

try:
    level1()
except RuntimeError as e:
    summary = traceback.extract_tb(e.__traceback__)
    print([(f.name, f.line) for f in summary], type(summary).__name__)
    inner = traceback.extract_tb(e.__cause__.__traceback__)
    print([(f.name, f.line, f.end_lineno == f.lineno) for f in inner])
    te = traceback.TracebackException.from_exception(e)
    print(te.exc_type.__name__, str(te), te.__cause__.exc_type.__name__, te.__context__ is None or te.__suppress_context__)
    print(traceback.format_exception_only(e), traceback.format_exception_only(e.__cause__))
    text = "".join(traceback.format_exception(e))
    print(text.count("Traceback (most recent call last):"), "direct cause" in text, text.splitlines()[-1])
    print([l.split(",")[-1].strip() for l in text.splitlines() if l.startswith("  File")])
    print("".join(traceback.format_exception(e, chain=False)).count("Traceback"))

def recurse(n):
    return recurse(n + 1) if n < 30 else {}["deep"]

try:
    recurse(0)
except KeyError as e:
    lines = traceback.format_tb(e.__traceback__)
    print(len(lines), lines[-2].strip().split(",", 1)[1])

e = ValueError("with notes")
e.add_note("first note")
print(traceback.format_exception_only(e))
print(traceback.format_exception_only(StopIteration()))
print(traceback.format_list([("a.py", 3, "func", "x = 1"), ("b.py", 9, "<module>", "")]))
fs = traceback.FrameSummary("m.py", 2, "g", line="  return 0  ")
print(fs.line, fs[0], list(fs)[1:], fs == ("m.py", 2, "g", "return 0"))

# inspect predicates and states
def gen():
    yield 1

async def coro():
    return 1

g = gen()
print(inspect.getgeneratorstate(g), next(g), inspect.getgeneratorstate(g))
g.close()
print(inspect.getgeneratorstate(g), inspect.isgeneratorfunction(gen), inspect.isgenerator(g))
c = coro()
print(inspect.getcoroutinestate(c), inspect.iscoroutinefunction(coro), inspect.isawaitable(c))
c.close()
print(inspect.isfunction(gen), inspect.isclass(int), inspect.ismodule(io), inspect.isbuiltin(len), inspect.isroutine(len))
def wrapper():
    pass
wrapper.__wrapped__ = gen
print(inspect.unwrap(wrapper) is gen, inspect.cleandoc("""
    Title

      indented
    """))
print([name for name, _ in inspect.getmembers(token, inspect.isfunction)])
