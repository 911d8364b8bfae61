v = a and b or c
w = not (a or b)
