# corpus: error
# Releasing a Lock nobody holds.
import threading

lock = threading.Lock()
with lock:
    print("held and released")
lock.release()
