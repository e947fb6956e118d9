# corpus: exact
# Floats print with the shortest repr that round-trips, as CPython does.
print(0.1 + 0.2)
print(0.1 * 3, 1 / 3, 2 / 3)
print(1e16, 1e15, 123456789012345678.0)
print(1e22, 1e-5, 0.0001, 1.5e-7)
print(100.0, -0.0, 3.0 * 2)
print(float("inf"), float("-inf"), float("nan"))
big = 1e308
print(big * 10, -big * 10)
print(2.5e-324 > 0, 5e-324)
print(float(10 ** 20), float(2 ** 53 + 1))
print([0.5, 1.25, 1e100])
print(0.1 + 0.2 == 0.3, abs((0.1 + 0.2) - 0.3) < 1e-9)
nan = float("nan")
print(nan == nan, nan != nan)
print(str(1.0), repr(2.50), 7.0 // 2, 7.5 % 2, -7.5 // 2)
