# corpus: exact
# Pool.apply waits for its call: calls made one after another never overlap.
import multiprocessing
import time


def stamp(n):
    started = time.time()
    time.sleep(0.05)
    return (n, started, time.time())


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        calls = [pool.apply(stamp, (n,)) for n in range(3)]
    print([n for n, _, _ in calls])
    print(all(calls[i][2] <= calls[i + 1][1] for i in range(2)))
    with multiprocessing.Pool(2) as pool:
        print(pool.apply(pow, (2, 10)), pool.apply(divmod, (17, 5)), pool.apply(max, ([3, 9, 4],)))
