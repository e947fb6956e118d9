# corpus: error
# Indexing past the end of a list.
items = ["a", "b", "c"]
print(items[2])
print(items[3])
