"""comprehensions: many small list, dict and set comprehensions (PEP 709).

Since 3.12 comprehensions are inlined into the enclosing function (no
function object, no frame). Each call builds a handful of comprehensions,
nested ones and ones that read enclosing locals. The result is a checksum."""

import _harness


class Widget:
    def __init__(self, ident, kind, size):
        self.ident = ident
        self.kind = kind
        self.size = size


def summarize(widgets, threshold):
    sizes = [w.size for w in widgets]
    big = [w.ident for w in widgets if w.size > threshold]
    by_kind = {w.kind: w.size for w in widgets}
    kinds = {w.kind for w in widgets}
    grid = [[x * y for x in range(4)] for y in range(4)]
    flat = [cell for row in grid for cell in row if cell & 1]
    scaled = {ident: ident * threshold for ident in big}
    pairs = [(a, b) for a in sizes[:4] for b in sizes[-4:] if a != b]
    return len(big) + sum(sizes) + len(by_kind) + len(kinds) + sum(flat) + len(scaled) + len(pairs)


def workload(calls):
    widgets = [Widget(i, "kind%d" % (i % 5), (i * 37) % 101) for i in range(24)]
    total = 0
    for call in range(calls):
        total += summarize(widgets, call % 100)
    return total


SIZES = {
    "default": (170000, 201694800),
    "small": (2000, 2372880),
}

if __name__ == "__main__":
    _harness.main("comprehensions", workload, SIZES)
