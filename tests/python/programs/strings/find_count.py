# corpus: exact
# find/rfind/index/count, startswith/endswith (with tuples) and `in`.
s = "mississippi"
print(s.find("ss"), s.rfind("ss"), s.find("x"), s.find("s", 4), s.find("i", 2, 5))
print(s.index("p"), s.rindex("s"), s.count("s"), s.count("ss"), s.count(""))
print(s.startswith("miss"), s.startswith("iss", 1), s.endswith("pi"))
print(s.startswith(("a", "m")), s.endswith(("x", "y")))
print("sip" in s, "sap" in s, "" in s)
try:
    s.index("z")
except ValueError as error:
    print("ValueError:", error)
