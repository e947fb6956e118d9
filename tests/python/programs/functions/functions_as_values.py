# corpus: exact
# Functions are values: passed, returned, stored, and composed.
def apply_twice(function, value):
    return function(function(value))


def compose(f, g):
    def composed(x):
        return f(g(x))

    return composed


def increment(x):
    return x + 1


print(apply_twice(increment, 5), apply_twice(str.upper, "gil"))
inc_then_double = compose(lambda x: x * 2, increment)
print(inc_then_double(3))
pipeline = [increment, abs, str]
value = -10
for step in pipeline:
    value = step(value)
print(repr(value))
handlers = {"inc": increment, "neg": lambda x: -x}
print(handlers["inc"](1), handlers["neg"](1), handlers["inc"] is increment)
