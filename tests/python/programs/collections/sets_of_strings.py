# corpus: exact
# Sets of strings: their order varies between runs, so they are sorted before printing.
seen = set()
duplicates = set()
for name in ["ann", "bob", "ann", "cy", "bob", "di"]:
    if name in seen:
        duplicates.add(name)
    seen.add(name)
print(sorted(seen), sorted(duplicates), len(seen))
vowels = set("threading") & set("aeiou")
print(sorted(vowels))
print(sorted({w.upper() for w in ["a", "b", "a"]}))
print("ann" in seen, "zed" in seen, seen >= duplicates)
