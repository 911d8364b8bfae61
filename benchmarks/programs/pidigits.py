"""pidigits: digits of pi from Gibbons' unbounded spigot algorithm.

Stresses big-integer multiplication, floor division and comparison. The
result is the digit string's length, its first 30 digits and a checksum
of all digits."""

import _harness


def pi_digits(count):
    q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
    digits = []
    while len(digits) < count:
        if 4 * q + r - t < m * t:
            digits.append(m)
            q, r, m = 10 * q, 10 * (r - m * t), (10 * (3 * q + r)) // t - 10 * m
        else:
            q, r, t, k, m, x = q * k, (2 * q + r) * x, t * x, k + 1, (q * (7 * k + 2) + r * x) // (t * x), x + 2
    return digits


def workload(count):
    digits = pi_digits(count)
    checksum = 0
    for digit in digits:
        checksum = (checksum * 10 + digit) % 1000000007
    return (len(digits), "".join(map(str, digits[:30])), checksum)


SIZES = {
    "default": (5000, (5000, '314159265358979323846264338327', 854666443)),
    "small": (300, (300, '314159265358979323846264338327', 575330406)),
}

if __name__ == "__main__":
    _harness.main("pidigits", workload, SIZES)
