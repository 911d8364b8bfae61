import sqlite3, tempfile, os
from pathlib import Path
with tempfile.TemporaryDirectory() as d:
    p = Path(d) / "db.sqlite"
    con = sqlite3.connect(p)
    con.execute("create table t(x)")
    con.execute("insert into t values (1)")
    con.commit()
    con.close()
    print(p.exists(), p.stat().st_size > 0)
    con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    print(con.execute("select * from t").fetchall())
    try:
        con.execute("insert into t values (2)")
    except sqlite3.OperationalError as e:
        print(e, e.sqlite_errorname)
    con.close()
    con = sqlite3.connect(str(p).encode())
    print(con.execute("select count(*) from t").fetchone())
    con.close()
    try:
        sqlite3.connect(f"file:{d}/missing.db?mode=ro", uri=True)
    except sqlite3.OperationalError as e:
        print(e)
    c1 = sqlite3.connect(p, timeout=0.1)
    c2 = sqlite3.connect(p, timeout=0.1)
    c1.execute("insert into t values (5)")
    try:
        c2.execute("insert into t values (6)")
    except sqlite3.OperationalError as e:
        print(e, e.sqlite_errorname)
    c1.commit()
    c2.execute("insert into t values (6)")
    c2.commit()
    print(c1.execute("select * from t").fetchall())
    c1.close(); c2.close()
try:
    sqlite3.connect(5)
except TypeError as e:
    print(e)
