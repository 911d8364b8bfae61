"""Regenerates compile_errors.txt from the oracle (CPython 3.12.1):
    PYENV_VERSION=3.12.1 python3 frontend/tests/golden/gen_compile_errors.py
Each case is a snippet that parses but fails in the symbol table or compiler;
the expected message and location are whatever CPython reports."""
import os

CASES = [
    "return 1",
    "x = 1\nreturn",
    "yield 1",
    "class C:\n    yield 1",
    "await x",
    "def f():\n    await x",
    "break",
    "continue",
    "for x in y:\n    def f():\n        break",
    "while x:\n    class C:\n        continue",
    "def f():\n    x = 1\n    global x",
    "def f():\n    print(x)\n    global x",
    "def f(x):\n    global x",
    "def f():\n    x: int\n    global x",
    "def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x",
    "def f():\n    x = 1\n    def g():\n        print(x)\n        nonlocal x",
    "def f(x):\n    nonlocal x",
    "def f():\n    nonlocal x",
    "nonlocal x",
    "def f():\n    global x\n    nonlocal x",
    "def f(a, a): pass",
    "def f(a, *, a): pass",
    "lambda a, a: 1",
    "async def f():\n    yield 1\n    return 2",
    "def f():\n    return [x async for x in y]",
    "[x async for x in y]",
    "[i := 0 for i in range(5)]",
    "[[(j := j) for i in range(5)] for j in range(5)]",
    "[i for i in (i := range(5))]",
    "class C:\n    [(y := 1) for x in z]",
    "def f():\n    from os import *",
    "class C:\n    from os import *",
    "def f():\n    [(yield x) for x in y]",
    "def f():\n    {(yield x) for x in y}",
    "def f():\n    {(yield x): 1 for x in y}",
    "def f():\n    ((yield x) for x in y)",
    "match x:\n    case y:\n        pass\n    case 1:\n        pass",
    "match x:\n    case _:\n        pass\n    case 1:\n        pass",
    "match x:\n    case [a, a]:\n        pass",
    "match x:\n    case {'k': a, **a}:\n        pass",
    "match x:\n    case a | b:\n        pass",
    "match x:\n    case [a] | [b]:\n        pass",
    "match x:\n    case {'a': 1, 'a': 2}:\n        pass",
    "match x:\n    case C(a=1, a=2):\n        pass",
    "f(a=1, a=2)",
    "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass",
    "try:\n    pass\nexcept* ValueError:\n    break",
    "for x in y:\n    try:\n        pass\n    except* ValueError:\n        continue",
    "def f():\n    try:\n        pass\n    except* ValueError:\n        return",
    "def f():\n    async with x:\n        pass",
    "def f():\n    async for x in y:\n        pass",
    "async def f():\n    yield from x",
    "def f():\n    class C:\n        nonlocal y",
    "from __future__ import braces",
    "from __future__ import nope",
    "x = 1\nfrom __future__ import annotations",
    "type T = (yield)",
    "def f[T: (yield)](): pass",
    "class C[T]:\n    [(x := 1) for y in z]",
    "def f[T, T](): pass",
    "def f(x):\n    nonlocal x",
    "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x",
    "a, *b, *c = d",
    "x: int = 1\ndef f():\n    global x\n    x: int = 2",
]

out = []
for src in CASES:
    try:
        compile(src, "<case>", "exec")
        res = "OK"
    except SyntaxError as e:
        res = f"{e.msg} | {e.lineno} | {e.offset} | {e.end_lineno} | {e.end_offset}"
    out.append(src + "\n-----\n" + res + "\n")
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "compile_errors.txt")
with open(path, "w") as f:
    f.write("=====\n".join(out))
print(len(out), "cases")
