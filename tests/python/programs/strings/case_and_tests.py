# corpus: exact
# Case methods and character-class tests.
s = "hello World, it's 2026"
print(s.upper())
print(s.lower())
print(s.title())
print(s.capitalize())
print(s.swapcase())
print("42".isdigit(), "4x".isdigit(), "abc".isalpha(), "ab1".isalnum(), "   ".isspace())
print("ABC".isupper(), "abc".islower(), "".isdigit())
print("Straße".upper(), "ÉCOLE".lower(), len("héllo"))
