def f(a, b=1, *args, c, d=2, **kw):
    "doc"
    return a
def g(x: int) -> str:
    return str(x)
async def h():
    await z
