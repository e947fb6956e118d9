# corpus: exact
# wait() splits futures into done and not done; ALL_COMPLETED and FIRST_COMPLETED.
from concurrent.futures import ThreadPoolExecutor, wait, ALL_COMPLETED, FIRST_COMPLETED
import threading

gate = threading.Event()


def quick(n):
    return n + 1


def gated():
    gate.wait()
    return "released"


with ThreadPoolExecutor(max_workers=4) as pool:
    batch = [pool.submit(quick, n) for n in range(5)]
    done, not_done = wait(batch, return_when=ALL_COMPLETED)
    print(len(done), len(not_done), sorted(f.result() for f in done))
    blocked = pool.submit(gated)
    first = pool.submit(quick, 100)
    done, not_done = wait([blocked, first], return_when=FIRST_COMPLETED)
    print(first in done, blocked in not_done, blocked.done())
    done, not_done = wait([blocked], timeout=0.05)
    print(len(done), len(not_done))
    gate.set()
    print(blocked.result())
