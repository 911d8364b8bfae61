import sqlite3
class WindowSumInt:
    def __init__(self):
        self.count = 0
    def step(self, value):
        self.count += value
    def value(self):
        return self.count
    def inverse(self, value):
        self.count -= value
    def finalize(self):
        return self.count
con = sqlite3.connect(":memory:")
cur = con.execute("CREATE TABLE test(x, y)")
values = [("a", 4), ("b", 5), ("c", 3), ("d", 8), ("e", 1)]
cur.executemany("INSERT INTO test VALUES(?, ?)", values)
con.create_window_function("sumint", 1, WindowSumInt)
cur.execute("""
    SELECT x, sumint(y) OVER (
        ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING
    ) AS sum_y
    FROM test ORDER BY x
""")
print(cur.fetchall())
print(con.execute("select sumint(y) from test").fetchone())
class Bad(WindowSumInt):
    def value(self):
        raise ValueError
con.create_window_function("bad", 1, Bad)
try:
    con.execute("select bad(y) over (order by x) from test").fetchall()
except sqlite3.OperationalError as e:
    print(e)
class NoInv:
    def __init__(self): self.n = 0
    def step(self, v): self.n += v
    def value(self): return self.n
    def finalize(self): return self.n
con.create_window_function("noinv", 1, NoInv)
try:
    print(con.execute("select noinv(y) over (order by x rows between 1 preceding and current row) from test").fetchall())
except sqlite3.OperationalError as e:
    print(e)
