# corpus: exact
# A multiprocessing Lock makes a read-modify-write of a shared Value atomic across processes.
import multiprocessing


def deposit(balance, lock, times):
    for _ in range(times):
        lock.acquire()
        try:
            balance.value = balance.value + 1
        finally:
            lock.release()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    balance = multiprocessing.Value("i", 0, lock=False)
    workers = [multiprocessing.Process(target=deposit, args=(balance, lock, 300)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(balance.value)
    print(lock.acquire(), lock.acquire(False))
    lock.release()
    with lock:
        print("held in with")
    print(lock.acquire(timeout=0.01))
