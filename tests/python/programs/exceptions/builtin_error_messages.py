# corpus: exact
# The messages of common built-in exceptions, caught and printed.
cases = [
    lambda: 1 / 0,
    lambda: 1 // 0,
    lambda: 1.0 / 0,
    lambda: [1, 2][5],
    lambda: (1,)[-2],
    lambda: {"a": 1}["b"],
    lambda: int("abc"),
    lambda: int("12", 2),
    lambda: float("one"),
    lambda: "a" + 1,
    lambda: 1 + "a",
    lambda: len(5),
    lambda: None.upper(),
    lambda: [].pop(),
    lambda: "abc".index("z"),
    lambda: [1, 2].remove(3),
    lambda: "x" * "y",
    lambda: undefined_name_here,
]
for case in cases:
    try:
        case()
    except Exception as error:
        print(f"{type(error).__name__}: {error}")
