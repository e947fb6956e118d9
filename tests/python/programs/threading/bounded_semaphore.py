# corpus: exact
# A BoundedSemaphore raises ValueError when released more often than acquired.
import threading

pool = threading.BoundedSemaphore(2)
print(pool.acquire(), pool.acquire(), pool.acquire(blocking=False))
pool.release()
pool.release()
try:
    pool.release()
except ValueError as error:
    print("ValueError:", error)
used = []


def borrow(n):
    with pool:
        used.append(n)


threads = [threading.Thread(target=borrow, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(used))
print("both slots free again:", pool.acquire(False), pool.acquire(False), pool.acquire(False))
