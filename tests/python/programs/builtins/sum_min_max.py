# corpus: exact
# sum (with a start), min and max with key and default, over several kinds of input.
print(sum([1, 2, 3]), sum([], 10), sum(range(101)), sum([0.1] * 10), sum([[1], [2]], []))
print(min(4, 2, 8), max(4, 2, 8), min([5, 1, 3]), max("gil"))
words = ["thread", "gil", "lock", "condition"]
print(min(words), max(words), min(words, key=len), max(words, key=len))
print(max([], default="nothing"), min([], default=0), max([3], default=9))
print(max([(2, "b"), (2, "a"), (1, "z")]), min([-3, 2, -1], key=abs))
scores = {"ann": 7, "bob": 9, "cy": 9}
print(max(scores, key=scores.get), min(scores.values()))
try:
    max([])
except ValueError as error:
    print("ValueError:", error)
