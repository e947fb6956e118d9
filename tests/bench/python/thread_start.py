# Bench program: what starting a thread costs, as the median of 100 start() and join() of a
# thread that does nothing.
import threading
import time

STARTS = 100


def nothing():
    pass


times = []
for _ in range(STARTS):
    started = time.perf_counter()
    thread = threading.Thread(target=nothing)
    thread.start()
    thread.join()
    times.append(time.perf_counter() - started)
times.sort()
median = (times[STARTS // 2 - 1] + times[STARTS // 2]) / 2
print("median milliseconds:", median * 1000)
