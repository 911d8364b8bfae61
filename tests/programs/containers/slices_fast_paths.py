# Slicing exact lists and tuples (with and without a slice object), slice
# assignment from temporaries and from named lists, starred unpacking:
# every bound/step combination against CPython.
import gc, weakref
t = tuple(range(9))
l = list(range(9))
bounds = [None, 0, 1, 3, -1, -3, 8, 9, 20, -20]
steps = [None, 1, 2, 3, -1, -2, -5, 9, -9, 2**70]
out = []
for a in bounds:
    for b in bounds:
        out.append((t[a:b], l[a:b]))
        for c in steps:
            out.append((t[a:b:c], l[a:b:c]))
print(len(out), hash(tuple(x for x, _ in out)) == hash(tuple(tuple(y) for _, y in out)))
print(out[::97])
print(hash(tuple(x for x, _ in out)), sum(len(y) * i for i, (_, y) in enumerate(out)))
print(t[::-1], t[::2], t[-2::-3], t[2**65:], t[:-2**65], l[2**66::-1])
print(t[:] is t, t[0:9] is t, t[0:9:1] is t, t[::1] is t, t[::-1] is t)
try:
    t[::0]
except ValueError as e:
    print(e)

class Node:
    pass

n = Node()
r = weakref.ref(n)
n.t = (1, 2, [n], 4)[1:3]      # a cycle through a slice of a registered tuple
m = Node()
m.t = (1, 2, 3, (m,))[::-1]
rm = weakref.ref(m)
del n, m
gc.collect()
print(r() is None, rm() is None)

p = list(range(10))
for k in range(1, 10):
    p[:k + 1] = p[k::-1]
print(p)
q = list(range(6))
q[1:3] = q                      # the list itself
print(q)
q = list(range(6))
src = [7, 8]
q[2:4] = src
src.append(9)
print(q, src)
q[1:5] = (10, 11)
print(q)
q[::2] = [0] * len(q[::2])
print(q)
x = [1, 2, 3]
x[:] = [y * 2 for y in x]
print(x)

quad = (1, 2, 3, 4)
first, *rest = quad
head, *mid, tail = rest
print(first, rest, head, mid, tail)
*a, b = [1]
print(a, b)
a, *b, c, d = "hello"
print(a, b, c, d)
*a, = range(3)
print(a)
try:
    a, *b, c = (1,)
except ValueError as e:
    print(e)
try:
    a, *b, c = [1]
except ValueError as e:
    print(e)
a, *b = iter([5, 6, 7])
print(a, b)
