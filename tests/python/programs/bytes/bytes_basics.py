# corpus: exact
# bytes: literals and their repr (quotes, escapes), the constructor's forms, len, indexing (an
# int), slicing, iteration, `in`, +, *, comparison, hashing (a dict key, a set member),
# isinstance, hex() and bytes.fromhex().
data = b"hello"
print(data, type(data).__name__, len(data), isinstance(data, bytes), isinstance("hello", bytes))
print(b"", b"it's", b'say "hi"', b"both ' and \"", b"tab\tnew\nline\r\\", b"\x00\x7f\x80\xff")
print(repr(b"abc"), str(b"abc"), f"{b'xy'}", [b"in a list"], (b"a", b"b"))
print(b"imp" b"licit", rb"raw\n", len(rb"raw\n"))

print(bytes(), bytes(3), bytes([65, 66, 67]), bytes(range(97, 100)), bytes((1, 2)))
print(bytes("héllo", "utf-8"), bytes("abc", encoding="ascii"), bytes(b"copy"), bytes([True, False]))

print(data[0], data[-1], data[1:3], data[::-1], data[::2], data[10:], data[:0])
print(list(data), [byte for byte in b"AZ"], sum(b"\x01\x02\x03"), max(b"abc"), sorted(b"cab"))
print(104 in data, 300 - 200 in data, b"ell" in data, b"" in data, b"xyz" in data)

print(b"ab" + b"cd", b"ab" * 3, 2 * b"-", b"x" * 0, b"ab" * -1)
print(b"abc" == b"abc", b"abc" == "abc", b"abc" != b"abd", b"abc" < b"abd", b"ab" < b"abc", b"b" > b"abc")
print(sorted([b"pear", b"apple", b"fig", b"Apple"]), min(b"zz", b"za"))

counts = {b"key": 1, b"other": 2}
counts[b"k" + b"ey"] += 10
print(counts[b"key"], b"other" in counts, b"missing" in counts, len({b"a", b"a", b"b"}))
print(hash(b"ab") == hash(b"a" + b"b"), sorted({b"z", b"a", b"m"}))
print(bool(b""), bool(b"\x00"), b"" or "empty", not b"x")

print(b"\x00\x0f\xab".hex(), b"".hex(), bytes.fromhex("48 69 21"), bytes.fromhex("deadBEEF"))
print(bytes.fromhex(b"\x01\xfe".hex()) == b"\x01\xfe")
