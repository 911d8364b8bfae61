import typing
class Box[T]:
    def __init__(self, v: T): self.v = v
print(Box.__type_params__, Box.__parameters__, Box.__orig_bases__, Box[int])
try:
    Box[int, str]
except TypeError as e:
    print(e)
def first[K, *Ts, **P](x: K) -> K: return x
print(first.__type_params__, [type(t).__name__ for t in first.__type_params__])
type Pair[A] = tuple[A, A]
print(Pair, Pair.__type_params__, Pair[int], Pair.__value__, type(Pair).__module__, type(Pair))
type Plain = int
try:
    Plain[int]
except TypeError as e:
    print(e)
try:
    class Sub(Plain): pass
except TypeError as e:
    print(type(e).__name__)
T = typing.TypeVar("T")
try:
    T.__name__ = "x"
except AttributeError as e:
    print(e)
P = typing.ParamSpec("P")
print(P.args, P.kwargs, typing.TypeVar, type.__module__, tuple[int, *tuple[str, ...]])
import types
print(types.GenericAlias(list, (int,)), typing.get_args(types.GenericAlias(dict, (str, int))))
class G(typing.Generic[T]): pass
print(G[int], G.__parameters__, G[int].__origin__ is G)
