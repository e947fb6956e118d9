# corpus: exact
# map, filter, iter(callable, sentinel) and next(generator): StopIteration, defaults, errors.
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))
print([x for x in filter(lambda v: v > 1, [0, 1, 2, 3])])
print(list(filter(None, [0, 1, '', 'a'])))
for x in map(str, [1, 2]):
    print(repr(x))
def stopper(x):
    if x == 2:
        raise StopIteration
    return x
print(list(map(stopper, [1, 2, 3])))
print([v for v in map(stopper, [1, 2, 3])])
it = iter([1, 2, 3, None, 4])
print(list(iter(lambda: next(it), None)))
c = iter(int, 1)
print(type(c).__name__)
n = [0]
def count():
    n[0] += 1
    return n[0]
for v in iter(count, 4):
    print("v", v)
print(next(iter(count, 99)))
try:
    iter(5, 1)
except TypeError as e:
    print(e)
def gen():
    yield 1
    yield 2
    return 3
g = gen()
print(next(g), next(g), next(g, "end"))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.args)
g2 = gen()
print(next(g2))
print(list(g2))
class P:
    def __init__(self, v):
        self.v = v
print([p.v for p in map(P, [1, 2])])
print(sum(map(len, ["ab", "c"])))
m = map(lambda v: v * 2, [1, 2, 3])
print(next(m), list(m))
f = filter(lambda v: v % 2, range(6))
print(next(f), list(f))
def bad(x):
    raise ValueError("bad %d" % x)
try:
    for v in filter(bad, [7]):
        pass
except ValueError as e:
    print(e)
