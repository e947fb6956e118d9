# Playground-only: a string of ten billion characters is a MemoryError.
text = "x" * 10**10
print(len(text))
