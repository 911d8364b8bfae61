import sqlite3
con = sqlite3.connect(":memory:")
con.executescript("create table public(c1, c2); create table private(c1, c2); insert into public values (1, 2); insert into private values (3, 4);")
seen = []
def auth(action, arg1, arg2, dbname, source):
    seen.append((action, arg1, arg2, dbname, source))
    if action == sqlite3.SQLITE_READ and arg1 == "private":
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_READ and arg2 == "c2":
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK
con.set_authorizer(auth)
print(con.execute("select c1, c2 from public").fetchall())
try:
    con.execute("select * from private")
except sqlite3.DatabaseError as e:
    print(type(e).__name__, e)
print(seen[:3])
con.set_authorizer(lambda *a: 1 / 0)
try:
    con.execute("select 1")
except sqlite3.DatabaseError as e:
    print(type(e).__name__, e)
con.set_authorizer(None)
print(con.execute("select * from private").fetchall())
calls = 0
def progress():
    global calls
    calls += 1
    return 0
con.set_progress_handler(progress, 1)
con.execute("select count(*) from (with recursive r(i) as (select 1 union all select i + 1 from r where i < 100) select i from r)").fetchall()
print(calls > 0)
con.set_progress_handler(lambda: 1, 1)
try:
    con.execute("select count(*) from (with recursive r(i) as (select 1 union all select i + 1 from r where i < 1000) select i from r)").fetchall()
except sqlite3.OperationalError as e:
    print(type(e).__name__, e)
con.set_progress_handler(None, 1)
print(con.execute("select 1").fetchone())
