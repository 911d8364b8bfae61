# zip over list iterators (advanced without the generic next): lengths,
# strict mode, lists mutated while zipped, list subclasses, pair reuse with
# container items (the collector must see them).
import gc

a = [1, 2, 3, 4]
b = ["x", "y"]
print(list(zip(a, b)), list(zip(b, a)), list(zip(a, [])), list(zip([], a)))
try:
    list(zip(a, b, strict=True))
except ValueError as e:
    print("ValueError", e)
try:
    list(zip(b, a, strict=True))
except ValueError as e:
    print("ValueError", e)

grow = [1, 2]
out = []
for x, y in zip(grow, grow):
    out.append((x, y))
    if len(grow) < 5:
        grow.append(len(grow) + 1)
print(out)
shrink = [1, 2, 3, 4, 5]
out = []
for x, y in zip(shrink, [10, 20, 30, 40, 50]):
    out.append(x + y)
    if shrink:
        shrink.pop()
print(out)

class L(list):
    def __iter__(self):
        return iter(["sub", "class"])
print(list(zip(L([1, 2, 3]), [7, 8, 9])), list(zip(reversed([1, 2]), [3, 4])))

it = zip([1, 2], [3, 4])
print(next(it), next(it), next(it, "end"), next(it, "end"))

# Pairs holding containers, kept and collected.
kept = []
for p in zip([[1], [2], [3]], [{"k": 1}, {"k": 2}, {"k": 3}]):
    kept.append(p)
cycle = [None]
cycle[0] = cycle
for p in zip([cycle], [cycle]):
    pass
del cycle, p
print(kept, gc.collect() >= 0)
words = "a b c d e".split()
print([x + y for x, y in zip(words, words[1:])], sum(1 for _ in zip(words, words, words)))
