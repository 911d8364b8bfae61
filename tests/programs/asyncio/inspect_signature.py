# inspect.signature: Parameter kinds, defaults and annotations, bind/bind_partial errors, methods, partials, wrapped functions.
import inspect, functools
def f(a:int, b=2, /, c:'str'=3, *args, d, e=5, **kw) -> int: pass
s=inspect.signature(f); print(s, repr(s), s.parameters)
p=s.parameters['a']; print(repr(p), p.kind, repr(p.kind), p.kind.description, p.annotation, p.default is p.empty)
print(s.return_annotation, s.bind(1, d=4), s.bind(1,2,3,4,d=5,z=1).arguments)
b=s.bind_partial(1); b.apply_defaults(); print(b, b.args, b.kwargs)
for call in [lambda: s.bind(), lambda: s.bind(1, 2, 3, c=1, d=1), lambda: s.bind(1, a=2, d=3), lambda: s.bind(1,d=1,e=2,**{'a':1})]:
    try: print(call())
    except TypeError as e: print(e)
def g(x, y): pass
for call in [lambda: inspect.signature(g).bind(1,2,3), lambda: inspect.signature(g).bind(1,z=2), lambda: inspect.signature(g).bind(1, y=2, z=3), lambda: inspect.signature(lambda *, k: 0).bind(), lambda: inspect.signature(lambda a, /: 0).bind(a=1)]:
    try: print(call())
    except TypeError as e: print(e)
class C:
    def __init__(self, x, y=1): pass
    def m(self, q): pass
    @classmethod
    def cm(cls, z): pass
    @staticmethod
    def sm(w): pass
    def __call__(self, v, *, k=1): pass
print(inspect.signature(C), inspect.signature(C(1).m), inspect.signature(C.m), inspect.signature(C.cm), inspect.signature(C.sm), inspect.signature(C(1)))
print(inspect.signature(functools.partial(g, 1)), inspect.signature(functools.partial(g, y=1)))
print(s.replace(return_annotation=inspect.Signature.empty), p.replace(name='z', default=1))
print(inspect.Parameter('x', inspect.Parameter.KEYWORD_ONLY, default=None))
print(inspect.signature(lambda *, k: 0), inspect.signature(lambda: 0) == inspect.signature(lambda: 1))
def deco(fn):
    @functools.wraps(fn)
    def w(*a, **k): return fn(*a, **k)
    return w
@deco
def h(p, q=[1], *, r: list[int] = None) -> "X": pass
print(inspect.signature(h), inspect.signature(h, follow_wrapped=False))
ba = inspect.signature(h).bind(1, r=2); print(ba.args, ba.kwargs, ba.arguments)
print(inspect.getfullargspec(f))
class D: pass
print(inspect.signature(D))
try: inspect.Signature([inspect.Parameter('a', 1, default=1), inspect.Parameter('b', 1)])
except ValueError as e: print(e)
