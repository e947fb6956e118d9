# corpus: exact
# assert passes silently when true and raises AssertionError (with its message) when false.
def mean(values):
    assert len(values) > 0, "mean of an empty list"
    return sum(values) / len(values)


print(mean([1, 2, 3, 4]))
try:
    mean([])
except AssertionError as error:
    print("AssertionError:", error)
try:
    assert 1 + 1 == 3
except AssertionError as error:
    print("no message:", repr(error))
assert True, "never shown"
print("done")
