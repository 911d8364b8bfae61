b = bytearray(b"abcdef")
m = memoryview(b).cast("B")
m[1:3] = b"XY"
m[::2] = b"123"
print(b, m.tolist()[:3], len(m))
try:
    m[0:2] = b"abc"
except ValueError as e:
    print(e)
try:
    memoryview(b"ab")[0:1] = b"x"
except TypeError as e:
    print(e)
