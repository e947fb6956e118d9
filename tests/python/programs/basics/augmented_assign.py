# corpus: exact
# Augmented assignment on numbers, strings and lists (list += extends in place).
s = "ab"
s += "cd"
s *= 2
print(s)
items = [1, 2]
alias = items
items += [3]
print(items, alias, items is alias)
items = items + [4]
print(items, alias, items is alias)
f = 1.5
f **= 2
f /= 3
print(f)
n = 2
n **= 100
print(n)
n >>= 90
n <<= 1
n |= 1
n &= 0xff
n ^= 3
print(n)
