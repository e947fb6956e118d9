# corpus: error
# Releasing a BoundedSemaphore too often, uncaught: the traceback has a frame in threading.py.
import threading

slots = threading.BoundedSemaphore(1)
with slots:
    print("inside")
slots.release()
