# corpus: error
# Dividing by zero inside a loop; what was printed before stays.
for divisor in [4, 2, 0, 1]:
    print(12 // divisor)
