# Big-int arithmetic fast paths: + - * // % divmod and comparisons between
# big and small ints of every sign, including quotients that the
# small-quotient division estimates from the top bits (and must correct).

def lcg(seed):
    while True:
        seed = (seed * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield seed

gen = lcg(12345)

def big(bits):
    x = 0
    while bits > 0:
        x = (x << 64) | next(gen)
        bits -= 64
    return x

checks = 0
digest = 0
for size in (64, 127, 128, 129, 200, 640, 3000):
    for qbits in (0, 1, 3, 20, 59, 60, 61, 62, 64, 100):
        b = big(size) | (1 << (size - 1)) | 1
        q = big(qbits) % (1 << qbits) if qbits else 0
        for extra in (0, 1, b - 1, b // 2):
            a = b * q + extra
            for sa in (1, -1):
                for sb in (1, -1):
                    x, y = sa * a, sb * b
                    qq, rr = divmod(x, y)
                    assert qq == x // y and rr == x % y
                    assert qq * y + rr == x
                    assert (rr == 0) or ((rr < 0) == (y < 0))
                    assert abs(rr) < abs(y)
                    digest = (digest * 31 + qq + rr) % (1 << 61)
                    checks += 1
print("divmod checks", checks, digest)

# Exact quotient boundaries: a = b*q - 1, b*q, b*q + 1 around powers of two.
b = (1 << 700) + 12345
for q in (1, 2, 2**59, 2**60 - 1, 2**60, 2**60 + 1, 2**61):
    for d in (-1, 0, 1):
        a = b * q + d
        print(q.bit_length(), d, a // b - q, a % b == (d % b))

# Mixed small/big operands, all signs.
B = 3 ** 200
for s in (0, 1, -1, 7, -7, 2**62, -(2**63)):
    print(s + B - B == s, s - B + B == s, (s * B) // B == s, B * s == s * B,
          (B + s) > B, s < B, -B < s, (s - B) < 0, s == B, B != s)
print((10**40) // 7, (-(10**40)) // 7, (10**40) % -7, divmod(-(10**40), 10**20 + 3))
print((2**64) // (2**64 - 1), (2**128) // (2**64 + 1), (2**200 - 1) // (2**72))
print(-(2**100) // (2**99), (2**100) // -(2**99 + 1), (2**100 + 5) % (2**99), -(2**100 + 5) % (2**99))

class I(int):
    def __add__(self, other):
        return "I.__add__"
    def __floordiv__(self, other):
        return "I.__floordiv__"
    def __rsub__(self, other):
        return "I.__rsub__"

big_i = I(2**100)
print(big_i + 2**90, big_i // 2**80, 2**90 - big_i, (2**90) + big_i, 2**100 // I(7))
try:
    (2**100) // 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    (2**100) % 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print(sum(int(c) for c in str(3 ** 2000)), str(-(7 ** 500))[:30])
big, neg = 10**25, -(10**25)
print([big < 1, big > 1, big == big + 0, big != 10**25, neg < -1, neg <= neg, 1 >= neg, -(2**63) > neg, 2**63 - 1 < big, True < big, big > 2.5, big == float(big)])
print(sorted([big, 3, neg, 0, -(2**63), 2**63, True]), max(big, 2**64), min(neg, -5))
