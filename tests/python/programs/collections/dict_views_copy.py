# corpus: exact
# Dict views follow the dict; copies do not; equality ignores order; merging.
d = {"x": 1}
keys = d.keys()
d["y"] = 2
print(list(keys), len(keys), "y" in keys)
shallow = d.copy()
shallow["z"] = 3
print(d, shallow)
print({"a": 1, "b": 2} == {"b": 2, "a": 1}, {"a": 1} != {"a": 2})
nested = {"inner": {"n": 0}}
alias = nested.copy()
alias["inner"]["n"] = 99
print(nested)
print({**d, "x": 10}, d | {"w": 0})
squares = {n: n * n for n in range(5)}
print(squares, list(squares.values()) == [n * n for n in range(5)])
print(dict.fromkeys(["a", "b"], 0), sorted({3: "c", 1: "a"}))
