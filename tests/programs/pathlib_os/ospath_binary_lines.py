import time
import os, tempfile
_d = tempfile.mkdtemp()
p = os.path.join(_d, "lines.txt")
with open(p, "w") as f:
    for i in range(100000):
        f.write("line %d\n" % i)
t0 = time.perf_counter()
n = 0
with open(p, "rb") as f:
    for line in f:
        n += 1
t1 = time.perf_counter()
with open(p, "rb") as f:
    a = f.readline(); b = f.read(3); c = f.readline(); f.seek(0); d = f.readline(); e = f.tell()
print(n, a, b, c, d, e)
f = open(p); f.readline(); f.close()
for op in (f.readline, lambda: next(f)):
    try: op()
    except ValueError as ex: print(ex)
f = open(p, "rb"); f.readline(); f.close()
for op in (f.readline, lambda: next(f)):
    try: op()
    except ValueError as ex: print(ex)
import sys
os.remove(p)
os.rmdir(_d)
