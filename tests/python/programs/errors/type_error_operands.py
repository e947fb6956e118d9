# corpus: error
# Adding a number to a string.
count = 3
message = "threads: " + count
print(message)
