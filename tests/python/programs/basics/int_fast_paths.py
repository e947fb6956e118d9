# corpus: exact
# Products and remainders of small ints around 32 and 64 bits (the VM's fast paths), with
# every sign, and the products that grow past 64 bits.
edges = [0, 1, -1, 7, -7, 2**31 - 1, -(2**31), 2**31, -(2**31) - 1, 2**32 + 3, 2**62, -(2**63), 2**63 - 1]
for a in edges:
    row = []
    for b in edges:
        row.append(a * b)
        if b:
            row.append(a % b)
            row.append(a // b)
    print(a, sum(row), row[:6], row[-3:])
x = -(2**31)
print(x % -1, x * -1, x * x, (2**31 - 1) * (2**31 - 1), -(2**63) % -1, -(2**63) * -1)
for n in range(-5, 6):
    print(n, n % 3, n % -3, n * 2**31, n * -(2**31), end="; ")
print()
