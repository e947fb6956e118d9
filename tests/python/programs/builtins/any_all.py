# corpus: exact
# any and all, on empty input too, and with short-circuiting.
print(any([]), all([]), any([0, "", None]), any([0, 1]), all([1, "a", [0]]), all([1, 0]))
checked = []


def positive(n):
    checked.append(n)
    return n > 0


print(all(positive(n) for n in [3, -1, 5]), checked)
checked.clear()
print(any(positive(n) for n in [-2, 4, 6]), checked)
grid = [[1, 2], [3, 0]]
print(all(all(row) for row in grid), any(0 in row for row in grid))
