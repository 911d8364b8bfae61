x += 1
obj.count *= 2
table[key] -= 3
buf[1:n] += data
