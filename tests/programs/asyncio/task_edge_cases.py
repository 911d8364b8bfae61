# Edge cases: cancellation messages through gather/wait_for, nested TaskGroups,
# queue getters cancelled, Condition with a shared lock, task self-await errors.
import asyncio

async def sleeper(tag, log, delay=10):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError as e:
        log.append((tag, e.args))
        raise

async def main():
    log = []
    g = asyncio.gather(sleeper("a", log), sleeper("b", log), return_exceptions=True)
    await asyncio.sleep(0)
    g.cancel("stop all")
    try:
        await g
    except asyncio.CancelledError as e:
        print("gather cancelled:", e.args, sorted(log))

    log.clear()
    g = asyncio.gather(sleeper("c", log), asyncio.sleep(0, result="r"), return_exceptions=True)
    await asyncio.sleep(0)
    inner = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for t in inner:
        t.cancel("child only")
    print("children cancelled ->", await g, log)

    # wait_for re-raises inner exceptions untouched
    async def boom():
        await asyncio.sleep(0)
        raise LookupError("inner")
    try:
        await asyncio.wait_for(boom(), timeout=5)
    except LookupError as e:
        print("wait_for passed through", repr(e))

    # cancelling the outer task while it waits in wait_for
    async def outer():
        return await asyncio.wait_for(asyncio.sleep(10), timeout=5)
    t = asyncio.create_task(outer())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("outer cancelled, not a timeout", t.cancelled())

    # nested task groups: the inner failure propagates as a nested group
    async def fail(msg):
        await asyncio.sleep(0)
        raise ValueError(msg)
    try:
        async with asyncio.TaskGroup() as tg1:
            tg1.create_task(fail("outer"))
            async with asyncio.TaskGroup() as tg2:
                tg2.create_task(fail("inner"))
    except ExceptionGroup as eg:
        print(repr(eg.exceptions[0]).split("(")[0], [type(x).__name__ for x in eg.exceptions])
        print(eg.exceptions[0].exceptions if isinstance(eg.exceptions[0], ExceptionGroup) else eg.exceptions)

    # a cancelled getter does not lose items
    q = asyncio.Queue()
    getter = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    getter.cancel()
    await asyncio.sleep(0)
    q.put_nowait("kept")
    print(getter.cancelled(), q.qsize(), await q.get())

    # Condition built on an explicit lock
    lock = asyncio.Lock()
    cond = asyncio.Condition(lock)
    state = {"ready": False}
    async def waiter():
        async with cond:
            await cond.wait_for(lambda: state["ready"])
            return "woke with lock held: %s" % lock.locked()
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    async with lock:
        state["ready"] = True
        cond.notify_all()
    print(await w)
    try:
        await cond.wait()
    except RuntimeError as e:
        print("RuntimeError", e)

    # a task cannot await itself; awaiting a finished task again returns its result
    async def self_await():
        return await asyncio.current_task()
    t = asyncio.create_task(self_await())
    try:
        await t
    except RuntimeError as e:
        print("RuntimeError", str(e).split(":")[0])
    done = asyncio.create_task(asyncio.sleep(0, result="again"))
    print(await done, await done)

    # shield: the outer future is cancelled, the inner one completes
    inner_task = asyncio.create_task(asyncio.sleep(0.01, result="inner result"))
    outer_fut = asyncio.shield(inner_task)
    outer_fut.cancel()
    print(outer_fut.cancelled(), await inner_task)

    # as_completed over plain futures resolved by callbacks
    loop = asyncio.get_running_loop()
    futs = [loop.create_future() for _ in range(3)]
    for i, f in enumerate(reversed(futs)):
        loop.call_later(0.001 * (i + 1), f.set_result, "f%d" % (2 - i))
    print([await x for x in asyncio.as_completed(futs)])

    # sleep with a NaN delay / negative delay
    print(await asyncio.sleep(-1, result="negative ok"))

    # an uncaught exception ends asyncio.run
    async def crash():
        await asyncio.sleep(0)
        raise ArithmeticError("from a task")
    await asyncio.create_task(crash())

asyncio.run(main())
