# float methods and conversions: repr edge cases, hex round trip, int(float), round, comparisons with big ints.
vals = [0.0, -0.0, 1.0, -1.5, 1e-310, 123.456, 2.0 ** 60, 1e300, -1e-300, 0.1]
for v in vals:
    h = v.hex()
    print(repr(v), h, float.fromhex(h) == v, v.as_integer_ratio() if v == v else None, v.is_integer())
print(float("  -12.5e-3 "), float("+.5"), float("5."), float("1E5"), float(b" 2.25 "), float(True), float(2 ** 100))
print(int(1e22), int(-1.5e19), int(2.0 ** 63), int(float(2 ** 64 - 1)), int(0.9999999999999999))
print(round(0.5), round(1.5), round(2.5), round(-1.5), round(1e16 + 1), round(123.456, 1), round(-123.456, -1))
print(2 ** 63 > 9.2e18, 2 ** 1000 > 1e300, -(2 ** 1000) < -1e300, 2 ** 1024 > float("inf"), 10 ** 400 < float("inf"))
print(1e308 < 10 ** 309, 3.5 == 7 / 2, 0.5 in [1 / 2], 7.0 in {7}, 2 ** 53 + 1 == 2.0 ** 53 + 1)
print(float.fromhex("0x1.0p-1022"), float.fromhex("-0x1.ffffp10"), float.fromhex("1p-2"), float.fromhex("0x.1"))
for s in ["0x1.8q1", "0x", "0xg", "1p", "--0x1"]:
    try:
        float.fromhex(s)
    except ValueError as e:
        print(repr(s), type(e).__name__, e)
try:
    float.fromhex("0x1p2000")
except OverflowError as e:
    print(type(e).__name__, e)
print((1.5).__round__(), (2.5).__round__(None), (1.25).__round__(1), (1.35).__round__(1), (-0.0).__round__(2))
print((7.5).__trunc__(), (-7.5).__floor__(), (-7.5).__ceil__(), (7.5).conjugate(), (7.5).real, (7.5).imag)
print((3.0).__divmod__(2), (3.0).__rdivmod__(7), (2.0).__pow__(10), (2.0).__rpow__(3), (2.0).__rtruediv__(1))
print(float.__getformat__("double"), hash(0.5), hash(-2.5), hash(1e100) == hash(10 ** 100 // 1), hash(float("inf")))
