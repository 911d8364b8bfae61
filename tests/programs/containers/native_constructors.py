# Classes with native constructors called directly (the per-class cache),
# and the cases that must take type.__call__'s general rules.
class E(Exception):
    pass
e = E("x", 2)
print(type(e).__name__, e.args, str(e))
class E2(ValueError):
    def __init__(self, a):
        super().__init__("wrapped " + a)
print(E2("z").args)
class T(tuple):
    pass
def gen():
    T.__init__ = lambda self, it: print("late init", tuple(self))
    yield 1
    yield 2
print(T(gen()))
print(T([3]))
class L(list):
    pass
l1 = L("ab")
L.__init__ = lambda self, *a: self.append("init replaced")
print(l1, L("cd"))
del L.__init__
print(L("ef"))
class NewOther(int):
    def __new__(cls, v):
        return "not an int"
print(NewOther(5))
class Meta(type):
    def __call__(cls, *a):
        return ("meta call", a)
class WithMeta(list, metaclass=Meta):
    pass
print(WithMeta(1, 2))
print(type(1), type("x"), range(3), list(range(2)), dict(a=1), zip.__name__, enumerate([1], start=5).__next__())
for bad in (lambda: E2(), lambda: T(1, 2), lambda: type("x", (), {}, 1)):
    try:
        bad()
    except TypeError as err:
        print("TypeError:", err)
