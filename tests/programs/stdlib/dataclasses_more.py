# dataclasses beyond the corpus: KW_ONLY, ClassVar, InitVar defaults, slots, __doc__, make_dataclass, errors
from dataclasses import (dataclass, field, fields, asdict, astuple, replace, is_dataclass, KW_ONLY,
                         InitVar, make_dataclass, FrozenInstanceError, MISSING)
from typing import ClassVar
from collections import namedtuple
@dataclass
class A:
    x: int
    _: KW_ONLY
    y: int = 0
    z: int
    count: ClassVar[int] = 0
print(A(1, z=2), A(1, y=5, z=3), [f.name for f in fields(A)], A.__match_args__, A.count, A.__doc__)
try:
    A(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
try:
    A(1)
except TypeError as e:
    print("TypeError", e)
try:
    A()
except TypeError as e:
    print("TypeError", e)
@dataclass
class B:
    name: str
    factor: InitVar[float] = 2.0
    scaled: float = field(init=False, default=0.0)
    def __post_init__(self, factor):
        self.scaled = len(self.name) * factor
print(B("abc"), B("ab", 10), replace(B("abcd"), name="q"), B.__init__.__annotations__)
@dataclass(slots=True)
class S:
    a: int
    b: str = "s"
s = S(1)
print(s, S.__slots__, hasattr(s, "__dict__"), s == S(1, "s"))
try:
    s.c = 3
except AttributeError as e:
    print("AttributeError")
@dataclass(frozen=True, slots=True)
class FS:
    v: int
fs = FS(3)
try:
    fs.v = 4
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)
print(fs, hash(fs) == hash(FS(3)))
P = make_dataclass("P", ["x", ("y", int), ("z", list, field(default_factory=list))], namespace={"norm": lambda self: self.x + self.y})
p = P(1, 2)
print(p, p.norm(), is_dataclass(P), is_dataclass(p), is_dataclass(3), [f.name for f in fields(p)])
NT = namedtuple("NT", "a b")
@dataclass
class Box:
    content: object
    pairs: dict = field(default_factory=dict)
print(asdict(Box(NT(1, [2, 3]), {"k": (4, 5)})), astuple(Box([NT(1, 2)])))
print(asdict(Box(1), dict_factory=lambda items: sorted(items)))
@dataclass
class Node:
    val: int
    nxt: "Node" = None
n = Node(1)
n.nxt = n
print(repr(n), Node.__doc__)
for bad in ["fields(3)", "asdict(3)", "astuple(Node)", "replace(3)", "field(default=1, default_factory=list)"]:
    try:
        eval(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    @dataclass
    class Fz(FS):
        w: int = 0
except TypeError as e:
    print("TypeError", e)
try:
    @dataclass(order=True, eq=False)
    class O:
        a: int
except ValueError as e:
    print("ValueError", e)
try:
    @dataclass(order=True)
    class O2:
        a: int
        def __lt__(self, other):
            return True
except TypeError as e:
    print("TypeError", e)
try:
    @dataclass(unsafe_hash=True)
    class H:
        a: int
        def __hash__(self):
            return 1
except TypeError as e:
    print("TypeError", e)
try:
    @dataclass
    class NoAnn:
        a = field(default=1)
except TypeError as e:
    print("TypeError", e)
try:
    @dataclass
    class IV:
        a: int
        b: InitVar[int]
    replace(IV(1, 2), a=3)
except ValueError as e:
    print("ValueError", e)
try:
    @dataclass
    class NI:
        a: int
        b: int = field(init=False, default=0)
    replace(NI(1), b=3)
except ValueError as e:
    print("ValueError", e)
@dataclass
class Meta:
    a: int = field(default=1, metadata={"unit": "cm"})
    b: list = field(default_factory=list, repr=False)
f0, f1 = fields(Meta)
print(f0.metadata["unit"], f0.default, f1.default is MISSING, f1.default_factory, f1.repr, f0.kw_only, Meta(), Meta() == Meta())
@dataclass
class WithSelf:
    self: int
print(WithSelf(3), WithSelf(self=4))
@dataclass
class Base:
    a: int
    def __post_init__(self):
        print("post_init", type(self).__name__)
@dataclass
class Derived(Base):
    b: str = "d"
print(Derived(1), Derived.__eq__(Derived(1), Base(1)), Base(1) == Base(1))
@dataclass(eq=True, frozen=False)
class Explicit:
    a: int
    def __hash__(self):
        return 42
print(hash(Explicit(1)), Explicit.__init__.__qualname__, Explicit.__repr__.__qualname__, Explicit.__repr__.__name__)
