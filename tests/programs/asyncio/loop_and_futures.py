# Event loop scheduling (call_soon/call_later/call_at), futures, eager tasks,
# Runner, exception handlers and task bookkeeping of Egret's asyncio.
import asyncio

order = []

def cb(tag, *rest):
    order.append((tag,) + rest)

loop = asyncio.new_event_loop()
print(loop.is_running(), loop.is_closed())
loop.call_later(0.02, cb, "later-20ms")
loop.call_later(0.01, cb, "later-10ms")
h = loop.call_later(0.005, cb, "cancelled")
h.cancel()
print(h.cancelled())
loop.call_soon(cb, "soon", 1, 2)
loop.call_at(loop.time() + 0.015, cb, "at-15ms")
loop.call_soon(loop.call_soon, cb, "nested-soon")
loop.call_later(0.03, loop.stop)
loop.run_forever()
print(order)

fut = loop.create_future()
print(repr(fut), fut.done())
loop.call_soon(fut.set_result, [1, 2, 3])
print(loop.run_until_complete(fut), repr(fut))
try:
    fut.set_result(4)
except asyncio.InvalidStateError as e:
    print("InvalidStateError", e)
f2 = loop.create_future()
f2.set_exception(ValueError)
print(type(f2.exception()).__name__, repr(f2))
f3 = loop.create_future()
f3.cancel("why")
print(repr(f3), f3.cancelled())
try:
    f3.result()
except asyncio.CancelledError as e:
    print("CancelledError", e.args)

async def add(a, b):
    await asyncio.sleep(0)
    return a + b

print(loop.run_until_complete(add(2, 3)))
try:
    loop.run_until_complete(5)
except TypeError as e:
    print("TypeError", e)
loop.close()
print(loop.is_closed())
try:
    loop.call_soon(cb, "x")
except RuntimeError as e:
    print("RuntimeError", e)
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError", e)

# handlers see exceptions raised by callbacks
async def handlers():
    loop = asyncio.get_running_loop()
    seen = []
    loop.set_exception_handler(lambda lp, ctx: seen.append((ctx["message"].split(" at ")[0], type(ctx["exception"]).__name__)))
    def bad():
        raise KeyError("cb")
    loop.call_soon(bad)
    await asyncio.sleep(0)
    print(seen, loop.get_exception_handler() is not None)
    loop.set_exception_handler(None)

asyncio.run(handlers())

# eager tasks run their first step synchronously
async def eager_demo():
    loop = asyncio.get_running_loop()
    log = []
    async def quick(n):
        log.append("quick %d" % n)
        return n * 2
    async def slow(n):
        log.append("slow start %d" % n)
        await asyncio.sleep(0)
        log.append("slow end %d" % n)
        return n
    loop.set_task_factory(asyncio.eager_task_factory)
    t1 = asyncio.create_task(quick(1))
    log.append("after create quick")
    t2 = asyncio.create_task(slow(2))
    log.append("after create slow")
    print(t1.done(), t2.done(), t1.result())
    print(await t2, log)
    loop.set_task_factory(None)
    print(loop.get_task_factory())

asyncio.run(eager_demo())

# the Runner keeps one loop for several run() calls
with asyncio.Runner() as runner:
    l1 = runner.run(add(1, 1))
    loop_a = runner.get_loop()
    l2 = runner.run(add(2, 2))
    print(l1, l2, runner.get_loop() is loop_a, loop_a.is_closed())
print(loop_a.is_closed())
late = add(0, 0)
try:
    runner.run(late)
except RuntimeError as e:
    print("RuntimeError", e)
late.close()

# current_task, all_tasks, task names and counts
async def bookkeeping():
    me = asyncio.current_task()
    async def child():
        await asyncio.sleep(0)
    tasks = [asyncio.create_task(child(), name="child-%d" % i) for i in range(3)]
    names = sorted(t.get_name() for t in asyncio.all_tasks())
    print(me.get_name() in names, [n for n in names if n.startswith("child")])
    await asyncio.gather(*tasks)
    print(len(asyncio.all_tasks()), asyncio.all_tasks() == {me})
    print(me.get_coro().__name__, me.done(), asyncio.isfuture(me), asyncio.iscoroutine(me.get_coro()))

asyncio.run(bookkeeping())

# tasks still pending at the end of asyncio.run are cancelled
async def leaves_work():
    async def forever():
        try:
            await asyncio.sleep(100)
        finally:
            print("forever cleaned up")
    asyncio.create_task(forever())
    await asyncio.sleep(0)
    return "main done"

print(asyncio.run(leaves_work()))

# Barrier and semaphore cancellation
async def barrier_demo():
    b = asyncio.Barrier(3)
    out = []
    async def party(i):
        idx = await b.wait()
        out.append(i)
        return idx
    res = await asyncio.gather(*(party(i) for i in range(3)))
    print(sorted(res), sorted(out), b.n_waiting, b.broken, b.parties)
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    waiter = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    waiter.cancel()
    try:
        await waiter
    except asyncio.CancelledError:
        print("acquire cancelled", sem.locked())
    sem.release()
    print(sem.locked())

asyncio.run(barrier_demo())

# timeout reschedule and repr-free state
async def resched():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(10) as cm:
        cm.reschedule(loop.time() + 20)
        print(cm.when() > loop.time() + 15)
        cm.reschedule(None)
        await asyncio.sleep(0.01)
    print("expired:", cm.expired())
    try:
        async with asyncio.timeout(0.01) as cm:
            cm.reschedule(loop.time() + 0.02)
            await asyncio.sleep(1)
    except TimeoutError:
        print("rescheduled deadline hit", cm.expired())
    try:
        cm.reschedule(None)
    except RuntimeError as e:
        print("RuntimeError", e)

asyncio.run(resched())
