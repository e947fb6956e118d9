# corpus: exact
# abs, round, divmod and pow (with a modulus), on ints and floats.
print(abs(-7), abs(3.5), abs(-0.0), abs(True), abs(-2 ** 70))
print(round(3.14159, 2), round(-2.5), round(7.5), round(15, -1), round(25, -1), round(1e20))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(7.5, 2), divmod(-7.5, 2))
print(pow(2, 10), pow(2, 10, 1000), pow(3, 200, 7), pow(7, -1, 13), pow(2.0, 0.5))
print(pow(-8, 2), pow(4, -1), 2 ** 0.5 == pow(2, 0.5))
print(pow(12345678901234567890, 98765, 10 ** 9 + 7))
