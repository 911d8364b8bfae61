import builtins
saved = builtins.abs
print(abs(-3))
del builtins.abs
try:
    abs(-1)
except NameError as e:
    print(e)
builtins.abs = saved
print(abs(-4))
import types
m = types.ModuleType("cfg", "doc here")
print(m, m.__doc__, m.__name__)
m2 = types.ModuleType("x")
print(m2.__doc__, repr(m2))
import builtins, sys
m = sys.modules[__name__]
m.X = 5
print(X)
setattr(m, 'Y', 6)
print(Y)
builtins.foo = 1
print(foo)
delattr(m, 'Y')
print('Y' in globals())
