# Polymorphic attribute/method sites, module attribute caching that follows
# writes to the module, class changes that must invalidate caches, and
# memory reuse of freed objects (CPython hands a freed block to the next
# object of the same size).
import gc
import math
import sys


class Base:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v


class A(Base):
    pass


class B(Base):
    def __init__(self, v):
        self.pad = 0
        self.v = v


class C(Base):
    def get(self):
        return -self.v


class D(Base):
    __slots__ = ()


class E(B):
    pass


objs = [A(1), B(2), C(3), E(4), A(5), Base(6)] * 3
total = 0
for o in objs:
    total += o.v + o.get()
    o.v = o.v + 1
print(total, [o.v for o in objs[:6]])

# A method added to a class after the site was cached.
A.get = lambda self: 100
print([o.get() for o in objs[:6]])
del A.get
print([o.get() for o in objs[:6]])

# Instance attribute shadowing a method.
a = A(7)
a.get = lambda: "shadow"
print(a.get(), A(8).get())


# Module attributes: the cache sees rebinding and deletion.
def root(x):
    return math.sqrt(x)


vals = []
for i in range(4):
    vals.append(root(16))
    if i == 1:
        math.sqrt = lambda x: "patched"
print(vals)
del math.sqrt
try:
    root(4)
except AttributeError as e:
    print("AttributeError", e)
import importlib
importlib.reload(math) if hasattr(importlib, "reload") else None


# A module subclass with a property must not be served from the cache.
class Mod(type(sys)):
    @property
    def answer(self):
        return 42


m = type(sys)("m")
m.answer = 1
seen = []
for i in range(3):
    seen.append(m.answer)
    if i == 0:
        m.__class__ = Mod
print(seen)

# Concatenation fast paths keep CPython's identities.
t = (1, 2)
s = "ab"
print(t + () is t, () + t is t, s + "" is s, "" + s is s, t + (3,), [1] + [2], s + "c")
lst = [1]
alias = lst
lst += [2]
print(lst is alias, lst)


# Freed objects' memory is reused by the next allocation of the same kind.
class NoFormat:
    pass


print(format(NoFormat(), "") == str(NoFormat()))
x = NoFormat()
addr = id(x)
del x
print(id(NoFormat()) == addr)

# Cycles are still collected, and only them.
class Node:
    pass


def make_cycle():
    a, b = Node(), Node()
    a.other, b.other = b, a


gc.collect()
for _ in range(10):
    make_cycle()
print(gc.collect() >= 20)
keep = Node()
keep.me = keep
print(gc.collect(), keep.me is keep)
