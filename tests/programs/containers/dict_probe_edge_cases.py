# dict probing: keys whose __eq__ mutates the dict, str subclasses, colliding
# hashes, deletes during probing, order after many deletes and re-inserts, resizes.

class Collide:
    """Every instance hashes alike; equality by label."""
    def __init__(self, label):
        self.label = label
    def __hash__(self):
        return 42
    def __eq__(self, other):
        return isinstance(other, Collide) and self.label == other.label
    def __repr__(self):
        return "C(%s)" % self.label

d = {Collide(i): i for i in range(20)}
print(len(d), d[Collide(7)], Collide(19) in d, Collide(20) in d)
for i in range(0, 20, 2):
    del d[Collide(i)]
print(list(d.values()))
d[Collide(4)] = "again"
print(list(d.items())[-2:], d.get(Collide(5)), d.get(Collide(6), "none"))

# __eq__ that mutates the dict being searched.
class Mutator:
    def __init__(self, target, label):
        self.target = target
        self.label = label
    def __hash__(self):
        return 7
    def __eq__(self, other):
        self.target.clear()
        return False

target = {}
target[Mutator(target, "a")] = 1
try:
    print(target.get(Mutator(target, "b")), len(target))
except RuntimeError as e:
    print("RuntimeError:", e)
target2 = {}
target2[Mutator(target2, "a")] = 1
target2[Mutator(target2, "b")] = 2
print(len(target2))

# An __eq__ that adds keys while the lookup runs.
class Grower:
    def __init__(self, target):
        self.target = target
    def __hash__(self):
        return 11
    def __eq__(self, other):
        for k in range(50):
            self.target[("grow", k)] = k
        return other is self
g_target = {}
g1 = Grower(g_target)
g_target[g1] = "first"
print(g_target.get(Grower(g_target)), len(g_target), g_target[g1])

# str subclasses as keys: equal text finds the same entry, either way round.
class S(str):
    pass
class LoudEq(str):
    def __eq__(self, other):
        print("LoudEq.__eq__", str.__eq__(self, other))
        return str.__eq__(self, other)
    __hash__ = str.__hash__

ds = {"alpha": 1, S("beta"): 2}
print(ds[S("alpha")], ds["beta"], type(list(ds)[1]).__name__)
ds[S("alpha")] = 10
print(ds, type(list(ds)[0]).__name__)
dl = {LoudEq("k"): 1}
print(dl["k"], "k" in dl, dl.get("x"))
dl["k"] = 5
print(dl)

# Numbers that are equal across types share an entry.
dn = {1: "int", 2.0: "float", True: "bool?"}
print(dn, dn[1.0], dn[2], len(dn))
dn[1.0] = "float one"
print(dn, type(list(dn)[0]).__name__)

# Many deletes and re-inserts keep insertion order; holes are reused after a resize.
do = {}
for i in range(1000):
    do["k%d" % i] = i
for i in range(0, 1000, 3):
    del do["k%d" % i]
for i in range(0, 1000, 9):
    do["k%d" % i] = -i
keys = list(do)
print(len(do), keys[:5], keys[-5:], sum(do.values()))
for i in range(5000):
    do["t"] = i
    del do["t"]
print(len(do), list(do)[-3:], "t" in do)
while len(do) > 3:
    do.popitem()
print(do)

# Resizes in the middle of iteration are errors; value replacement is not.
dr = {i: i for i in range(10)}
try:
    for k in dr:
        dr[k + 100] = k
except RuntimeError as e:
    print("RuntimeError:", e)
dr = {i: i for i in range(10)}
for k in dr:
    dr[k] = k * 2
print(dr)
try:
    for k in dr:
        del dr[k]
        dr[k] = 0
except RuntimeError as e:
    print("RuntimeError:", e)

# Growing from empty through many sizes; setdefault and get on fresh strs.
dg = {}
for i in range(3000):
    dg.setdefault(str(i % 1500), []).append(i)
print(len(dg), dg["7"], dg.get("".join(["1", "4", "9", "9"])), dg.get("1500"))
counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
