# copy/deepcopy of immutables holding mutables; NaN identity in containers;
# itertools types checked eagerly; heapq/reduce/islice errors; divmod signs
import copy, itertools, heapq, functools, math, collections
t = (1, [2], frozenset({3}))
d = copy.deepcopy(t)
print(d == t, d is t, d[1] is t[1], copy.copy(t) is t, copy.deepcopy((1, "a")) is not None)
fs = frozenset({(1, 2)})
print(copy.deepcopy(fs) == fs, copy.deepcopy([t, t])[0] is copy.deepcopy([t, t])[1])
nan = float("nan")
other = float("nan")
print(nan is nan, nan is other, {nan: 1, other: 2}, len({nan, other, nan}), [nan].count(nan), [other].count(nan))
print(nan in [nan], other in [nan], (nan,) == (nan,), [nan] == [other], math.isnan(nan))
for make in [lambda: itertools.batched("abc", 0), lambda: itertools.batched("abc", "2"), lambda: itertools.pairwise(1),
             lambda: itertools.accumulate(5), lambda: itertools.permutations("ab", -1), lambda: itertools.combinations("ab", "x"),
             lambda: itertools.islice("abc", -1), lambda: itertools.islice("abc", 1, -1), lambda: itertools.islice("abc", 0, 2, 0),
             lambda: itertools.starmap(len, 3), lambda: itertools.tee([], -1), lambda: itertools.product([1], repeat=-1),
             lambda: heapq.heappop([]), lambda: heapq.heapreplace([], 1), lambda: functools.reduce(max, 5), lambda: functools.reduce(max, [])]:
    try:
        r = make()
        print(type(r).__name__, list(r))
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__, e)
print(list(itertools.product("ab", [1, 2])), list(itertools.product()), list(itertools.product("ab", [])))
print(list(itertools.zip_longest("ab", [1], fillvalue=0)), [list(x) for x in itertools.tee("xy", 3)])
print(list(itertools.dropwhile(lambda x: x < 2, [1, 2, 1])), list(itertools.takewhile(lambda x: x < 2, [1, 2, 1])))
print(list(itertools.filterfalse(None, [0, 1, 2, ""])), list(itertools.compress("abc", [1, 0, 1])))
print([divmod(a, b) for a in (7, -7, 0) for b in (2, -2)], divmod(-(2**70), 3), divmod(7.5, -2))
print(math.perm(5), math.perm(5, 2))
try:
    math.perm(-1)
except ValueError as e:
    print(e)
q = collections.deque([1])
q.append(q)
o = collections.OrderedDict(a=1)
o["o"] = o
print(q, o, [q])
a, *b = "xyz"
try:
    x, y = [1, 2, 3]
except ValueError as e:
    print(e)
m = __import__("math")
print(m.floor(2.5), __import__("collections.abc", fromlist=["Sized"]).__name__, __import__("collections.abc").__name__)
