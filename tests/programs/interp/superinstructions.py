import sys, traceback

class P:
    __slots__ = ("x",)

class Q:
    def __init__(self):
        self.a = 1
    def __setattr__(self, name, value):
        if name == "bad":
            raise ValueError("no " + name)
        object.__setattr__(self, name, value)

class R:
    @property
    def v(self):
        return self._v * 2
    @v.setter
    def v(self, val):
        self._v = val

def unbound_first():
    if False:
        o = None
    return o.x

def unbound_second():
    a = 1
    if False:
        b = 2
    return a + b

def store_unbound(v):
    if False:
        o = None
    o.x = v

def run(f, *args):
    try:
        print(f.__name__, f(*args))
    except Exception as e:
        print(f.__name__, type(e).__name__, e, e.__traceback__.tb_next.tb_lineno)

def stores():
    p = P()
    p.x = 3
    q = Q()
    q.b = 4
    r = R()
    r.v = 5
    out = [p.x, q.a, q.b, r.v]
    try:
        p.y = 1
    except AttributeError as e:
        out.append(str(e))
    try:
        q.bad = 1
    except ValueError as e:
        out.append((str(e), e.__traceback__.tb_lineno))
    return out

def loads(n):
    total = 0
    pts = [R() for _ in range(4)]
    for i, r in enumerate(pts):
        r.v = i
    for _ in range(n):
        for r in pts:
            total += r.v
    return total

def mixed(objs):
    out = []
    for o in objs:
        try:
            out.append(o.real)
        except AttributeError as e:
            out.append(str(e))
    return out

run(unbound_first)
run(unbound_second)
run(store_unbound, 1)
run(stores)
run(loads, 300)
run(mixed, [1, 2.5, "s", None, 3j, True])
def deep():
    x = Q()
    x.bad = 2
try:
    deep()
except ValueError:
    print(traceback.format_exc().replace(__file__, "superinstructions.py"), end="")

def const_ops(x):
    out = []
    for op in (lambda v: v + 1, lambda v: v - 2.5, lambda v: v * 3, lambda v: v / 0.0,
               lambda v: v // 0, lambda v: v % 7, lambda v: v >> 2, lambda v: v ** 2,
               lambda v: v * 10**18, lambda v: v & 0xF0):
        try:
            out.append(op(x))
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
    return out

for x in (7, -7, 2.5, "s", [1], 2**62, True):
    print(const_ops(x))

def store_then_load():
    a = 1
    b = a
    c, d = b, a
    if False:
        e = 0
    f = c
    return e

run(store_then_load)

def global_missing():
    return undefined_name(1)

run(global_missing)

def none_tests(values):
    out = []
    for v in values:
        if v is None:
            out.append("none")
        elif v is not None and v:
            out.append("truthy")
        else:
            out.append("falsy")
        out.append(v is None)
        while v is not None:
            v = None
    return out

print(none_tests([None, 0, 1, "", "x", [], [0], False, True, 0.0]))

class Weird:
    def __init__(self, ok):
        self.ok = ok
    def __bool__(self):
        if self.ok is None:
            raise RuntimeError("no truth")
        return self.ok

class Cmp:
    def __init__(self, r):
        self.r = r
    def __lt__(self, other):
        return self.r

def branches(pairs):
    out = []
    for a, b in pairs:
        try:
            if a < b:
                out.append("lt")
            else:
                out.append("ge")
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
    return out

nan = float("nan")
print(branches([(1, 2), (2, 1), (1.5, 2.5), (nan, 1.0), (1.0, nan), (1, 2.5), ("a", "b"),
                (Cmp(Weird(True)), 0), (Cmp(Weird(False)), 0), (Cmp(Weird(None)), 0),
                (Cmp([]), 0), (1, "x"), (None, None)]))

def truth_line():
    c = Cmp(Weird(None))
    if c < 1:
        return 1
    return 0

try:
    truth_line()
except RuntimeError:
    print(traceback.format_exc().replace(__file__, "superinstructions.py"), end="")

class Acc:
    def __init__(self):
        self.v = 1
        self.s = "a"

class Prop:
    def __init__(self):
        self._x = 10
    @property
    def x(self):
        return self._x
    @x.setter
    def x(self, value):
        self._x = value * 2

def augmented(objs):
    out = []
    for o in objs:
        try:
            o.v += 2
            o.v *= 3
            o.s += "b"
            out.append((o.v, o.s))
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
    p = Prop()
    p.x += 1
    p.x -= 4
    out.append(p.x)
    return out

class NoS:
    def __init__(self):
        self.v = 0

print(augmented([Acc(), Acc(), NoS(), 5]))
