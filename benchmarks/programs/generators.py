"""generators: generator functions, generator expressions and yield from.

Walks a binary tree recursively with ``yield from``, chains generator
pipelines and drives a generator by hand with next() and send(). The result
is a tuple of sums and counts."""

import _harness


class Node:
    __slots__ = ("left", "value", "right")

    def __init__(self, left, value, right):
        self.left = left
        self.value = value
        self.right = right


def build_tree(low, high):
    if low > high:
        return None
    middle = (low + high) // 2
    return Node(build_tree(low, middle - 1), middle, build_tree(middle + 1, high))


def in_order(node):
    if node is None:
        return
    yield from in_order(node.left)
    yield node.value
    yield from in_order(node.right)


def numbers(limit):
    value = 0
    while value < limit:
        yield value
        value += 1


def squares(source):
    for value in source:
        yield value * value


def only_odd(source):
    for value in source:
        if value & 1:
            yield value


def running_total():
    total = 0
    while True:
        received = yield total
        if received is None:
            break
        total += received
    return total


def workload(size):
    tree = build_tree(0, 4095)
    tree_sum = 0
    tree_count = 0
    for _ in range(size // 4096 + 1):
        for value in in_order(tree):
            tree_sum += value
            tree_count += 1
    pipeline_sum = 0
    for value in only_odd(squares(numbers(size))):
        pipeline_sum += value
    expression_sum = sum(x % 7 for x in (y * 3 for y in range(size)) if x & 2)
    accumulator = running_total()
    next(accumulator)
    last = 0
    for value in range(size // 4):
        last = accumulator.send(value)
    accumulator.close()
    return (tree_sum, tree_count, pipeline_sum, expression_sum, last)


SIZES = {
    "default": (1600000, (3279144960, 1601536, 682666666666400000, 2400000, 79999800000)),
    "small": (20000, (41932800, 20480, 1333333330000, 30002, 12497500)),
}

if __name__ == "__main__":
    _harness.main("generators", workload, SIZES)
