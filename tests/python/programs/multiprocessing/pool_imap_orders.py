# corpus: exact
# imap yields results in input order; imap_unordered as the tasks finish.
import multiprocessing
import time


def sleep_for(seconds):
    time.sleep(seconds)
    return seconds


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(list(pool.imap(sleep_for, [0.4, 0.05, 0.15])))
        print(list(pool.imap_unordered(sleep_for, [0.4, 0.05, 0.15])))
        iterator = pool.imap(sleep_for, [0.01, 0.02])
        print(next(iterator), next(iterator))
