# corpus: exact
# A set iterates in CPython's hash-table order: ints (negative and past 64 bits too), tuples of
# ints and instances hashed by __hash__ land where CPython's probing puts them, colliding ones
# included, however the set grew (add, set(list), comprehensions).
import random


class Box:
    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return isinstance(other, Box) and self.value == other.value

    def __hash__(self):
        return self.value * 8

    def __repr__(self):
        return f"Box({self.value})"


random.seed(7)
for trial in range(12):
    span = [10, 100, 1000, 2**40, 2**70][trial % 5]
    values = [random.randint(-span, span) for _ in range(random.randint(0, 30))]
    print(set(values))
    print({(v, v % 3) for v in values[:6]})

grown = set()
for v in [33, 1, 65, 97, 2, 8, 16, 24, 40]:
    grown.add(v)
print(grown, {x * 8 for x in range(12)}, set([-1, -2, 7]))
print({Box(v) for v in [3, 1, 2, 9, 17]}, set(map(Box, range(6))))
