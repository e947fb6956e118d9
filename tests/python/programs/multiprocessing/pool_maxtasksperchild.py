# corpus: exact
# maxtasksperchild: a pool worker retires after that many tasks and the pool starts a new
# process (a new pid, a new name) in its place, as CPython's does. With 1, every task runs in a
# process of its own; one worker with 2 runs tasks two by two; 0 is refused.
import multiprocessing
import os


def whoami(x):
    return os.getpid(), multiprocessing.current_process().name


if __name__ == "__main__":
    print(multiprocessing.current_process().name)
    with multiprocessing.Pool(2, maxtasksperchild=1) as pool:
        seen = pool.map(whoami, range(6), chunksize=1)
    print(len(set(pid for pid, _ in seen)), len(set(name for _, name in seen)))
    print(all(name.startswith("SpawnPoolWorker-") for _, name in seen))
    with multiprocessing.Pool(1, maxtasksperchild=2) as pool:
        seen = [pool.apply(whoami, (i,)) for i in range(6)]
    print([pid == seen[0][0] for pid, _ in seen])
    print([pid == seen[2][0] for pid, _ in seen])
    counts = {}
    for pid, _ in seen:
        counts[pid] = counts.get(pid, 0) + 1
    print(sorted(counts.values()))
    pool = multiprocessing.Pool(1, maxtasksperchild=2)
    pool.map(whoami, range(5), chunksize=1)
    pool.close()
    pool.join()
    print("joined after", len(multiprocessing.active_children()), "left")
    for bad in [0, -1, 1.5]:
        try:
            multiprocessing.Pool(1, maxtasksperchild=bad)
        except ValueError as e:
            print("ValueError:", e)
