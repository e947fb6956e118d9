# corpus: error
# A SyntaxError: CPython prints it without running anything, so stdout is empty.
print("never printed")
for n in range(3)
    print(n)
