# corpus: exact
# range: start/stop/step, negative steps, len, indexing, membership, repr.
print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -2)))
print(list(range(0)), list(range(5, 1)), len(range(0, 100, 7)))
r = range(3, 30, 4)
print(r, r[0], r[-1], r[2:4], 11 in r, 12 in r)
print(range(10).index(4), sum(range(1, 101)), list(reversed(range(4))))
print(range(1, 4) == range(1, 4), len(range(10 ** 6)))
