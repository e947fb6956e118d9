# corpus: exact
# Pool tasks sharing a counter under a Lock: exactly 100 increments from 10 tasks.
from concurrent.futures import ThreadPoolExecutor
import threading

count = 0
lock = threading.Lock()


def bump(times):
    global count
    for _ in range(times):
        with lock:
            count += 1
    return threading.current_thread().name.startswith("ThreadPoolExecutor")


with ThreadPoolExecutor(max_workers=3) as pool:
    on_pool_threads = list(pool.map(bump, [10] * 10))
print("count:", count)
print("ran on pool threads:", all(on_pool_threads))
