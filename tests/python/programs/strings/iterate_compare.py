# corpus: exact
# Iterating over a string, sorting its characters, comparing strings.
word = "parallel"
for ch in word[:3]:
    print(ch, end=" ")
print()
print(sorted(word), "".join(sorted(set(word))))
print(min(word), max(word), word.count("l"))
print("apple" < "banana", "Apple" < "apple", "10" < "9", "abc" == "abc")
counts = {}
for ch in word:
    counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items()))
print(list("abc"), tuple("xy"), "-".join(reversed("abc")))
