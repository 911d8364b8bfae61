# math: trigonometry, logs of big ints, gamma family, errors, nextafter/ulp and vector norms.
import math
print(math.sin(0), math.cos(0), math.tan(0), math.asin(1), math.acos(1), math.atan(1), math.atan2(1, -1), math.atan2(-0.0, -1))
print(math.sinh(1), math.cosh(1), math.tanh(1), math.asinh(1), math.acosh(2), math.atanh(0.5))
print(math.exp(1), math.exp2(10), math.expm1(1e-10), math.log1p(1e-10), math.log(8, 2), math.log(100, 10), math.log10(0.001))
print(math.log(10 ** 400), math.log2(2 ** 3000), math.log10(10 ** 1000), math.log(2 ** 2000, 2), math.log(True))
print(math.erf(0.5), math.erfc(0.5), math.gamma(5), math.gamma(0.5), math.lgamma(10), math.lgamma(-0.5))
print(math.degrees(math.pi), math.radians(180), math.cbrt(27), math.cbrt(-0.001), math.fabs(-2 ** 70))
print(math.hypot(1e200, 1e200), math.hypot(3e-200, 4e-200), math.hypot(1, 1, 1, 1), math.dist([1, 1, 1], [2, 2, 2]))
print(math.nextafter(1.0, 0.0, steps=2), math.nextafter(0.0, -1.0, steps=3), math.ulp(1e16), math.ulp(-3.5))
print(math.sumprod([1, 2, 3], [4, 5, 6]), math.sumprod([0.1] * 10, [1.0] * 10), math.sumprod([1.5, 2], [2, 0.25]))
print(math.factorial(30), math.comb(60, 30), math.perm(20, 10), math.gcd(2 ** 80, 3 ** 40 * 2 ** 5), math.lcm(12, 18, 30))
print(math.isqrt(2 ** 127), math.isqrt(10 ** 30), math.floor(-1e-300), math.ceil(1e-300), math.trunc(-2 ** 0.5))
print(math.fsum([1e-20, 1.0, -1.0]), math.fsum(x / 10 for x in range(1, 11)), math.prod(range(1, 21)), math.prod([0.5] * 4))
print(math.isclose(1e-10, 0.0), math.isclose(1e9, 1e9 + 1), math.isclose(1, 1.1, rel_tol=0.1), math.isclose(float("inf"), 1e308))
errs = [lambda: math.acosh(0), lambda: math.asin(2), lambda: math.log1p(-1), lambda: math.gamma(-2), lambda: math.lgamma(-1),
        lambda: math.sinh(1000), lambda: math.exp2(2000), lambda: math.log(0, 2), lambda: math.pow(-8, 1 / 3), lambda: math.pow(1e200, 2),
        lambda: math.sqrt("4"), lambda: math.comb(3), lambda: math.factorial(10 ** 20), lambda: math.fsum([1, "a"]),
        lambda: math.dist([1], [1, 2]), lambda: math.ldexp(2.0, 3.0), lambda: math.sumprod([1], [1, 2])]
for fn in errs:
    try:
        print("no error", fn())
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
print(math.pow(float("nan"), 0), math.pow(1, float("nan")), math.pow(-1, float("inf")), math.pow(0.5, float("-inf")), math.pow(-0.0, 3))
print(math.fmod(-10, 3), math.fmod(10, float("inf")), math.remainder(10, 4), math.remainder(-10, 4), math.remainder(3, float("inf")))
print(math.modf(-0.5), math.frexp(-1e-320), math.ldexp(0.5, -1073), math.copysign(5, -0.0), math.copysign(float("nan"), -1))
