r = a < b <= c
if x is None or y is not None and z in w:
    pass
if 0 < n < 10:
    f()
