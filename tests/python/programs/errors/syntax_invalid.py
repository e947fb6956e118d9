# corpus: error
# An operator with nothing after it: CPython's generic "invalid syntax".
print("not printed")
total = (1 +)
