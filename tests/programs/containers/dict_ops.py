# dict: construction forms, methods, __missing__, views and their set operations, errors
d = dict(a=1, b=2)
print(d, dict([("x", 1), ("y", 2)]), dict({"k": 0}, z=9), dict(), dict.fromkeys("ab", 0))
for bad in [lambda: dict([1]), lambda: dict([(1, 2, 3)]), lambda: dict(1), lambda: dict([], []), lambda: {}.popitem()]:
    try:
        bad()
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
print(d.get("a"), d.get("q"), d.get("q", 5), d.setdefault("c", 3), d.setdefault("a", 100), d)
print(d.pop("c"), d.pop("c", None), list(d.keys()), list(d.values()), list(d.items()))
try:
    d.pop("nope")
except KeyError as e:
    print(type(e).__name__, e)
d2 = d.copy()
d2["a"] = 0
print(d, d2, d == d2, d != d2, d == {"b": 2, "a": 1})
print(d | {"z": 26}, {"z": 26} | d)
d |= [("m", 13)]
print(d)
class Default(dict):
    def __missing__(self, key):
        self[key] = len(key)
        return self[key]
dd = Default()
print(dd["abc"], dd, dd.get("zz"), "zz" in dd, type(dd).__name__)
class Counter(dict):
    pass
c = Counter(a=1)
c["b"] = 2
print(c, type(c | {}).__name__, isinstance(c, dict))
try:
    Counter()["x"]
except KeyError as e:
    print(type(e).__name__, e)
ks = d.keys()
print(ks, d.values(), d.items(), len(ks), "a" in ks, ("a", 1) in d.items(), 1 in d.values())
print(ks & {"a", "q"}, ks | {"q"} == {"a", "b", "m", "q"}, ks - {"a"} == {"b", "m"}, ks ^ {"a", "q"} == {"b", "m", "q"})
print(ks == {"a", "b", "m"}, ks < {"a", "b", "m", "n"}, d.items() <= {("a", 1), ("b", 2), ("m", 13)}, ks.isdisjoint(["x"]))
print(ks.mapping, type(ks.mapping).__name__, ks.mapping["a"])
print(list(reversed(d)), list(reversed(d.items())), list(reversed(d.values())))
it = iter(d)
next(it)
d["new"] = 1
try:
    next(it)
except RuntimeError as e:
    print(type(e).__name__, e)
r = {}
r["self"] = r
print(r, {1: [r]})
print({1: 1, 2: 2}.__len__(), {}.__contains__(1), {1: 2}.__getitem__(1))
keys = [str(i) for i in range(50)]
big = dict.fromkeys(keys)
for k in keys[::2]:
    del big[k]
print(list(big)[:5], len(big))
e = {}
e.update(x=1)
e.update({"y": 2}, z=3)
e.update([("w", 4)])
print(e, sorted(e), sorted(e.items(), key=lambda kv: kv[1], reverse=True))
print({True: 1, 1: 2, 1.0: 3}, {(1, 2): "t"}[1, 2], {None: 0}.get(None))
try:
    {[]: 1}
except TypeError as e:
    print(type(e).__name__, e)
