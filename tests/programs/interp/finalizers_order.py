class A:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
x = A(1)
del x
print("after del")
x = A(2)
x = None
print("after rebind")
def f():
    a = A(3)
    print("in f")
f()
print("after f")
class B(A): pass
b = B(4)
b = 5
print("after b")
import weakref
class C: pass
c = C()
r = weakref.ref(c, lambda w: print("callback"))
del c
print("after c")
l = [A(5)]
l.pop()
print("after pop")
y = A(6)
y.self = y
del y
import gc
print("collect", gc.collect() > 0)
z = A(7)
print("end")
