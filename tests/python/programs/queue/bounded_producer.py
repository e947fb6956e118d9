# corpus: exact
# A producer blocks on a full Queue(maxsize=2) until the consumer makes room; order is kept.
import queue
import threading

channel = queue.Queue(maxsize=2)
received = []
high_water = []


def producer():
    for n in range(10):
        channel.put(n)
        high_water.append(channel.qsize())
    channel.put("stop")


def consumer():
    while True:
        item = channel.get()
        if item == "stop":
            return
        received.append(item)


threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(received)
print("never above maxsize:", max(high_water) <= 2)
