# lesson: A5
# title: Four ways to hand work to a pool
# shows: A pool of processes takes calls four ways: map (all at once, results in order), apply (one call, waits for it), apply_async and map_async (hand everything over first, collect later).
# notice: map and map_async give the squares in input order; apply waits for each call before the next, so it takes longest; the async calls are all handed over before the first result is read.
# mode: gil312
# question: Which way of calling takes longest for eight slow squares?
# choices: map | apply | apply_async
# answer: slowest
# prints: map: [0, 1, 4, 9, 16, 25, 36, 49]
# prints: map_async: [0, 1, 4, 9, 16, 25, 36, 49]
# prints: slowest: apply
import time
from multiprocessing import Barrier, Pool


def wait_for_the_others(everyone_up):
    everyone_up.wait()


def slow_square(n):
    time.sleep(0.05)
    return n * n


def timed(label, call):
    started = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - started
    print(f"{label}: {result}")
    return label, seconds


if __name__ == "__main__":
    numbers = list(range(8))
    # Each worker process waits at the barrier as it starts, and so does this one: the timings
    # below leave out how long processes take to start.
    everyone_up = Barrier(5)
    with Pool(4, initializer=wait_for_the_others, initargs=(everyone_up,)) as pool:
        everyone_up.wait()
        times = [
            timed("map", lambda: pool.map(slow_square, numbers)),
            timed("apply", lambda: [pool.apply(slow_square, (n,)) for n in numbers]),
            timed("apply_async", lambda: [job.get() for job in [pool.apply_async(slow_square, (n,)) for n in numbers]]),
            timed("map_async", lambda: pool.map_async(slow_square, numbers).get()),
        ]
    for label, seconds in times:
        print(f"{label} took {seconds:.2f} s")
    print("slowest:", max(times, key=lambda pair: pair[1])[0])
