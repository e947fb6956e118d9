# corpus: exact
# List, dict and set comprehensions, with conditions and nesting.
print([n * n for n in range(8)])
print([n for n in range(20) if n % 3 == 0 if n % 2 == 0])
print([(r, c) for r in range(3) for c in range(r)])
print([[c for c in range(r)] for r in range(4)])
print(["even" if n % 2 == 0 else "odd" for n in range(4)])
print({n: n ** 3 for n in range(1, 5)})
print({word: len(word) for word in ["gil", "lock", "queue"]})
print({n % 4 for n in range(20)})
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(col) for col in zip(*matrix)])
print([x for row in matrix for x in row if x != 4])
n = 10
print([n for n in range(3)], n)
