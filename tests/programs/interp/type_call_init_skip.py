class A:
    def __new__(cls, *a):
        return super().__new__(cls)
print(type(A(1, 2)).__name__)
class B:
    pass
try:
    B(1)
except TypeError as e:
    print(e)
print(tuple([1, 2]), list(zip("ab", "cd")), set([1]), frozenset(), int("5"), str(3))
try:
    object(1)
except TypeError as e:
    print(e)
class C(tuple):
    def __init__(self, *a):
        print("init", a)
print(C([1, 2]))
class D(list):
    pass
print(D([1, 2]))
