class A:
    def __init__(self, x, y=2, *, z=3):
        self.s = x + y + z
class B(A):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.b = True
class Bad:
    def __init__(self):
        return 5
class S:
    __slots__ = ("p",)
    def __init__(self, p):
        self.p = p
for i in range(3):
    print(A(1).s, A(1, 1, z=1).s, B(1, y=0).s, B(2).b, S(7).p)
try:
    Bad()
except TypeError as e:
    print(e)
try:
    A()
except TypeError as e:
    print(e)
class C:
    def __init__(self):
        raise ValueError("boom")
try:
    C()
except ValueError as e:
    print("VE", e)
A.__init__ = lambda self: setattr(self, "s", "patched")
print(A().s)
import abc
class Abs(abc.ABC):
    @abc.abstractmethod
    def f(self): ...
    def __init__(self): pass
try:
    Abs()
except TypeError as e:
    print(e)
def rec(n):
    class R:
        def __init__(self):
            rec(n + 1)
    R()
try:
    rec(0)
except RecursionError:
    print("RecursionError")
