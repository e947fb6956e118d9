# corpus: exact
# One producer, three consumers; each consumer stops on its own sentinel (None).
import queue
import threading

tasks = queue.Queue()
done = []
done_lock = threading.Lock()
stopped = []


def consumer(name):
    while True:
        item = tasks.get()
        if item is None:
            with done_lock:
                stopped.append(name)
            break
        with done_lock:
            done.append(item * item)


consumers = [threading.Thread(target=consumer, args=(f"c{i}",)) for i in range(3)]
for c in consumers:
    c.start()
for n in range(1, 31):
    tasks.put(n)
for _ in consumers:
    tasks.put(None)
for c in consumers:
    c.join()
print("processed:", len(done), "sum:", sum(done))
print("every consumer stopped:", sorted(stopped))
print("queue empty:", tasks.empty())
