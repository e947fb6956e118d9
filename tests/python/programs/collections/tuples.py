# corpus: exact
# Tuples: packing, one-element tuples, methods, comparison, as dict keys.
point = 3, 4
single = (5,)
empty = ()
print(point, single, empty, type(single).__name__, len(empty))
print((1, 2) + (3,), (0,) * 3, point[0], point[-1])
t = (1, 2, 2, 3, 2)
print(t.count(2), t.index(3), 3 in t, t[1:4])
print((1, 2) < (1, 3), (2,) > (1, 9, 9), max([(1, "b"), (1, "c"), (0, "z")]))
grid = {(0, 0): "origin", (1, 2): "point"}
print(grid[(1, 2)], grid[0, 0])
x, y = point
print(x * y, tuple([1, 2]), tuple(range(3)))
nested = ((1, 2), (3, 4))
print([a + b for a, b in nested])
