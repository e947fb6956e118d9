# lesson: A2
# title: Monte Carlo pi with a pool of threads
# shows: Throwing random points at a square estimates pi; splitting the points over more threads does not finish sooner under the GIL.
# notice: Every estimate is close to 3.14; with the GIL the time stays about the same for 1, 2 and 4 threads, free-threaded it can fall while free cores remain.
# mode: gil312
# question: The same 100,000 points split over 4 threads instead of 1: how much sooner will the estimate be ready?
# choices: 4 times sooner | 2 times sooner | no sooner
# answer: 4 threads / 1 thread
# check: pi estimate > 3.05
# check: pi estimate < 3.25
# timing: 4 threads / 1 thread > 0.75
import random
import time
from concurrent.futures import ThreadPoolExecutor

POINTS = 100_000


def inside_circle(points):
    hits = 0
    for _ in range(points):
        x = random.random()
        y = random.random()
        if x * x + y * y <= 1.0:
            hits += 1
    return hits


def estimate(workers):
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        hits = sum(pool.map(inside_circle, [POINTS // workers] * workers))
    seconds = time.perf_counter() - started
    print(f"pi estimate: {4 * hits / POINTS:.4f}  ({workers} threads, {seconds:.3f} s)")
    return seconds


random.seed(7)
estimate(1)  # a first run (code not yet warm) is slow: this one is not compared
one = estimate(1)
estimate(2)
four = estimate(4)
print(f"4 threads / 1 thread: {four / one:.2f}")
