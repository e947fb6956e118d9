# corpus: exact
# Queue.join waits until task_done was called once per item; extra task_done is a ValueError.
import queue
import threading

work = queue.Queue()
handled = []
lock = threading.Lock()


def worker():
    while True:
        item = work.get()
        with lock:
            handled.append(item.upper())
        work.task_done()


for _ in range(2):
    threading.Thread(target=worker, daemon=True).start()
for word in ["gil", "lock", "queue", "event", "timer"]:
    work.put(word)
work.join()
print("all tasks done:", sorted(handled))
print("unfinished queue is empty:", work.empty())
spare = queue.Queue()
try:
    spare.task_done()
except ValueError as error:
    print("ValueError:", error)
