class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

class Bad:
    def __init__(self, a):
        return 5

class Q(P):
    pass

ps = [P(i, i * 2) for i in range(5)]
print([p.x + p.y for p in ps])
print(Q(1, 2).y)
for args in [(), (1,), (1, 2, 3)]:
    try:
        P(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    Bad(1)
except TypeError as e:
    print("TypeError:", e)
try:
    P(1, y=2)
    print(P(x=3, y=4).x)
except TypeError as e:
    print(e)
def deep(n):
    return P(n, deep(n - 1)) if n else None
import sys
try:
    deep(100000)
except RecursionError as e:
    print("RecursionError")
