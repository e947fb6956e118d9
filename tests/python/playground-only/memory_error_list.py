# Playground-only: a list of a billion items is a MemoryError, not a dead tab.
print("allocating")
cells = [0] * 10**9
print(len(cells))
