# corpus: exact
# An exception in a thread is printed on stderr; the thread dies and the program goes on.
import threading


def worker():
    print("worker starts")
    raise ValueError("something went wrong in the worker")


t = threading.Thread(target=worker)
t.start()
t.join()
print("main goes on; worker alive:", t.is_alive())
t2 = threading.Thread(target=lambda: print("a second thread still runs"))
t2.start()
t2.join()
print("done")
