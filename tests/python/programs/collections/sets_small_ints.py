# corpus: exact
# Set operations (sets of small ints print in a fixed order).
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([9]), a.intersection(b), a.difference(b), a.symmetric_difference(b))
s = set()
s.add(3)
s.add(1)
s.add(3)
print(s, len(s), 3 in s, 7 in s)
s.discard(7)
s.remove(1)
print(s, {1, 2} <= a, {1, 9} <= a, a >= {2}, {1, 2}.issubset(a), a.isdisjoint({8}))
print(set([1, 1, 2, 2, 3]), set(), len({0, 0.0, False}))
try:
    s.remove(42)
except KeyError as error:
    print("KeyError:", error)
print(sorted({5, 1, 3}), {2, 1} == {1, 2})
