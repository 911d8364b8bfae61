"""coroutines: async def functions awaited recursively, without an event loop.

Computes Fibonacci numbers with a recursive coroutine driven by send(None)
until StopIteration, stressing coroutine creation and await. The result is
the Fibonacci number."""

import _harness


async def fibonacci(n):
    if n <= 1:
        return n
    return await fibonacci(n - 1) + await fibonacci(n - 2)


def run_coroutine(coroutine):
    try:
        coroutine.send(None)
    except StopIteration as stop:
        return stop.value
    raise RuntimeError("the coroutine suspended; it never should")


def workload(n):
    return run_coroutine(fibonacci(n))


SIZES = {
    "default": (32, 2178309),
    "small": (16, 987),
}

if __name__ == "__main__":
    _harness.main("coroutines", workload, SIZES)
