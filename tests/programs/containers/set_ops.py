# set and frozenset: construction, methods, operators, subset comparisons, hashing, repr
s = set([3, 1, 2, 3])
f = frozenset("abca")
print(s, sorted(f), set(), frozenset(), set("aab") == {"a", "b"}, len(f))
s.add(4); s.discard(10); s.remove(1)
print(s, s.pop() in {2, 3, 4}, len(s))
for bad in [lambda: set().pop(), lambda: {1}.remove(2), lambda: set(1), lambda: {[1]}, lambda: set([{}])]:
    try:
        bad()
    except (KeyError, TypeError) as e:
        print(type(e).__name__, e)
a, b = {1, 2, 3}, {2, 3, 4}
print(a | b, a & b, a - b, a ^ b, a.union([5], (6,)), a.intersection(b, [3]), a.difference([1], [2]))
print(a <= b, {2} < a, a >= {1}, a > a, a == frozenset(a), a.issubset(range(5)), a.issuperset([1, 2]), a.isdisjoint({9}))
x = set(a)
x |= {9}; x &= {1, 9, 2}; x -= {1}; x ^= {7}
print(sorted(x))
x.update("ab", [1]); x.intersection_update({1, "a", 9}); x.difference_update([9]); x.symmetric_difference_update({2})
print(sorted(x, key=str))
print(hash(frozenset()) == hash(frozenset([])), hash(frozenset([1, 2, 3])), hash(frozenset(["x"])) == hash(frozenset("x")))
print(frozenset([1]) in {frozenset([1]): 1}, {1, 2} in {frozenset([1, 2])}, type(f | {1}).__name__, type({1} | f).__name__)
try:
    {1} | [2]
except TypeError as e:
    print(type(e).__name__, e)
try:
    x = {1}
    x |= [2]
except TypeError as e:
    print(type(e).__name__, e)
class S(set):
    pass
ss = S([1, 2])
print(ss, type(ss | {3}).__name__, repr(S()), frozenset({frozenset()}))
print({i * 7 % 10 for i in range(10)}, set(range(20, 0, -3)))
print({"a", 1} == {1, "a"}, {1.0, 1} == {1}, {0.0, -0.0}, {2 ** 70, 3}, sorted({-1, -2, 0, 100}))
s2 = {1, 2, 3}
try:
    for v in s2:
        s2.discard(v)
except RuntimeError as e:
    print(type(e).__name__, e)
print(set([1, 2]).copy(), frozenset([1]).copy(), set() == frozenset(), {1} != {1})
