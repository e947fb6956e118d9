# corpus: exact
# Without `if __name__ == "__main__":` a spawned child re-runs the program, reaches start()
# again and fails with CPython's RuntimeError about bootstrapping (no endless cascade); the
# parent sees exitcode 1.
import multiprocessing


def work():
    print("never runs")


p = multiprocessing.Process(target=work)
p.start()
p.join()
print("child exitcode:", p.exitcode)
