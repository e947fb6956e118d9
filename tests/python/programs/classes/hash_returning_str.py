# corpus: error
# __hash__ must return an int: a str is CPython's TypeError, both for hash() and for a dict key.
class Named:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return self.name


try:
    hash(Named("a"))
except TypeError as error:
    print("hash:", error)

registry = {}
registry[Named("b")] = 1
print("not reached")
