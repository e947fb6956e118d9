# corpus: exact
# Chained comparisons and comparisons between sequences, is versus ==.
x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0)
print([1, 2, 3] < [1, 2, 4], (1, 2) < (1, 2, 0), "abc" < "abd", "Z" < "a")
print([1, [2, 3]] == [1, [2, 3]], (1, 2) != (2, 1))
a = [1, 2]
b = [1, 2]
print(a == b, a is b, a is not b)
print(1 == 1.0, 2 in [1, 2.0], "b" in "abc", 4 not in {1, 2, 3})
print(max(3, 7) >= 7, min("pear", "apple") <= "apple")
