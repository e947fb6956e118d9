# lesson: C5
# title: An atomic operation instead of a lock
# shows: One call that the interpreter makes atomic (list.append: a single step under the GIL, behind the list's own lock when free-threaded) counts correctly without a lock of ours.
# notice: Free-threaded, the unlocked "count += 1" loses updates, the locked one and the appends do not, and the appends take no lock of ours, so compare their time with the lock's.
# mode: free
# question: Free-threaded, four threads append 25,000 items each to one list without a lock. How many items will it hold?
# number: items
# answer: appended
# check: locked count == 100000
# check: appended == 100000
# check: unlocked count <= 100000
import threading
import time

PER_THREAD = 25_000
count = 0
lock = threading.Lock()
ticks = []


def add_unlocked():
    global count
    for _ in range(PER_THREAD):
        count += 1


def add_locked():
    global count
    for _ in range(PER_THREAD):
        with lock:
            count += 1


def add_by_append():
    for _ in range(PER_THREAD):
        ticks.append(1)


def timed(target):
    threads = [threading.Thread(target=target) for _ in range(4)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


timed(add_unlocked)
print("unlocked count:", count)
count = 0
lock_seconds = timed(add_locked)
print("locked count:", count)
append_seconds = timed(add_by_append)
print("appended:", len(ticks))
print(f"with the lock: {lock_seconds:.3f} s, with appends: {append_seconds:.3f} s")
