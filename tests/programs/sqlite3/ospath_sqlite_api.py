import sqlite3
con = sqlite3.connect(":memory:")
print(con.isolation_level, con.in_transaction, con.autocommit, con.row_factory, con.text_factory)
cur = con.execute("CREATE TABLE t (a INTEGER, b TEXT, c REAL, d BLOB)")
print(cur.rowcount, cur.lastrowid, cur.description, cur.arraysize, cur.connection is con)
cur.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", [(i, str(i), i / 2, bytes([i])) for i in range(5)])
print(cur.rowcount, cur.lastrowid)
print(con.execute("SELECT * FROM t WHERE a = :a", {"a": 3}).fetchall())
print(con.execute("SELECT * FROM t WHERE a = @a", {"a": 3}).fetchall())
print(con.execute("SELECT * FROM t WHERE a = $a", {"a": 3}).fetchall())
print(con.execute("SELECT count(*), sum(a), avg(c), group_concat(b) FROM t").fetchone())
print(con.execute("SELECT a FROM t ORDER BY a DESC LIMIT 2").fetchall())
print(con.execute("select typeof(1), typeof(1.0), typeof('x'), typeof(x'00'), typeof(null)").fetchone())
con.row_factory = sqlite3.Row
r = con.execute("SELECT a AS A, b FROM t LIMIT 1").fetchone()
print(r.keys(), r["a"], r[0], tuple(r), len(r), hash(r) == hash(con.execute("SELECT a AS A, b FROM t LIMIT 1").fetchone()))
try:
    r["zz"]
except IndexError as e:
    print("IndexError", e)
con.row_factory = None
try:
    con.execute("INSERT INTO t VALUES (?)", (1, 2))
except sqlite3.Error as e:
    print(type(e).__name__, e)
try:
    con.execute("SELECT * FROM t WHERE a = ?", 5)
except Exception as e:
    print(type(e).__name__, e)
try:
    con.execute("SELECT * FROM t WHERE a = :x", [])
except Exception as e:
    print(type(e).__name__, e)
try:
    con.execute(5)
except TypeError as e:
    print("TypeError", e)
try:
    con.executemany("SELECT * FROM t", [()])
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
print(con.execute("").fetchall(), con.execute("-- nothing").description)
c2 = sqlite3.connect(":memory:", isolation_level=None)
print(c2.isolation_level, c2.execute("select 1").fetchone())
c3 = sqlite3.connect(":memory:", autocommit=False)
print(c3.autocommit, c3.in_transaction)
c3.execute("create table x(y)"); c3.commit(); print(c3.in_transaction); c3.rollback(); c3.close()
c4 = sqlite3.connect(":memory:", autocommit=True)
c4.execute("create table x(y)"); c4.execute("insert into x values (1)"); print(c4.in_transaction)
c4.autocommit = False; print(c4.in_transaction, c4.autocommit)
for bad in ("bogus", 5):
    try:
        c4.isolation_level = bad
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    c4.autocommit = "yes"
except ValueError as e:
    print("ValueError", e)
con.text_factory = lambda b: b.decode().upper()
print(con.execute("select 'abc', x'6869'").fetchone())
con.text_factory = str
print(sqlite3.adapt(5) if False else "", sqlite3.paramstyle, sqlite3.threadsafety, sqlite3.apilevel)
class P:
    def __init__(self, x, y): self.x, self.y = x, y
sqlite3.register_adapter(P, lambda p: f"{p.x};{p.y}")
sqlite3.register_converter("point", lambda b: P(*map(float, b.split(b";"))))
cc = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
cc.execute("create table pts(p point)")
cc.execute("insert into pts values (?)", (P(1, 2),))
v = cc.execute("select p from pts").fetchone()[0]
print(type(v).__name__, v.x, v.y)
v = cc.execute('select p as "p [point]" from pts').fetchone()[0]
print(type(v).__name__, cc.execute('select p as "p [point]" from pts').description[0][0])
print(cc.execute("select ?", (memoryview(b"ab"),)).fetchone(), cc.execute("select ?", (bytearray(b"cd"),)).fetchone())
cur = con.cursor()
cur.execute("select 1 union select 2")
print(list(cur), cur.fetchone())
print(con.execute("pragma user_version").fetchone(), con.execute("select sqlite_version() = ?", (sqlite3.sqlite_version,)).fetchone())
con.execute("create table u(id integer primary key autoincrement, v)")
con.execute("insert into u(v) values (1)")
con.commit()
print([l for l in con.iterdump() if "sqlite_sequence" in l or "u(" in l or '"u"' in l])
con.create_function("double", 1, lambda x: x * 2)
print(con.execute("select double(21), double('ab')").fetchone())
con.create_function("double", 1, None)
try:
    con.execute("select double(1)")
except sqlite3.OperationalError as e:
    print(e)
print(sqlite3.Row, sqlite3.Connection, sqlite3.Cursor, sqlite3.Error, sqlite3.OperationalError)
print(isinstance(sqlite3.Binary(b"x"), memoryview))
print(sqlite3.SQLITE_OK if hasattr(sqlite3, "SQLITE_OK") else None, sqlite3.SQLITE_DENY, sqlite3.SQLITE_CONSTRAINT_UNIQUE)
