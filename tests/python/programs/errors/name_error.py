# corpus: error
# Using a name that was never defined, after some output.
print("before the error")
value = 10
print(value * undefined_quantity)
