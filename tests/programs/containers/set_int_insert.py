# Adding ints to sets (set displays, comprehensions, add): iteration order,
# equal keys of other kinds (True, 1.0, int subclasses), reuse of deleted
# slots and growth, all as in CPython.
class MyInt(int):
    def __eq__(self, other):
        print("eq", int(self), other)
        return int.__eq__(self, other)
    __hash__ = int.__hash__

print({c + r for r, c in zip(range(8), (3, 1, 4, 0, 6, 2, 7, 5))})
print({x * 37 % 101 for x in range(60)})
print({-1, -2, 2**61 - 1, 2**61, 2**62, -2**63, 2**63 - 1, 0})
s = {True, 1.0}
s.add(1)
s.add(2)
print(s, len(s))
s = {1.0, 2}
print({x for x in [1, 1.0, True, 2, 2.0]}, s | {1})
s = {MyInt(5)}
s.add(5)
print(s, len(s))
s = set(range(20))
for i in range(0, 20, 3):
    s.discard(i)
for i in range(100, 110):
    s.add(i)
print(s)
s.add(3)
s.add(33)
print(s, 3 in s, 33 in s, 0 in s)
print(sorted({i * i % 17 for i in range(1000)}))
print({i for i in range(-5, 5)}, {2**64 % 7, 10**20 % 13})
t = {0}
for i in range(1, 5000):
    t.add(i * 7919 % 10007)
print(len(t), sum(t), list(t)[:10])
s = set(range(5)); s.discard(1); s.discard(3); s.add(33); print(s)
s = set(range(5)); s.discard(1); s.discard(3); s.add(1); print(s)
s = {"a", "b", "c", "d"}; s.discard("b"); s.discard("c"); s.add("e"); print(len(s), "e" in s)
s = set(range(5)); s.discard(1); s.discard(3); s.add(33.0); print(s)
