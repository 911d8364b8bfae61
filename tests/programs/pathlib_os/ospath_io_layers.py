import io, os, tempfile
b = io.BytesIO()
t = io.TextIOWrapper(b, encoding="utf-8", newline="\n")
t.write("héllo\nworld\n")
t.flush()
print(b.getvalue())
t.seek(0)
print(t.readline(), t.read())
t2 = io.TextIOWrapper(io.BytesIO(b"a\r\nb\rc\n"))
print(t2.readlines(), t2.newlines)
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "x.txt")
    with open(p, "w") as f:
        print("printed", 1, 2, file=f)
        print("second", end="", file=f)
    print(repr(open(p).read()))
    with open(p, "rb") as f:
        print([l for l in f])
    with open(p, "rb") as f:
        print(f.readlines(), f.read())
    with open(p, "w+") as f:
        f.write("abc\ndef\n")
        f.seek(0)
        print(f.read(2), f.tell(), f.readline(), f.tell())
        f.seek(0, 2)
        f.write("ghi")
        f.seek(0)
        print(f.readlines())
    with open(p, "rb+") as f:
        f.seek(2)
        f.write(b"XY")
        f.seek(0)
        print(f.read())
        print(f.peek(1)[:0], f.read1(3) if hasattr(f, "read1") else None)
    with open(p, "rb") as f:
        buf = bytearray(4)
        print(f.readinto(buf), buf)
    f = open(p)
    print(f.closed, next(f), list(f))
    f.close()
    print(f.closed)
    with open(p, encoding="utf-8") as f:
        print(f.encoding, f.errors, f.line_buffering, f.buffer.name == p, f.fileno() > 2, f.readable(), f.writable(), f.seekable())
    print(open(p, "r").mode, open(p, "rb").mode, open(p, "a").mode, open(p, "r+b").mode, open(p, "w+").mode)
    print(os.fdopen(os.open(p, os.O_RDONLY)).read()[:5])
