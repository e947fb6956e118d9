# corpus: exact
# len, enumerate (with start) and zip (stopping at the shortest input).
names = ["main", "worker", "timer"]
states = ["running", "waiting"]
print(len(names), len("text"), len({"a": 1}), len(range(4)), len((1, 2)), len({3}))
for index, name in enumerate(names):
    print(index, name)
print(list(enumerate(names, start=1)))
print(list(zip(names, states)))
print(list(zip(range(3), "abc", [True, False, None])))
print(dict(zip(names, range(10, 13))))
print(list(zip()), list(zip([1, 2])))
pairs = [(1, "one"), (2, "two")]
numbers, words = zip(*pairs)
print(numbers, words)
