# corpus: exact
# zfill, center, ljust, rjust, repetition and concatenation.
print("42".zfill(5), "-42".zfill(5), "abc".center(9, "."), "abc".ljust(6, "_") + "|")
print("abc".rjust(6) + "|", "=" * 10, "ab" * 3, "" * 5 + "end")
header = "Thread".ljust(10) + "State".rjust(8)
print(header)
for thread, state in [("Main", "run"), ("Worker-1", "wait")]:
    print(thread.ljust(10) + state.rjust(8))
print(len("a" * 1000), ("ab" + "cd") * 2)
