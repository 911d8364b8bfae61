for i in range(10):
    if i % 2:
        continue
    total += i
else:
    print(total)
for k, v in d.items():
    pass
