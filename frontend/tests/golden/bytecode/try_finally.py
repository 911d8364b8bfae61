def f():
    try:
        return compute()
    finally:
        cleanup()
for x in y:
    try:
        break
    finally:
        done()
