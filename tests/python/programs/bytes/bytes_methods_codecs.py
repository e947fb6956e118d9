# corpus: exact
# str.encode() and bytes.decode() in UTF-8 (the default), ASCII and Latin-1, with the error
# handlers strict, ignore and replace; str(bytes, encoding); the common bytes methods (startswith, endswith, find,
# count, split, join, upper, lower, strip, replace).
text = "naïve café €5"
utf8 = text.encode()
print(utf8, len(text), len(utf8))
print(utf8.decode(), utf8.decode("utf-8") == text, text.encode("utf8") == utf8)
print("ascii".encode("ascii"), text.encode("ascii", "ignore"), text.encode("ascii", errors="replace"))
print("café".encode("latin-1"), "café".encode("latin-1").decode("latin-1"), b"\xe9t\xe9".decode("iso-8859-1"))
print(b"caf\xc3\xa9 \xff!".decode("utf-8", "replace"), b"caf\xc3\xa9 \xff!".decode("utf-8", "ignore"))
print(b"plain".decode("ascii"), b"\xe9a".decode("ascii", "replace"), "😀".encode(), "😀".encode().decode())

line = b"  GET /index.html HTTP/1.1\r\n"
print(line.strip(), line.lstrip(), line.rstrip(), b"xxhixx".strip(b"x"))
print(line.strip().split(), b"a,b,,c".split(b","), b"a--b--c".split(b"--"), b"".split())
print(b", ".join([b"one", b"two", b"three"]), b"".join([]), b"-".join((b"x",)))
print(b"Hello World".upper(), b"Hello World".lower(), b"caf\xc3\xa9".upper())
print(b"message.txt".startswith(b"mess"), b"message.txt".endswith((b".csv", b".txt")), b"abc".startswith(b""))
print(b"banana".find(b"an"), b"banana".rfind(b"an"), b"banana".find(b"x"), b"banana".find(98), b"banana".index(b"na"))
print(b"banana".count(b"a"), b"banana".count(b"an"), b"aaaa".count(b"aa"), b"abc".count(b""))
print(b"banana".replace(b"an", b"AN"), b"ab".replace(b"", b"."), b"2024".isdigit(), b"abc".isalpha(), b" \t".isspace())
print(str(b"abc"), str(b"caf\xc3\xa9", "utf-8"), str(b"abc", encoding="ascii"), str(b"\xff", "utf-8", "replace"))
