# corpus: exact
# strip/lstrip/rstrip (with and without characters) and replace (with a count).
raw = "\t  padded text \n"
print(repr(raw.strip()), repr(raw.lstrip()), repr(raw.rstrip()))
print("xxhixx".strip("x"), "xxhixx".lstrip("x"), "xxhixx".rstrip("x"))
print("www.example.com".strip("wcom."))
text = "the cat sat on the mat"
print(text.replace("at", "og"))
print(text.replace("the", "a", 1))
print(text.replace("dog", "cat"))
print("aaaa".replace("a", "b", 2))
print("banana".removeprefix("ba"), "banana".removesuffix("na"))
