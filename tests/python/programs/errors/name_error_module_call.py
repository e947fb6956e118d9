# corpus: error
# Calling a function of a module that was never imported (a name never bound): the NameError is
# placed at the name, after a module function call on the line before ran as it should.
import math


def report(values):
    print(math.floor(sum(values) / len(values)))
    print(statistics_module.floor(sum(values)))


report([1, 2, 4])
