# corpus: exact
# The constructors list, tuple, dict, set, str, int, float and their empty forms.
print(list(), tuple(), dict(), set(), str(), int(), float())
print(list("abc"), list((1, 2)), list({"k": 1, "j": 2}), list(range(3)))
print(tuple([1, 2]), tuple("xy"), dict([("a", 1), ("b", 2)]), dict(x=1))
print(set([3, 1, 3, 2]), sorted(set("hello")), set(range(4)))
print(str(12), str(1.5), str([1, 2]), str((1,)), str({"a": None}), str(True))
print(int(" 12 "), int(-2.9), float("2.5"), float(3), int("-0"), float("-0"))
copy = list([1, 2])
print(copy, copy == [1, 2], list(map(tuple, [[1], [2, 3]])))
