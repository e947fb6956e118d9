# corpus: exact
# Generator expressions feed sum/min/max/any/all lazily; a generator is used once.
print(sum(n * n for n in range(101)))
print(max(len(w) for w in ["a", "abc", "ab"]), min(n % 7 for n in range(10, 20)))
print(any(n > 5 for n in [1, 2, 9]), all(n > 0 for n in [1, 2, 0]))
gen = (c.upper() for c in "abc")
print(next(gen), list(gen), list(gen))
print(sorted((n % 3, n) for n in range(6)))
print(",".join(str(n) for n in range(5) if n != 2))
print(tuple(x * 2 for x in (1, 2, 3)), set(n % 2 for n in range(10)))
