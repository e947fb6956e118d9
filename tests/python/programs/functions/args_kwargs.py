# corpus: exact
# *args gathers positional arguments into a tuple, **kwargs keywords into a dict.
def describe(first, *args, **kwargs):
    print("first:", first)
    print("args:", args)
    print("kwargs:", kwargs)


describe(1)
describe(1, 2, 3, mode="gil", workers=4)


def total(*numbers):
    result = 0
    for n in numbers:
        result += n
    return result


print(total(), total(5), total(1, 2, 3, 4))


def forward(*args, **kwargs):
    return total(*args, **kwargs)


print(forward(10, 20))


def options(**settings):
    return sorted(settings.items())


print(options(b=2, a=1), options(**{"z": 26}))
