# corpus: exact
# A bare raise re-raises the exception being handled; nested handlers.
def parse(text):
    try:
        return int(text)
    except ValueError:
        print("parse failed for", repr(text))
        raise


try:
    parse("12x")
except ValueError as error:
    print("outer handler:", error)

try:
    try:
        raise TypeError("first")
    except TypeError as inner:
        print("inner handler:", inner)
        raise RuntimeError("second")
except RuntimeError as outer:
    print("outer handler:", outer)

attempts = 0
while True:
    try:
        attempts += 1
        if attempts < 3:
            raise ConnectionError("retry")
        print("succeeded after", attempts)
        break
    except ConnectionError:
        print("attempt", attempts, "failed")
