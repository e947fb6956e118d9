# corpus: error
# A class that defines __eq__ without __hash__ is unhashable (CPython sets its __hash__ to None),
# as is one that sets __hash__ = None; a subclass inherits that; keeping __hash__ keeps it hashable.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)


class Labelled(Point):
    pass


class Sealed:
    __hash__ = None


class Plain:
    pass


print(Point(1, 2) == Point(1, 2))
for make in [Labelled, Sealed]:
    try:
        hash(make(0, 0) if make is Labelled else make())
    except TypeError as error:
        print(error)
try:
    {Sealed(): 1}
except TypeError as error:
    print(error)
plain = Plain()
print({plain: "kept"}[plain], plain in {plain})
seen = {Point(1, 2)}
