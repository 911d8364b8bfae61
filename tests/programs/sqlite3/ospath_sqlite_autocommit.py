import sqlite3, tempfile, os
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "a.db")
    con = sqlite3.connect(p, autocommit=False)
    print(con.in_transaction, con.autocommit)
    con.execute("create table t(x)")
    con.execute("insert into t values (1)")
    con.commit()
    print(con.in_transaction)
    con.execute("insert into t values (2)")
    con.rollback()
    print(con.in_transaction, con.execute("select * from t").fetchall())
    con.execute("insert into t values (3)")
    con.close()
    con = sqlite3.connect(p, autocommit=True)
    print(con.execute("select * from t").fetchall(), con.in_transaction)
    con.execute("begin")
    con.execute("insert into t values (4)")
    print(con.in_transaction)
    con.commit()
    print(con.in_transaction)
    con.execute("commit")
    print(con.execute("select * from t").fetchall())
    con.autocommit = False
    print(con.in_transaction)
    con.execute("insert into t values (5)")
    con.autocommit = True
    print(con.in_transaction, con.execute("select count(*) from t").fetchone())
    con.autocommit = sqlite3.LEGACY_TRANSACTION_CONTROL
    print(con.autocommit, con.isolation_level)
    con.execute("insert into t values (6)")
    print(con.in_transaction)
    con.executescript("select 1;")
    print(con.in_transaction)
    for bad in (2, "x", None):
        try:
            con.autocommit = bad
        except ValueError as e:
            print("ValueError", e)
    with con:
        con.execute("insert into t values (7)")
    print(con.in_transaction, con.total_changes)
    con.close()
    try:
        sqlite3.connect(p, autocommit=5)
    except ValueError as e:
        print(e)
