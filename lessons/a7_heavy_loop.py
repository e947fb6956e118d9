# lesson: A7
# title: A heavy loop: one process, Process objects, a Pool
# shows: The same loop run in the main process, split over Process objects started by hand, and over a Pool: processes have an interpreter (and a GIL) each, so they run at once.
# notice: Split over processes the loop finishes sooner on a machine with free cores; each start costs time, so the gain is less than the number of processes.
# mode: gil312
# question: Split over 2 processes, how many times sooner will the loop finish?
# number: times
# answer: Pool speed-up
# timing: Process speed-up > 1.2
# timing: Pool speed-up > 1.2
import time
from multiprocessing import Pool, Process

WORK = 4_000_000
PARTS = 2


def loop(n):
    while n > 0:
        n -= 1


if __name__ == "__main__":
    started = time.perf_counter()
    loop(WORK)
    serial = time.perf_counter() - started

    started = time.perf_counter()
    processes = [Process(target=loop, args=(WORK // PARTS,)) for _ in range(PARTS)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    by_hand = time.perf_counter() - started

    started = time.perf_counter()
    with Pool(PARTS) as pool:
        pool.map(loop, [WORK // PARTS] * PARTS)
    pooled = time.perf_counter() - started

    print(f"one process: {serial:.2f} s")
    print(f"Process speed-up: {serial / by_hand:.2f}")
    print(f"Pool speed-up: {serial / pooled:.2f}")
