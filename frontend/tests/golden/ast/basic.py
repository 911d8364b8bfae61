import os, sys as system
from . import a
from ..pkg.mod import (b as c, d,)
from x import *
x = 1
a, b = c, *d = 1, 2
x += 1
y: int = 3
(z): list[int]
def f(a, b=1, /, c=2, *args, d, e=3, **kw) -> None:
    """doc"""
    global g
    return a + b * c ** -d
async def g():
    await h()
    async for i in j:
        pass
    async with k as (l, m):
        yield
    return [i async for i in aiter() if i]
class C(Base, metaclass=M):
    x = 1
    def m(self): ...
@decorator
@d.e(1)
def h[T: int, *Ts, **P](x: T) -> T:
    nonlocal q
    del x, y[0], z.a
    del (a, b)
    raise E from None
type Alias[T] = list[T]
type X = int
for i, (j, k) in enumerate(x):
    continue
else:
    break
while not x and y or z:
    pass
if a < b <= c != d is not e not in f:
    pass
elif x:
    pass
else:
    pass
try:
    pass
except ValueError as e:
    pass
except (A, B):
    pass
except:
    pass
else:
    pass
finally:
    pass
try:
    pass
except* E:
    pass
with a, b as c, (d):
    pass
with (a as b, c as d,):
    pass
assert x, "msg"
lambda: 0
lambda x, /, y=1, *a, z, **k: x
x = a if b else c
x = [1, 2.5, 3j, 'a' "b", b'c', f'{x!r:>{w}}', ..., None, True, False]
x = {1: 2, **d, 3: 4}
x = {1, 2, *s}
x = (1,)
x = ()
x = [i for i in range(10) if i % 2 for j in i]
x = {k: v for k, v in d.items()}
x = {i for i in s}
x = (i for i in s)
f(x for x in y)
f(*a, b, c=1, *d, **e)
x = a[1:2, ::3, 4:, :5, ...]
x = a[b:=1]
if (n := len(a)) > 10:
    pass
print(f"{a=}", f"{b = !s}", f"{c=:10}", f'{"nested" + f"{x}"}')
x = 0xFF + 0o17 + 0b101 + 1_000_000 + 1e10 + 1.5e-7 + 123456789012345678901234567890
x = ~a << 2 >> 3 | b ^ c & d @ e // f % g
x = -1 ** 2
x = u"unicode"
x = rb"\d" rb"\x00"
x = "\x41\u00e9\U0001F600\N{BULLET}\101\n"
match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0) | Point(1, 2):
        pass
    case {"x": x, **rest}:
        pass
    case [1, 2, *others] if others:
        pass
    case -1 | 1.5 | 2+3j | "s" | b"b" | None | True:
        pass
    case a.b.c as d:
        pass
    case (x, y, *_):
        pass
    case _:
        pass
match = 1
match.x = 2
type = 3
