# corpus: exact
# sys.exit(n) in a child gives exitcode n; returning normally gives 0.
import multiprocessing
import sys


def leave(code):
    if code is not None:
        sys.exit(code)


if __name__ == "__main__":
    codes = []
    for code in (None, 0, 3, 7):
        p = multiprocessing.Process(target=leave, args=(code,))
        p.start()
        p.join()
        codes.append(p.exitcode)
    print(codes)
