vals = [0, 1, -1, 7, -7, 3, -3, 2**62, -2**62, 2**63 - 1, -2**63]
for x in vals:
    for y in vals:
        r = []
        for op in ("&", "|", "^", ">>", "%", "//", "<", "<=", "==", "!=", ">", ">="):
            try:
                r.append(eval(f"x {op} y") if op != ">>" or y < 1000 else "big")
            except Exception as e:
                r.append(type(e).__name__)
        print(x, y, r)
nan = float("nan"); inf = float("inf")
fl = [0.0, -0.0, 1.5, -2.5, nan, inf, -inf]
for x in fl:
    print([(x < y, x <= y, x == y, x != y, x > y, x >= y) for y in fl])
def loop():
    a = 0
    for i in range(200):
        a ^= i; a |= i >> 1; a &= 0xFFFF; a += i % 7 + i // 3
    return a
print(loop())
