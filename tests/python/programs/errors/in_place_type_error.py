# corpus: error
# Adding an int to a growing str: the TypeError is placed on the whole `+=` statement.
def pad(text, n):
    while n > 0:
        text += "-"
        n -= 1
    text += 1
    return text


print(pad("a", 3))
