# corpus: exact
# frozenset: built from any iterable, hashable (a dict key, a set member), with set's operators
# (the result a frozenset when the left operand is one), comparisons with sets, the methods that
# change nothing, and none of those that would (AttributeError); its repr, and its type.
empty = frozenset()
digits = frozenset([3, 1, 2, 3])
print(empty, digits, len(digits), 2 in digits, 5 not in digits, type(digits).__name__)
print(isinstance(digits, frozenset), isinstance(digits, set), isinstance({1}, frozenset))
print(digits | {4}, {4} | digits, digits & {1, 2, 9}, digits - {1}, digits ^ frozenset({3, 4}))
print(digits == {1, 2, 3}, {1, 2, 3} == digits, digits <= {1, 2, 3, 4}, digits < digits, frozenset("aab") == frozenset("ba"))
print(digits.union([7]), digits.intersection({2, 3}), digits.issubset(range(5)), digits.isdisjoint([9]), digits.copy() is digits)
groups = {frozenset({1, 2}): "pair", frozenset(): "none"}
print(groups[frozenset([2, 1])], groups[frozenset()], frozenset({2, 1}) in groups)
print({frozenset({1}), frozenset([1]), frozenset({1, 2})} == {frozenset({1, 2}), frozenset({1})})
print(hash(frozenset({1, 2})) == hash(frozenset([2, 1])), sorted(frozenset({"b", "a"})))
grown = digits
grown |= {8}
print(grown, digits, type(grown).__name__)
print(set(digits), frozenset(digits) == digits, list(frozenset(range(4))))
for name in ["add", "remove", "discard", "pop", "clear", "update"]:
    try:
        getattr(digits, name)
    except AttributeError as e:
        print(e)
