# corpus: exact
# join(timeout) returns when the timeout passes with the child still running.
import multiprocessing
import time


def nap_once_told(go, seconds):
    go.wait()
    time.sleep(seconds)


if __name__ == "__main__":
    # The child naps only once told to, after the short join: however slowly it starts or the
    # parent goes on, it is still running when that join gives up.
    go = multiprocessing.Event()
    p = multiprocessing.Process(target=nap_once_told, args=(go, 0.6))
    p.start()
    p.join(timeout=0.05)
    print("still alive after a short join:", p.is_alive(), "exitcode:", p.exitcode)
    started = time.monotonic()
    go.set()
    p.join()
    print("alive after a full join:", p.is_alive(), "exitcode:", p.exitcode)
    print("waited at least the nap:", time.monotonic() - started >= 0.5)
