counter = 0
def bump():
    global counter
    counter += 1
def f():
    v = 1
    def g():
        return v
    return g
