# sum/min/max over dicts, dict views, sets and frozensets (walked in place)
# must match iteration through their iterators, including the errors when
# the container changes size (or keys) during the walk.

d = {"b": 2, "a": 1, "c": 3}
s = {5, 3, 9, 1}
f = frozenset([2.5, -1.0, 7.25])
print(sum(d.values()), max(d), min(d), max(d.keys()), min(d.values()), sum(s), max(s), min(f), sum(f))
print(max(d, key=d.get), min(d.values(), default=0), max({}, default="empty"), sum({}), sum(set(), 10))
print(sum(d.values(), 0.5), max(s, key=lambda x: -x), min(d.items()), max(d.items()))
print(sum({1: "x", 2: "y"}), sum(frozenset()), max(frozenset({"x", "yy"}), key=len))

class D(dict):
    def __iter__(self):
        return iter(["overridden"])
class S(set):
    def __iter__(self):
        return iter([100])
print(max(D(a=1)), max(D(a=1).keys()), sum(S({1, 2})), sum(D(a=1, b=2).values()))

def grow(v):
    d2[v * 10] = v
    return v
d2 = {1: 1, 2: 2}
try:
    max(d2, key=grow)
except RuntimeError as e:
    print("RuntimeError", e)
d3 = {1: 1, 2: 2}
def swap(v):
    if 1 in d3:
        del d3[1]
        d3[3] = 3
    return v
try:
    max(d3.values(), key=swap)
except RuntimeError as e:
    print("RuntimeError", e)
s2 = {1, 2, 3}
def add(v):
    s2.add(v + 100)
    return v
try:
    min(s2, key=add)
except RuntimeError as e:
    print("RuntimeError", e)
class Num:
    def __init__(self, v):
        self.v = v
    def __radd__(self, other):
        d4.clear()
        return other + self.v
d4 = {"x": Num(1), "y": Num(2)}
try:
    print(sum(d4.values()))
except RuntimeError as e:
    print("RuntimeError", e)
try:
    max(d.items(), key=None, default=1, bad=2)
except TypeError as e:
    print("TypeError", e)
