# corpus: exact
# Catching by base class, by a tuple of classes, and the order of except clauses.
def risky(kind):
    if kind == "key":
        return {}["nope"]
    if kind == "index":
        return [][3]
    if kind == "zero":
        return 1 % 0
    if kind == "type":
        return "a" + 1
    return "fine"


for kind in ["key", "index", "zero", "type", "none"]:
    try:
        print(risky(kind))
    except LookupError as error:
        print("lookup:", type(error).__name__)
    except (ArithmeticError, TypeError) as error:
        print("arith or type:", type(error).__name__, error)

try:
    raise KeyError("specific")
except Exception as error:
    print("Exception catches", type(error).__name__)
print(isinstance(KeyError(), LookupError), isinstance(ZeroDivisionError(), ArithmeticError))
