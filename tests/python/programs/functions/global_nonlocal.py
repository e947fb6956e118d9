# corpus: exact
# global rebinds a module variable; nonlocal an enclosing function's; plain assignment shadows.
total = 0
name = "module"


def add(n):
    global total
    total += n


def shadow():
    name = "local"
    return name


for n in range(1, 6):
    add(n)
print(total, shadow(), name)


def outer():
    level = 1

    def middle():
        nonlocal level
        level += 1

        def inner():
            nonlocal level
            level *= 10

        inner()

    middle()
    return level


print(outer())


def make_global():
    global created
    created = "made inside a function"


make_global()
print(created)
