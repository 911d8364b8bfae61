# differential fuzz of sqlite3 value binding/reading and affinity (seeded)
import random, sqlite3
random.seed(3)
con = sqlite3.connect(":memory:")
con.execute("create table t(n, i INTEGER, r REAL, t TEXT, b BLOB, num NUMERIC)")
def rnd():
    k = random.randrange(9)
    if k == 0: return None
    if k == 1: return random.randint(-2**63, 2**63 - 1)
    if k == 2: return random.choice([0.0, -0.0, 1.5, -2.25, 1e300, -1e-300, 3.0, 2.0**53, float("inf"), float("-inf")])
    if k == 3: return "".join(random.choice("ab1.e-+ \u00e9\u4e2d") for _ in range(random.randrange(6)))
    if k == 4: return bytes(random.randrange(256) for _ in range(random.randrange(5)))
    if k == 5: return random.choice(["12", "1.5", "1e3", " 7", "0x10", "-0", "9223372036854775808", "3.0"])
    if k == 6: return random.choice([True, False])
    if k == 7: return random.randint(-1000, 1000)
    return bytearray(b"xy")
rows = [tuple(rnd() for _ in range(6)) for _ in range(150)]
for r in rows:
    try:
        con.execute("insert into t values (?, ?, ?, ?, ?, ?)", r)
    except Exception as e:
        print("insert", type(e).__name__, e)
for row in con.execute("select n, typeof(n), i, typeof(i), r, typeof(r), t, typeof(t), b, typeof(b), num, typeof(num) from t"):
    print(row)
try:
    for row in con.execute("select n + 1, n || 'x', length(n), quote(n), hex(t), abs(i) is null from t limit 60"):
        print(row)
except sqlite3.OperationalError as e:
    print("OperationalError", e)
con.text_factory = bytes
print(con.execute("select n || 'x' from t where typeof(n) = 'blob' limit 3").fetchall())
