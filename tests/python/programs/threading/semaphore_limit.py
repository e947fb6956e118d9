# corpus: exact
# A Semaphore(2) lets at most two threads into the section at a time.
import threading
import time

slots = threading.Semaphore(2)
state_lock = threading.Lock()
inside = 0
most_inside = 0
finished = []


def use_slot(n):
    global inside, most_inside
    with slots:
        with state_lock:
            inside += 1
            most_inside = max(most_inside, inside)
        time.sleep(0.02)
        with state_lock:
            inside -= 1
            finished.append(n)


threads = [threading.Thread(target=use_slot, args=(n,)) for n in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("never more than two inside:", most_inside <= 2)
print("everyone finished:", sorted(finished))
sem = threading.Semaphore(1)
print(sem.acquire(), sem.acquire(blocking=False), sem.acquire(timeout=0.05))
sem.release()
sem.release()
print("an unbounded semaphore can go above its start:", sem.acquire(False), sem.acquire(False))
