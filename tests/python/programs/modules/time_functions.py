# corpus: exact
# time: sleep, time, perf_counter, monotonic, ctime; printed only as facts that always hold.
import time

start_wall = time.time()
start = time.perf_counter()
start_mono = time.monotonic()
time.sleep(0.1)
elapsed = time.perf_counter() - start
print("slept at least 0.1 s:", elapsed >= 0.1)
print("well under a second:", elapsed < 0.9)
print("monotonic advanced:", time.monotonic() - start_mono >= 0.1)
print("wall clock after 2020:", start_wall > 1_577_836_800)
print("time is a float:", type(time.time()).__name__)
stamp = time.ctime()
print("ctime is text of 24 characters:", type(stamp).__name__, len(stamp))
print("ctime of 0 has 24 characters:", len(time.ctime(0)))
a = time.perf_counter()
b = time.perf_counter()
print("perf_counter never goes back:", b >= a)
time.sleep(0)
print("sleep(0) returns", time.sleep(0))
