# Bench program: what starting a process costs ("spawn": a new interpreter that re-runs this
# program), as the median of 20 start() and join() of a process that does nothing.
import multiprocessing
import time

STARTS = 20


def nothing():
    pass


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    times = []
    for _ in range(STARTS):
        started = time.perf_counter()
        process = multiprocessing.Process(target=nothing)
        process.start()
        process.join()
        times.append(time.perf_counter() - started)
    times.sort()
    print("median milliseconds:", (times[STARTS // 2 - 1] + times[STARTS // 2]) / 2 * 1000)
