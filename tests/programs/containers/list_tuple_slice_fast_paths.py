a = list(range(10))
t = tuple(a)
for i in [None, -20, -3, -1, 0, 1, 5, 9, 10, 20]:
    for j in [None, -20, -3, -1, 0, 1, 5, 9, 10, 20]:
        print(i, j, a[i:j], t[i:j], t[i:j] is t)
for i in [None, -20, -3, 0, 2, 9, 20]:
    for j in [None, -20, -2, 0, 3, 10, 20]:
        for v in [[], [7], [7, 8, 9], (1, 2), "xy", range(3)]:
            b = list(range(6))
            b[i:j] = v
            print(i, j, v, b)
b = list(range(5)); b[1:3] = b; print(b)
b = list(range(5)); b[:] = b; print(b)
class L(list): pass
c = L([1,2,3]); print(c[1:], type(c[1:]))
try:
    a[1.5:2]
except TypeError as e: print(e)
try:
    b[1:2] = 5
except TypeError as e: print(e)
x = [0]*5; x[True:3] = (9,); print(x)
print(a[-1], t[-10], a[3])
try: a[10]
except IndexError as e: print(e)
try: t[-11]
except IndexError as e: print(e)
x[2] = 'z'; x[-1] = 'w'; print(x)
try: x[5] = 1
except IndexError as e: print(e)
for s in [slice(None,None,-1), slice(3,None,-1), slice(None,None,2), slice(-2,-8,-2), slice(1,100,3), slice(100,-100,-7), slice(5,2), slice(None, None, -100)]:
    print(s, a[s], t[s])
try: a[::0]
except ValueError as e: print(e)
print(t[::1] is t, a[::1] is a)
