def g(xs):
    r = yield from xs
    return r
for xs in [(1, 2), [3, 4], "ab", range(3), iter([5]), {7: 1}, {8}, b"z", (x for x in (1,)), zip("ab", "cd"), enumerate("q")]:
    print(list(g(xs)))
def h():
    x = yield from [1, 2]
    print("ret", x)
    y = yield from (i for i in [3])
    print("ret", y)
print(list(h()))
it = g([1, 2])
print(next(it), it.send(None))
try:
    it.send(5)
except AttributeError as e:
    print(e)
it = g((1,))
next(it)
try:
    next(it)
except StopIteration as e:
    print("stop", e.value)
it = g(iter([1, 2]))
next(it)
try:
    it.send(3)
except AttributeError as e:
    print(e)
