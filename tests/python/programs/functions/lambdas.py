# corpus: exact
# Lambdas as sort keys, with map and filter, stored in a dict and called at once.
square = lambda x: x * x
print(square(7), (lambda a, b=10: a + b)(5), (lambda: "no args")())
operations = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
}
for name in ["add", "sub", "mul"]:
    print(name, operations[name](6, 3))
print(list(map(lambda n: n * 10, [1, 2, 3])))
print(list(filter(lambda n: n % 2, range(10))))
pairs = [(1, "b"), (3, "a"), (2, "c")]
print(sorted(pairs, key=lambda pair: pair[1]))
adders = [lambda x, k=k: x + k for k in range(3)]
print([add(10) for add in adders])
