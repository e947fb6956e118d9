# corpus: exact
# join(timeout) returns after the timeout while the thread still runs; is_alive tells.
import threading
import time

release = threading.Event()


def slow():
    release.wait()
    time.sleep(0.05)


t = threading.Thread(target=slow)
print("alive before start:", t.is_alive())
t.start()
print("alive after start:", t.is_alive())
started = time.monotonic()
result = t.join(timeout=0.1)
waited = time.monotonic() - started
print("join returns", result, "- still alive:", t.is_alive(), "- waited >= 0.1:", waited >= 0.1)
release.set()
t.join()
print("alive after join:", t.is_alive())
t.join(0.01)
print("joining a finished thread again is fine")
try:
    threading.Thread(target=slow).join()
except RuntimeError as error:
    print("RuntimeError:", error)
