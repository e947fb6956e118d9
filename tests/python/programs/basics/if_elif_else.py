# corpus: exact
# if/elif/else chains and the conditional expression.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n % 2 == 0:
        return "even"
    else:
        return "odd"


for value in [-3, 0, 4, 7]:
    print(value, classify(value))

temperature = 21
label = "warm" if temperature > 20 else "cool"
print(label)
if temperature > 30:
    print("hot")
if 0 <= temperature < 25:
    pass
    print("between 0 and 25")
