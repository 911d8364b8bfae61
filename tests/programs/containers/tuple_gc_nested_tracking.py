# Tuples are registered with the cycle collector when one of their items is
# (nested tuples decided at their own creation): cycles through nested
# tuples, pairs, one-item tuples and frozensets are collected; items are
# released last to first when a tuple or list dies.
import gc, weakref


class Node:
    pass


def cycle_through(make):
    n = Node()
    r = weakref.ref(n)
    n.t = make(n)
    del n
    gc.collect()
    return r() is None


print(cycle_through(lambda n: (n,)))
print(cycle_through(lambda n: (1, n)))
print(cycle_through(lambda n: (1, 2, (3, (4, n)))))
print(cycle_through(lambda n: ((n,), 2, 3, 4, 5)))
print(cycle_through(lambda n: frozenset([(1, n)])))
print(cycle_through(lambda n: tuple([1, 2, [n]])))
print(cycle_through(lambda n: tuple(x for x in (1, 2, n))))
print(cycle_through(lambda n: (lambda: n,)))

# A tuple that only holds numbers, strs and such tuples is not a container
# (CPython finds that out at its next collection).
a, b = 1, "s"
t1, t3, t4 = (a, b), (a, [b]), (a, ((b, {}),))
gc.collect()
print(gc.is_tracked(t1), gc.is_tracked(t3), gc.is_tracked(t4))


class Loud:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def release(make):
    x = make()
    del x
    gc.collect()
    print("--")


release(lambda: (Loud("a"), Loud("b")))
release(lambda: (Loud("a"), Loud("b"), Loud("c")))
release(lambda: [Loud("a"), Loud("b"), Loud("c")])
release(lambda: (Loud("a"),))
release(lambda: ((Loud("a"), Loud("b")), Loud("c")))


# A cycle through a tuple held by a list held by the object.
class Holder:
    def __init__(self):
        self.items = [None]


def list_cycle():
    h = Holder()
    r = weakref.ref(h)
    h.items[0] = (1, 2, h)
    del h
    return r


r = list_cycle()
print(r() is not None, gc.collect() >= 3, r() is None)

# Weakref callbacks still fire for objects freed from inside tuples.
log = []
objs = (Node(), Node(), Node())
refs = [weakref.ref(o, lambda w, i=i: log.append(i)) for i, o in enumerate(objs)]
del objs
print(log)
