"""float: object creation and float math (sin, cos, sqrt) on many points.

Creates n Point objects with float attributes, normalises each one and then
folds them into a bounding point with builtin max(). The result is the
bounding point's coordinates."""

import math

import _harness


class Point:
    __slots__ = ("x", "y", "z")

    def __init__(self, i):
        angle = i * 0.001
        self.x = x = math.sin(angle)
        self.y = math.cos(angle) * 3.0
        self.z = (x * x) / 2.0

    def normalize(self):
        length = math.sqrt(self.x * self.x + self.y * self.y + self.z * self.z)
        self.x = self.x / length
        self.y = self.y / length
        self.z = self.z / length

    def maximize(self, other):
        self.x = max(self.x, other.x)
        self.y = max(self.y, other.y)
        self.z = max(self.z, other.z)
        return self


def workload(count):
    points = [Point(i) for i in range(count)]
    for point in points:
        point.normalize()
    bound = points[0]
    for point in points[1:]:
        bound = bound.maximize(point)
    furthest = max(points, key=lambda p: p.z)
    return (bound.x, bound.y, bound.z, furthest.x)


SIZES = {
    "default": (1000000, (0.8944271909886531, 1.0, 0.44721359549984635, 0.8944271909886531)),
    "small": (10000, (0.8944271899439656, 1.0, 0.4472135948965578, 0.8944271899439656)),
}

if __name__ == "__main__":
    _harness.main("float", workload, SIZES)
