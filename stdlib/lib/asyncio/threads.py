"""asyncio.to_thread: Egret has no threads, so the function runs in the
calling task when the coroutine is awaited (Egret's own implementation)."""

__all__ = ('to_thread',)


async def to_thread(func, /, *args, **kwargs):
    return func(*args, **kwargs)
