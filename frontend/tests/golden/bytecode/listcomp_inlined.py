def f(data):
    return [x + 1 for x in data if x > 0]
squares = {x: x * x for x in range(5)}
uniq = {y for row in rows for y in row}
