# lesson: F6
# title: Sending a lock to a process
# shows: Whatever goes to another process is serialised (pickled) first; a threading.Lock cannot be, so handing one to a pool's worker fails with a clear error.
# notice: The call raises TypeError saying the lock cannot be pickled; the worker never ran.
# mode: gil312
# question: A threading.Lock is passed to a pool's worker. What happens?
# choices: it arrives | an error
# answer: sending a lock
# prints: sending a lock: an error
# prints: cannot pickle
import threading
from multiprocessing import Pool


def hold(lock):
    with lock:
        return "held"


if __name__ == "__main__":
    with Pool(1) as pool:
        try:
            print("the worker said:", pool.apply(hold, (threading.Lock(),)))
            print("sending a lock: it arrives")
        except TypeError as error:
            print("sending a lock: an error")
            print("the error:", error)
