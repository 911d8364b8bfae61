# range with machine-int and big-int bounds: the same behaviour either way,
# including at the edges of the machine-int range.
import sys
M = sys.maxsize
cases = [range(7), range(2, 9), range(10, 0, -3), range(0), range(5, 5), range(-M - 1, M),
         range(M - 2, M + 3), range(-M - 1, -M + 2), range(M - 1, M), range(M, M - 3, -1),
         range(0, 2**70, 2**66), range(-5, 5, 2**63), range(-M - 1, M, M)]
for r in cases:
    print(repr(r), r.start, r.stop, r.step, bool(r))
    try:
        print(" len", len(r))
    except OverflowError as e:
        print(" OverflowError", e)
    items = []
    it = iter(r)
    for _ in range(4):
        try:
            items.append(next(it))
        except StopIteration:
            break
    print(" first", items)
    print(" last", r[-1] if r else None)
    print(" slices", r[1:3], r[::-1][:2], r[::2])
    for i in (0, 1, -1, 3, -2**64):
        try:
            print(" item", i, r[i])
        except IndexError as e:
            print(" item", i, "IndexError", e)
    print(" contains", 3 in r, M in r, (M - 1) in r, 2**65 in r, 3.0 in range(5))
    print(" hash eq", hash(r) == hash(range(r.start, r.stop, r.step)), r == range(r.start, r.stop, r.step))
print(range(3) == range(0, 3, 1), range(0) == range(5, 1), range(1, 2, 5) == range(1, 3, 7))
print(list(range(10, 0, -3)), list(reversed(range(1, 10, 4))))
print(sum(range(10**6)), range(10).index(7), range(0, 20, 5).count(15))
for a, b in zip(range(3), range(M - 1, M + 2)):
    print(a, b)
try:
    range(1, 2, 0)
except ValueError as e:
    print(e)
print(list(range(M - 2, M)), list(range(-M, -M - 3, -1)))
