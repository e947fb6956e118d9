# corpus: exact
# A bounded buffer built from one Condition: two producers, two consumers, capacity three.
import threading

capacity = 3
buffer = []
condition = threading.Condition()
consumed = []
largest = 0


def produce(start):
    global largest
    for n in range(start, start + 10):
        with condition:
            condition.wait_for(lambda: len(buffer) < capacity)
            buffer.append(n)
            largest = max(largest, len(buffer))
            condition.notify_all()


def consume(count):
    for _ in range(count):
        with condition:
            condition.wait_for(lambda: buffer)
            consumed.append(buffer.pop(0))
            condition.notify_all()


threads = [threading.Thread(target=produce, args=(s,)) for s in (0, 100)]
threads += [threading.Thread(target=consume, args=(10,)) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(consumed))
print("never over capacity:", largest <= capacity, "buffer empty:", buffer == [])
