# corpus: exact
# int() from strings with bases, from floats (truncation), float() and str().
print(int("42"), int("-17"), int("  7  "), int("+3"))
print(int("ff", 16), int("FF", 16), int("777", 8), int("101", 2), int("z", 36))
print(int("0x1f", 16), int("0b101", 0), int("0o17", 0), int("1_000", 10))
print(int(3.99), int(-3.99), int(True), int(1e20))
print(float("1.5"), float("-2"), float(" 3e2 "), float("-inf"), float(7))
print(str(42), str(-0.5), str([1, "a"]), str(None))
print(int(str(2 ** 70)) == 2 ** 70)
print(float("nan") != float("nan"))
