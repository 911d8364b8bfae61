# cmath: square roots on the branch cut, exp/log, polar/rect, predicates and constants.
import cmath, math
print(cmath.sqrt(-1), cmath.sqrt(complex(-1, -0.0)), cmath.sqrt(4), cmath.sqrt(3 + 4j), cmath.sqrt(0j))
print(cmath.exp(0), cmath.log(1), cmath.log(-1), cmath.log(1j), cmath.log(100, 10), cmath.log10(1000))
print(cmath.phase(-1), cmath.phase(complex(-1, -0.0)), cmath.phase(1j), cmath.polar(1j), cmath.polar(-2))
print(cmath.rect(2, 0), cmath.rect(1, math.pi / 2).real < 1e-15, cmath.isfinite(1 + 1j), cmath.isinf(complex(math.inf, 0)), cmath.isnan(complex(0, math.nan)))
print(cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isclose(1j, 2j), cmath.pi == math.pi, cmath.inf, cmath.infj, cmath.nanj)
print(abs(cmath.sin(1j) - 1.1752011936438014j) < 1e-15, abs(cmath.cos(1j) - 1.5430806348152437) < 1e-15)
print(abs(cmath.asin(2) - complex(1.5707963267948966, 1.3169578969248166)) < 1e-15, abs(cmath.atan(0.5j) - 0.5493061443340549j) < 1e-15)
try:
    cmath.log(0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    cmath.sqrt("x")
except TypeError as e:
    print(type(e).__name__, e)
