with open(p) as f, lock:
    data = f.read()
def g():
    with ctx() as c:
        return c
