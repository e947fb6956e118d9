# corpus: exact
# f-strings: expressions, format specs, conversions and the = specifier.
x = 3.14159
n = 1234567
name = "worker"
items = [1, 2, 3]
print(f"{x:>8.2f}|")
print(f"{n:,} {n:_} {n:>12,}|")
print(f"{name!r} {name:>10} {name.upper()}")
print(f"{len(items)} items, sum {sum(items)}, first {items[0]}")
print(f"{x=:.3f} {n % 7 = }")
print(f"{0.25:.0%} {7:03d} {-7:5d}| {255:#06x}")
width = 6
print(f"[{name:^{width + 4}}]")
print(f"{'nested'!s:>9}|{3 > 2}|{None}")
for i, label in enumerate(["a", "b"]):
    print(f"row {i:2d}: {label}")
