"""pathlib_ops: pure path manipulation and directory walks with pathlib.

Joins, splits and rewrites PurePosixPath objects, then creates a small tree
of files in a temporary directory and lists it with iterdir(), glob() and
rglob() and stat(). The result counts what was seen."""

import pathlib
import tempfile

import _harness


def make_tree(root):
    for d in range(6):
        folder = root / ("dir%d" % d)
        folder.mkdir()
        for f in range(20):
            suffix = ".py" if f % 3 == 0 else ".txt"
            (folder / ("file%02d%s" % (f, suffix))).write_text("x" * f)


def pure_operations(count):
    total = 0
    base = pathlib.PurePosixPath("/usr/local/lib/python3.12")
    for i in range(count):
        path = base / "site-packages" / ("pkg%d" % (i % 37)) / "module.tar.gz"
        total += len(path.parts) + len(path.suffixes) + len(path.stem)
        renamed = path.with_name("other%d.py" % (i % 5)).with_suffix(".pyi")
        if i % 4 == 0:
            # relative_to() became about 10x slower in 3.12; keep it a minor part.
            total += len(str(renamed.relative_to(base)))
        if renamed.match("*.pyi") and path.is_absolute():
            total += 1
        total += len(path.parent.name)
    return total


def filesystem_operations(root, rounds):
    files = python_files = size = directories = 0
    for _ in range(rounds):
        for folder in sorted(root.iterdir()):
            directories += 1
            for entry in folder.iterdir():
                files += 1
        python_files += len(list(root.glob("*/*.py")))
        for entry in root.rglob("file1*.txt"):
            size += entry.stat().st_size
    return (files, python_files, size, directories)


def workload(param):
    pure_count, walk_rounds = param
    pure_total = pure_operations(pure_count)
    with tempfile.TemporaryDirectory() as name:
        root = pathlib.Path(name)
        make_tree(root)
        walked = filesystem_operations(root, walk_rounds)
    return (pure_total,) + walked


SIZES = {
    "default": ((50000, 400), (1658100, 48000, 16800, 240000, 2400)),
    "small": ((1000, 5), (33162, 600, 210, 3000, 30)),
}

if __name__ == "__main__":
    _harness.main("pathlib_ops", workload, SIZES)
