# corpus: exact
# Condition with wait and notify: a consumer waits until the producer has put an item.
import threading

condition = threading.Condition()
items = []
consumed = []


def consumer():
    for _ in range(5):
        with condition:
            while not items:
                condition.wait()
            consumed.append(items.pop(0))


def producer():
    for n in range(5):
        with condition:
            items.append(n * n)
            condition.notify()


c = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c.start()
p.start()
p.join()
c.join()
print("consumed in order:", consumed)
with condition:
    print("wait with timeout returns:", condition.wait(timeout=0.05))
try:
    condition.notify()
except RuntimeError as error:
    print("RuntimeError:", error)
