# lesson: C3
# title: A hundred threads add 1 to a counter
# shows: Each thread reads the counter, dawdles, then writes back its reading plus 1; while it dawdles the others read the same old value.
# notice: Without the lock the counter ends far below 100; with it, at exactly 100.
# mode: gil312
# question: A hundred threads each add 1 this way, without a lock. What will the counter be?
# number: counter
# answer: without a lock
# check: without a lock < 100
# check: with a lock == 100
import threading
import time

counter = 0
lock = threading.Lock()


def add_one():
    global counter
    seen = counter
    time.sleep(0.001)  # dawdle between the read and the write
    counter = seen + 1


def add_one_locked():
    with lock:
        add_one()


def run(target):
    global counter
    counter = 0
    threads = [threading.Thread(target=target) for _ in range(100)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter


print("without a lock:", run(add_one))
print("with a lock:", run(add_one_locked))
