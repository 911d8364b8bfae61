# tuple, range and slice objects
t = (1, 2, 3)
print(t, (1,), (), tuple("ab"), tuple([1, [2]]), t + (4,), t * 2, t[1:], t[::-1], t.count(2), t.index(3))
for bad in [lambda: t.index(9), lambda: t[5], lambda: t + [1], lambda: t["a"], lambda: tuple(1)]:
    try:
        bad()
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__, e)
print(hash((1, 2)) == hash((1, 2)), hash(()), hash((1, "a", None)) == hash((1, "a", None)), (1, 2) < (1, 3), (1,) < (1, 0))
class P(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
p = P(3, 4)
print(p, p.x, type(p).__name__, p == (3, 4), len(p), p[1], type(p[:1]).__name__)
r = range(2, 20, 3)
print(r, list(r), len(r), r[2], r[-1], r[1:3], r[::-1], 5 in r, 6 in r, r.index(8), r.count(8))
print(range(5) == range(0, 5), range(0) == range(2, 1), hash(range(0)) == hash(range(3, 3)), range(3) != range(4))
print(list(range(10, 0, -3)), list(range(0)), list(range(-3, 3)), range(1, 10, 2)[2:4], range(10)[::-3])
for bad in [lambda: range(1, 2, 0), lambda: range(1.5), lambda: range(5)[10], lambda: range(3).index(7)]:
    try:
        bad()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
big = range(10 ** 20)
print(big[-1], 10 ** 19 in big, big[::2][3], big.index(12345))
try:
    len(big)
except OverflowError as e:
    print(type(e).__name__, e)
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(None, None, -1), s.indices(5), slice(None, None, -1).indices(4))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3), hash(slice(1, 2)) == hash(slice(1, 2)))
print([0, 1, 2, 3, 4, 5][s], "abcdefgh"[slice(None, None, 2)], (1, 2, 3)[slice(-2, None)])
try:
    slice(1, 2, 0).indices(3)
except ValueError as e:
    print(type(e).__name__, e)
print(list(reversed(range(1, 10, 4))), list(iter(range(3))), sum(range(101)), max(range(7)), min(range(3, 9)))
