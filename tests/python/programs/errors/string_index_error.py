# corpus: error
# Indexing past the end of a string, inside a function.
def initial(word):
    return word[0]


print(initial("thread"))
print(initial(""))
