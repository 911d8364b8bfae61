"""raytrace: a small ray tracer with spheres, a plane, lights and reflections.

Stresses vector objects with operator methods, float math, method calls and
polymorphism (two kinds of surfaces). Renders a width x width image and
returns checksums of the colour channels (quantised to 0..255)."""

import math

import _harness


class Vector:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y, self.z - other.z)

    def scale(self, factor):
        return Vector(self.x * factor, self.y * factor, self.z * factor)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def cross(self, other):
        return Vector(self.y * other.z - self.z * other.y,
                      self.z * other.x - self.x * other.z,
                      self.x * other.y - self.y * other.x)

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self.scale(1.0 / self.length())

    def reflect(self, normal):
        return self - normal.scale(2.0 * self.dot(normal))


class Ray:
    __slots__ = ("origin", "direction")

    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction.normalized()

    def point_at(self, distance):
        return self.origin + self.direction.scale(distance)


class Sphere:
    def __init__(self, centre, radius, colour, reflectivity):
        self.centre = centre
        self.radius = radius
        self.colour = colour
        self.reflectivity = reflectivity

    def intersect(self, ray):
        offset = ray.origin - self.centre
        b = offset.dot(ray.direction)
        c = offset.dot(offset) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return None
        root = math.sqrt(disc)
        near = -b - root
        if near > 1e-6:
            return near
        far = -b + root
        if far > 1e-6:
            return far
        return None

    def normal_at(self, point):
        return (point - self.centre).normalized()

    def colour_at(self, point):
        return self.colour


class Plane:
    def __init__(self, point, normal, reflectivity):
        self.point = point
        self.normal = normal.normalized()
        self.reflectivity = reflectivity

    def intersect(self, ray):
        facing = ray.direction.dot(self.normal)
        if abs(facing) < 1e-9:
            return None
        distance = (self.point - ray.origin).dot(self.normal) / facing
        return distance if distance > 1e-6 else None

    def normal_at(self, point):
        return self.normal

    def colour_at(self, point):
        checker = (math.floor(point.x) + math.floor(point.z)) % 2
        return Vector(0.9, 0.9, 0.9) if checker == 0 else Vector(0.2, 0.2, 0.25)


class Scene:
    def __init__(self):
        self.objects = [
            Sphere(Vector(0.0, 1.0, 5.0), 1.0, Vector(0.9, 0.2, 0.2), 0.3),
            Sphere(Vector(-2.0, 0.7, 6.5), 0.7, Vector(0.2, 0.9, 0.3), 0.2),
            Sphere(Vector(1.8, 0.5, 4.0), 0.5, Vector(0.3, 0.3, 0.95), 0.5),
            Plane(Vector(0.0, 0.0, 0.0), Vector(0.0, 1.0, 0.0), 0.15),
        ]
        self.lights = [(Vector(-5.0, 8.0, -2.0), 0.8), (Vector(6.0, 5.0, 1.0), 0.4)]
        self.ambient = 0.1

    def closest(self, ray):
        best = None
        best_distance = 1e30
        for thing in self.objects:
            distance = thing.intersect(ray)
            if distance is not None and distance < best_distance:
                best = thing
                best_distance = distance
        return best, best_distance

    def shadowed(self, point, light_position):
        to_light = light_position - point
        distance = to_light.length()
        ray = Ray(point, to_light)
        for thing in self.objects:
            hit = thing.intersect(ray)
            if hit is not None and hit < distance:
                return True
        return False

    def trace(self, ray, depth):
        thing, distance = self.closest(ray)
        if thing is None:
            return Vector(0.05, 0.05, 0.1)
        point = ray.point_at(distance)
        normal = thing.normal_at(point)
        base = thing.colour_at(point)
        brightness = self.ambient
        for light_position, intensity in self.lights:
            if self.shadowed(point, light_position):
                continue
            lambert = (light_position - point).normalized().dot(normal)
            if lambert > 0.0:
                brightness += lambert * intensity
        colour = base.scale(brightness)
        if depth < 3 and thing.reflectivity > 0.0:
            reflected = self.trace(Ray(point, ray.direction.reflect(normal)), depth + 1)
            colour = colour.scale(1.0 - thing.reflectivity) + reflected.scale(thing.reflectivity)
        return colour


def quantise(value):
    if value <= 0.0:
        return 0
    if value >= 1.0:
        return 255
    return int(value * 255.0)


def workload(width):
    scene = Scene()
    eye = Vector(0.0, 1.5, -3.0)
    forward = (Vector(0.0, 1.0, 5.0) - eye).normalized()
    right = Vector(0.0, 1.0, 0.0).cross(forward).normalized()
    up = forward.cross(right)
    sums = [0, 0, 0]
    mixed = 0
    for row in range(width):
        for column in range(width):
            u = (column + 0.5) / width - 0.5
            v = 0.5 - (row + 0.5) / width
            direction = forward + right.scale(u) + up.scale(v)
            colour = scene.trace(Ray(eye, direction), 0)
            r, g, b = quantise(colour.x), quantise(colour.y), quantise(colour.z)
            sums[0] += r
            sums[1] += g
            sums[2] += b
            mixed = (mixed * 31 + r * 65536 + g * 256 + b) % 1000000007
    return (sums[0], sums[1], sums[2], mixed)


SIZES = {
    "default": (300, (5732187, 5475540, 6248380, 152118583)),
    "small": (24, (37085, 35254, 40299, 610543728)),
}

if __name__ == "__main__":
    _harness.main("raytrace", workload, SIZES)
