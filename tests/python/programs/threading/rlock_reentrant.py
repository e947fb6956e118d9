# corpus: exact
# An RLock can be taken again by its owner; another thread waits until it is fully released.
import threading

rlock = threading.RLock()
log = []


def nested(depth):
    with rlock:
        log.append(f"depth {depth}")
        if depth < 3:
            nested(depth + 1)


nested(1)
print(log)
rlock.acquire()
rlock.acquire()
other_got_it = []


def try_other():
    other_got_it.append(rlock.acquire(blocking=False))


t = threading.Thread(target=try_other)
t.start()
t.join()
rlock.release()
t2 = threading.Thread(target=try_other)
t2.start()
t2.join()
rlock.release()
t3 = threading.Thread(target=try_other)
t3.start()
t3.join()
print(other_got_it)
try:
    threading.RLock().release()
except RuntimeError as error:
    print("RuntimeError:", error)
