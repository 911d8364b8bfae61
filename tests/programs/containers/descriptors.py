# property, classmethod, staticmethod: constructors, chaining, errors naming the attribute
class C:
    def __init__(self):
        self._x = 0

    @property
    def x(self):
        "the x value"
        return self._x

    @x.setter
    def x(self, v):
        self._x = v * 2

    @x.deleter
    def x(self):
        print("deleting x")
        self._x = None

    ro = property(lambda self: 42)

    @classmethod
    def make(cls, n):
        return (cls.__name__, n)

    @staticmethod
    def add(a, b):
        return a + b

c = C()
c.x = 5
print(c.x, C.x.__doc__, type(C.__dict__["x"]).__name__)
del c.x
print(c.x, c.ro)
for op in [lambda: setattr(c, "ro", 1), lambda: delattr(c, "ro")]:
    try:
        op()
    except AttributeError as e:
        print(type(e).__name__, e)
p = property()
class D:
    attr = p
try:
    D().attr
except AttributeError as e:
    print(type(e).__name__, e)
print(C.make(3), c.make(4), C.add(1, 2), c.add(3, 4))
print(type(C.__dict__["make"]).__name__, type(C.__dict__["add"]).__name__)
print(C.__dict__["make"].__func__ is C.__dict__["make"].__wrapped__, C.__dict__["add"].__func__(5, 6))
print(C.__dict__["add"](1, 1), callable(C.__dict__["add"]))
prop = C.__dict__["x"]
print(prop.fget.__name__, prop.fset.__name__, prop.fdel.__name__, prop.__get__(c), prop.__get__(None, C) is prop)
prop.__set__(c, 10)
print(c._x)
q = property(lambda s: 1, doc="documented")
print(q.__doc__, property(len).__doc__ == len.__doc__)
try:
    property(1, 2, 3, 4, 5)
except TypeError as e:
    print(type(e).__name__, e)
class Base:
    @property
    def v(self):
        return "base"
class Derived(Base):
    @Base.v.getter
    def v(self):
        return "derived"
print(Base().v, Derived().v)
class Counter:
    count = 0
    @classmethod
    def inc(cls):
        cls.count += 1
        return cls.count
class Sub(Counter):
    pass
print(Counter.inc(), Sub.inc(), Sub.inc(), Counter.count, Sub.count)
sm = staticmethod(len)
cm = classmethod(len)
print(repr(sm), repr(cm))
