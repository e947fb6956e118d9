# corpus: exact
# A module's attribute read in a loop (`random.random`, `math.sqrt`) sees it replaced at once,
# by `module.name = f` or through `from … import` of the module, and restored.
import math
import random

original = random.random


def fixed():
    return 0.25


def draws(n):
    return [random.random() for _ in range(n)]


random.seed(5)
first = draws(2)
random.random = fixed
second = draws(2)
random.random = original
random.seed(5)
third = draws(2)
print(first == third, second)

roots = []
for i in range(4):
    if i == 2:
        math.sqrt = lambda x: -x
    roots.append(math.sqrt(16))
print(roots)
del math.sqrt
try:
    math.sqrt(4)
except AttributeError as error:
    print("AttributeError:", error)
