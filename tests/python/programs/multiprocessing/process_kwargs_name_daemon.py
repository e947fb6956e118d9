# corpus: exact
# A Process's kwargs, its own name, the daemon flag, and the names CPython numbers in order.
import multiprocessing


def describe(label, *, size=1, colour="red"):
    print(label, size, colour)


if __name__ == "__main__":
    a = multiprocessing.Process(target=describe, args=("box",), kwargs={"size": 3, "colour": "blue"})
    b = multiprocessing.Process(target=describe, args=("ball",), name="thrower", daemon=True)
    c = multiprocessing.Process(target=describe, kwargs={"label": "cube"})
    print(a.name, b.name, c.name)
    print(a.daemon, b.daemon, c.daemon)
    for p in (a, b, c):
        p.start()
        p.join()
    print([p.exitcode for p in (a, b, c)])
