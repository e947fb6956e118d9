# corpus: exact
# Timer runs a function once after a delay; cancel() before it fires stops it.
import threading
import time

fired = []
started = time.monotonic()
timer = threading.Timer(0.1, lambda: fired.append(("fired", time.monotonic() - started >= 0.1)))
timer.start()
timer.join()
print(fired)
cancelled = threading.Timer(0.2, lambda: fired.append("should not happen"))
cancelled.start()
cancelled.cancel()
cancelled.join()
print(fired, cancelled.is_alive())
with_args = threading.Timer(0.01, lambda a, b: fired.append(a + b), args=(2, 3))
with_args.start()
with_args.join()
print(fired[-1], isinstance(with_args, threading.Thread))
