# corpus: exact
# sorted returns a new list (key, reverse); reversed walks a sequence backwards.
data = [5, 3, 9, 1]
print(sorted(data), data, sorted(data, reverse=True))
print(sorted("banana"), sorted((3, 1, 2)), sorted({3: "c", 1: "a"}))
print(sorted(["b", "A", "c"]), sorted(["b", "A", "c"], key=str.lower))
print(sorted([[2, 1], [1, 2], [1]]), sorted([-2, 1, -3], key=lambda n: n * n, reverse=True))
print(list(reversed(data)), list(reversed("abc")), list(reversed(range(1, 4))))
print("".join(reversed("stressed")), list(reversed([])))
for item in reversed(["first", "second"]):
    print(item)
