# `{**d}` and `f(**d)` merge a dict with its stored hashes: no __hash__ calls.
calls = []


class Key:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        calls.append(self.name)
        return hash(self.name)

    def __eq__(self, other):
        return isinstance(other, Key) and other.name == self.name

    def __repr__(self):
        return "Key(%r)" % self.name


d = {Key("a"): 1, Key("b"): 2}
print(len(calls), calls)
merged = {**d}
print(len(calls), sorted(k.name for k in merged))
both = {**d, **{Key("c"): 3}}
print(len(calls), sorted(k.name for k in both))
over = {Key("a"): 0, **d}
print(len(calls), over[Key("a")])
print(len(calls))
