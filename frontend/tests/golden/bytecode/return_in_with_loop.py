def f(items):
    for item in items:
        with lock:
            if item:
                return item
            continue
