# corpus: exact
# A Pool's initializer runs once in every worker with initargs, before its tasks.
import multiprocessing

factor = 1


def setup(value):
    global factor
    factor = value


def scale(x):
    return x * factor


if __name__ == "__main__":
    with multiprocessing.Pool(2, initializer=setup, initargs=(10,)) as pool:
        print(pool.map(scale, [1, 2, 3]))
    print("the parent's factor is still", factor)
