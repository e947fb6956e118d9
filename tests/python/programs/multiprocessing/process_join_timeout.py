# corpus: exact
# join(timeout) returns when the timeout passes with the child still running.
import multiprocessing
import time


def nap(seconds):
    time.sleep(seconds)


if __name__ == "__main__":
    p = multiprocessing.Process(target=nap, args=(0.6,))
    p.start()
    started = time.monotonic()
    p.join(timeout=0.05)
    print("still alive after a short join:", p.is_alive(), "exitcode:", p.exitcode)
    p.join()
    print("alive after a full join:", p.is_alive(), "exitcode:", p.exitcode)
    print("waited at least the nap:", time.monotonic() - started >= 0.5)
