# Bench program: count down from 10,000,000 in one thread (the eval loop at its plainest).
# Prints its answer and the seconds the work took; run alike by CPython and the playground.
import time

COUNT = 10_000_000


def count_down(n):
    while n > 0:
        n -= 1
    return n


started = time.perf_counter()
answer = count_down(COUNT)
elapsed = time.perf_counter() - started
print("answer:", answer)
print("seconds:", elapsed)
