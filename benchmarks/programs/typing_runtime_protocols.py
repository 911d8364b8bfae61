"""typing_runtime_protocols: isinstance() against @runtime_checkable protocols.

Checks objects that do and do not satisfy protocols with one to three
members (methods and a data attribute). CPython 3.12 made these checks much
faster than 3.11. The result counts the matches per protocol."""

from typing import Protocol, runtime_checkable

import _harness


@runtime_checkable
class SupportsClose(Protocol):
    def close(self): ...


@runtime_checkable
class Resource(Protocol):
    def open(self): ...
    def close(self): ...
    def read(self, size): ...


@runtime_checkable
class HasName(Protocol):
    name: str


class File:
    name = "file"

    def open(self):
        return self

    def close(self):
        return None

    def read(self, size):
        return b""


class Socket:
    def close(self):
        return None


class Plain:
    pass


class Named:
    def __init__(self):
        self.name = "named"


def workload(checks):
    objects = [File(), Socket(), Plain(), Named(), 3, "text", [1], File()]
    protocols = [SupportsClose, Resource, HasName]
    counts = [0, 0, 0]
    count = len(objects)
    for i in range(checks):
        obj = objects[i % count]
        for index in range(3):
            if isinstance(obj, protocols[index]):
                counts[index] += 1
    return tuple(counts)


SIZES = {
    "default": (60000, (22500, 15000, 22500)),
    "small": (3000, (1125, 750, 1125)),
}

if __name__ == "__main__":
    _harness.main("typing_runtime_protocols", workload, SIZES)
