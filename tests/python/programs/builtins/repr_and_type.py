# corpus: exact
# repr of built-in values (what the interactive prompt would show) and type names.
values = [0, -5, 3.0, 1e-10, "q'uote", None, True, [1, "a"], (1,), {"k": (2,)}, {5}, set()]
for value in values:
    print(repr(value), "is", type(value).__name__)
print(repr(repr("x")), repr(10 ** 25), repr(-0.0), repr(float("inf")))
print(type(lambda: 0).__name__, type(print) == type(len))
