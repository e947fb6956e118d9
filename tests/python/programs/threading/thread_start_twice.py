# corpus: exact
# A thread can be started only once; a thread started from a thread; default run does nothing.
import threading

out = []


def inner():
    out.append("inner ran")


def outer():
    child = threading.Thread(target=inner)
    child.start()
    child.join()
    out.append("outer ran")


t = threading.Thread(target=outer)
t.start()
t.join()
print(out)
try:
    t.start()
except RuntimeError as error:
    print("RuntimeError:", error)
empty = threading.Thread()
empty.start()
empty.join()
print("a thread without a target finished:", not empty.is_alive())
