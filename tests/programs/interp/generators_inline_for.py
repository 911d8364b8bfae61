import sys, traceback
def gen(n):
    for i in range(n):
        yield i
    return "done"
print(list(gen(3)), [x * 2 for x in gen(4)], sum(x for x in gen(5)))
for x in gen(3):
    for y in gen(2):
        print(x, y, end="; ")
print()
def bad():
    yield 1
    raise StopIteration("x")
try:
    for v in bad():
        print("got", v)
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)
def raiser():
    yield 1
    1 / 0
try:
    for v in raiser():
        pass
except ZeroDivisionError:
    for line in traceback.format_exc().splitlines():
        print(line if not line.lstrip().startswith("File") else line.split(",", 1)[1])
def handled():
    try:
        yield 1
        raise KeyError("k")
    except KeyError as e:
        yield repr(e)
    yield sys.exc_info()[0]
try:
    raise ValueError("outer")
except ValueError:
    for v in handled():
        print(v, sys.exc_info()[0])
g = gen(5)
for v in g:
    if v == 2:
        break
print(next(g), list(g))
def selfref():
    for v in g2:
        yield v
g2 = selfref()
try:
    for v in g2:
        pass
except ValueError as e:
    print("ValueError", e)
def deleg():
    r = yield from gen(3)
    yield r
print(list(deleg()))
def rec(n):
    if n:
        for v in rec(n - 1):
            yield v
    else:
        yield "bottom"
try:
    print(list(rec(5000)))
except RecursionError:
    print("RecursionError")
print(list(rec(50)))
def running():
    yield g3.gi_running
g3 = running()
print([v for v in g3], g3.gi_running)
def fr():
    yield sys._getframe().f_back.f_code.co_name
def caller():
    return [v for v in fr()]
print(caller())
