# Bench program: the same total countdown (10,000,000) on one thread, then split over two
# threads. Under a GIL the two take about as long as the one; free-threaded on two cores, half.
import threading
import time

COUNT = 10_000_000


def count_down(n):
    while n > 0:
        n -= 1


def seconds_on(threads):
    workers = [threading.Thread(target=count_down, args=(COUNT // threads,)) for _ in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - started


one = seconds_on(1)
two = seconds_on(2)
print("one thread seconds:", one)
print("two threads seconds:", two)
