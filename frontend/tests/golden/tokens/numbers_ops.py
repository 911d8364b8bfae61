x = 0xFF + 0o17 + 0b1010 + 0_0 + 00 + 1_000 + 1. + .5 + 1e10 + 1E-5 + 1.5e+3j + 3J + 0.0
y = a.b ** c // d @ e -> f := g != h <> i <= j >= k << l >> m
y **= 1; y //= 2; y >>= 3; y <<= 4; y @= 5; y ^= 6; y |= 7; y &= 8; y %= 9
z = ...
with a, \
     b:
    pass
# comment at end