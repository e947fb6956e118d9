# corpus: exact
# as_completed yields futures as they finish; results are sorted before printing.
from concurrent.futures import ThreadPoolExecutor, as_completed
import time


def work(n):
    time.sleep(0.005 * (n % 3))
    return n, n ** 3


with ThreadPoolExecutor(max_workers=4) as pool:
    futures = {pool.submit(work, n): n for n in range(8)}
    finished = []
    for future in as_completed(futures):
        n, cube = future.result()
        assert futures[future] == n
        finished.append((n, cube))
print(len(finished), sorted(finished))
