# Generators run inline by `for` loops, then driven by send/throw/close/next.
import sys

def counter(n):
    i = 0
    while i < n:
        got = yield i
        if got is not None:
            i = got
        else:
            i += 1
    return "end"

g = counter(10)
for x in g:
    print("for", x, g.gi_running, g.gi_frame is not None)
    if x == 2:
        break
print(g.send(7), next(g), g.gi_running)
for x in g:
    print("again", x)
print(g.gi_frame, next(g, "exhausted"))

def running_check():
    yield gen_ref.gi_running
    yield gen_ref.gi_running
gen_ref = running_check()
print([v for v in gen_ref], gen_ref.gi_running)

# Exception state saved across inline suspensions.
def keeps_exc():
    try:
        raise ValueError("inside")
    except ValueError:
        yield sys.exc_info()[0].__name__
        yield repr(sys.exc_info()[1])
    yield sys.exc_info()[0]

try:
    raise KeyError("outer")
except KeyError:
    for v in keeps_exc():
        print(v, sys.exc_info()[0].__name__)
print(sys.exc_info())

# throw() and close() after inline steps.
def guarded():
    try:
        yield 1
        yield 2
    except ZeroDivisionError as e:
        yield "caught " + str(e)
    finally:
        print("finally ran")

g = guarded()
for v in g:
    print("got", v)
    break
print(g.throw(ZeroDivisionError("x")))
g.close()
print(g.gi_frame)
g = guarded()
for v in g:
    break
g.close()

# Exceptions through yield from, inline and not.
def inner():
    yield "a"
    raise IndexError("from inner")

def outer():
    try:
        yield from inner()
    except IndexError as e:
        yield "outer caught " + str(e)
    yield "after"

print(list(outer()))
o = outer()
print(next(o))
for v in o:
    print("loop", v)

def raises_stop():
    yield 1
    raise StopIteration("bad")
try:
    for v in raises_stop():
        print("v", v)
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)

# A generator that resumes itself from a for loop.
def selfish():
    yield 1
    for v in me:
        yield v
me = selfish()
try:
    for v in me:
        print("selfish", v)
except ValueError as e:
    print("ValueError:", e)

# Nested inline generators (recursive).
def perms(items):
    if len(items) <= 1:
        yield items
        return
    for i in range(len(items)):
        for rest in perms(items[:i] + items[i + 1:]):
            yield (items[i],) + rest
print(sum(1 for _ in perms(tuple(range(5)))), next(perms((1, 2, 3))))
