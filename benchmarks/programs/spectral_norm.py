"""spectral_norm: power iteration on an implicit n x n matrix.

Stresses small-function calls and float loops; the result is the spectral
norm of A(i, j) = 1 / ((i + j) * (i + j + 1) / 2 + i + 1)."""

import _harness


def entry(i, j):
    s = i + j
    return 1.0 / ((s * (s + 1) >> 1) + i + 1)


def times_a(vector):
    n = len(vector)
    out = []
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += entry(i, j) * vector[j]
        out.append(total)
    return out


def times_a_transposed(vector):
    n = len(vector)
    out = []
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += entry(j, i) * vector[j]
        out.append(total)
    return out


def times_ata(vector):
    return times_a_transposed(times_a(vector))


def workload(n):
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = times_ata(u)
        u = times_ata(v)
    vbv = 0.0
    vv = 0.0
    for ue, ve in zip(u, v):
        vbv += ue * ve
        vv += ve * ve
    return (vbv / vv) ** 0.5


SIZES = {
    "default": (400, 1.2742240813922308),
    "small": (30, 1.274097380427097),
}

if __name__ == "__main__":
    _harness.main("spectral_norm", workload, SIZES)
