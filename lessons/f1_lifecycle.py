# lesson: F1
# title: A thread's life: created, started, running, joined
# shows: is_alive() before start(), while running and after join(); every thread has an id of its own, all in the same process.
# notice: alive is False, True, then False; the thread's id differs from the main thread's, the process id is the same. On the timeline the lane starts, runs, sleeps (waiting) and ends.
# output: exact
# mode: gil312
# question: Threads run inside one process. Will the worker report the same process id as the main thread?
# choices: the same | a different one
# answer: process id in the worker
# prints: alive before start: False
# prints: alive while it runs: True
# prints: alive after join: False
# prints: process id in the worker: the same
# prints: thread id in the worker: its own
import os
import threading
import time

seen = {}


def worker():
    seen["thread id"] = threading.get_ident()
    seen["process id"] = os.getpid()
    time.sleep(0.05)  # waiting: the lane shows it sleeping
    total = sum(range(50_000))  # running
    seen["total"] = total


thread = threading.Thread(target=worker, name="worker")
print("alive before start:", thread.is_alive())
thread.start()
print("alive while it runs:", thread.is_alive())
thread.join()
print("alive after join:", thread.is_alive())
print("thread id in the worker:", "its own" if seen["thread id"] != threading.get_ident() else "the main thread's")
print("process id in the worker:", "the same" if seen["process id"] == os.getpid() else "a different one")
print("worker's total:", seen["total"])
