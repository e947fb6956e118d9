"""CPython's own figures for experiment A1, for the bench to print beside the playground's: a
countdown of COUNT (20M by default) run serially, split over 2 threads, and over 2 processes.
Prints one JSON object: median wall seconds of each, the ratios of the medians to serial, and
the ratios of the fastest runs.
Usage: python3 cpython_countdown.py [count] [repeats]"""
import json
import multiprocessing
import statistics
import sys
import threading
import time


def countdown(n):
    while n > 0:
        n -= 1


def serial(count):
    countdown(count)


def split(count, start, join, make):
    workers = [make(target=countdown, args=(count // 2,)) for _ in range(2)]
    for worker in workers:
        start(worker)
    for worker in workers:
        join(worker)


def threads(count):
    split(count, threading.Thread.start, threading.Thread.join, threading.Thread)


def processes(count):
    split(count, multiprocessing.Process.start, multiprocessing.Process.join, multiprocessing.Process)


def seconds(run, count):
    started = time.perf_counter()
    run(count)
    return time.perf_counter() - started


def fastest_ratio(runs, name):
    """The fastest run of `name` against the fastest serial run: on a loaded machine the fastest
    run is the one least slowed by other programs."""
    return min(runs[name]) / min(runs["serial"])


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    runs = {"serial": [], "threads": [], "processes": []}
    # Alternated, so that a machine whose speed drifts affects each alike.
    for _ in range(repeats):
        for name, run in (("serial", serial), ("threads", threads), ("processes", processes)):
            runs[name].append(seconds(run, count))
    medians = {name: statistics.median(times) for name, times in runs.items()}
    print(json.dumps({
        "python": sys.version.split()[0],
        "count": count,
        "seconds": medians,
        "threads_to_serial": medians["threads"] / medians["serial"],
        "processes_to_serial": medians["processes"] / medians["serial"],
        "fastest_threads_to_serial": fastest_ratio(runs, "threads"),
        "fastest_processes_to_serial": fastest_ratio(runs, "processes"),
        "switch_interval_s": sys.getswitchinterval(),
    }))


if __name__ == "__main__":
    main()
