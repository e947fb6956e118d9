# corpus: exact
# finally runs when a function returns, when a loop breaks or continues, and on errors.
def returns_early():
    try:
        return "from try"
    finally:
        print("finally before the return completes")


print(returns_early())

for n in range(3):
    try:
        if n == 1:
            continue
        if n == 2:
            break
        print("body", n)
    finally:
        print("finally", n)


def cleanup_then_raise():
    try:
        raise ValueError("inner")
    finally:
        print("cleanup ran")


try:
    cleanup_then_raise()
except ValueError as error:
    print("caught", error)
