# corpus: exact
# ProcessPoolExecutor.map sends its items in chunks of chunksize (1 by default; below 1 refused)
# and max_tasks_per_child replaces a worker after that many calls, a chunk being one: with one
# worker and max_tasks_per_child=1, the runs of equal pids are the chunks.
import concurrent.futures
import os


def tagged(x):
    return x * x, os.getpid()


def runs(results):
    sizes, previous = [], None
    for _, pid in results:
        if pid == previous:
            sizes[-1] += 1
        else:
            sizes.append(1)
        previous = pid
    return sizes


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, max_tasks_per_child=1) as executor:
        results = list(executor.map(tagged, range(10), chunksize=4))
        print([v for v, _ in results], runs(results))
        results = list(executor.map(tagged, range(3)))
        print([v for v, _ in results], runs(results))
    try:
        concurrent.futures.ProcessPoolExecutor(max_workers=1).map(tagged, [1], chunksize=0)
    except ValueError as e:
        print("ValueError:", e)
