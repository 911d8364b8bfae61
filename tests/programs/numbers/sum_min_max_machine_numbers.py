# min/max/sum of exact lists and tuples of machine ints and floats (one
# loop over the items) against the general walk: ties, signed zeros, NaN,
# bools, big ints, overflowing sums, mixed kinds, empty inputs, subclasses.
nan = float("nan")
cases = [
    [3, 1, 4, 1, 5], (9, -2, 7), [5], (-(2**63), 2**63 - 1), [2**62, 2**62, 2**62],
    [2**63, 1], [1.5, -0.0, 0.0, 1.5], (0.0, -0.0), (-0.0, 0.0), [nan, 1.0, 2.0], [1.0, nan, 0.5],
    [1, 2.5, 0], [True, 2, False], (True, False), [1, 10**30, -(10**30)], [-1.0e308, 1.0e308, 1.0e308],
]
for c in cases:
    print(repr(c)[:60], min(c), max(c), sum(c), sum(c, 10), sum(c, 0.5))
print(repr(max([0.0, -0.0])), repr(min([0.0, -0.0])), repr(max((-0.0, 0.0))), repr(min((-0.0, 0.0))))
print(sum([2**62, 2**62, 2**62, -(2**63)]), sum((9223372036854775807, 1)), sum([-9223372036854775808, -1]))
for empty in ([], ()):
    try:
        max(empty)
    except ValueError as e:
        print("ValueError", e)
    print(sum(empty), min(empty, default="d"))

class L(list):
    def __iter__(self):
        return iter([100, -100])
class T(tuple):
    pass
print(max(L([1, 2])), min(L([1, 2])), sum(L([1, 2])), max(T((4, 8))), sum(T((4, 8))))
print(max([1, 2], key=lambda x: -x), min((5, 3), default=0), sum([1, 2], start=3))
print(min(3, 1, 2), max(1.5, 2.5), max("abc"), sum([[1], [2]], []))
