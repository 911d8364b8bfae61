# differential fuzz of PureWindowsPath/ntpath over random paths (seeded)
import random, ntpath
from pathlib import PureWindowsPath as W
random.seed(11)
parts = ["a", "B", ".", "..", "", "c.d", "C:", "d:", "\\\\srv\\sh", "//srv/sh", "?", "UNC", "nul", "x y"]
seps = ["\\", "/"]
paths = set()
for _ in range(300):
    n = random.randint(0, 4)
    p = ""
    for i in range(n):
        p += random.choice(parts) + random.choice(seps + [""])
    if random.random() < 0.2: p = random.choice(["C:", "c:\\", "\\", "\\\\?\\", "\\\\.\\"]) + p
    paths.add(p)
def safe(f, *a):
    try:
        return repr(f(*a))
    except Exception as e:
        return type(e).__name__ + ":" + str(e)
plist = sorted(paths)
for p in plist:
    w = W(p)
    out = [safe(str, w), safe(lambda: w.parts), safe(lambda: w.drive), safe(lambda: w.root), safe(lambda: w.name), safe(lambda: str(w.parent)), safe(lambda: w.is_absolute()), safe(lambda: w.is_reserved()), safe(lambda: w.as_uri()), safe(lambda: w.with_name("n")), safe(lambda: w.match("*.d")), safe(lambda: w.relative_to("C:/")), safe(ntpath.splitroot, p), safe(ntpath.split, p), safe(ntpath.normpath, p), safe(ntpath.isabs, p), safe(ntpath.splitdrive, p)]
    for q in plist[:8]:
        out.append(safe(lambda: str(w / q)))
        out.append(safe(ntpath.join, p, q))
        out.append(safe(lambda: w == W(q)))
        out.append(safe(lambda: w < W(q)))
    print(repr(p), " | ".join(out))
