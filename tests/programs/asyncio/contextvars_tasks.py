# contextvars with asyncio: each task runs in a copy of the context it was created in.
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="none")
log = []

async def handler(n):
    request_id.set("req-%d" % n)
    await asyncio.sleep(0)
    await inner(n)
    return request_id.get()

async def inner(n):
    await asyncio.sleep(0)
    log.append((n, request_id.get()))

async def main():
    request_id.set("main")
    results = await asyncio.gather(*(handler(i) for i in range(3)))
    print(results, request_id.get(), sorted(log))
    ctx = contextvars.copy_context()
    ctx.run(request_id.set, "custom")
    t = asyncio.create_task(inner(9), context=ctx)
    await t
    print(log[-1], request_id.get())
    loop = asyncio.get_running_loop()
    seen = []
    loop.call_soon(lambda: seen.append(request_id.get()))
    loop.call_soon(lambda: seen.append(request_id.get()), context=ctx)
    await asyncio.sleep(0)
    print(seen)
    fut = loop.create_future()
    fut.add_done_callback(lambda f: seen.append(("cb", request_id.get())), context=ctx)
    fut.set_result(1)
    await asyncio.sleep(0)
    print(seen[-1])
    var = contextvars.ContextVar("counter")
    def bump():
        var.set(var.get(0) + 1)
        return var.get()
    print([contextvars.copy_context().run(bump) for _ in range(3)], var.get(None))

asyncio.run(main())
print(request_id.get())
with asyncio.Runner() as r:
    print(r.run(handler(7)), request_id.get())
