# lesson: D1
# title: A Lock shared by two functions
# shows: add_one and add_two change the same number g, each holding one Lock while it reads and writes, so neither update can be lost.
# notice: g ends at 3; the lines in between say which thread held the lock when it changed g.
# mode: gil312
# question: g starts at 0; one thread adds 1 and another adds 2, each under the lock. What will g be?
# number: g
# answer: g
# check: g == 3
# prints: holds the lock
import threading

g = 0
lock = threading.Lock()


def add_one():
    global g
    with lock:
        before = g
        g = before + 1
        print(f"{threading.current_thread().name} holds the lock: g {before} -> {g}")


def add_two():
    global g
    with lock:
        before = g
        g = before + 2
        print(f"{threading.current_thread().name} holds the lock: g {before} -> {g}")


threads = [threading.Thread(target=add_one, name="adds one"), threading.Thread(target=add_two, name="adds two")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("g:", g)
