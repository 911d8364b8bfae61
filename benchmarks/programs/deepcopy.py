"""deepcopy: copy.deepcopy of nested containers and user objects.

Copies a structure of dicts, lists, tuples, sets, strings and instances
(some shared, one cyclic), then checks the copy is equal but distinct. The
result describes the copies."""

import copy

import _harness


class Record:
    def __init__(self, ident, tags, parent=None):
        self.ident = ident
        self.tags = tags
        self.parent = parent
        self.children = []

    def __eq__(self, other):
        return (isinstance(other, Record) and self.ident == other.ident
                and self.tags == other.tags and len(self.children) == len(other.children))

    __hash__ = None


class Frozen:
    __slots__ = ("name", "value")

    def __init__(self, name, value):
        self.name = name
        self.value = value

    def __deepcopy__(self, memo):
        return Frozen(self.name, copy.deepcopy(self.value, memo))


def make_structure(seed):
    shared = ["shared", seed, (1.5, 2.5)]
    root = Record(seed, {"root", "top"})
    for i in range(5):
        child = Record(seed * 10 + i, {"child", str(i)}, root)
        root.children.append(child)
    root.children.append(root)  # a cycle through the list
    return {
        "ints": list(range(seed % 7, seed % 7 + 20)),
        "text": "x" * (seed % 5) + "payload",
        "nested": [[i, str(i), (i, i * 2.0)] for i in range(6)],
        "shared_a": shared,
        "shared_b": shared,
        "tree": root,
        "frozen": Frozen("f%d" % seed, {"k": [seed, seed + 1]}),
        "numbers": {i: i * 0.5 for i in range(8)},
        "flag": (True, None, b"bytes", frozenset({1, 2, 3})),
    }


def workload(count):
    originals = [make_structure(i) for i in range(40)]
    copies_made = 0
    shared_kept = 0
    cycles_kept = 0
    total = 0
    for round_index in range(count):
        original = originals[round_index % 40]
        duplicate = copy.deepcopy(original)
        copies_made += 1
        if duplicate["shared_a"] is duplicate["shared_b"] and duplicate["shared_a"] is not original["shared_a"]:
            shared_kept += 1
        tree = duplicate["tree"]
        if tree.children[-1] is tree and tree is not original["tree"] and tree.children[0].parent is tree:
            cycles_kept += 1
        if duplicate["nested"] == original["nested"] and duplicate["frozen"].value == original["frozen"].value:
            total += len(duplicate["ints"]) + tree.ident + len(duplicate["text"])
    return (copies_made, shared_kept, cycles_kept, total)


SIZES = {
    "default": (12000, (12000, 12000, 12000, 582000)),
    "small": (200, (200, 200, 200, 9700)),
}

if __name__ == "__main__":
    _harness.main("deepcopy", workload, SIZES)
