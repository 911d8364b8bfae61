# Unpacking exact tuples/lists (and what is not taken by the fast paths),
# starred targets, and range() made from machine ints.
a, b, c, d = (1, "two", [3], (4,))
print(a, b, c, d)
w, x, y = [None, 2.5, {"k": 1}]
print(w, x, y)
(m, k), j = (a, b), c
print(m, k, j)
first, *rest = (1, 2, 3, 4)
head, *mid, tail = rest
print(first, rest, head, mid, tail)
*init, last = [1]
print(init, last)
p, *q = "xy"
print(p, q)
for u, v in ((1, 2), [3, 4], "ab"):
    print(u, v)
for bad in ((1, 2, 3), [1], "abcd", 5):
    try:
        s, t = bad
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    a, *b, c = (1,)
except ValueError as e:
    print("ValueError", e)
class L(list):
    def __iter__(self):
        return iter(["sub", "class"])
class T(tuple):
    def __iter__(self):
        return iter(("t1", "t2"))
s1, s2 = L([1, 2])
t1, t2 = T((1, 2))
print(s1, s2, t1, t2)
l = [1, 2, 3]
i1, i2, i3 = l
l[0] = 99
print(i1, i2, i3, l)
def gen():
    yield from range(3)
g1, g2, g3 = gen()
print(g1, g2, g3)

# range from machine ints and everything else
print(list(range(5)), list(range(2, 5)), list(range(5, 2, -1)), list(range(-3)), range(0), range(2, 9)[::2])
print(range(-2**63, 2**63 - 1)[-1], range(2**64)[-1], list(range(True, 3)), len(range(-2**61, 2**61)))
for bad in ((), (1, 2, 3, 4), ("a",), (1.5,), (1, 2, 0)):
    try:
        range(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    range(stop=3)
except TypeError as e:
    print("TypeError", e)
class Idx:
    def __index__(self):
        return 4
print(list(range(Idx())), list(range(1, Idx())))
print(type(iter(range(3))).__name__, type(range).__name__, isinstance(range(3), range))
