# corpus: exact
# An exception in a child prints "Process Process-1:" and its traceback on stderr, as CPython
# does; the child's exitcode is 1 and the parent goes on.
import multiprocessing


def divide(a, b):
    return a / b


def work():
    print("about to divide")
    divide(1, 0)
    print("never printed")


if __name__ == "__main__":
    p = multiprocessing.Process(target=work)
    p.start()
    p.join()
    print("exitcode:", p.exitcode)
    print("the parent goes on")
