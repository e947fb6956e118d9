# corpus: exact
# A Barrier is reusable: three rounds, its action runs once per round, everyone leaves together.
import threading

rounds_done = []
barrier = threading.Barrier(4, action=lambda: rounds_done.append(len(rounds_done) + 1))
progress = {}
lock = threading.Lock()


def worker(n):
    for round_number in range(3):
        with lock:
            progress[n] = round_number
        barrier.wait()
        with lock:
            assert all(value >= round_number for value in progress.values())


threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("rounds:", rounds_done)
print("final progress:", sorted(progress.items()))
short = threading.Barrier(2, timeout=0.05)
try:
    short.wait()
except threading.BrokenBarrierError:
    print("BrokenBarrierError after the timeout; broken:", short.broken)
