# corpus: exact
# bool is an int; truthiness of values; None; `and`/`or` return an operand.
print(True + True, True * 10, False - 1)
print(bool(0), bool(1), bool(""), bool("0"), bool([]), bool([0]), bool({}), bool(None))
print(None, None is None, None == False, type(None).__name__)
print(0 or "default", "" or [] or "last", 3 and 4, 0 and 4)
print(not None, not 5, not [])
x = None
if x is None:
    print("x is None")
print(True == 1, False == 0, isinstance(True, int))
print(str(True), repr(False), int(True))
values = [3, 0, "", "a", None, [], [1]]
print([v for v in values if v])
