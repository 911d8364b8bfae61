# Native and Python Futures/Tasks together: weakrefs, cycles, gather/timeout/TaskGroup/Queue, an uncaught task error.
import asyncio, gc, weakref, sys
from asyncio import tasks, futures

async def child(n):
    await asyncio.sleep(0)
    if n == 3:
        raise KeyError(n)
    return n

async def main():
    loop = asyncio.get_running_loop()
    # Python Task / Future still work alongside the native ones
    pt = tasks._PyTask(child(1), loop=loop)
    pf = futures._PyFuture(loop=loop)
    loop.call_soon(pf.set_result, "py")
    print(await pt, await pf, type(pt).__name__, asyncio.isfuture(pt))
    nt = asyncio.create_task(child(2))
    r = weakref.ref(nt)
    print(await nt, r() is nt)
    ws = weakref.WeakSet([nt])
    print(len(ws))
    # a native task waiting on a Python future, and vice versa
    pf2 = futures._PyFuture(loop=loop)
    async def wait_py():
        return await pf2
    t = asyncio.create_task(wait_py())
    await asyncio.sleep(0)
    pf2.set_result("from py future")
    print(await t)
    nf = loop.create_future()
    async def wait_native():
        return await nf
    pt2 = tasks._PyTask(wait_native(), loop=loop)
    await asyncio.sleep(0)
    nf.set_result("from native future")
    print(await pt2)
    # exception traceback kept
    t3 = asyncio.create_task(child(3))
    try:
        await t3
    except KeyError as e:
        tb = e.__traceback__
        names = []
        while tb:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        print("KeyError", e, names[-1])
    # cycles are collected
    class Holder:
        pass
    h = Holder()
    f = loop.create_future()
    h.f = f
    f.add_done_callback(lambda fut, h=h: None)
    hr = weakref.ref(h)
    del h, f
    gc.collect()
    print("collected", hr() is None)
    # gather cancellation
    async def forever():
        await asyncio.sleep(100)
    g = asyncio.gather(forever(), forever())
    await asyncio.sleep(0)
    print(g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled")
    # timeout
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timed out", asyncio.current_task().cancelling())
    # TaskGroup
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(child(5))
        b = tg.create_task(child(6))
    print(a.result(), b.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(3))
            tg.create_task(forever())
    except* KeyError as eg:
        print("group", eg.exceptions)
    print(sorted(t.get_name() for t in asyncio.all_tasks()) == [asyncio.current_task().get_name()])
    # queue / lock interplay
    q = asyncio.Queue()
    async def producer():
        for i in range(3):
            await q.put(i)
            await asyncio.sleep(0)
    async def consumer():
        return [await q.get() for _ in range(3)]
    print(await asyncio.gather(producer(), consumer()))

asyncio.run(main())

async def boom():
    await asyncio.sleep(0)
    raise ValueError("uncaught in task")
asyncio.run(boom())
