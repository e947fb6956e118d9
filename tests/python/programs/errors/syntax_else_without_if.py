# corpus: error
# An else with no if before it.
x = 3
print(x)
else:
    print("orphan")
