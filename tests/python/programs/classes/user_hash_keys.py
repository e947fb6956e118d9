# corpus: exact
# A class defining __eq__ and __hash__ is hashed and compared by calling them: an equal new
# instance finds the dict entry and the set member an earlier one made, and hash() gives the int
# __hash__ returned (-1 becoming -2, big ints reduced as CPython's int hash does).
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


class Colliding:
    """Every instance hashes alike, so only __eq__ tells them apart."""

    calls = 0

    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        Colliding.calls += 1
        return self.name == other.name

    def __hash__(self):
        return 7

    def __repr__(self):
        return f"Colliding({self.name!r})"


class Fixed:
    def __init__(self, value):
        self.value = value

    def __hash__(self):
        return self.value


labels = {Point(1, 2): "a", Point(3, 4): "b"}
print(labels[Point(1, 2)], labels[Point(3, 4)])
labels[Point(1, 2)] = "c"
print(len(labels), labels)
print(Point(3, 4) in labels, Point(5, 6) in labels)
print(labels.get(Point(5, 6), "missing"), labels.setdefault(Point(3, 4), "unused"))
del labels[Point(3, 4)]
print(labels, labels.pop(Point(1, 2)), labels)

points = {Point(0, 0), Point(0, 0), Point(1, 1)}
print(len(points), sorted(points, key=lambda p: (p.x, p.y)))
points.add(Point(1, 1))
points.discard(Point(0, 0))
print(points, Point(1, 1) in points, Point(0, 0) in points)
print(len(set([Point(2, 2)] * 3 + [Point(2, 2)])))
print({p: p.x for p in [Point(1, 0), Point(1, 0), Point(2, 0)]})

same = {Colliding("x"), Colliding("y"), Colliding("x")}
print(len(same), Colliding("y") in same, Colliding("z") in same)
print(Colliding.calls > 0)

print(hash(Fixed(42)), hash(Fixed(-1)), hash(Fixed(True)), hash(Fixed(2**64)), hash(Fixed(-(2**70))))
print(hash(Point(1, 2)) == hash((1, 2)))
first = Fixed(5)
print({first: 1}[first], Fixed(5) in {first: 1})
