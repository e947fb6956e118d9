# corpus: error
# A function that calls itself without end hits the recursion limit.
def forever(n):
    return forever(n + 1)


print("starting")
forever(0)
