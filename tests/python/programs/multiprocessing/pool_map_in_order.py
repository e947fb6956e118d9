# corpus: exact
# Pool.map gives results in the order of its input, however long each task takes.
import multiprocessing
import time


def slow_square(x):
    time.sleep(0.05 * (5 - x))
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(processes=2) as pool:
        print(pool.map(slow_square, range(5)))
        print(pool.map(slow_square, []))
        print(pool.map(abs, [-1, -2, 3]))
