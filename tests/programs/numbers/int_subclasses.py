# int and float subclasses: construction, arithmetic returns base types, reprs, hashing.
class MyInt(int):
    pass
class Celsius(float):
    def __repr__(self):
        return f"Celsius({float(self)})"
a = MyInt(5)
print(a, repr(a), type(a).__name__, a + 1, type(a + 1).__name__, -a, type(-a).__name__)
print(MyInt("ff", 16), MyInt(2 ** 70), type(MyInt(2 ** 70)).__name__, MyInt() == 0)
print(a == 5, hash(a) == hash(5), {a: "x"}[5], a * 2 ** 64, a.bit_length(), a.real, type(a.real).__name__)
c = Celsius(21.5)
print(c, c + 1, type(c + 1).__name__, c * 2, float(c), c.is_integer(), Celsius("1e3"))
print(int(c), round(c), round(c, 0), c.hex(), c.as_integer_ratio())
class Big(int):
    def __add__(self, other):
        return "Big.__add__"
    def __radd__(self, other):
        return "Big.__radd__"
print(Big(1) + 1, 1 + Big(1), 1.5 + Big(1), Big(3) * 2)
print(bool(MyInt(0)), bool(MyInt(3)), MyInt(7) // 2, MyInt(7) % 3, divmod(MyInt(7), 2), pow(MyInt(3), 4, 5))
print(int.from_bytes(b"\x01\x00", "little"), MyInt.from_bytes(b"\x01\x00", "big"), type(MyInt.from_bytes(b"\x01", "big")).__name__)
print(True + True, True * 3.5, -True, ~False, True / 2, True // 1, abs(False), float(True), int(True), repr(True), str(False))
print(isinstance(a, int), isinstance(c, float), issubclass(MyInt, int), MyInt.__mro__[1].__name__)
