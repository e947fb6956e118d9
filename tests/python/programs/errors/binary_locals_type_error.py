# corpus: error
# Dividing by a count that arrived as a str: the TypeError's carets stress the operator.
def ratio(total, count):
    return total / count


print(ratio(6, 2))
print(ratio(6, "3"))
