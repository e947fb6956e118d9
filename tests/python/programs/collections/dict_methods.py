# corpus: exact
# dict: insertion order, get/setdefault/pop/update, views, del and membership.
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, len(d))
print(d.get("a"), d.get("z"), d.get("z", 0), "a" in d, 2 in d)
print(d.setdefault("d", 4), d.setdefault("a", 100), d)
print(d.pop("d"), d.pop("zz", "gone"), d)
d.update({"e": 5}, f=6)
d.update([("g", 7)])
print(d)
del d["e"]
print(list(d.keys()), list(d.values()))
print(list(d.items())[:2])
for key, value in d.items():
    print(key, value, end="; ")
print()
print(dict(zip("xyz", [1, 2, 3])), dict(a=1, b=2), dict([(1, "one")]))
print(d.popitem(), d)
try:
    d["missing"]
except KeyError as error:
    print("KeyError:", error)
