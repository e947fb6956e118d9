# corpus: exact
# The order in which try, except, else and finally run.
def attempt(divisor):
    try:
        print("try", divisor)
        result = 10 // divisor
    except ZeroDivisionError as error:
        print("except:", error)
        result = None
    else:
        print("else: no exception")
    finally:
        print("finally")
    return result


print(attempt(2))
print(attempt(0))

for value in ["7", "x", None]:
    try:
        number = int(value)
    except ValueError:
        print("not a number:", value)
    except TypeError as error:
        print("wrong type:", error)
    else:
        print("parsed", number)
