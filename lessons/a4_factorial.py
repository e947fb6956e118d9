# lesson: A4
# title: Fifty factorials on fifty threads
# shows: Asking a pool for fifty threads is fine, but under the GIL fifty threads multiplying big numbers are no faster than one loop.
# notice: Each factorial has 2,568 digits; "pool / loop" stays near 1 (or above) with the GIL.
# mode: gil312
# question: Fifty threads compute fifty factorials of 1,000. How long next to a plain loop?
# choices: fifty times sooner | about as long | it fails: too many threads
# answer: pool / loop
# timing: pool / loop > 0.75
# prints: digits in 1000!: 2568
import time
from concurrent.futures import ThreadPoolExecutor

TASKS = 50


def factorial(n):
    product = 1
    for k in range(2, n + 1):
        product *= k
    return product


started = time.perf_counter()
in_a_loop = [factorial(1000) for _ in range(TASKS)]
loop_seconds = time.perf_counter() - started

started = time.perf_counter()
with ThreadPoolExecutor(max_workers=TASKS) as pool:
    on_threads = list(pool.map(factorial, [1000] * TASKS))
pool_seconds = time.perf_counter() - started

print("digits in 1000!:", len(str(in_a_loop[0])))
print("same results:", in_a_loop == on_threads)
print(f"loop: {loop_seconds:.3f} s")
print(f"pool of {TASKS} threads: {pool_seconds:.3f} s")
print(f"pool / loop: {pool_seconds / loop_seconds:.2f}")
