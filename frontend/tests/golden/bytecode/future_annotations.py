from __future__ import annotations
def f(x: list[int], *args: str) -> dict[str, int | None]:
    y: Callable[[int], str] = g
    return y
