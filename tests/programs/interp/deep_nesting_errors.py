for n in (1000, 10000, 1000000):
    try:
        eval("-" * n + "1")
        print(n, "ok")
    except (RecursionError, MemoryError, SyntaxError) as e:
        print(n, type(e).__name__, e)
