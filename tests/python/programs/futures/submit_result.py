# corpus: exact
# ThreadPoolExecutor.submit returns a Future; result() waits for it; done() after.
from concurrent.futures import ThreadPoolExecutor
import time


def slow_square(n):
    time.sleep(0.01)
    return n * n


with ThreadPoolExecutor(max_workers=3) as executor:
    futures = [executor.submit(slow_square, n) for n in range(6)]
    print([f.result() for f in futures])
    print(all(f.done() for f in futures))
    keyword = executor.submit(slow_square, n=32)
    print(keyword.result(), keyword.exception())
print(futures[0].done(), futures[0].result(timeout=0))
