# corpus: error
# Assigning to a literal is a SyntaxError with a specific message.
x = 1
1 = x
