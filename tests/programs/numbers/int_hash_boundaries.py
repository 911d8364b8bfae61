# hash() of ints around the modulus 2**61 - 1 (machine ints and big ints agree).
vals = [0, 1, -1, -2, 2**61 - 2, 2**61 - 1, 2**61, 2**62, 2**63 - 1, -2**61 + 1, -2**61 + 2, -2**61, -2**63, -(2**62), 12345, -12345]
print([hash(v) for v in vals])
print(hash(-1) == hash(-2), {-1, -2}, len({2**61 - 1, 0}))
