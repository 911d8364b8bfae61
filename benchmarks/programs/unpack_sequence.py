"""unpack_sequence: tuple and list unpacking in every shape.

Stresses UNPACK_SEQUENCE/UNPACK_EX: swaps, rotations, nested and starred
targets, for-loop targets. The result is a checksum of the values seen."""

import _harness


def workload(iterations):
    a, b, c, d = 1, 2, 3, 4
    pairs = [(i, i * 2) for i in range(16)]
    nested = [((i, i + 1), [i + 2, i + 3]) for i in range(16)]
    row = [5, 6, 7, 8, 9, 10]
    total = 0
    for i in range(iterations):
        a, b = b, a
        a, b, c = c, a, b
        a, b, c, d = d, c, b, a
        first, *middle, last = row
        head, *tail = pairs[i & 15]
        (p, q), [r, s] = nested[i & 15]
        x, y = pairs[(i + 3) & 15]
        total += a - d + first + last + len(middle) + head + tail[0] + p + q + r + s + x + y
    for left, right in pairs:
        total += left * right
    for (p, q), [r, s] in nested:
        total += p + s
    return (total, a, b, c, d)


SIZES = {
    "default": (2500000, (250002768, 1, 2, 3, 4)),
    "small": (30000, (3002768, 1, 2, 3, 4)),
}

if __name__ == "__main__":
    _harness.main("unpack_sequence", workload, SIZES)
