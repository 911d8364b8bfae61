def f(items):
    return [lambda: x for x in items]
