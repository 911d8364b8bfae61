# zip/enumerate over list, tuple and range iterators (advanced in line) and others.
rows = range(5)
cols = (3, 1, 4, 1, 5)
print(list(zip(rows, cols)))
print({c + r for r, c in zip(rows, cols)}, {c - r for r, c in zip(rows, cols)})
print(list(zip(cols, [10, 20, 30])))
print(list(zip([1, 2, 3], range(10, 0, -3))))
print(list(zip(range(0), (1, 2))))
print(list(zip(iter(range(3)), iter((7, 8, 9)))))

# Partly consumed argument iterators keep their position.
it_t = iter((1, 2, 3, 4))
next(it_t)
it_r = iter(range(100, 105))
next(it_r)
next(it_r)
print(list(zip(it_t, it_r)), list(it_t), list(it_r))

# The shorter one ends the zip; the longer one has lost one item (as CPython).
a = iter(range(10))
print(list(zip(a, (1, 2))), next(a))
b = iter([5, 6, 7])
print(list(zip(range(2), b)), list(b))

# A list that grows while zipped.
grow = [1, 2]
for x, y in zip(grow, range(5)):
    if len(grow) < 4:
        grow.append(x * 10)
print(grow)

# strict=
for args in ((range(3), (1, 2)), ((1, 2), range(3)), ([1], range(1), (9,)), (range(2), range(2))):
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print("ValueError:", e)

# Subclass instances of iterators are not advanced in line.
class Twice:
    def __init__(self, items):
        self.items = list(items)
    def __iter__(self):
        return self
    def __next__(self):
        if not self.items:
            raise StopIteration
        return self.items.pop(0) * 2
print(list(zip(Twice([1, 2, 3]), range(3))), list(zip(range(3), Twice((4, 5)))))

def gen():
    yield from "abc"
print(list(zip(gen(), range(10))), list(zip((1, 2, 3), gen())))

# enumerate over tuple, range, list, str and a generator; big start.
print(list(enumerate((5, 6))), list(enumerate(range(3), 10)), list(enumerate(["x"], -1)))
print(list(enumerate("hi")), list(enumerate(gen(), 2**63 - 2)))
e = enumerate(range(2))
print(next(e), next(e), next(e, "done"))

# The reused pair is not observable.
pairs = []
for p in zip(range(3), (1, 2, 3)):
    pairs.append(p)
print(pairs, [id(p) for p in pairs].count(id(pairs[0])))
kept = [q for q in enumerate((9, 8, 7))]
print(kept)

# Errors from the argument iterators propagate.
def boom():
    yield 1
    raise KeyError("boom")
try:
    print(list(zip(range(5), boom())))
except KeyError as ex:
    print("KeyError", ex)
try:
    zip(1, (2,))
except TypeError as ex:
    print("TypeError:", ex)

# Subclasses of list and tuple: their own __iter__ is used.
class RevList(list):
    def __iter__(self):
        return reversed(self[:])
class PlainTuple(tuple):
    pass
print(list(zip(RevList([1, 2, 3]), PlainTuple((4, 5, 6)))), list(enumerate(RevList("ab"))))
print(list(zip(reversed([1, 2, 3]), reversed((4, 5)))), list(enumerate(reversed([7, 8]))))
