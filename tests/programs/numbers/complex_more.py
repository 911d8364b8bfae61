# complex: construction rules, mixed arithmetic, powers, reprs and hashing.
print(complex(real=2), complex(imag=3), complex(1, imag=2), complex(real=1j, imag=1j))
print(complex(2 ** 60), complex(1.5, -0.0), complex(-0.0, -0.0), complex("-1.5e-3+2E2j"), complex("  5J "))
print((1 + 2j) ** 3, (1 + 2j) ** -1, (2 + 0j) ** 0.5, 1j ** 1j, (1 + 1j) ** 2.5)
print((3 + 4j) / 1j, 1 / (1 + 1j), (1e300 + 1e300j) / (1e300 + 1e300j), 5 / 1j, 5.5 - 1j, 2 ** (1 + 1j))
print(abs(1 + 1j), abs(-3 - 4j), abs(1e-320j), (1 + 2j).conjugate(), -(1 - 0j), +(0j))
print(hash(1 + 2j), hash(1j), hash(complex(2.5, 0)) == hash(2.5), (1 + 0j) == True, 2j != 2)
print(repr(1e20j), repr(1e-7 + 1e16j), repr(complex(123456789, 0.1)), repr(-1j), repr(complex(float("-inf"), -0.0)))
for bad in [lambda: complex("1", "2"), lambda: complex(None), lambda: complex(1, None), lambda: (1j) ** 2 % 3, lambda: pow(1j, 2, 3)]:
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
class F:
    def __float__(self):
        return 2.5
class I:
    def __index__(self):
        return 7
print(complex(F()), complex(I()), complex(F(), F()), complex(1j, F()))
