# corpus: exact
# The list methods a tutorial uses, and del.
xs = [5, 3, 8]
xs.append(1)
xs.extend([9, 3])
xs.insert(0, 7)
xs.insert(100, 0)
print(xs, len(xs))
print(xs.pop(), xs.pop(0), xs)
xs.remove(3)
print(xs, xs.index(9), xs.count(3), 8 in xs)
xs.sort()
print(xs)
xs.reverse()
print(xs)
copy = xs.copy()
copy.append(100)
del xs[0]
print(xs, copy)
xs.clear()
print(xs, len(xs), bool(xs))
try:
    [].pop()
except IndexError as error:
    print("IndexError:", error)
