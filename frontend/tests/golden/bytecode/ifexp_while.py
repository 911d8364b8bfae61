x = a if cond else b
while n > 0:
    n -= 1
    if n == 5:
        break
    if n == 7:
        continue
else:
    done()
while True:
    step()
