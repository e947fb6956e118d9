# corpus: exact
# Lists hold references: [[0] * 3] * 3 repeats one row; a comprehension makes three.
shared = [[0] * 3] * 3
shared[0][0] = 1
print(shared)
separate = [[0] * 3 for _ in range(3)]
separate[0][0] = 1
print(separate)
a = [1, 2]
b = a
b.append(3)
print(a, a is b, id(a) == id(b))
c = list(a)
c.append(4)
print(a, c, id(a) == id(c))
grid = [[r * 3 + c for c in range(3)] for r in range(3)]
print(grid[1], [row[2] for row in grid])
