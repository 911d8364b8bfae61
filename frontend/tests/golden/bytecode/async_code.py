async def f():
    async with lock as l:
        pass
    async for x in aiter():
        await x
    return [y async for y in z]
