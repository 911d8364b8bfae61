"""fannkuch: pancake flips over all permutations of range(n).

Stresses list slicing, slice assignment and small integer loops. The result
is (checksum, maximum flips), whose values for each n are known."""

import _harness


def workload(param):
    n, repeats = param
    result = None
    for _ in range(repeats):
        result = fannkuch(n)
    return result


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    permutations = 0
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        first = perm1[0]
        if first:
            perm = perm1[:]
            flips = 0
            while first:
                perm[:first + 1] = perm[first::-1]
                flips += 1
                first = perm[0]
            if flips > max_flips:
                max_flips = flips
            checksum += flips if sign > 0 else -flips
        permutations += 1
        sign = -sign
        # next permutation in the counting order
        while True:
            if r == n:
                return (checksum, max_flips)
            head = perm1.pop(0)
            perm1.insert(r, head)
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


SIZES = {
    "default": ((9, 3), (8629, 30)),
    "small": ((7, 1), (228, 16)),
}

if __name__ == "__main__":
    _harness.main("fannkuch", workload, SIZES)
