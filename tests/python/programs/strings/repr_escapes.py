# corpus: exact
# repr of strings picks quotes and shows escapes; print shows the text.
print(repr("plain"), repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(repr("tab\there"), repr("new\nline"), repr("back\\slash"))
print("tab\there")
print(["a", "b'c", 'd"e'])
print(str("x"), repr(str(5)), repr(""))
s = """two
lines"""
print(s, len(s))
print(r"raw \n stays", len(r"\n"))
print("caf\u00e9", "\x41\x42")
