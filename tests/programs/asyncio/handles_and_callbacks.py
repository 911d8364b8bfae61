# Loop handles (native Handle, Python TimerHandle): reprs, cancel, context, errors in callbacks.
import asyncio
import contextvars
import functools

var = contextvars.ContextVar("var", default="default")


def plain(x, y=None):
    print("plain", x, y, var.get())


def failing(n):
    raise ValueError(f"fail {n}")


async def main():
    loop = asyncio.get_running_loop()
    h = loop.call_soon(plain, 1)
    print(type(h).__name__, type(h).__module__, isinstance(h, asyncio.Handle))
    print(repr(h).split(" at ")[0], h.cancelled(), type(h.get_context()).__name__)
    print(h._callback is plain, h._args, h._cancelled, h._loop is loop, h._repr)
    h2 = loop.call_soon(plain, 2)
    h2.cancel()
    print(h2.cancelled(), h2._callback, h2._args, repr(h2))
    h2.cancel()
    ctx = contextvars.copy_context()
    ctx.run(var.set, "in ctx")
    loop.call_soon(plain, 3, context=ctx)
    loop.call_soon(functools.partial(plain, 4, y="kw"))
    await asyncio.sleep(0)

    errors = []
    loop.set_exception_handler(lambda l, c: errors.append((sorted(c), c["message"].split(" at ")[0], repr(c["exception"]), c["handle"] is not None)))
    loop.call_soon(failing, 1)
    loop.call_soon(plain, "after failure")
    await asyncio.sleep(0)
    print(errors)
    loop.set_exception_handler(None)

    th = loop.call_later(10, plain, 5)
    print(type(th).__name__, isinstance(th, asyncio.Handle), repr(th).split(" when=")[0], th.when() > loop.time())
    th.cancel()
    print(th.cancelled(), repr(th).split(" when=")[0])
    order = []
    loop.call_later(0.02, order.append, "b")
    loop.call_later(0.01, order.append, "a")
    loop.call_soon(order.append, "soon")
    await asyncio.sleep(0.05)
    print(order)
    t1 = loop.call_at(100, plain, 1)
    t2 = loop.call_at(200, plain, 1)
    print(t1 < t2, t1 <= t2, t2 > t1, t1 == t1, t1 == t2, hash(t1) == hash(100))
    t1.cancel()
    t2.cancel()

    hh = asyncio.Handle(plain, ("direct",), loop)
    hh._run()
    hh2 = asyncio.Handle(plain, ("direct ctx",), loop, ctx)
    hh2._run()
    print(hh2.get_context() is ctx)
    try:
        asyncio.Handle(plain)
    except TypeError as e:
        print("TypeError", e)

    class MyHandle(asyncio.Handle):
        def _repr_info(self):
            return ["custom"] + super()._repr_info()[1:]
    mh = MyHandle(print, (), loop)
    print(repr(mh).split(" at ")[0])
    mh._repr = "<fixed>"
    print(repr(mh))

    loop.close if False else None


asyncio.run(main())
loop = asyncio.new_event_loop()
loop.close()
try:
    loop.call_soon(print)
except RuntimeError as e:
    print("RuntimeError", e)


async def run_cancelled_handle():
    loop = asyncio.get_running_loop()
    got = []
    loop.set_exception_handler(lambda l, c: got.append((c["message"], repr(c["exception"]))))
    h = loop.call_soon(print, 1)
    h.cancel()
    h._run()
    print(got)

asyncio.run(run_cancelled_handle())
