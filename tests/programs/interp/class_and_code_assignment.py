class A:
    def who(self): return "A"
class B:
    def who(self): return "B"
class S1:
    __slots__ = ("x",)
class S2:
    __slots__ = ("y",)
class S3:
    __slots__ = ("x",)
class L(list): pass
a = A(); a.v = 1
a.__class__ = B
print(a.who(), a.v, type(a).__name__, isinstance(a, B))
for obj, cls in [(A(), S1), (S1(), S2), (S1(), S3), (L(), A), (A(), L), (1, A), (A(), int), (A(), 5)]:
    try:
        obj.__class__ = cls
        print("ok", type(obj).__name__)
    except TypeError as e:
        print("TypeError", e)
import types
m = types.ModuleType("m")
class MM(types.ModuleType): pass
m.__class__ = MM
print(type(m).__name__)
def f(): return 1
def g(): return 2
f.__code__ = g.__code__
print(f(), f.__name__)
try: f.__code__ = 5
except TypeError as e: print(e)
