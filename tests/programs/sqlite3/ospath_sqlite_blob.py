import sqlite3
con = sqlite3.connect(":memory:")
con.execute("create table t(b blob)")
con.execute("insert into t values (zeroblob(10))")
with con.blobopen("t", "b", 1) as blob:
    print(len(blob), blob.tell())
    blob.write(b"hello")
    print(blob.tell())
    blob.seek(0)
    print(blob.read(3), blob.read(), blob.tell())
    blob[0] = 72
    print(blob[0], blob[-1], blob[1:4], blob[::2])
    blob[5:8] = b"abc"
    print(blob[:])
    for bad in (lambda: blob.seek(11), lambda: blob.seek(0, 7), lambda: blob.write(b"x" * 20), lambda: blob[10], lambda: blob.__setitem__(0, 256), lambda: blob.__setitem__(slice(0, 2), b"x"), lambda: blob["a"]):
        try:
            bad()
        except (ValueError, IndexError, TypeError) as e:
            print(type(e).__name__, e)
print(con.execute("select b from t").fetchone())
blob = con.blobopen("t", "b", 1, readonly=True)
try:
    blob.write(b"x")
except sqlite3.OperationalError as e:
    print("OperationalError", e)
blob.close()
try:
    blob.read()
except sqlite3.ProgrammingError as e:
    print(e)
try:
    con.blobopen("t", "b", 99)
except sqlite3.OperationalError as e:
    print(e)
try:
    con.blobopen("nope", "b", 1)
except sqlite3.OperationalError as e:
    print(e)
print(sqlite3.Blob)
