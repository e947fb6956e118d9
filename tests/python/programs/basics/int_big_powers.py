# corpus: exact
# Big powers, and // and % on numbers far beyond 64 bits, negatives included.
print(2 ** 100)
print(3 ** 80)
print((-7) ** 33)
n = 2 ** 200 + 12345
print(n // 10 ** 30)
print(n % 10 ** 30)
print(-n // 10 ** 50)
print(-n % 10 ** 50)
print(divmod(10 ** 40, -7))
print(2 ** 64 - 1, 2 ** 63, -(2 ** 63) - 1)
print((2 ** 64) * (2 ** 64) == 2 ** 128)
print(len(str(7 ** 500)))
print(pow(2, 1000) % 1_000_000_007)
print(10 ** 20 / 10 ** 10)
print(int("123456789012345678901234567890") * 3)
