# corpus: exact
# sys.setrecursionlimit raises the limit (deep recursion then works) and refuses a limit below
# the current depth; __init__, super().__init__ and with-statements called at depth.
import sys

print(sys.getrecursionlimit())


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


sys.setrecursionlimit(5000)
print(sys.getrecursionlimit(), depth(4000))
try:
    sys.setrecursionlimit(0)
except ValueError as error:
    print("ValueError:", error)


def too_low():
    sys.setrecursionlimit(2)


try:
    too_low()
except RecursionError as error:
    print("RecursionError:", error)


class Base:
    def __init__(self, value):
        self.value = value


class Doubled(Base):
    def __init__(self, value):
        super().__init__(value * 2)


class Returns5:
    def __init__(self):
        return 5


class Refuses:
    def __enter__(self):
        raise KeyError("enter")

    def __exit__(self, *details):
        print("never called")


class Manager:
    def __enter__(self):
        return "entered"

    def __exit__(self, *details):
        print("exit", details)


def nested(n):
    if n == 0:
        with Manager() as value:
            print(value, Doubled(3).value)
        try:
            Returns5()
        except TypeError as error:
            print("TypeError:", error)
        try:
            with Refuses():
                pass
        except KeyError as error:
            print("KeyError:", error)
        return n
    return nested(n - 1) + 1


print(nested(3000))
sys.setrecursionlimit(1000)
try:
    nested(3000)
except RecursionError as error:
    print("RecursionError:", error)
