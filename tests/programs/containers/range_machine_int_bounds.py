for args in [(5,), (0,), (-3,), (2, 9), (9, 2), (2, 9, 3), (9, 2, -3), (-5, 5, 4), (5, -5, -4), (0, 10, 100), (-2**63, 2**63 - 1, 2**62), (2**63 - 1, -2**63, -(2**62)), (3, 3, -1)]:
    r = range(*args)
    print(args, len(r), list(r)[:5], r[-1] if len(r) else None, r)
try:
    range(1, 2, 0)
except ValueError as e:
    print(e)
try:
    print(len(range(-2**63, 2**63 - 1)))
except OverflowError as e:
    print("OverflowError:", e)
