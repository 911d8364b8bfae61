# list: construction, methods, slicing, operators, comparison, sort
a = list(range(5))
print(a, list("abc"), list((1, 2)), list({"k": 1}), list())
a.append(5); a.extend([6, 7]); a.insert(0, -1); a.insert(100, 99)
print(a, a.pop(), a.pop(0), a.index(3), a.count(3))
a.remove(3)
print(a, 3 in a, 4 in a, len(a))
print(a[1:4], a[::2], a[::-1], a[-2:], a[100:], a[:-100])
b = a.copy()
b.reverse()
print(b, a == b[::-1], a is b)
b.sort()
print(b == a, sorted(b, reverse=True))
c = [3, 1, 2]
c[1:2] = [10, 20, 30]
print(c)
del c[0]
print(c)
c[::2] = ["x", "y"]
print(c)
try:
    c[::2] = [1]
except ValueError as e:
    print(type(e).__name__, e)
try:
    c[::2] = 5
except TypeError as e:
    print(type(e).__name__, e)
print([1, 2] + [3], [0] * 3, 2 * [1, 2], [1, 2] * -1)
d = [1]
d += "ab"
d *= 2
print(d)
for bad in [lambda: [] + (), lambda: [] * 1.5, lambda: [].pop(), lambda: [1].index(2), lambda: [].remove(0), lambda: [1][5], lambda: [1][str(1)]]:
    try:
        bad()
    except (TypeError, IndexError, ValueError) as e:
        print(type(e).__name__, e)
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 5], [] == [], [1] != [1.0])
words = ["banana", "Apple", "cherry", "apple"]
words.sort(key=str.lower)
print(words)
words.sort(key=len, reverse=True)
print(words)
try:
    [3, "a", 1].sort()
except TypeError as e:
    print(type(e).__name__, e)
lst = [5, 4, 3]
def key(x):
    lst.append(0)
    return x
try:
    lst.sort(key=key)
except ValueError as e:
    print(type(e).__name__, e, lst)
class L(list):
    pass
l = L([1, 2])
l.append(3)
print(l, type(l).__name__, type(l + [4]).__name__, type(l[:1]).__name__, l == [1, 2, 3])
nested = [[1, 2], [3]]
print(nested, repr(nested), str([None, True, "s", 1.5]))
r = []
r.append(r)
print(r, [r, r])
big = list(range(1000))
big.sort(key=lambda x: -x)
print(big[:3], big[-3:])
print(list(reversed([1, 2, 3])), [1, 2, 3].__reversed__().__length_hint__(), iter([1, 2]).__length_hint__())
x = [1, 2, 3]
it = iter(x)
print(next(it), list(it), list(it))
print(hash is not None, [].__hash__ is None)
