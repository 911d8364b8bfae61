# Builtin iterators, constructors and slicing through their native fast paths.

# zip / enumerate / map / filter
rows = range(4)
cols = (3, 1, 0, 2)
print(list(zip(rows, cols)))
print({c + r for r, c in zip(rows, cols)}, {c - r for r, c in zip(rows, cols)})
print(list(zip()), list(zip([1, 2, 3])), list(zip("ab", [1, 2, 3], (7, 8))))
print(list(enumerate("abc", 10)), list(enumerate([], 5)))
print(list(map(abs, [-1, 2, -3])), list(map(pow, [2, 3], [3, 2, 9])))
print(list(map(lambda a, b, c: a + b + c, [1], [2], [3])))
print(list(filter(None, [0, 1, "", "x", None])), list(filter(bool, [0, 2])), list(filter(lambda x: x > 1, [1, 2, 3])))
for bad in ([1, 2], [1, 2, 3]), ([1, 2, 3], [1, 2]), ([1], [1], [1, 2]):
    try:
        print(list(zip(*bad, strict=True)))
    except ValueError as e:
        print("ValueError:", e)
print(list(zip([1, 2], [3, 4], strict=True)))

# iter() of an iterator is the iterator itself
for it in (iter([1]), iter((1,)), iter(range(3)), zip(), enumerate([]), map(abs, []), filter(None, []),
           iter({1: 2}), iter({1}), iter({}.items()), reversed([1])):
    print(type(it).__name__, iter(it) is it)
def gen():
    yield 1
    return "done"
g = gen()
print(iter(g) is g)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value)
print(next(gen(), None), next(iter([]), "default"))
# zip over generators; the generator's return value is not an item
print(list(zip(gen(), gen())), list(enumerate(gen())))
print(sum(x for x in range(5)), max(map(len, ["a", "abc", "ab"])), sorted(zip("cab", range(3))))

# dict and set iterators report mutation
d = {1: 1, 2: 2}
try:
    for k in d:
        d[k + 10] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
s = {1, 2}
try:
    for k in s:
        s.add(k + 10)
except RuntimeError as e:
    print("RuntimeError:", e)

# slicing exact tuples, lists and strs
t = (0, 1, 2, 3, 4)
print(t[1:3], t[:0], t[::-2], t[:] is t, t[-2:], t[10:], t[1:4:2])
lst = [0, 1, 2, 3, 4]
print(lst[1:3], lst[::-1], lst[:] is lst, lst[:] == lst)
s = "héllo wörld"
print(s[1:4], s[::-1], s[-3:], s[2], s[:100])
for seq in (t, lst, "abc"):
    for key in (10, "x", 1.5):
        try:
            seq[key]
        except (IndexError, TypeError) as e:
            print(type(e).__name__, e)
try:
    t[::0]
except ValueError as e:
    print("ValueError:", e)

# builtin types called directly
print(tuple(range(3)), tuple("ab"), tuple(), tuple(t) is t, list(range(3)), list(), list("ab"))
print(sorted(set([3, 1, 2])), set(), frozenset([1, 1]), dict(a=1), dict([(1, 2)]), dict({3: 4}, b=5))
print(str(12), str(), str(b"x", "ascii"), int("12"), int("ff", 16), int(), float("1.5"), bool([]), bool(1))
for call in (lambda: tuple(1), lambda: list(1, 2), lambda: tuple(x=1), lambda: set(x=1), lambda: int("z"),
             lambda: zip(1), lambda: enumerate(), lambda: list(x=[1])):
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

class MyList(list):
    def __init__(self, *args):
        super().__init__(*args)
        self.tag = "mine"
ml = MyList("xy")
print(ml, ml.tag, type(ml).__name__)
class PlainList(list):
    pass
pl = PlainList(range(2))
print(pl, type(pl).__name__)
class OddNew(tuple):
    def __new__(cls, x):
        return [x]
print(OddNew(5))
class T2(tuple):
    pass
print(T2([1, 2]), type(T2([1, 2])).__name__)

# sets start empty and grow
s = set()
print(len(s), 1 in s, s.discard(1), s == set(), s.copy())
try:
    s.pop()
except KeyError as e:
    print("KeyError", e)
try:
    s.remove(3)
except KeyError as e:
    print("KeyError", e)
s.add(5)
print(s, s.pop(), s)
s.update(range(20))
s.clear()
print(s, len(s), {x % 3 for x in range(10)}, frozenset() | {1})

# str iteration, dict views, tuple hashing
print(list("héllo"), [c for c in ""], iter("ab") is not iter("ab"), type(iter("é")).__name__, type(iter("e")).__name__)
it = iter("xyz")
print(next(it), list(it), list(it))
d = {"a": 1, "b": 2}
print(sum(d.values()), list(d.keys()), list(d.items()), [k for k in d.items()], max(d.values()))
for view in (d.keys(), d.values(), d.items()):
    i = iter(view)
    print(type(i).__name__, iter(i) is i, list(i))
try:
    for k in d.keys():
        d["c"] = 3
except RuntimeError as e:
    print("RuntimeError:", e)
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(()), {(1, "a"): 1}[(1, "a")], len({(i, i % 2) for i in range(10)}))
print(hash((1, 2, 3)), hash(()), hash((-1,)), hash(((1, 2), (3,))))
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError:", e)
print(list(map(lambda a, b, c: a * b * c, [1, 2], [3, 4], [5, 6])), list(zip("ab", "cd", "ef", "gh")))
