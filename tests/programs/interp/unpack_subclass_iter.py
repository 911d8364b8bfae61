class T(tuple):
    def __iter__(self):
        return iter([9, 8])
class L(list):
    def __iter__(self):
        return iter([7, 6])
a, b = T((1, 2)); print(a, b)
a, b = L([1, 2]); print(a, b)
for x, y in [T((1, 2)), (3, 4), L([5, 6])]:
    print(x, y)
(a, b), c = T((1, 2)), 3
print(a, b, c)
try:
    a, b = (1, 2, 3)
except ValueError as e:
    print(e)
try:
    a, b, c = (1, 2)
except ValueError as e:
    print(e)
first, *rest = T((1, 2, 3)); print(first, rest)
first, *rest = L([1, 2, 3]); print(first, rest)
*init, last = (1, 2, 3); print(init, last)
