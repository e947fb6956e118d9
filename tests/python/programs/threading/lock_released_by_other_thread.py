# corpus: exact
# A plain Lock may be released by another thread: it works as a one-shot signal.
import threading

signal = threading.Lock()
signal.acquire()
order = []


def releaser():
    order.append("worker releases")
    signal.release()


t = threading.Thread(target=releaser)
t.start()
signal.acquire()
order.append("main acquired")
t.join()
print(order)
signal.release()
print(signal.locked())
