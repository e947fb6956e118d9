# Bench program: the heavy loop as a program, serial against two processes against a Pool of
# two, each counting down 60M in all (start-up included: a serial task of about 1.5 s in the page,
# past the 1 s): seconds and speed-ups.
import multiprocessing
import time

COUNT = 60_000_000


def countdown(n):
    while n > 0:
        n -= 1
    return n


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    started = time.perf_counter()
    countdown(COUNT)
    serial = time.perf_counter() - started

    started = time.perf_counter()
    halves = [multiprocessing.Process(target=countdown, args=(COUNT // 2,)) for _ in range(2)]
    for p in halves:
        p.start()
    for p in halves:
        p.join()
    processes = time.perf_counter() - started

    started = time.perf_counter()
    with multiprocessing.Pool(2) as pool:
        pool.map(countdown, [COUNT // 2, COUNT // 2])
    pooled = time.perf_counter() - started

    print("serial seconds:", serial)
    print("two processes seconds:", processes)
    print("pool of two seconds:", pooled)
    print("two processes speed-up:", serial / processes)
    print("pool of two speed-up:", serial / pooled)
