# corpus: exact
# acquire(blocking=False) and acquire(timeout=...) give up on a held lock and return False.
import threading
import time

lock = threading.Lock()
print("first acquire:", lock.acquire())
print("locked:", lock.locked())
print("non-blocking:", lock.acquire(blocking=False))
started = time.monotonic()
print("with timeout:", lock.acquire(timeout=0.1), time.monotonic() - started >= 0.1)
outcome = []


def try_from_thread():
    outcome.append(lock.acquire(False))


t = threading.Thread(target=try_from_thread)
t.start()
t.join()
print("from a thread:", outcome)
lock.release()
print("after release:", lock.locked(), lock.acquire(False))
lock.release()
try:
    lock.release()
except RuntimeError as error:
    print("RuntimeError:", error)
