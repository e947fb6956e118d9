# corpus: exact
# for loops over ranges (counted in the frame): steps, nesting, break, else, generators
# suspended mid-loop, exceptions inside, one range object looped twice, and __iter__
# returning something that is not an iterator.
print([i for i in range(5)], [i for i in range(10, 0, -3)], [i for i in range(3, 3)])
total = 0
for i in range(4):
    for j in range(i, 6, 2):
        total += i * j
print("nested", total)

for i in range(10):
    if i == 2:
        continue
    if i == 5:
        break
    print("body", i)
else:
    print("not printed")
for i in range(0):
    print("never")
else:
    print("else after an empty range, i still", i)

shared = range(2, 5)
print([a * b for a in shared for b in shared])


def counting(limit):
    for n in range(limit):
        yield n * n
    for n in range(limit, 0, -1):
        yield -n


gen = counting(3)
print(next(gen), next(gen))
print(list(zip(gen, counting(2))))


def deep(level):
    values = []
    for k in range(2):
        values.append(deep(level - 1) if level else k)
    return values


print(deep(2))

for i in range(3):
    try:
        for j in range(10):
            if j == i:
                raise ValueError(i, j)
    except ValueError as error:
        print("caught", error.args)

caught = []
try:
    for i in range(5):
        try:
            1 // (i - 2)
        finally:
            caught.append(i)
except ZeroDivisionError:
    print("stopped after", caught)


def delegating():
    yield from range(3)
    yield from range(7, 4, -1)


print(list(delegating()))

for i in range(3):
    i = i * 10
    print("rebound", i)

big = 2**62
print([n - big for n in range(big, big + 3)], list(range(-(2**62), -(2**62) + 2)))
print(sum(n for n in range(1000) if n % 7 == 0))


class NotAnIterator:
    def __iter__(self):
        return range(3)


class GivesNone:
    def __iter__(self):
        return None


class Counts:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n


for cls in (NotAnIterator, GivesNone):
    try:
        for x in cls():
            print(x)
    except TypeError as error:
        print("TypeError:", error)
    try:
        print([x for x in cls()])
    except TypeError as error:
        print("TypeError:", error)
print(list(Counts()), [x for x in Counts()])
