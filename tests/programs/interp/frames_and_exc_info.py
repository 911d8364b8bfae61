import sys
def leaf(n):
    if n == 0:
        raise ValueError("leaf")
    return leaf(n - 1)
def outer():
    try:
        leaf(2)
    except ValueError:
        t, v, tb = sys.exc_info()
        print(t.__name__, v, sys.exception() is v)
        names = []
        while tb is not None:
            names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
            tb = tb.tb_next
        print(names)
    print(sys.exc_info(), sys.exception())
outer()
def where():
    f = sys._getframe()
    b = sys._getframe(1)
    return f.f_code.co_name, f.f_lineno, b.f_code.co_name, f.f_back is b, sorted(f.f_locals)
def caller():
    local_x = 1
    return where()
print(caller())
try:
    sys._getframe(1000)
except ValueError as e:
    print(e)
print(sys._getframe().f_globals is globals(), sys._getframe().f_code.co_name)
print(__import__("math").floor(2.5), __import__("os.path").__name__)
import types
print(types.SimpleNamespace(a=1, b="x"), types.ModuleType("q", "doc").__doc__)
class Eq:
    def __eq__(self, o): return True
print(Eq.__hash__)
try:
    hash(Eq())
except TypeError as e:
    print(e)
