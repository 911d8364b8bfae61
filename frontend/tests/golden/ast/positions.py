x = (a + b) * (c)
y = [i for i in (j)] ; z = {k: (v) for k, v in d}
if (a and
        b):
    f(x)(y)[z].w ; g()
else:
    pass;
def f(a: int = (1), *args: (str), **kw) -> (None):
    return (yield (x))
s = f"a{{b}}c{x!r:>{w}}" "d" f'{ y = }' r"raw"
t = ("implicit"
     "concat")
match (p):
    case [1, *rest] | {"k": _} if (rest):
        pass
    case Point(x=0) as pt:
        ...
try:
    pass
except* (A, B) as e:
    raise
lambda: (yield)
with (open(x) as f, open(y)):
    pass
class C[T](B, **kw): x: int = 1
async def g():
    async with a as b: await (c)
    async for i in (j): print(i) ;
type A[*Ts] = tuple[*Ts]
