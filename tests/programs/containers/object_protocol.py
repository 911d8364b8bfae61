# object(): construction rules, identity comparisons, repr/str/format, attribute natives
class Plain:
    pass

class WithInit:
    def __init__(self, a, b=2):
        self.a, self.b = a, b

class WithNew:
    def __new__(cls, *args):
        inst = super().__new__(cls)
        inst.args = args
        return inst

for make in [lambda: object(1), lambda: Plain(1), lambda: Plain(x=1), lambda: object.__new__(5)]:
    try:
        make()
    except TypeError as e:
        print(type(e).__name__, e)
w = WithInit(1)
print(w.a, w.b, WithNew(1, 2).args)
p, q = Plain(), Plain()
print(p == p, p == q, p != q, p.__eq__(q) is NotImplemented, p.__lt__(q) is NotImplemented)
try:
    p < q
except TypeError as e:
    print(type(e).__name__, e)
print(repr(p).startswith("<__main__.Plain object at 0x"), str(p) == repr(p), format(p) == str(p))
try:
    format(p, "x")
except TypeError as e:
    print(type(e).__name__, e)
print(hash(p) == hash(p), hash(p) != hash(q), type(hash(p)).__name__)
object.__setattr__(p, "x", 10)
print(object.__getattribute__(p, "x"), p.__dict__)
object.__delattr__(p, "x")
print(p.__dict__, hasattr(p, "x"))
try:
    object.__setattr__(p, 1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    object().x = 1
except AttributeError as e:
    print(type(e).__name__, e)
print(p.__class__ is Plain, type(p).__name__, Plain.__name__)
p.y = 5
p.__dict__["z"] = 6
print(sorted(p.__dict__.items()), p.z, vars(p) is p.__dict__)
print("y" in dir(p), "__init__" in dir(p), dir(p) == sorted(dir(p)))
class Eq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, Eq) and self.v == other.v
    __hash__ = None
print(Eq(1) == Eq(1), Eq(1) != Eq(1), Eq(1) != Eq(2))
try:
    hash(Eq(1))
except TypeError as e:
    print(type(e).__name__, e)
class Sub:
    def __init_subclass__(cls, **kw):
        cls.kw = kw
class Child(Sub, flag=True):
    pass
print(Child.kw)
try:
    class Bad(Plain, flag=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)
print(object.__subclasshook__() is NotImplemented, isinstance(object(), object), issubclass(Plain, object))
