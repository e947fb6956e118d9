# corpus: exact
# A dict keyed by instances whose class defines __hash__ and __eq__ (also inside tuple keys), and
# a set of them, sent to a pool worker: there a new equal instance finds the entry and the
# member, as the unpickled containers are keyed by calling __hash__ again.
import multiprocessing


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


def look_up(names, seen):
    return (names[Point(1, 2)], names[(Point(0, 0), "origin")], Point(3, 4) in seen,
            Point(5, 6) in seen, len(seen | {Point(3, 4), Point(7, 8)}))


if __name__ == "__main__":
    names = {Point(1, 2): "a", (Point(0, 0), "origin"): "b"}
    seen = {Point(3, 4), Point(1, 2)}
    with multiprocessing.Pool(1) as pool:
        print(pool.apply(look_up, (names, seen)))
