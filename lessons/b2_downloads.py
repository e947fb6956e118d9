# lesson: B2
# title: Downloads with 1, 2, 4 and 8 threads
# shows: Eight simulated downloads spend their time waiting for the network; a bigger pool waits for several at once.
# notice: The wall time falls as the pool grows (about 0.6 s, 0.3 s, 0.15 s, 0.1 s), with the GIL too.
# mode: gil312
# question: How many times sooner will 8 threads finish than 1?
# number: times
# answer: speed-up with 8 threads
# check: speed-up with 8 threads > 2
import threading
import time
from concurrent.futures import ThreadPoolExecutor

# Seconds each "server" takes to answer.
LATENCIES = [0.05, 0.1, 0.05, 0.1, 0.05, 0.1, 0.05, 0.1]


def download(latency):
    time.sleep(latency)
    return 1000


def wall_time(threads):
    with ThreadPoolExecutor(max_workers=threads) as pool:
        # The pool's threads start first (all of them meet at a barrier): the time below is
        # the downloads' alone, however long a thread takes to start.
        all_started = threading.Barrier(threads)
        list(pool.map(lambda _: all_started.wait(), range(threads)))
        started = time.perf_counter()
        received = sum(pool.map(download, LATENCIES))
        seconds = time.perf_counter() - started
    print(f"{threads} threads: {seconds:.2f} s for {received} bytes")
    return seconds


one = wall_time(1)
wall_time(2)
wall_time(4)
eight = wall_time(8)
print(f"speed-up with 8 threads: {one / eight:.1f}")
