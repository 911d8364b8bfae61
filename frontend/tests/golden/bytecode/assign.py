a = b = 1
x, y = y, x
first, *rest = items
obj.attr = value
seq[i] = 2
seq[1:2] = other
del a, obj.attr, seq[i]
