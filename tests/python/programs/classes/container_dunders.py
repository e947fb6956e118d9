# corpus: exact
# A class that acts as a container: subscripts call __getitem__ and __setitem__, `in` calls
# __contains__, len() __len__, a for loop __iter__ then __next__ until StopIteration, str()
# and repr() their dunders; built-ins that consume an iterable take such an object too.


class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Grid:
    def __init__(self, width):
        self.cells = [0] * width

    def __getitem__(self, index):
        return self.cells[index]

    def __setitem__(self, index, value):
        self.cells[index] = value

    def __len__(self):
        return len(self.cells)

    def __contains__(self, value):
        return value in self.cells

    def __iter__(self):
        for cell in self.cells:
            yield cell

    def __repr__(self):
        return "Grid(%r)" % self.cells


class Truthful:
    def __contains__(self, value):
        return value  # not a bool: `in` takes its truth


class OnlyStr:
    def __str__(self):
        return "only str"


class Broken:
    def __len__(self):
        return -1

    def __str__(self):
        return 42

    def __repr__(self):
        return 7


class Faulty:
    def __iter__(self):
        return self

    def __next__(self):
        raise ValueError("no next item")


grid = Grid(4)
grid[1] = 10
grid[2] += 5
grid[-1] = grid[1] * 2
print(grid[1], grid[2], grid[1:3], len(grid), grid)
print(10 in grid, 11 in grid, 11 not in grid)
print(list(grid), sorted(grid), sum(grid), tuple(grid), max(grid))
print([cell for cell in grid if cell], str(grid), repr(grid))
for number in Countdown(3):
    print("countdown", number)
print(list(Countdown(4)), sum(Countdown(3)), sorted(Countdown(3)))
counter = Countdown(5)
for number in counter:
    if number == 3:
        break
print("left after break:", next(counter), list(counter))
print(next(iter(Countdown(2))), next(Countdown(0), "done"))
print(1 in Truthful(), 0 in Truthful(), "" not in Truthful())
print(OnlyStr(), str(OnlyStr()), "%s" % OnlyStr())
pairs = [(row, column) for row in Countdown(2) for column in Countdown(2)]
print(pairs)
for attempt in (lambda: len(Broken()), lambda: str(Broken()), lambda: repr(Broken())):
    try:
        attempt()
    except (ValueError, TypeError) as error:
        print(type(error).__name__ + ":", error)
try:
    for item in Faulty():
        pass
except ValueError as error:
    print("ValueError:", error)
