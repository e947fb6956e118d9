# corpus: exact
# Integer operators, including floor division and modulo with negative operands.
a, b = 17, 5
print(a + b, a - b, a * b, a / b)
print(a // b, a % b, -a // b, -a % b)
print(a // -b, a % -b, -a // -b, -a % -b)
print(divmod(a, b), divmod(-a, b), divmod(a, -b))
print(2 ** 10, (-2) ** 3, 2 ** -1, 7 ** 0)
print(10 / 4, 9 / 3, -7 / 2)
print(-(-5), +3, abs(-12))
x = 7
x += 3
x *= 2
x -= 1
x //= 4
x %= 3
print("x after augmented assignments:", x)
print(1_000_000 + 1, 0o17, 0xff, 0b1011)
