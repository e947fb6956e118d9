# corpus: exact
# Instances whose class defines __hash__ and __eq__, inside tuple keys: a new tuple of equal
# instances finds the dict entry and the set member an earlier tuple made (at any depth), and
# hash() of such a tuple is CPython's tuple hash of its items' hashes.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Fixed:
    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return isinstance(other, Fixed) and self.value == other.value

    def __hash__(self):
        return self.value


grid = {}
grid[(Point(0, 0), 1)] = "origin, first"
grid[(Point(0, 0), 2)] = "origin, second"
grid[(Point(0, 0), 1)] = "origin, replaced"
print(len(grid), grid[(Point(0, 0), 1)], grid[(Point(0, 0), 2)])
print((Point(0, 0), 2) in grid, (Point(0, 0), 3) in grid, (Point(9, 9), 1) in grid)
print(grid.get((Point(5, 5), 1), "missing"))
del grid[(Point(0, 0), 2)]
print(grid)

edges = {(Point(0, 0), Point(1, 1)), (Point(0, 0), Point(1, 1)), (Point(1, 1), Point(0, 0))}
print(len(edges), (Point(1, 1), Point(0, 0)) in edges)
edges.discard((Point(0, 0), Point(1, 1)))
print(edges)

nested = {((Fixed(1), "a"), Fixed(2)): "deep"}
print(nested[((Fixed(1), "a"), Fixed(2))], ((Fixed(1), "b"), Fixed(2)) in nested)

counts = {}
for pair in [(Fixed(3), 0), (Fixed(3), 0), (Fixed(4), 0), (Fixed(3), 1)]:
    counts[pair] = counts.get(pair, 0) + 1
print(sorted((pair[0].value, pair[1], n) for pair, n in counts.items()))

print(hash((Fixed(5), 1)) == hash((5, 1)), hash((Fixed(5), 1)), hash((5, 1)), hash(()))
print(hash(((Fixed(7), 8), 9)) == hash(((7, 8), 9)))
print({(Fixed(1),): "x"} == {(Fixed(1),): "x"}, {(Fixed(1),): "x"} == {(Fixed(2),): "x"})
