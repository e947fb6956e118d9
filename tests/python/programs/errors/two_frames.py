# corpus: error
# An exception raised in a function called from another: the traceback has both frames.
def average(values):
    return sum(values) / len(values)


def report(name, values):
    print(name, "average:", average(values))


report("first", [1, 2, 3])
report("second", [])
