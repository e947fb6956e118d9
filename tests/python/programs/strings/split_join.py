# corpus: exact
# split with and without a separator, maxsplit, rsplit, splitlines, and join.
line = "  alpha  beta\tgamma\n delta "
print(line.split())
csv = "a,b,,c,"
print(csv.split(","))
print(csv.split(",", 2))
print(csv.rsplit(",", 2))
print("one two three".split(" ", 1))
print("x\ny\r\nz\n".splitlines())
words = ["threads", "share", "memory"]
print(" ".join(words))
print(", ".join(words))
print("-".join("abc"))
print("".join(str(n) for n in range(5)))
print("a=1;b=2".split(";")[1].split("="))
