class L(list):
    def __del__(self): print("L del", list(self))
x = L([1, 2, 3])
del x
class D:
    def __init__(s, n): s.n = n
    def __del__(s): print("del", s.n)
t = (D(1), D(2), D(3))
del t
def f():
    a = [D(4), D(5)]
f()
print("end")
