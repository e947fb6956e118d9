# corpus: exact
# Four threads add 25 each under a Lock: the total is exactly 100.
import threading

counter = 0
lock = threading.Lock()


def add_many(times):
    global counter
    for _ in range(times):
        with lock:
            current = counter
            counter = current + 1


threads = [threading.Thread(target=add_many, args=(25,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter:", counter)
print("locked after use:", lock.locked())

total = 0
explicit = threading.Lock()


def add_explicitly():
    global total
    for _ in range(1000):
        explicit.acquire()
        try:
            total += 1
        finally:
            explicit.release()


workers = [threading.Thread(target=add_explicitly) for _ in range(5)]
for t in workers:
    t.start()
for t in workers:
    t.join()
print("total:", total)
