# corpus: exact
# Tuple unpacking, starred targets, swapping and unpacking in calls.
a, b = 1, 2
a, b = b, a
print(a, b)
first, *rest = [10, 20, 30, 40]
print(first, rest)
*init, last = "abcd"
print(init, last)
head, *middle, tail = range(6)
print(head, middle, tail)
x, *empty = [1]
print(x, empty)
(p, q), r = (1, 2), 3
print(p, q, r)
for index, (name, size) in enumerate([("a", 1), ("b", 2)]):
    print(index, name, size)


def add3(x, y, z):
    return x + y + z


args = [1, 2, 3]
print(add3(*args), add3(*[1], **{"z": 3, "y": 2}))
print([*range(3), *"ab"], {**{"k": 1}, "j": 2})
try:
    m, n = [1, 2, 3]
except ValueError as error:
    print("ValueError:", error)
