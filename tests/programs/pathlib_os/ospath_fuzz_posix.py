# differential fuzz of posixpath/ntpath/PurePath functions over random paths (seeded)
import random
random.seed(7)
_parts = ["a", "b", ".", "..", "", "c.d", ".e", "f.", "..g", "~", "~x"]
_paths = set()
for _ in range(300):
    n = random.randint(0, 5)
    p = "/".join(random.choice(_parts) for _ in range(n))
    if random.random() < 0.3: p = "/" + p
    if random.random() < 0.1: p = "//" + p
    if random.random() < 0.2: p = p + "/"
    _paths.add(p)
import os.path as op, posixpath, ntpath
from pathlib import PurePosixPath as P, PureWindowsPath as W
paths = sorted(_paths)
def safe(f, *a):
    try:
        return repr(f(*a))
    except Exception as e:
        return type(e).__name__ + ":" + str(e)
for p in paths:
    out = [safe(op.normpath, p), safe(op.split, p), safe(op.splitext, p), safe(op.basename, p), safe(op.dirname, p), safe(op.isabs, p), safe(op.splitroot, p), safe(op.expanduser, p) if not p.startswith("~") else "", safe(op.relpath, p or ".", "/a/b") if op.isabs(p) else safe(op.relpath, p or ".", "a/b")]
    pp = P(p)
    out += [safe(str, pp), safe(lambda: pp.parts), safe(lambda: pp.name), safe(lambda: pp.suffix), safe(lambda: pp.suffixes), safe(lambda: pp.stem), safe(lambda: str(pp.parent)), safe(lambda: pp.is_absolute()), safe(lambda: pp.with_suffix(".z")), safe(lambda: pp.match("*")), safe(lambda: pp.match("a/*")), safe(lambda: pp.relative_to("a", walk_up=True))]
    w = W(p.replace("/", "\\"))
    out += [safe(str, w), safe(lambda: w.parts), safe(lambda: w.drive), safe(lambda: w.root), safe(ntpath.normpath, p), safe(ntpath.split, p), safe(ntpath.splitroot, p), safe(ntpath.join, "C:x", p), safe(ntpath.splitext, p)]
    for q in paths[:15]:
        out.append(safe(op.join, p, q))
        out.append(safe(op.commonpath, [p, q]) if p and q else "")
    print(repr(p), " | ".join(out))
