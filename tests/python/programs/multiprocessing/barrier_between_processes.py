# corpus: exact
# A Barrier of three processes: none passes until all three have arrived.
import multiprocessing


def stage(barrier, arrived, out):
    with arrived.get_lock():
        arrived.value += 1
    barrier.wait()
    out.put(arrived.value)


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(3)
    arrived = multiprocessing.Value("i", 0)
    out = multiprocessing.Queue()
    parties = [multiprocessing.Process(target=stage, args=(barrier, arrived, out)) for _ in range(3)]
    for p in parties:
        p.start()
    print(sorted(out.get() for _ in parties))
    for p in parties:
        p.join()
    print(barrier.parties, barrier.n_waiting, barrier.broken)
