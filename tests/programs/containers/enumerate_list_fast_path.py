# enumerate over a list iterator (advanced directly): start values, lists
# growing and shrinking while enumerated, list subclasses, big starts.
xs = ["a", "b", "c"]
print(list(enumerate(xs)), list(enumerate(xs, 5)), list(enumerate(xs, start=-2)), list(enumerate([])))
print(list(enumerate(xs, 2**63 - 2)), {x: i for i, x in enumerate(xs)})
grow = [1]
seen = []
for i, x in enumerate(grow):
    seen.append((i, x))
    if len(grow) < 4:
        grow.append(x * 2)
print(seen)
shrink = [1, 2, 3, 4]
seen = []
for i, x in enumerate(shrink):
    seen.append((i, x))
    shrink.pop()
print(seen)
class L(list):
    def __iter__(self):
        return iter("xy")
print(list(enumerate(L([1, 2, 3]))), list(enumerate(iter(xs))), list(enumerate(reversed(xs))))
e = enumerate([10, 20])
print(next(e), next(e), next(e, "done"), next(e, "done"))
