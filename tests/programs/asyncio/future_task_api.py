# The asyncio Future and Task API (native _asyncio): states, callbacks, cancellation, reprs, errors.
import asyncio
import contextvars
import sys


def t(label, f):
    try:
        r = f()
        print(label, "ok", r)
    except BaseException as e:
        print(label, type(e).__name__, e)


print(asyncio.Future, asyncio.Task, asyncio.Future.__module__, asyncio.Task.__mro__)
print(asyncio.Task.__name__, asyncio.Future.__qualname__, issubclass(asyncio.Task, asyncio.Future))
print(hasattr(asyncio.Future, '_asyncio_future_blocking'), asyncio.isfuture(asyncio.Future), asyncio.isfuture(1))


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print(type(f), f, f._state, f.done(), f.cancelled(), f.get_loop() is loop, asyncio.isfuture(f))
    print(f._asyncio_future_blocking, f._result, f._exception, f._callbacks, f._log_traceback, f._source_traceback)
    t("result pending", f.result)
    t("exception pending", f.exception)
    seen = []
    def cb(fut):
        seen.append(("cb", fut.result()))
    def cb2(fut):
        seen.append("cb2")
    f.add_done_callback(cb)
    f.add_done_callback(cb2)
    f.add_done_callback(cb)
    print(len(f._callbacks), f._callbacks[0][0] is cb, type(f._callbacks[0][1]).__name__)
    print(f.remove_done_callback(cb), len(f._callbacks), f.remove_done_callback(print))
    f.set_result(42)
    print(f, f._state, f.result(), f.exception(), seen)
    await asyncio.sleep(0)
    print(seen)
    t("set twice", lambda: f.set_result(1))
    t("set_exception done", lambda: f.set_exception(ValueError()))
    print(f.cancel(), f.cancelled())
    f.add_done_callback(cb2)
    await asyncio.sleep(0)
    print(seen)

    g = loop.create_future()
    g.set_exception(ValueError("bad"))
    print(g, g.exception(), g._log_traceback)
    t("g.result", g.result)
    g2 = loop.create_future()
    g2.set_exception(KeyError)
    print(repr(g2.exception()))
    g3 = loop.create_future()
    t("set StopIteration", lambda: g3.set_exception(StopIteration(5)))
    print(g3.done())
    g4 = loop.create_future()
    t("set_exception non-exc", lambda: g4.set_exception(1))
    t("log tb True", lambda: setattr(g4, '_log_traceback', True))
    g4._log_traceback = False
    g4._asyncio_future_blocking = 1
    print(g4._asyncio_future_blocking)
    g4._asyncio_future_blocking = False

    c = loop.create_future()
    print(c.cancel("why"), c, c.cancelled(), c._cancel_message)
    t("c.result", c.result)
    t("c.exception", c.exception)
    print(c.cancel())
    c2 = loop.create_future()
    c2.cancel()
    try:
        c2.result()
    except asyncio.CancelledError as e:
        print("cancelled args", e.args)

    # awaiting futures
    h = loop.create_future()
    loop.call_soon(h.set_result, "later")
    print(await h)
    h2 = loop.create_future()
    loop.call_soon(h2.set_exception, RuntimeError("boom"))
    try:
        await h2
    except RuntimeError as e:
        print("awaited", e)
    it = loop.create_future().__await__()
    print(type(it).__name__, iter(it) is it)
    fut = loop.create_future()
    it = fut.__await__()
    print(next(it) is fut, fut._asyncio_future_blocking)
    t("next again", lambda: next(it))
    fut2 = loop.create_future()
    fut2.set_result(9)
    it2 = iter(fut2)
    try:
        next(it2)
    except StopIteration as e:
        print("stop", e.value)
    t("next exhausted", lambda: next(it2))
    it3 = loop.create_future().__await__()
    next(it3)
    t("throw", lambda: it3.throw(ValueError("into")))
    it4 = loop.create_future().__await__()
    print(it4.close())
    t("throw type", lambda: loop.create_future().__await__().throw(KeyError))

    # tasks
    async def work(x):
        await asyncio.sleep(0)
        return x * 2
    task = asyncio.create_task(work(3), name="worker")
    print(type(task).__name__, task.get_name(), task.done(), task._state)
    print(task._coro is task.get_coro(), task._fut_waiter, task._must_cancel, task._log_destroy_pending)
    print(await task, task.done(), task.result(), repr(task).split(" coro=")[0], repr(task).split("> ")[-1])
    t("task set_result", lambda: task.set_result(1))
    t("task set_exception", lambda: task.set_exception(ValueError()))
    task2 = asyncio.create_task(work(1))
    print(task2.get_name().startswith("Task-"), type(task2.get_context()).__name__)
    task2.set_name(123)
    print(repr(task2.get_name()))
    await task2

    async def sleeper():
        await asyncio.sleep(10)
    s = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    cb0 = s._fut_waiter._callbacks[0]
    print(type(s._fut_waiter).__name__, cb0[0].__qualname__, cb0[0].__self__ is s, cb0[1] is s.get_context(), s._fut_waiter)
    print(s.cancel("stop it"), s.cancelling(), s.cancel(), s.cancelling())
    try:
        await s
    except asyncio.CancelledError as e:
        print("task cancelled", e.args, s.cancelled(), s.cancelling(), s.uncancel(), s.uncancel())
    t("s.result", s.result)

    async def catcher():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("caught inside", asyncio.current_task().cancelling())
            return "swallowed"
    ct = asyncio.create_task(catcher())
    await asyncio.sleep(0)
    ct.cancel()
    print(await ct, ct.cancelled())

    # cancelled before it starts
    early = asyncio.create_task(work(5))
    early.cancel("early")
    try:
        await early
    except asyncio.CancelledError as e:
        print("early", e.args)

    async def raiser():
        await asyncio.sleep(0)
        raise ValueError("from task")
    rt = asyncio.create_task(raiser())
    try:
        await rt
    except ValueError as e:
        print("task raised", e, rt.exception())

    async def bad_yield():
        await BadAwait()
    class BadAwait:
        def __await__(self):
            yield 123
    bt = asyncio.create_task(bad_yield())
    try:
        await bt
    except RuntimeError as e:
        print("bad yield", e)

    async def self_await():
        await asyncio.sleep(0)
        await me
    me = asyncio.create_task(self_await())
    try:
        await me
    except RuntimeError as e:
        print("self await", str(e).split(" <")[0])

    async def non_blocking():
        await NonBlocking()
    class NonBlocking:
        def __await__(self):
            f = loop.create_future()
            f._asyncio_future_blocking = False
            yield f
    nb = asyncio.create_task(non_blocking())
    try:
        await nb
    except RuntimeError as e:
        print("non-blocking", str(e).split(" in task")[0])

    t("task of non-coro", lambda: asyncio.Task(1))
    print(asyncio.current_task() is not None, asyncio.current_task().get_name())
    print(len(asyncio.all_tasks()), asyncio.all_tasks() == {asyncio.current_task()})

    # subclasses
    class MyFuture(asyncio.Future):
        def __init__(self, *, loop=None, tag=None):
            super().__init__(loop=loop)
            self.tag = tag
        def cancel(self, msg=None):
            print("MyFuture.cancel", msg)
            return super().cancel(msg=msg)
    mf = MyFuture(loop=loop, tag="t")
    print(type(mf).__name__, mf.tag, asyncio.isfuture(mf), mf)
    loop.call_soon(mf.set_result, "mine")
    print(await mf)
    mf2 = MyFuture(loop=loop)
    async def waits_on(x):
        return await x
    wt = asyncio.create_task(waits_on(mf2))
    await asyncio.sleep(0)
    wt.cancel("sub")
    try:
        await wt
    except asyncio.CancelledError as e:
        print("sub cancelled", e.args)

    class MyTask(asyncio.Task):
        def __init__(self, coro, *, loop=None, name=None, context=None):
            super().__init__(coro, loop=loop, name=name, context=context)
            self.extra = 1
    mt = MyTask(work(21), loop=loop)
    print(type(mt).__name__, mt.extra, await mt)

    # context of tasks
    var = contextvars.ContextVar("var", default="d")
    async def read():
        return var.get()
    ctx = contextvars.copy_context()
    ctx.run(var.set, "in ctx")
    print(await asyncio.create_task(read(), context=ctx), await asyncio.create_task(read()))

    # eager tasks
    loop.set_task_factory(asyncio.eager_task_factory)
    order = []
    async def eager(x):
        order.append(("start", x))
        await asyncio.sleep(0)
        order.append(("end", x))
        return x
    async def instant():
        return "instant"
    e1 = asyncio.create_task(eager(1))
    order.append("created")
    e2 = asyncio.create_task(instant())
    print(e2.done(), e2.result(), order)
    print(await e1, order)
    loop.set_task_factory(None)

    # done callbacks on tasks, wait and gather
    done_order = []
    tasks = [asyncio.create_task(work(i)) for i in range(3)]
    for tk in tasks:
        tk.add_done_callback(lambda f: done_order.append(f.result()))
    print(await asyncio.gather(*tasks), done_order)
    print(await asyncio.gather(work(1), raiser(), return_exceptions=True))
    d, p = await asyncio.wait([asyncio.create_task(work(7))])
    print(len(d), len(p))
    print(await asyncio.wait_for(work(4), 1))
    shielded = asyncio.shield(work(8))
    print(await shielded)


asyncio.run(main())
t("future no loop", lambda: asyncio.Future())
t("get_running_loop", asyncio.get_running_loop)
t("current_task", asyncio.current_task)
loop = asyncio.new_event_loop()
fut = loop.create_future()
print(fut, fut.get_loop() is loop)
uninit = asyncio.Future.__new__(asyncio.Future)
t("uninit get_loop", uninit.get_loop)
print(uninit.done())
t("init positional", lambda: asyncio.Future(1))
t("init kw", lambda: asyncio.Future(lop=1))
loop.close()


async def arg_errors():
    async def c():
        pass
    coro = c()
    for label, f in [("no coro", lambda: asyncio.Task()), ("two pos", lambda: asyncio.Task(coro, 1)),
                     ("bad kw", lambda: asyncio.Task(coro, x=1)),
                     ("cancel args", lambda: asyncio.get_running_loop().create_future().cancel(1, 2)),
                     ("cancel kw", lambda: asyncio.current_task().cancel(x=1)),
                     ("get_stack pos", lambda: asyncio.current_task().get_stack(1)),
                     ("adc none", lambda: asyncio.Future().add_done_callback()),
                     ("rdc none", lambda: asyncio.Future().remove_done_callback()),
                     ("set_result none", lambda: asyncio.Future().set_result())]:
        t(label, f)
    coro.close()

asyncio.run(arg_errors())
