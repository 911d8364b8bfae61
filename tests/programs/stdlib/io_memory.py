# io.StringIO/BytesIO: newline modes, readline/iteration, seek/tell/truncate, padding, closed errors
import io
for nl in (None, "", "\n", "\r", "\r\n"):
    s = io.StringIO("a\r\nb\rc\nd", newline=nl)
    print(repr(nl), repr(s.getvalue()), s.readlines(), repr(s.newlines))
s = io.StringIO()
print(s.write("hello\nworld\n"), s.tell(), s.seek(0), s.readline(), s.read(3), s.tell())
s.seek(20); s.write("!")
print(repr(s.getvalue()), s.truncate(5), repr(s.getvalue()), s.tell())
with io.StringIO("x\ny\n") as f:
    print([line for line in f], f.closed)
print(f.closed)
for op in (f.read, f.getvalue, lambda: f.write("z")):
    try:
        op()
    except ValueError as e:
        print("ValueError", e)
try:
    io.StringIO(b"bytes")
except TypeError as e:
    print("TypeError", e)
try:
    io.StringIO().write(5)
except TypeError as e:
    print("TypeError", e)
try:
    io.StringIO(newline="x")
except ValueError as e:
    print("ValueError", e)
b = io.BytesIO(b"line1\nline2\n")
print(b.readline(), b.read(2), b.tell(), b.seek(-2, 2), b.read(), b.write(b"++"), b.getvalue())
buf = bytearray(4)
b.seek(0)
print(b.readinto(buf), buf, list(io.BytesIO(b"a\nb")), b.truncate(3), b.getvalue(), b.seek(6), b.write(b"Z"), b.getvalue())
try:
    b.write("text")
except TypeError as e:
    print("TypeError", e)
b.close()
try:
    b.read()
except ValueError as e:
    print("ValueError", e)
print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError), io.SEEK_END)
print(isinstance(io.StringIO(), io.TextIOBase), isinstance(io.BytesIO(), io.BufferedIOBase), isinstance(io.BytesIO(), io.IOBase))
