# corpus: error
# Assigning to a global's name inside a function makes it local there.
counter = 0


def increment():
    counter += 1


increment()
