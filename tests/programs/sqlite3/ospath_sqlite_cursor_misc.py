import sqlite3
con = sqlite3.connect(":memory:")
cur = con.cursor()
cur.executescript("create table t(x); insert into t values (1); insert into t values (2);")
print(cur.rowcount, cur.lastrowid, cur.description)
cur.execute("insert into t values (3)")
print(cur.rowcount, cur.lastrowid)
cur.executemany("insert into t values (?)", [(4,), (5,)])
print(cur.rowcount, cur.lastrowid, cur.description)
print(cur.execute("select x from t where x > ?", (2,)).fetchmany(2), cur.rowcount)
con.isolation_level = "IMMEDIATE"
con.execute("insert into t values (6)")
print(con.in_transaction, con.isolation_level)
con.commit()
con.isolation_level = "exclusive"
print(con.isolation_level)
r = con.execute("select 1 as a, 2 as b").fetchone()
con.row_factory = sqlite3.Row
r = con.execute("select 1 as a, 2 as b").fetchone()
print(r[:1], r[-1], list(reversed(r)) if hasattr(r, "__reversed__") else list(r)[::-1], 2 in r, r == r, r != 5)
try:
    r[2]
except IndexError as e:
    print("IndexError", e)
print(sqlite3.Row(cur, (1, 2)) if False else "", type(r).__mro__[-1].__name__)
con.row_factory = None
print(con.execute("select ?, ?, ?", (True, False, 1.5)).fetchone())
print(con.execute("select 1").fetchone()[0].__class__, con.execute("select 1.0").fetchone()[0].__class__)
print(con.execute("select :a", {"a": 1}).fetchone())
class D(dict):
    def __missing__(self, key):
        return "missing-" + key
print(con.execute("select :zz", D()).fetchone())
try:
    con.execute("select ?", {"a": 1})
except sqlite3.ProgrammingError as e:
    print(e)
try:
    sqlite3.connect(":memory:", isolation_level="bad")
except ValueError as e:
    print(e)
print(sqlite3.complete_statement("select 1;"), sqlite3.Connection.__name__)
try:
    con.create_function("f", 1, 5)
except TypeError as e:
    print(e)
try:
    con.execute("select 1").fetchall().x
except AttributeError as e:
    print("AttributeError")
cur = con.execute("select 1")
cur.arraysize = 5
print(cur.fetchmany(), cur.fetchmany())
con.execute("create table big(v)")
con.execute("insert into big values (?)", (2**63 - 1,))
print(con.execute("select v + 1, typeof(v + 1) from big").fetchone())
print(con.execute("select 1/0, 5 % 0, abs(-9223372036854775807)").fetchone())
try:
    con.execute("select abs(-9223372036854775808)")
except sqlite3.Error as e:
    print(type(e).__name__, e)
print(con.execute("select json('{\"a\":1}'), json_extract('{\"a\":[1,2]}', '$.a[1]')").fetchone())
print(con.execute("select printf('%05.1f|%s|%d', 3.14159, 'x', 42)").fetchone())
