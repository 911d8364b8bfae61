# enum beyond the corpus: _missing_, _generate_next_value_, functional API forms, Flag algebra, errors
from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, member, nonmember, verify, UNIQUE, CONTINUOUS
class Status(Enum):
    ACTIVE = "a"
    INACTIVE = "i"
    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for m in cls:
                if m.value == value.lower():
                    return m
        return None
print(Status("A"), Status("i"))
try:
    Status("x")
except ValueError as e:
    print("ValueError", e)
class Name(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.title() + str(count)
    ALPHA = auto()
    BETA = auto()
print(list(Name), Name.BETA.value)
E1 = Enum("E1", [("X", 10), ("Y", 20)])
E2 = Enum("E2", {"P": "p", "Q": "q"})
E3 = Enum("E3", "a, b, c", start=5)
E4 = IntEnum("E4", "U V")
print(list(E1), list(E2), list(E3), E4.V + 1, repr(E4.U))
class Mixed(Enum):
    A = 1
    B = 2
    C = 1
    D = 2
print(Mixed.__members__, list(reversed(Mixed)), Mixed.C, len(Mixed), 1 in Mixed, 5 in Mixed)
class Opt(Flag):
    A = auto()
    B = auto()
    C = auto()
    AB = A | B
print(list(Opt), Opt.AB, repr(Opt.A | Opt.B), Opt.AB is (Opt.A | Opt.B), repr(Opt.A | Opt.B | Opt.C), len(Opt.AB))
print(repr(~Opt.AB), repr(~Opt(0)), Opt.A in Opt.AB, bool(Opt.A & Opt.C), repr(Opt.A ^ Opt.AB))
try:
    Opt(16)
except ValueError as e:
    print("ValueError", repr(str(e)))
class P(IntFlag):
    R = 4
    W = 2
    X = 1
print(P.R | P.W, repr(P.R | P.W), repr(~P.R), P.R + 1, repr(P(0)), str(P(0)), repr(P(15)), P.R == 4, isinstance(P.R, int))
print(repr(P.R & 6), repr(6 & P.R), repr(1 | P.W), format(P.R, "x"))
class Color(StrEnum):
    RED = auto()
    GREEN = "g"
print(Color.RED + "!", Color("g"), repr(Color.RED), Color.RED.value, "-".join(Color))
try:
    class BadStr(StrEnum):
        X = 1
except TypeError as e:
    print("TypeError", e)
class Dup(Enum):
    A = 1
    B = 1
try:
    unique(Dup)
except ValueError as e:
    print("ValueError", e)
try:
    @verify(CONTINUOUS)
    class Gappy(IntEnum):
        A = 1
        C = 3
except ValueError as e:
    print("ValueError", e)
class Wrap(Enum):
    A = 1
    helper = nonmember(5)
    f = member(lambda x: x + 1)
print(Wrap.A, Wrap.f.name, len(Wrap), Wrap.helper, Wrap.f.value(1))
try:
    class Twice(Enum):
        A = 1
        A = 2
except TypeError as e:
    print("TypeError", e)
try:
    class Sunder(Enum):
        _bad_ = 1
except ValueError as e:
    print("ValueError", e)
class Ign(Enum):
    _ignore_ = "tmp"
    tmp = 3
    V = 1
print(list(Ign), hasattr(Ign, "tmp"))
try:
    del Status.ACTIVE
except AttributeError as e:
    print("AttributeError", e)
class Coord(bytes, Enum):
    def __new__(cls, value, label):
        obj = bytes.__new__(cls, [value])
        obj._value_ = value
        obj.label = label
        return obj
    X = (0, "x axis")
    Y = (1, "y axis")
print(Coord(1), Coord.X.label, Coord.Y.value, Coord.Y == b'\x01')
print(Status.ACTIVE.name, Status.ACTIVE.value, format(Status.ACTIVE), f"{Status.INACTIVE:>20}|", str(Status.ACTIVE))
print(sorted(Status, key=lambda m: m.name), Status["ACTIVE"], Status.ACTIVE is Status("a"))
print(type(Status), type(Status).__name__, Status.__name__, repr(Status), repr(Opt), isinstance(Status.ACTIVE, Enum))
import copy
print(copy.copy(Status.ACTIVE) is Status.ACTIVE, copy.deepcopy([Status.ACTIVE])[0] is Status.ACTIVE)
class Ordered(Enum):
    _order_ = "A B"
    A = 1
    B = 2
print(list(Ordered))
class WithInit(Enum):
    SMALL = 1, "s"
    LARGE = 2, "l"
    def __init__(self, n, code):
        self.n = n
        self.code = code
print(WithInit.LARGE.code, WithInit((1, "s")), WithInit.SMALL.value)
