a = [1, 2, 3]; b = "xyz"
print(list(zip(a, b)), list(enumerate(b)))
kept = []
for t in zip(a, b):
    kept.append(t)
for t in enumerate(b, 10):
    kept.append(t)
print(kept)
s = 0
for i, x in enumerate(a):
    s += i * x
for x, y in zip(a, a[1:]):
    s += x * y
print(s)
z = zip(a, b)
first = next(z); second = next(z)
print(first, second, first is second)
e = enumerate([[1], [2]])
p = next(e); q = next(e)
print(p, q)
class Node:
    pass
# a cycle through a reused pair: the collector must still see it
import gc
n = Node()
it = enumerate([n])
n.it = it
pair = next(it)
del pair
del n, it
print(gc.collect() >= 0)
d = dict(zip("abc", range(3)))
print(d, sorted(enumerate(d)))
print({k: v for k, v in zip(range(5), range(5, 10))})
