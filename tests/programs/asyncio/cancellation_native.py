# Cancellation details of native tasks: messages through nested awaits, uncancel, shield, must_cancel paths.
import asyncio


async def main():
    loop = asyncio.get_running_loop()

    async def inner():
        await asyncio.sleep(10)

    async def outer():
        try:
            await inner()
        except asyncio.CancelledError as e:
            print("outer saw", e.args)
            raise

    t = asyncio.create_task(outer())
    await asyncio.sleep(0)
    print(t.cancel("msg-1"), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiter saw", e.args, t.cancelled())

    # cancel twice before the task runs: one CancelledError, count 2
    async def quick():
        return "never"
    q = asyncio.create_task(quick())
    print(q.cancel("a"), q.cancel("b"), q.cancelling())
    try:
        await q
    except asyncio.CancelledError as e:
        print("quick", e.args)

    # the task returns normally after swallowing: must_cancel path on return
    async def swallow_then_return():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            pass
        return "returned"
    s = asyncio.create_task(swallow_then_return())
    await asyncio.sleep(0)
    s.cancel()
    print(await s, s.cancelled(), s.cancelling())

    # cancel requested while running (must_cancel set), then returns
    async def cancels_self():
        asyncio.current_task().cancel("self")
        return 5
    cs = asyncio.create_task(cancels_self())
    try:
        print(await cs)
    except asyncio.CancelledError as e:
        print("self-cancel", e.args, cs.cancelled())

    # cancel requested while running, then awaits a future: the future gets cancelled
    async def cancel_then_wait():
        asyncio.current_task().cancel("then-wait")
        f = loop.create_future()
        try:
            await f
        except asyncio.CancelledError as e:
            print("waited future cancelled", f.cancelled(), e.args)
            raise
    cw = asyncio.create_task(cancel_then_wait())
    try:
        await cw
    except asyncio.CancelledError as e:
        print("cw", e.args)

    # uncancel lets the task continue
    async def resilient():
        for i in range(2):
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("resilient caught", asyncio.current_task().uncancel())
        return "survived"
    r = asyncio.create_task(resilient())
    await asyncio.sleep(0)
    r.cancel()
    await asyncio.sleep(0)
    r.cancel()
    await asyncio.sleep(0)
    print(r.done(), r.result() if r.done() else None)

    # shield
    async def slow():
        await asyncio.sleep(0.01)
        return "shielded result"
    inner_t = asyncio.create_task(slow())
    async def shielded():
        return await asyncio.shield(inner_t)
    sh = asyncio.create_task(shielded())
    await asyncio.sleep(0)
    sh.cancel()
    try:
        await sh
    except asyncio.CancelledError:
        print("shield outer cancelled", inner_t.cancelled())
    print(await inner_t)

    # wait_for timeout cancels the inner task
    async def too_slow():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("too_slow cancelled")
            raise
    try:
        await asyncio.wait_for(too_slow(), 0.01)
    except TimeoutError as e:
        print("TimeoutError", type(e.__cause__).__name__)

    # a custom CancelledError subclass
    class MyCancel(asyncio.CancelledError):
        pass
    async def raises_custom():
        raise MyCancel("custom")
    rc = asyncio.create_task(raises_custom())
    try:
        await rc
    except asyncio.CancelledError as e:
        print("custom", type(e).__name__, e.args, rc.cancelled())

    # cancelled future as a result of a task awaiting it
    f = loop.create_future()
    async def awaits_f():
        return await f
    af = asyncio.create_task(awaits_f())
    await asyncio.sleep(0)
    f.cancel("fut msg")
    try:
        await af
    except asyncio.CancelledError as e:
        print("af", e.args, af.cancelled(), af.cancelling())

    # cancel a done task, cancel a task waiting on a done-callback chain
    print(af.cancel(), f.cancel())

    # exceptions keep their traceback through result()
    async def deep():
        def helper():
            raise LookupError("deep")
        helper()
    dt = asyncio.create_task(deep())
    await asyncio.sleep(0)
    for _ in range(2):
        try:
            dt.result()
        except LookupError as e:
            tb = e.__traceback__
            n = []
            while tb:
                n.append(tb.tb_frame.f_code.co_name)
                tb = tb.tb_next
            print(n[-2:])

asyncio.run(main())
