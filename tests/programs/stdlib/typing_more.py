# typing beyond the corpus: aliases, Callable, Tuple forms, Concatenate/ParamSpec, Protocol caching, ForwardRef
import typing
from typing import (List, Dict, Tuple, Callable, Optional, Union, Literal, Annotated, TypeVar, Generic,
                    Protocol, runtime_checkable, ClassVar, Final, Any, ForwardRef, get_type_hints,
                    get_origin, get_args, NamedTuple, TypedDict, NewType, Iterable, Mapping, Sequence, Type)
print(List, Dict[str, int], Tuple[int, ...], Tuple[()], Callable[[int], str], Callable[..., None], Type[int])
print(List[int] == List[int], List[int] == list[int], hash(List[int]) == hash(List[int]), List[int].__origin__)
print(Optional[List[int]], Union[int, List[str], None], Mapping[str, Sequence[int]])
print(typing.Iterable[int].__args__, isinstance([], Iterable), issubclass(dict, Mapping), isinstance({}, typing.MutableMapping))
try:
    List()
except TypeError as e:
    print("TypeError", e)
try:
    List[int, str]
except TypeError as e:
    print("TypeError", e)
T = TypeVar("T")
S = TypeVar("S", bound=str)
class Pair(Generic[T, S]):
    def __init__(self, a: T, b: S):
        self.a, self.b = a, b
print(Pair[int, str], Pair[int, str](1, "x").b, Pair.__parameters__, Pair[T, str].__parameters__)
print(List[T][int], Dict[str, T][float], Callable[[T], T][int], Tuple[T, ...][bytes])
@runtime_checkable
class HasLen(Protocol):
    def __len__(self) -> int: ...
class Thing:
    pass
print([isinstance(x, HasLen) for x in ([], "", 3, Thing())])
Thing.__len__ = lambda self: 0
print(isinstance(Thing(), HasLen), issubclass(Thing, HasLen))
class Other:
    pass
print(isinstance(Other(), HasLen))
Other.__len__ = lambda self: 1
print(isinstance(Other(), HasLen))
print(ForwardRef("int"), ForwardRef("int") == ForwardRef("int"), Optional["Later"])
class Later:
    x: "List[Later]"
    y: ClassVar[int] = 3
    z: Final[int] = 4
print(get_type_hints(Later))
print(get_origin(Final[int]), get_args(Callable[[int, str], None]), get_origin(Annotated[int, 1]))
class NT(NamedTuple):
    a: int
    b: List[str] = []
print(NT(1), NT._field_defaults, NT.__annotations__)
TD = TypedDict("TD", {"a": int, "b": str}, total=False)
print(TD.__required_keys__, sorted(TD.__optional_keys__), TD(a=1))
UserId = NewType("UserId", int)
print(UserId(5), UserId, Optional[UserId], UserId | None)
print(repr(TypeVar("U", int, str)), repr(TypeVar("V", covariant=True)), TypeVar("W").__name__)
print(Literal["a"] | None, Union[Literal[1], Literal[2]])
def f(x: int, y: "str" = "") -> Optional[int]: ...
print(get_type_hints(f))
print(typing.cast(List[int], "x"), typing.Text, typing.AnyStr, typing.TYPE_CHECKING)
print(typing.SupportsIndex, isinstance(3, typing.SupportsIndex), isinstance(3.0, typing.SupportsIndex), isinstance(2.5, typing.SupportsRound))
try:
    class Bad(Protocol, int):
        pass
except TypeError as e:
    print("TypeError", e)
try:
    class Twice(Generic[T], Generic[S]):
        pass
except TypeError as e:
    print("TypeError", e)
try:
    class Missing(List[T], Generic[S]):
        pass
except TypeError as e:
    print("TypeError", e)
print(typing.get_overloads(f), typing.is_typeddict(TD), typing.is_typeddict(dict))
