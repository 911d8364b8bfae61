total = sum(x * x for x in data if x)
