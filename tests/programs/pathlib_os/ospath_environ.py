import os
os.environ["EGRET_T1"] = "v1"
print(os.environb[b"EGRET_T1"], os.getenvb(b"EGRET_T1"), b"EGRET_T1" in os.environb)
os.environb[b"EGRET_T2"] = b"v2"
print(os.environ["EGRET_T2"])
del os.environb[b"EGRET_T2"]
print("EGRET_T2" in os.environ, os.getenv("EGRET_T2"))
try:
    os.environb["x"]
except TypeError as e:
    print(e)
e = os.environ.copy(); print(type(e).__name__, e["EGRET_T1"])
print(os.environ | {"A": "1"} == {**os.environ, "A": "1"})
for k in ("A=B",):
    try:
        os.environ[k] = "x"
    except ValueError as ex:
        print("ValueError", ex)
try:
    os.environ["NUL"] = "a\0b"
except ValueError as ex:
    print("ValueError", ex)

for k, v in (('', 'x'), ('A=B', 'x'), ('N', 'a\0b'), ('N\0', 'x')):
    try:
        os.environ[k] = v
    except Exception as e:
        print(type(e).__name__, e)
for k in ('', 'A=B', 'Q'):
    try:
        os.putenv(k, 'x'); print('ok')
    except Exception as e: print(type(e).__name__, e)
    try:
        os.unsetenv(k); print('ok')
    except Exception as e: print(type(e).__name__, e)
