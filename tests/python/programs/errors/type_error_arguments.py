# corpus: error
# Calling a function with a missing argument.
def transfer(source, target, amount):
    return f"{amount} from {source} to {target}"


print(transfer("a", "b", 5))
print(transfer("a", "b"))
