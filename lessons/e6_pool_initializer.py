# lesson: E6
# title: A lock for every worker of a pool
# shows: A Lock cannot be passed as an argument of a pool's call, but it can be given to each worker once, by the pool's initializer; the workers then hold it around their pairs of lines.
# notice: Each task's two lines stay together: no line of another task comes between them (the parent checks the order the lines were written in).
# mode: gil312
# question: Four workers write two lines per task, under a shared lock. Will another task's line ever come between a pair?
# choices: never | sometimes
# answer: a pair was split
# check: pairs split == 0
from multiprocessing import Lock, Pool, Queue

print_lock = None
written = None


def share(lock, queue):
    global print_lock, written
    print_lock, written = lock, queue


def report(number):
    with print_lock:
        for line in [f"task {number} begins", f"task {number} ends"]:
            print(line, flush=True)
            written.put(line)
    return number


if __name__ == "__main__":
    lines = Queue()
    with Pool(4, initializer=share, initargs=(Lock(), lines)) as pool:
        pool.map(report, range(8))
    order = [lines.get() for _ in range(16)]
    split = sum(1 for begins, ends in zip(order[::2], order[1::2]) if begins.split()[1] != ends.split()[1])
    print("pairs split:", split)
    print("a pair was split:", "never" if split == 0 else "sometimes")
