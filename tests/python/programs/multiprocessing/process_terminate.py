# corpus: exact
# terminate() ends a child that would loop forever; its exitcode is -15 (SIGTERM).
import multiprocessing
import time


def forever():
    while True:
        time.sleep(0.01)


if __name__ == "__main__":
    p = multiprocessing.Process(target=forever)
    p.start()
    time.sleep(0.2)
    print("alive:", p.is_alive())
    p.terminate()
    p.join()
    print("alive:", p.is_alive(), "exitcode:", p.exitcode)
