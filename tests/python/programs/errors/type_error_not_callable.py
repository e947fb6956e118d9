# corpus: error
# Calling a value that is not a function.
workers = 4
print("workers:", workers)
result = workers(2)
