import gc, weakref
class Node:
    pass
def cycle_through(make):
    n = Node()
    r = weakref.ref(n)
    lst = [n]
    t = make(lst)
    n.t = t          # Node -> tuple -> list -> Node
    del n, lst, t
    gc.collect()
    return r() is None
print(cycle_through(lambda l: (l,) + (1, 2)))
print(cycle_through(lambda l: (1, 2) + (l,)))
print(cycle_through(lambda l: (0, l, 3)[1:]))
print(cycle_through(lambda l: (0, 1, l, 3)[::-1]))
print(cycle_through(lambda l: (0, 1, 2, l)[2:4]))
print(cycle_through(lambda l: tuple([l, 1, 2])[0:2]))
x = (1, 2) + (3,)
print(gc.is_tracked(x), gc.is_tracked(([],) + (1,)))
