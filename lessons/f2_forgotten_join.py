# lesson: F2
# title: Forgetting join, and daemon threads
# shows: The main thread can finish while its threads still run: Python waits for ordinary threads at exit, but not for daemon threads.
# notice: "worker: still alive" is printed after "main: bye"; the daemon's line never appears, because the program ends without it.
# output: exact
# mode: gil312
# question: Main says bye without joining. Will the ordinary worker's line still be printed?
# choices: yes, after bye | no
# answer: worker
# prints: main: bye
# prints: worker: still alive after main said bye
# absent: daemon:
import threading
import time


def worker():
    time.sleep(0.1)
    print("worker: still alive after main said bye")


def daemon():
    time.sleep(1.0)
    print("daemon: nobody waited for me")


threading.Thread(target=worker).start()
threading.Thread(target=daemon, daemon=True).start()
print("main: bye")
