# corpus: exact
# math functions with exact results: sqrt, floor, ceil, trunc, gcd, isqrt, comb, constants.
import math

print(math.sqrt(16), math.sqrt(2), math.sqrt(0.25))
print(math.floor(2.7), math.floor(-2.1), math.ceil(2.1), math.ceil(-2.7), math.trunc(-2.7))
print(math.gcd(48, 36), math.gcd(0, 5), math.isqrt(10 ** 12 + 1), math.isqrt(99))
print(math.comb(10, 3), math.perm(5, 2), math.factorial(12), math.prod([1, 2, 3, 4]))
print(math.pi, math.e, math.tau)
print(math.inf, -math.inf, math.nan, math.isnan(math.nan), math.isinf(-math.inf))
print(math.fabs(-3), math.copysign(2, -0.0), math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.isclose(0.1 + 0.2, 0.3), math.hypot(3, 4), math.pow(2, 10), math.fmod(7, 3))
print(math.floor(10 ** 20 + 0.5) == 10 ** 20, type(math.floor(2.5)).__name__)
try:
    math.sqrt(-1)
except ValueError as error:
    print("ValueError:", error)
