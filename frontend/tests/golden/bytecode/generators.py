def gen():
    x = yield 1
    yield from other()
    return x
async def agen():
    yield 1
