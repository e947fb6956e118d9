# Playground-only: a plain Lock acquired twice by the same thread blocks it forever; with no
# other thread and no timeout pending, the run ends within a second reporting the deadlock.
import threading

lock = threading.Lock()
lock.acquire()
print("acquired once")
lock.acquire()
print("never reached")
