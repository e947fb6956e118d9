# lesson: A6
# title: Six chunks of work over a pool of three
# shows: A long sum cut into six chunks, handed to a pool of three processes: the first three chunks start at once, the other three wait for a free worker.
# notice: The chunks are taken in order by at most three worker processes, each taking the next chunk when it is free; the total is the same as one process's.
# mode: gil312
# question: Six chunks, a pool of three: how many different processes will do the work, at most?
# number: processes
# answer: worker processes used
# check: worker processes used <= 3
# check: same total as one process == 1
import os
import time
from multiprocessing import Pool

CHUNK = 300_000


def sum_chunk(start):
    began = time.perf_counter()
    total = sum(range(start, start + CHUNK))
    return total, os.getpid(), began


if __name__ == "__main__":
    starts = [n * CHUNK for n in range(6)]
    with Pool(3) as pool:
        results = pool.map(sum_chunk, starts, chunksize=1)
    first = min(began for _, _, began in results)
    for start, (_, pid, began) in zip(starts, results):
        print(f"chunk from {start}: worker {pid}, started at {1000 * (began - first):.0f} ms")
    print("worker processes used:", len({pid for _, pid, _ in results}))
    print("same total as one process:", int(sum(total for total, _, _ in results) == sum(range(6 * CHUNK))))
