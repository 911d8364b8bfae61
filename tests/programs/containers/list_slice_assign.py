# Slice assignment to lists: same length (swapped in place), growing,
# shrinking, extended slices, self-assignment and errors.
p = list(range(10))
for k in (3, 9, 0, 5):
    p[:k + 1] = p[k::-1]
    print(p)
q = [1, 2, 3, 4]
q[1:3] = "ab"
print(q)
q[1:3] = []
print(q)
q[1:1] = range(3)
print(q)
q[:] = q
print(q)
q[1::2] = q[::2][:2]
print(q)
q[5:2] = [9]
print(q)
q[-2:] = (7, 8)
print(q)
class Noisy:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
r = [Noisy(1), Noisy(2), 3]
r[:2] = [4, 5]
print("after", r)
r[::2] = [Noisy(6), 0]
print("after2", r[1:])
del r
for bad in (lambda: q.__setitem__(slice(None, None, 2), [1]), lambda: q.__setitem__(slice(0, 1), 5), lambda: q.__setitem__(slice(None, None, 0), [])):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
