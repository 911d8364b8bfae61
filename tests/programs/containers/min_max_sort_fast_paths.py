l = [3, 1, 2]
def k(x):
    if len(l) < 6: l.append(x + 10)
    return x
print(max(l, key=k), l)
print(min(3, 1.5, 2), max(2.5, float("nan")), max(float("nan"), 2.5), min([], default="d"), sum([1, 2.5, True]), sum([[1], [2]], []))
print(max("abc", "abd"), min([(1, "b"), (1, "a")]), sum([10**20, 1]), max([1, 2], [1, 3]), sum(x for x in range(5)))
try:
    max([])
except ValueError as e:
    print(e)
try:
    min(1, 2, default=3)
except TypeError as e:
    print(e)
print(sorted([(1, [2]), (1, [1]), (0, "z")][:2]), sorted([(2, "b"), (1, "z"), (2, "a"), (1,)]))
try:
    sorted([(1, "a"), (1, 2)])
except TypeError as e:
    print(e)
print(sorted([(float("nan"), 1), (1.0, 2)]), [1, 2] < [1, 2.0, 0], (1, "a") == (1.0, "a"))
