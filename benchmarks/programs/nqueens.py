"""nqueens: all solutions of the n-queens problem by permutation generators.

Stresses recursive generators, set comprehensions and tuple building. The
numbers of solutions are known (8 queens: 92, 6 queens: 4)."""

import _harness


def permutations(items, length=None):
    """Every ordering of ``items`` (as tuples), generated recursively."""
    if length is None:
        length = len(items)
    if length == 0:
        yield ()
        return
    for index in range(len(items)):
        rest = items[:index] + items[index + 1:]
        for tail in permutations(rest, length - 1):
            yield (items[index],) + tail


def solutions(n):
    columns = tuple(range(n))
    for placement in permutations(columns):
        if n == len({placement[row] + row for row in columns}) == len({placement[row] - row for row in columns}):
            yield placement


def workload(param):
    n, repeats = param
    count = 0
    first = None
    for _ in range(repeats):
        count = 0
        for placement in solutions(n):
            if first is None:
                first = placement
            count += 1
    return (count, first)


SIZES = {
    "default": ((8, 12), (92, (0, 4, 7, 5, 2, 6, 1, 3))),
    "small": ((6, 1), (4, (1, 3, 5, 0, 2, 4))),
}

if __name__ == "__main__":
    _harness.main("nqueens", workload, SIZES)
