# corpus: exact
# A global read in a loop sees each new binding at once: rebound by `global`, by another
# function, deleted and defined again, and a built-in shadowed by a global defined later.
step = 1


def total_of(n):
    total = 0
    for i in range(n):
        total += step
    return total


def rebind(value):
    global step
    step = value


def count_with_rebinding():
    global step
    seen = []
    for i in range(6):
        seen.append(step)
        if i == 1:
            step = 10
        if i == 3:
            rebind(100)
    return seen


def size(items):
    return len(items)


print(total_of(5))
print(count_with_rebinding())
print(total_of(5))

print(size([1, 2, 3]))


def len(items):
    return "shadowed"


print(size([1, 2, 3]))
del len
print(size([1, 2, 3]))

try:
    del step
    total_of(1)
except NameError as error:
    print("NameError:", error)
step = 7
print(total_of(3))
