# corpus: exact
# An RLock taken twice by one holder; a Semaphore lets at most two processes in at once.
import multiprocessing
import time


def visit(sem, inside, most, lock):
    with sem:
        with lock:
            inside.value += 1
            most.value = max(most.value, inside.value)
        # Stay until a second visitor is in (however slowly processes start), or 5 s pass.
        deadline = time.time() + 5
        while most.value < 2 and time.time() < deadline:
            time.sleep(0.01)
        with lock:
            inside.value -= 1


if __name__ == "__main__":
    rlock = multiprocessing.RLock()
    with rlock:
        with rlock:
            print("an RLock taken twice")
    sem = multiprocessing.Semaphore(2)
    lock = multiprocessing.Lock()
    inside = multiprocessing.Value("i", 0, lock=False)
    most = multiprocessing.Value("i", 0, lock=False)
    visitors = [multiprocessing.Process(target=visit, args=(sem, inside, most, lock)) for _ in range(4)]
    for v in visitors:
        v.start()
    for v in visitors:
        v.join()
    print("most inside at once:", most.value, "inside now:", inside.value)
    bounded = multiprocessing.BoundedSemaphore(1)
    bounded.acquire()
    bounded.release()
    try:
        bounded.release()
    except ValueError as e:
        print("ValueError:", e)
