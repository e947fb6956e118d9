# corpus: exact
# iter and next, next's default, StopIteration, and iterators shared by two loops.
it = iter([10, 20, 30])
print(next(it), next(it), next(it), next(it, "exhausted"))
try:
    next(it)
except StopIteration:
    print("StopIteration")
chars = iter("ab")
print(list(chars), list(chars))
d = iter({"x": 1, "y": 2})
print(next(d), next(d))

numbers = iter(range(10))
print([next(numbers) for _ in range(3)], sum(numbers))
pairs = iter(range(6))
print([(x, next(pairs)) for x in pairs])
