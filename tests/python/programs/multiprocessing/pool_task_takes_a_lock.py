# corpus: exact
# A pool's tasks share a Lock given to each worker by the initializer; each task waits for it
# (a task cannot take a Lock as an argument) and adds to a shared Value under it.
import multiprocessing

total = None
lock = None


def share(shared_lock, shared_total):
    global lock, total
    lock, total = shared_lock, shared_total


def add(number):
    with lock:
        total.value += number
    return number * 2


if __name__ == "__main__":
    shared_total = multiprocessing.Value("i", 0, lock=False)
    with multiprocessing.Pool(2, initializer=share, initargs=(multiprocessing.Lock(), shared_total)) as pool:
        print(pool.map(add, range(10)))
        print(list(pool.imap(add, range(3), chunksize=2)))
    print(shared_total.value)
