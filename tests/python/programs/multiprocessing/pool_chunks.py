# corpus: exact
# Pool.map, starmap, map_async, imap and imap_unordered send their items in chunks, one task
# each: with maxtasksperchild=1 every chunk runs in a new worker process, so the runs of equal
# pids are the chunks. map's default chunksize is CPython's: the items over four times the
# workers, rounded up (10 items, 1 worker: 3); imap's is 1; a chunksize below 1 is refused.
import multiprocessing
import os


def tagged(x):
    return x * x, os.getpid()


def add_tagged(a, b):
    return a + b, os.getpid()


def chunk_sizes(results):
    sizes = []
    previous = None
    for _, pid in results:
        if pid == previous:
            sizes[-1] += 1
        else:
            sizes.append(1)
        previous = pid
    return sizes


def show(name, results):
    pids = set(pid for _, pid in results)
    print(name, [value for value, _ in results], chunk_sizes(results), len(pids))


if __name__ == "__main__":
    with multiprocessing.Pool(1, maxtasksperchild=1) as pool:
        show("map default", pool.map(tagged, range(10)))
        show("map 4", pool.map(tagged, range(10), chunksize=4))
        show("starmap 2", pool.starmap(add_tagged, [(i, 10 * i) for i in range(5)], chunksize=2))
        show("map_async 6", pool.map_async(tagged, range(7), chunksize=6).get())
        show("imap default", list(pool.imap(tagged, range(3))))
        show("imap 2", list(pool.imap(tagged, range(5), chunksize=2)))
        show("imap_unordered 5", list(pool.imap_unordered(tagged, range(5), chunksize=5)))
        try:
            pool.imap(tagged, [1], chunksize=0)
        except ValueError as e:
            print("ValueError:", e)
