# corpus: exact
# map (with one or two iterables) and filter (with a function or None) are lazy.
print(list(map(str, [1, 2, 3])), list(map(len, ["ab", "c", ""])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [10, 20, 30, 40])))
print(list(map(int, "1 2 3".split())), sum(map(int, ["4", "5"])))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])))
print(list(filter(str.isdigit, ["1", "a", "22"])))
evens = filter(lambda n: n % 2 == 0, range(10))
print(next(evens), next(evens), list(evens), list(evens))
print(list(map(pow, [2, 3], [3, 2])))
