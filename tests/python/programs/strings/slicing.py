# corpus: exact
# String indexing and slicing with negative indices and steps.
s = "0123456789"
print(s[0], s[-1], s[3:7], s[:4], s[6:], s[-3:])
print(s[::2], s[1::2], s[::-1], s[8:2:-2], s[-1:-4:-1])
print(s[5:100], repr(s[100:]), repr(s[7:3]))
word = "threading"
print(word[:6] + "-" + word[6:])
print(word[::-1].upper())
print([word[i:i + 3] for i in range(0, len(word), 3)])
