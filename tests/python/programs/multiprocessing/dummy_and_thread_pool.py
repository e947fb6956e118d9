# corpus: exact
# multiprocessing.dummy.Pool and multiprocessing.pool.ThreadPool: the same API on threads,
# where nothing is pickled (a lambda is fine).
import multiprocessing.dummy
from multiprocessing.pool import ThreadPool
import threading


def whoami(x):
    return x * 2, threading.current_thread() is not threading.main_thread()


if __name__ == "__main__":
    with multiprocessing.dummy.Pool(3) as pool:
        print(pool.map(whoami, [1, 2, 3]))
        print(pool.map(lambda x: x + 1, [1, 2]))
    with ThreadPool(2) as pool:
        print(pool.apply(pow, (3, 3)))
        print(sorted(pool.imap_unordered(abs, [-3, -1, -2])))
