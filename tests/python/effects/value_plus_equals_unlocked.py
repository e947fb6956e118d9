# effect: `counter.value += 1` on a multiprocessing Value by two processes, 100,000 times each,
#   without its lock.
# prints: counted <n> of <total>
# expect gil312: n < total in most runs (each process has a GIL of its own: both run at once,
#   and the read and the write of the shared value are two steps)
# expect gil39: n < total in most runs (as gil312)
# expect free: n < total in most runs (as gil312)
# expect onecore: n < total in most runs (the modes are about threads; processes run at once)
import multiprocessing

N = 100_000


def increment(counter):
    for _ in range(N):
        counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=increment, args=(counter,)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("counted", counter.value, "of", 2 * N)
