"""asyncio_tasks: many small tasks on the asyncio event loop.

Each round creates tasks with asyncio.gather and create_task, passes values
through an asyncio.Queue, yields with asyncio.sleep(0) and awaits chains of
coroutines. The result is the total of the values the tasks returned."""

import asyncio

import _harness


async def leaf(value):
    await asyncio.sleep(0)
    return value * 2


async def chain(depth, value):
    if depth == 0:
        return await leaf(value)
    return await chain(depth - 1, value) + 1


async def producer(queue, count):
    for item in range(count):
        await queue.put(item)
    await queue.put(None)


async def consumer(queue):
    total = 0
    while True:
        item = await queue.get()
        if item is None:
            return total
        total += item


async def one_round(width):
    results = await asyncio.gather(*(chain(i % 4, i) for i in range(width)))
    queue = asyncio.Queue(maxsize=8)
    producing = asyncio.create_task(producer(queue, width))
    consumed = await consumer(queue)
    await producing
    tasks = [asyncio.create_task(leaf(i)) for i in range(width // 2)]
    done = 0
    for task in tasks:
        done += await task
    return sum(results) + consumed + done


async def main(rounds):
    total = 0
    for _ in range(rounds):
        total += await one_round(64)
    return total


def workload(rounds):
    return asyncio.run(main(rounds))


SIZES = {
    "default": (1500, 10704000),
    "small": (50, 356800),
}

if __name__ == "__main__":
    _harness.main("asyncio_tasks", workload, SIZES)
