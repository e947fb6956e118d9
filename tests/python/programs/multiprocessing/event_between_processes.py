# corpus: exact
# An Event set in the parent wakes children waiting for it.
import multiprocessing
import time


def wait_for_go(go, results, n):
    go.wait()
    results.put(n)


if __name__ == "__main__":
    go = multiprocessing.Event()
    results = multiprocessing.Queue()
    waiters = [multiprocessing.Process(target=wait_for_go, args=(go, results, n)) for n in range(3)]
    for w in waiters:
        w.start()
    time.sleep(0.1)
    print("before set:", go.is_set(), results.empty())
    go.set()
    print(sorted(results.get() for _ in waiters))
    for w in waiters:
        w.join()
    print("wait on a set event:", go.wait(0.01))
    go.clear()
    print("wait on a cleared event:", go.wait(0.01))
