# corpus: exact
# Slicing lists with steps, slice assignment and deleting slices.
xs = list(range(10))
print(xs[2:8:2], xs[::-3], xs[-2:], xs[:-7])
ys = xs[:]
ys[2:5] = ["a", "b"]
print(ys)
ys[::2] = [0] * len(ys[::2])
print(ys)
del ys[1:4]
print(ys)
del ys[::2]
print(ys)
zs = [1, 2, 3]
zs[1:1] = [9, 9]
print(zs, zs[::-1], xs[100:], xs[-100:2])
