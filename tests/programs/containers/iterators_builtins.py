# enumerate/zip/map/filter/reversed/iter(callable, sentinel)/sequence iteration and builtin functions
print(list(enumerate("ab")), list(enumerate("ab", 5)), list(enumerate(iterable="x", start=-1)))
print(list(zip("abc", range(2))), list(zip()), list(zip("a", "b", "c")))
try:
    list(zip("ab", "abc", strict=True))
except ValueError as e:
    print(type(e).__name__, e)
print(list(map(len, ["a", "bb"])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(filter(None, [0, 1, "", "a"])))
print(list(reversed([1, 2])), list(reversed("ab")), list(reversed((1, 2, 3))))
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
    def __len__(self):
        return 3
print(list(Seq()), list(reversed(Seq())), 20 in Seq(), list(iter(Seq())))
n = iter([1, 2, 3, 0, 4])
print(list(iter(lambda: next(n), 0)))
for bad in [lambda: reversed(5), lambda: reversed({1}), lambda: iter(5), lambda: next([]), lambda: iter(5, 1), lambda: map(len), lambda: enumerate()]:
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
it = iter([])
print(next(it, "default"), next(iter("x"), None))
print(abs(-5), abs(-2.5), abs(True), divmod(7, 2), divmod(-7, 2), divmod(7, -2), pow(2, 10), pow(2, 10, 1000), pow(3, -1, 7), pow(-2, 3, 5))
print(round(2.5), round(3.5), round(2.675, 2), round(7), round(-0.5))
print(chr(65), chr(0x1F600), ord("A"), ord("é"), bin(10), bin(-10), oct(64), hex(255), hex(-1), bin(0))
for bad in [lambda: chr(-1), lambda: ord("ab"), lambda: ord(5), lambda: hex(1.0), lambda: divmod(1, 0), lambda: pow(2, 3, 0), lambda: abs("x")]:
    try:
        bad()
    except (ValueError, TypeError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
print(min(3, 1, 2), max([1, 5, 2]), min("bca"), max([], default=0), min([3, 1], key=lambda v: -v), max("a", "B", key=str.lower))
print(sum([1, 2, 3]), sum([0.1] * 10), sum([[1], [2]], []), sum(range(5), 10), sum([1.5, 2]), sum([1e100, 1.0, -1e100]))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print(type(e).__name__, e)
print(any([0, 1]), all([1, 0]), any([]), all([]), callable(len), callable(1), callable(int))
print(isinstance(1, int), isinstance(True, (str, int)), isinstance(1, (str, (bytes, int))), issubclass(bool, int), issubclass(int, (str, object)))
try:
    isinstance(1, 1)
except TypeError as e:
    print(type(e).__name__, e)
class A:
    pass
a = A()
setattr(a, "v", 1)
print(getattr(a, "v"), getattr(a, "w", "dflt"), hasattr(a, "v"), hasattr(a, "w"))
delattr(a, "v")
print(hasattr(a, "v"), vars(a), "v" in dir(a))
try:
    getattr(a, "missing")
except AttributeError as e:
    print(type(e).__name__, e)
print(repr("x"), ascii("é☃"), format(5), format("s", ""), repr([1, "a"]))
print(1, 2, sep="-", end="!\n")
print("a", "b", sep=None, end=None)
import io
buf = io.StringIO()
print("to", "buffer", file=buf)
print(repr(buf.getvalue()))
print(id(a) == id(a), hash(1) == hash(1.0), hash("a") == hash("a"), len("abc"), len([1]), len({}))
print(sorted([3, 1, 2], reverse=True), sorted("bca", key=ord), sorted({2: 0, 1: 0}))
