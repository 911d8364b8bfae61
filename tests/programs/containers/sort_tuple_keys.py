# Sorting by tuple keys led by ints (the tie-breaks look at the rest), bool
# equality in list.count, and a class's __dict__ snapshot.

words = {"kaka": 5, "lo": 1, "mi": 5, "ne": 1, "ru": 2, "ab": 1, "zz": 5}
items = list(words.items()) * 30
print(sorted(words.items(), key=lambda kv: (-kv[1], kv[0])))
print(sorted(items, key=lambda kv: (-kv[1], kv[0]))[:8])
print(sorted(items, key=lambda kv: (-kv[1], kv[0]), reverse=True)[:8])
# Tails of different kinds and lengths.
keys = [(1, "b"), (0, 2.5), (1,), (0, 2), (1, "a", 3), (-1, None), (1, "a"), (0, 2.0)] * 10
print(sorted(keys, key=lambda k: k)[:12])
print(sorted(range(200), key=lambda i: (i % 3, -i))[:10])
print(sorted([(2**70, 1), (1, 2), (-2**70, 3)] * 30)[:4])
try:
    sorted([(1, "a"), (1, 2)] * 40)
except TypeError as e:
    print("TypeError:", e)

class Key:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v > other.v
    def __eq__(self, other):
        return self.v == other.v
    def __repr__(self):
        return "Key(%d)" % self.v
print(sorted([(i % 2, Key(i)) for i in range(70)])[:6])

flags = [x > 2 for x in range(7)]
print(flags.count(True), flags.count(False), flags.count(1), flags.count(0.0), [True, 1, 1.0].count(True))
print({True: "a", 1: "b", 1.0: "c"}, {False, 0, 0.0}, True in {1.0}, 0.0 in {False})

class C:
    x = 1
    def m(self):
        return 2
d = C.__dict__
print(type(d).__name__, d["x"], "m" in d, "y" in d, sorted(k for k in d if not k.startswith("__")))
C.y = 3
print("y" in C.__dict__, C.__dict__ is C.__dict__, C.__dict__ == C.__dict__)
try:
    d["z"] = 1
except TypeError as e:
    print("TypeError:", e)
pairs = [("b", 2, "x"), ("a", 3, "y"), ("b", 1, "z"), ("a", 3, "a")] * 20
print(sorted(pairs)[:5], sorted(pairs, reverse=True)[:3])
print(sorted([("é", 1), ("e", 2), ("z", 0), ("ü", -1)]), sorted([(-2**63, "a"), (2**63 - 1, "b"), (0, "c")]))
