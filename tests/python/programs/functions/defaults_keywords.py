# corpus: exact
# Default values, keyword arguments, and a default evaluated once at definition.
def greet(name, greeting="Hello", punctuation="!"):
    return f"{greeting}, {name}{punctuation}"


print(greet("Ada"))
print(greet("Ada", "Hi"))
print(greet("Ada", punctuation="?"))
print(greet(punctuation=".", name="Bo", greeting="Bye"))


def append_to(item, bucket=[]):
    bucket.append(item)
    return bucket


print(append_to(1), append_to(2))


def append_fresh(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket


print(append_fresh(1), append_fresh(2))


def no_return():
    pass


print(no_return())
