# corpus: exact
# A sort key that waits for another process: sorted(), list.sort(), min() and max() compute
# each key first, then compare the keys.
import multiprocessing


def square(n):
    return n * n


def pending(pool):
    return [pool.apply_async(square, (n,)) for n in [3, -4, 1, -2]]


def waited(result):
    return result.get()


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print([r.get() for r in sorted(pending(pool), key=lambda r: r.get())])
        results = pending(pool)
        results.sort(key=waited, reverse=True)
        print([r.get() for r in results])
        print(min(pending(pool), key=waited).get(), max(pending(pool), key=waited).get())
        print(max(*pending(pool), key=waited).get(), min([], key=waited, default="empty"))
