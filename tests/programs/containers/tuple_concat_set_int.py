# Tuple concatenation (empty operands, tracked/untracked items, cycles
# through the result) and int insertion into sets (dummies, growth, order).
import gc

a = (1, 2, 3)
b = (4, 5)
e = ()
print(a + b, b + a, a + e is a, e + a is a, e + e is e, (a + b)[::-1])
print((1,) + (2,), (1,) + (2, 3), (1, 2) + (3,), (None,) + (), type(a + b))
x = [1]
t1 = a + (x,)
t2 = (x,) + a
t3 = a + b
# (tuples of atoms only: CPython reports them tracked until a collection)
print(gc.is_tracked(t1), gc.is_tracked(t2), gc.is_tracked(t1 + t3), gc.is_tracked(t3 + t1), gc.is_tracked(t3 + t2))
nested = ((1, 2), (3, 4)) + ((5, 6),)
print(nested)
s = "ab"
print(((s,) + (s, s)))

# a cycle through a concatenated tuple is collected
class Node:
    pass
gc.collect()
n = Node()
n.t = (1, 2) + (n, 3)
del n
print(gc.collect() >= 2)

# subclass operands go through __add__
class T(tuple):
    def __add__(self, other):
        return ("T+", tuple(self), other)
print(T((1,)) + (2,), (1,) + T((2,)), type((1,) + T((2, 3))))
try:
    (1,) + [2]
except TypeError as err:
    print("TypeError", err)

# generator + concat pattern (nqueens-like)
def orderings(items):
    if len(items) <= 1:
        yield items
        return
    for i in range(len(items)):
        head = (items[i],)
        for tail in orderings(items[:i] + items[i + 1:]):
            yield head + tail
print(list(orderings((1, 2, 3))))
print(sum(1 for _ in orderings(tuple(range(6)))))

# sets of ints: order, duplicates, dummies reused, growth
print({c + r for r, c in zip(range(8), (7, 5, 3, 1, 6, 4, 2, 0))})
print({c - r for r, c in zip(range(8), (7, 5, 3, 1, 6, 4, 2, 0))})
st = {i * 8 for i in range(6)}
print(st)
st.discard(16); st.discard(24)
st.add(16); st.add(64); st.add(24)
print(st, len(st))
big = {i * 37 % 1000 for i in range(2000)}
print(len(big), sorted(big)[:5], list(big)[:10])
print({-1, -2, 2**61 - 1, 2**61, -2**63, 2**63 - 1, 0, True, 1.0, 1})
m = {1, 2, 3}
m.remove(2)
m |= {2}
print(m, {x for x in (5, 5, 5, 13, 21, 29, 37)})
