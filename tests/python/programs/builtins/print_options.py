# corpus: exact
# print with several arguments, sep, end, flush, no arguments, and nested values.
print("a", "b", "c")
print("a", "b", "c", sep="")
print("a", "b", "c", sep=" -> ")
print("no newline", end="")
print(" ... continued", end="!\n")
print(1, 2.0, None, True, [1, "x"], (2,), {"k": [3]}, sep=" | ")
print()
print("flushed", flush=True)
for i in range(3):
    print(i, end=" " if i < 2 else "\n")
print(*range(5), sep=",")
print("", end="")
print("end")
