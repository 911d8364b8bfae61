# dict lookups and stores with str keys: the exact-str fast path must agree
# with the general one for equal texts in distinct objects, non-ASCII texts,
# str subclasses, and keys of other types whose hash equals a str's hash.

d = {}
words = ["alpha", "beta", "gamma", "été", "naïve", "日本語", "x" * 40, "", "a b"]
for i, w in enumerate(words):
    d[w] = i
for w in words:
    copy = "".join(list(w))          # equal text, distinct object
    assert d[copy] == d.get(copy) == words.index(w)
    d[copy] += 10
print(sorted(d.items()))
print(d.get("missing"), d.get("missing", 5), "alpha" in d, "alph" in d)
print(d.setdefault("new", []), d.setdefault("alpha", "no"))

class S(str):
    pass

d2 = {"k": 1}
d2[S("k")] = 2                      # equal to the existing exact-str key
print(d2, type(list(d2)[0]).__name__)
d2[S("z")] = 3
print(d2["z"], d2.get(S("z")), type(list(d2)[1]).__name__)

loud_calls = []
class Loud(str):
    def __eq__(self, other):
        loud_calls.append((str.__str__(self), other))
        return str.__eq__(self, other)
    __hash__ = str.__hash__

def loud_ran():
    ran = sorted(set(loud_calls))
    loud_calls.clear()
    return ran

d3 = {Loud("key"): "loud"}
print(d3.get("key"), loud_ran(), d3["key"], loud_ran())    # the stored key's __eq__ runs
d3["key"] = "replaced"
print(loud_ran(), list(d3.values()), type(list(d3)[0]).__name__)

# (How often __eq__ runs depends on the random str hash: a probe sequence
# may visit the same slot twice. Only whether it ran is printed.)
class SameHash:
    def __init__(self, text, answer):
        self.text = text
        self.answer = answer
        self.seen = []
    def __hash__(self):
        return hash(self.text)
    def __eq__(self, other):
        if other not in self.seen:
            print("SameHash.__eq__ with", repr(other))
            self.seen.append(other)
        return self.answer

d4 = {SameHash("spam", True): "object"}
print(d4.get("spam"))               # the object claims equality
d4["spam"] = "stored"
print(len(d4), list(d4.values()))
d5 = {SameHash("eggs", False): "object"}
print(d5.get("eggs"))
d5["eggs"] = "str"
print(len(d5), d5["eggs"])

# Numbers and None never equal a str even with colliding hashes.
d6 = {hash("ham"): "int", None: "none", 1.5: "float", True: "bool"}
d6["ham"] = "str"
print(len(d6), d6["ham"], d6[hash("ham")])

# Mutation through __eq__ during a str lookup.
class Mutator:
    def __init__(self, target):
        self.target = target
    def __hash__(self):
        return hash("victim")
    def __eq__(self, other):
        self.target.clear()
        return False

d7 = {}
d7[Mutator(d7)] = 1
print(d7.get("victim"), len(d7))
