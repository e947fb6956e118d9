# corpus: exact
# id only compared (aliases share it), hash only of 1 or compared between equal values.
a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(b), id(a) == id(c), a is b, a == c)
print(hash(1), hash(1) == hash(1.0), hash(True) == hash(1))
print(hash("gil") == hash("gil"), hash((1, "x")) == hash((1, "x")))
print(hash(10 ** 30) == hash(10 ** 30))
try:
    hash([1, 2])
except TypeError as error:
    print("TypeError:", error)
x = None
print(id(x) == id(None))
