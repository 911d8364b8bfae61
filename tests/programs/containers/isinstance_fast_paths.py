# isinstance() with plain classes (decided without calls) and every case
# that must still take the general path: __class__ overrides,
# proxy classes, metaclass hooks, ABCs, unions, nested and subclassed tuples.
from abc import ABC, abstractmethod
from collections.abc import Sized

class Base: pass
class Child(Base): pass
class Liar:
    @property
    def __class__(self):
        return Base
class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "magic"
class Hooked(metaclass=Meta): pass
class Abstract(ABC):
    @abstractmethod
    def f(self): ...
class Impl(Abstract):
    def f(self): return 1
class Registered: pass
Abstract.register(Registered)
class T(tuple): pass

values = [1, True, 2.5, 1j, "s", b"b", bytearray(b"x"), (1,), [1], {1: 2}, {1}, frozenset(), None,
          len, lambda: 0, Base(), Child(), Liar(), Impl(), Registered(), 10**30]
classes = [int, bool, float, complex, str, bytes, bytearray, tuple, list, dict, set, frozenset,
           type(None), object, Base, Child, Hooked, Abstract, Sized, type(len), type(lambda: 0)]
rows = []
for v in values:
    rows.append("".join("1" if isinstance(v, c) else "." for c in classes))
print("\n".join(rows))
print(isinstance(Liar(), Base), isinstance(Liar(), Liar), isinstance("magic", Hooked), isinstance("x", Hooked))
print(isinstance(1, (str, (float, int))), isinstance("a", (int, float)), isinstance(Child(), (int, Base)),
      isinstance(3, T((str, int))), isinstance(3, T((str,))), isinstance("magic", (int, Hooked)))
print(isinstance(1, int | str), isinstance(None, int | None), isinstance(2.0, int | str), isinstance([], list[int].__origin__))
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
    def __getattribute__(self, name):
        if name == "__class__":
            return type(object.__getattribute__(self, "_target"))
        return object.__getattribute__(self, name)
print(isinstance(Proxy(Child()), Base), isinstance(Proxy(1), int), isinstance(Proxy(1), (str, int)), isinstance(Proxy(1), Proxy))
print(isinstance(Base, type), isinstance(Meta, type), isinstance(Hooked, Meta), isinstance(int, object), isinstance(type, type))
for bad in (1, "int", (int, 2), [int]):
    try:
        isinstance(1, bad)
    except TypeError as e:
        print("TypeError", e)
