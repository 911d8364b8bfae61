import sqlite3
con = sqlite3.connect(":memory:")
con.execute("create table t(id integer primary key, v text)")
cur = con.execute("insert into t(v) values ('a'), ('b') returning id, v")
print(cur.rowcount, cur.description, cur.lastrowid)
print(cur.fetchall(), cur.rowcount, cur.lastrowid)
cur = con.execute("update t set v = v || '!' returning v")
print(cur.fetchone(), cur.rowcount)
print(cur.fetchone(), cur.rowcount)
print(con.execute("select * from t").fetchall())
cur = con.cursor()
print(cur.execute("select 1").fetchone(), cur.rowcount)
cur.execute("delete from t")
print(cur.rowcount)
con.execute("insert into t(v) values (?)", ("x",))
print(con.total_changes)
c = con.cursor()
c.close()
try:
    c.fetchone()
except sqlite3.ProgrammingError as e:
    print(e)
con.close()
try:
    con.cursor()
except sqlite3.ProgrammingError as e:
    print(e)
try:
    con.commit()
except sqlite3.ProgrammingError as e:
    print(e)
con.close()
print(sqlite3.connect(":memory:").execute("select ?", [None]).fetchone())
try:
    sqlite3.connect("/nonexistent/dir/x.db")
except sqlite3.OperationalError as e:
    print(e, e.sqlite_errorname)
c = sqlite3.connect(":memory:")
print(c.execute("select 1; ").fetchall(), c.execute("select 2 -- c").fetchall())
try:
    c.execute("select 1; select 2")
except sqlite3.ProgrammingError as e:
    print(e)
try:
    c.executescript("create table a(x); insert into a values(1); bogus;")
except sqlite3.OperationalError as e:
    print(e)
print(c.execute("select * from a").fetchall())
c.execute("create table b(x)")
c.execute("insert into b values (1)")
print(c.in_transaction)
c.executescript("insert into b values (2);")
print(c.in_transaction, c.execute("select count(*) from b").fetchone())
print(c.execute("select 1 as x").description)
print(c.execute("values (1, 2), (3, 4)").fetchall())
c.create_collation("rev", lambda a, b: (a < b) - (a > b)) if hasattr(c, "create_collation") else None
try:
    print(c.execute("select x from (select 'a' x union select 'b' union select 'c') order by x collate rev").fetchall())
except Exception as e:
    print(type(e).__name__, e)
traced = []
c.set_trace_callback(traced.append)
c.execute("select 42")
c.set_trace_callback(None)
c.execute("select 43")
print(traced)
with sqlite3.connect(":memory:") as c2:
    c2.execute("create table z(a)")
    c2.execute("insert into z values (1)")
    c.execute("create table zz(a)") 
    bk = sqlite3.connect(":memory:")
    c2.commit()
    c2.backup(bk)
    print(bk.execute("select * from z").fetchall())
