# Slice objects made of ints/None (reused when nothing holds them), list
# slicing with steps, equal-length slice assignment from temporaries, and
# the direct paths of list.pop / list.insert.
import gc
import weakref

# slices stay distinct while held
s1 = slice(1, 2)
s2 = slice(1, 2)
print(s1 is s2, s1 == s2, s1, s2)
held = [slice(i, i + 1, -1) for i in range(4)]
print(held)
print(len({id(s) for s in held}))
t = slice(None, 5, None)
print(t.start, t.stop, t.step, t.indices(3))
obj_slice = slice("a", [1], None)
print(obj_slice, gc.is_tracked(obj_slice))
print(slice(1, 2, 3) == slice(1, 2, 3), hash(slice(1, 2, 3)) == hash(slice(1, 2, 3)))

# a slice made inside a subscript and kept by the callee
class Keep:
    def __getitem__(self, s):
        self.last = s
        return s
k = Keep()
a = k[1:2:3]
b = k[4:5:6]
print(a, b, a is b, k.last is b)

# list slicing: every step sign and bound shape
data = list(range(10))
for st in (None, 1, 2, 3, -1, -2, -3, 7, -7, 100, -100):
    for lo in (None, 0, 3, -3, 9, 10, 20, -20):
        print(st, lo, data[lo::st], data[:lo:st], data[lo:lo and lo + 3:st])
tup = tuple(data)
print(tup[::-1], tup[5::-1], tup[::2], tup[-2::-3], tup[3:7], tup[:], tup[::-1] is tup)
try:
    data[::0]
except ValueError as e:
    print("ValueError", e)

# equal-length slice assignment from a temporary, also reversing
p = list(range(8))
for k in range(7, 0, -1):
    p[:k + 1] = p[k::-1]
    print(p)
p[2:5] = [p[4], p[3], p[2]]
print(p)
p[:3] = (9, 8, 7)
print(p)
# self-assignment and overlapping
a = [1, 2, 3, 4]
a[:] = a
print(a)
a[1:3] = a
print(a)
a[::2] = a[1::2]
print(a)
try:
    a[::2] = [1, 2]
except ValueError as e:
    print("ValueError", e)
try:
    a[::-1] = [1]
except ValueError as e:
    print("ValueError", e)
a[:2] = []
print(a)
a[len(a):] = [0, 0]
print(a)

# released items of a slice assignment go last first
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
x = [D(1), D(2), D(3), 4]
x[:3] = [5, 6, 7]
print("after", x)
x[1:3] = [D(8), D(9)][::-1]
print("replaced", [getattr(v, "n", v) for v in x])
x[1:3] = [0, 0]
print("end", x)

# subclasses take the generic paths
class L(list):
    def __getitem__(self, i):
        r = list.__getitem__(self, i)
        return ("L", r) if isinstance(i, slice) else r
class T(tuple):
    pass
l = L(range(6))
print(l[::-1], l[1:3], type(l[:]))
tt = T(range(6))
print(tt[::-1], type(tt[::-1]), tt[:] is tt, type(tt[:]))

# list.pop / list.insert
q = list(range(5))
print(q.pop(0), q.pop(), q.pop(-1), q.pop(1), q)
q.insert(0, "a"); q.insert(-1, "b"); q.insert(100, "c"); q.insert(-100, "d"); q.insert(True, "e")
print(q)
for bad in ([], ):
    try:
        bad.pop()
    except IndexError as e:
        print("IndexError", e)
try:
    q.pop(50)
except IndexError as e:
    print("IndexError", e)
try:
    q.pop("x")
except TypeError as e:
    print("TypeError", e)
try:
    q.insert("x", 1)
except TypeError as e:
    print("TypeError", e)
try:
    q.insert(1)
except TypeError as e:
    print("TypeError", e)
try:
    q.pop(1, 2)
except TypeError as e:
    print("TypeError", e)
print(q.pop(2**70 - 2**70), q)
for big in (2**70, -2**70):
    try:
        q.pop(big)
    except OverflowError as e:
        print("OverflowError", e)
    try:
        q.insert(big, 1)
    except OverflowError as e:
        print("OverflowError", e)
class PL(list):
    def pop(self, i=-1):
        return ("mine", list.pop(self, i))
pl = PL([1, 2, 3])
print(pl.pop(), pl.pop(0), pl, list.pop(pl))
print(list.pop([7, 8], 0), list.insert)
try:
    list.pop((1, 2))
except TypeError as e:
    print("TypeError", e)
