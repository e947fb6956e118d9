# corpus: error
# A thread's exception does not stop the program; the main thread's own exception does.
import threading


def worker():
    raise KeyError("thread key")


t = threading.Thread(target=worker)
t.start()
t.join()
print("main continues after the thread died")
[][0]
