# How many times dict operations call a key's __hash__ (CPython: once per
# lookup or insert; merges reuse the hashes stored in the source dict).
class K:
    calls = 0
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        K.calls += 1
        return hash(self.v)
    def __eq__(self, o):
        return isinstance(o, K) and o.v == self.v
    def __repr__(self):
        return "K(%r)" % (self.v,)

def count(label, f):
    K.calls = 0
    r = f()
    print(label, K.calls, r)

d = {}
count("setdefault new", lambda: d.setdefault(K(1), []))
count("setdefault old", lambda: d.setdefault(K(1), ["unused"]))
count("setdefault no default", lambda: d.setdefault(K(2)))
print(d)
src = {K(i): i for i in range(5)}
count("update", lambda: d.update(src))
count("dict()", lambda: len(dict(src)))
count("or", lambda: len(src | {K(9): 9}))
count("ior", lambda: len(d.__ior__(src)))
count("copy", lambda: len(src.copy()))
count("fromkeys", lambda: len(dict.fromkeys([K(1), K(2), K(1)])))
count("get+set", lambda: d.__setitem__(K(3), d.get(K(3), 0) + 1))
count("pop", lambda: d.pop(K(3)))
count("in", lambda: K(4) in d)

class Sub(dict):
    pass
count("update from subclass", lambda: Sub(src).update(src))

# setdefault with an __eq__ that mutates the dict.
class Clearer:
    def __init__(self, d):
        self.d = d
    def __hash__(self):
        return 5
    def __eq__(self, other):
        self.d.clear()
        return False
m = {}
m[Clearer(m)] = "x"
print(m.setdefault(Clearer(m), "y"), len(m), list(m.values()))

# setdefault on str keys, str subclass keys and numbers.
s = {}
for w in ["a", "b", "a", "c", "b", "a"]:
    s.setdefault(w, []).append(len(s))
print(s)
class T(str):
    pass
print(s.setdefault(T("a")), s.setdefault(1.0, "one"), s.setdefault(True, "true"), s)
try:
    s.setdefault([], 1)
except TypeError as e:
    print("TypeError:", e)
try:
    s.setdefault()
except TypeError as e:
    print("TypeError:", e)
