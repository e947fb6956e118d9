# corpus: exact
# isinstance with one type and a tuple of types; type() of built-in values.
values = [1, 2.5, "s", True, None, [1], (1,), {"k": 1}, {1}, range(2)]
for value in values:
    print(repr(value), type(value).__name__, type(value))
print(isinstance(True, int), isinstance(1, bool), isinstance(1, (str, float, int)))
print(type(1) is int, type(True) is int, type("") == str)


def kind(value):
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "text"
    return "other"


print([kind(v) for v in values[:5]])
