# corpus: exact
# with calls __enter__ and __exit__; __exit__ sees an exception and may suppress it.
class Tracer:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        kind = exc_type.__name__ if exc_type else None
        print("exit", self.name, kind, exc_value)
        return self.suppress


with Tracer("plain") as tracer:
    print("inside", tracer.name)

with Tracer("suppressing", suppress=True):
    raise ValueError("swallowed")
print("after the suppressed error")

try:
    with Tracer("propagating"):
        raise KeyError("k")
except KeyError as error:
    print("caught", repr(error))

with Tracer("outer"), Tracer("inner"):
    print("both entered")


def early_return():
    with Tracer("returning"):
        return "returned"


print(early_return())
