# corpus: exact
# The _nowait forms and block=False raise Full/Empty at once; timeouts raise after waiting.
import queue
import time

q = queue.Queue(maxsize=1)
q.put_nowait("only")
try:
    q.put_nowait("second")
except queue.Full:
    print("Full from put_nowait")
try:
    q.put("second", block=False)
except queue.Full:
    print("Full from put(block=False)")
started = time.monotonic()
try:
    q.put("second", timeout=0.05)
except queue.Full:
    print("Full after the timeout:", time.monotonic() - started >= 0.05)
print(q.get_nowait())
try:
    q.get_nowait()
except queue.Empty:
    print("Empty from get_nowait")
try:
    q.get(block=False)
except queue.Empty:
    print("Empty from get(block=False)")
started = time.monotonic()
try:
    q.get(timeout=0.05)
except queue.Empty:
    print("Empty after the timeout:", time.monotonic() - started >= 0.05)
print(isinstance(queue.Full(), Exception), isinstance(queue.Empty(), Exception))
