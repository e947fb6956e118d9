# corpus: error
# A block header without an indented body.
def worker():
print("body not indented")
