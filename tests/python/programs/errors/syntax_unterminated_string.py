# corpus: error
# A string literal left open at the end of the line.
greeting = "hello
print(greeting)
