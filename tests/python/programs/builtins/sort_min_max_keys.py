# corpus: exact
# Sort, min and max keys: reverse, in place, errors raised by a key, keys compared by __lt__.
print(sorted([3, 1, 2], key=lambda x: -x))
print(sorted(["b", "A", "c"], key=str.lower, reverse=True))
xs = [5, 3, 9]
xs.sort(key=lambda v: v % 3)
print(xs)
print(min([4, 2, 8], key=lambda v: abs(v - 5)), max(4, 2, 8, key=lambda v: -v))
print(min([], key=len, default=None))
try:
    min([], key=len)
except ValueError as e:
    print("ValueError", e)
def bad(x):
    raise KeyError(x)
try:
    sorted([1, 2], key=bad)
except KeyError as e:
    print("KeyError", e)
class K:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
print([k.v for k in sorted([K(3), K(1)], key=lambda k: k)])
print(sorted([(1, 'b'), (1, 'a')], key=lambda t: t[0]))
print(sorted([1, 2], key=None))
def deep(n):
    return n if n == 0 else sorted([n], key=lambda v: deep(v - 1))[0]
print(deep(50))
print([k for k in sorted(range(5), key=lambda v: K(-v))])
