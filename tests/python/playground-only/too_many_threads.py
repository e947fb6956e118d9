# Playground-only: starting threads past the playground's limit raises the RuntimeError
# CPython raises when the system cannot start another thread; the program catches it.
import threading

release = threading.Event()
started = []
try:
    for n in range(100_000):
        t = threading.Thread(target=release.wait)
        t.start()
        started.append(t)
except RuntimeError as error:
    print("RuntimeError:", error)
release.set()
for t in started:
    t.join()
print("all started threads finished")
