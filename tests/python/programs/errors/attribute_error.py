# corpus: error
# Calling a method an int does not have.
numbers = 42
print(numbers.zzz_no_such_method())
