# corpus: exact
# The classic CPU-bound demo: two threads each count down 100,000; both reach zero.
import threading
import time

finals = {}


def countdown(name, n):
    while n > 0:
        n -= 1
    finals[name] = n


started = time.perf_counter()
workers = [threading.Thread(target=countdown, args=(f"t{i}", 100_000)) for i in range(2)]
for w in workers:
    w.start()
for w in workers:
    w.join()
elapsed = time.perf_counter() - started
print("finals:", sorted(finals.items()))
print("took some time:", elapsed > 0)
