# corpus: exact
# shutdown(wait=True) waits for running tasks; submitting afterwards is a RuntimeError.
from concurrent.futures import ThreadPoolExecutor
import threading
import time

finished = []
lock = threading.Lock()


def task(n):
    time.sleep(0.02)
    with lock:
        finished.append(n)
    return n


pool = ThreadPoolExecutor(max_workers=2)
futures = [pool.submit(task, n) for n in range(4)]
pool.shutdown(wait=True)
print("finished after shutdown:", sorted(finished))
print("all done:", all(f.done() for f in futures))
try:
    pool.submit(task, 99)
except RuntimeError as error:
    print("RuntimeError:", error)
with ThreadPoolExecutor(max_workers=2) as pool:
    result = pool.submit(sum, [1, 2, 3])
print("the with block shut the pool down:", result.done(), result.result())
