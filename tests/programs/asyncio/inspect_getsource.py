# inspect.getsource/getsourcelines for functions, decorated functions, methods, classes, lambdas and one-liners.
import inspect, functools
def plain(a, b):
    # comment inside
    c = a + b

    return c
@functools.lru_cache
def cached(x):
    return x
class K:
    """Doc."""
    def m(self):
        if True:
            return 1
    x = 5
one = lambda v: v * 2
def oneline(): return 1
class Empty: pass
print(inspect.getsource(plain), end="")
print(inspect.getsource(K.m), end="")
print(inspect.getsource(K), end="")
print(inspect.getsource(one), end="")
print(inspect.getsource(oneline), end="")
print(inspect.getsource(Empty), end="")
print(inspect.getsourcelines(plain)[1], inspect.getsourcelines(K)[1])
print(inspect.getsource(cached), end="")
try: inspect.getsource(len)
except TypeError as e: print("TypeError", e)
