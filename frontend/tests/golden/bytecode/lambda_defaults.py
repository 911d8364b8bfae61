f = lambda a, b=2, *, c=3: a + b + c
g = lambda: (yield)
