# corpus: exact
# Closures keep their enclosing variables; nonlocal rebinds one; late binding in loops.
def make_counter(start=0):
    count = start

    def increment(step=1):
        nonlocal count
        count += step
        return count

    return increment


counter_a = make_counter()
counter_b = make_counter(100)
print(counter_a(), counter_a(), counter_a(5), counter_b(), counter_a())


def make_multiplier(factor):
    return lambda value: value * factor


double, triple = make_multiplier(2), make_multiplier(3)
print(double(21), triple(7))

late = [lambda: i for i in range(3)]
print([f() for f in late])


def outer():
    message = "outer"

    def inner():
        return message.upper()

    message = "changed"
    return inner()


print(outer())
