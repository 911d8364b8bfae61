"""chaos: the chaos game, drawing a fractal with random affine maps.

Stresses small immutable objects with operator overloading (__add__,
__mul__), method calls and a pseudo-random generator written in Python.
The result counts how often each pixel of a 64x64 grid was hit."""

import _harness


class Vec2:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec2(self.x + other.x, self.y + other.y)

    def __mul__(self, factor):
        return Vec2(self.x * factor, self.y * factor)

    def rotated(self, cos_a, sin_a):
        return Vec2(self.x * cos_a - self.y * sin_a, self.x * sin_a + self.y * cos_a)


class AffineMap:
    def __init__(self, scale, cos_a, sin_a, shift, weight):
        self.scale = scale
        self.cos_a = cos_a
        self.sin_a = sin_a
        self.shift = shift
        self.weight = weight

    def apply(self, point):
        return point.rotated(self.cos_a, self.sin_a) * self.scale + self.shift


class Lcg:
    """A 31-bit linear congruential generator (deterministic everywhere)."""

    def __init__(self, seed):
        self.state = seed

    def next_unit(self):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return self.state / 2147483648.0


def choose(maps, total_weight, rng):
    pick = rng.next_unit() * total_weight
    for affine in maps:
        pick -= affine.weight
        if pick < 0.0:
            return affine
    return maps[-1]


def workload(iterations):
    maps = [
        AffineMap(0.5, 1.0, 0.0, Vec2(0.0, 0.0), 1.0),
        AffineMap(0.5, 1.0, 0.0, Vec2(0.5, 0.0), 1.0),
        AffineMap(0.5, 1.0, 0.0, Vec2(0.25, 0.5), 1.0),
        AffineMap(0.3, 0.8, 0.6, Vec2(0.35, 0.2), 0.5),
    ]
    total_weight = 0.0
    for affine in maps:
        total_weight += affine.weight
    rng = Lcg(42)
    size = 64
    grid = [[0] * size for _ in range(size)]
    point = Vec2(0.1, 0.1)
    for step in range(iterations):
        point = choose(maps, total_weight, rng).apply(point)
        if step < 20:
            continue
        column = int(point.x * size)
        row = int(point.y * size)
        if 0 <= column < size and 0 <= row < size:
            grid[row][column] += 1
    lit = 0
    checksum = 0
    for row_index, row in enumerate(grid):
        for column_index, hits in enumerate(row):
            if hits:
                lit += 1
                checksum = (checksum * 31 + hits * (row_index * size + column_index + 1)) % 1000000007
    return (lit, checksum)


SIZES = {
    "default": (1000000, (1544, 836270199)),
    "small": (20000, (1517, 774707720)),
}

if __name__ == "__main__":
    _harness.main("chaos", workload, SIZES)
