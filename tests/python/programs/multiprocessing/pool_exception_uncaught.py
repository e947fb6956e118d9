# corpus: error
# An uncaught exception from a pool task: the worker's traceback is printed as the cause
# (RemoteTraceback) of the exception get() raised in the parent.
import multiprocessing


def parse(text):
    return int(text)


if __name__ == "__main__":
    with multiprocessing.Pool(1) as pool:
        print(pool.apply(parse, ("12",)))
        pool.apply(parse, ("twelve",))
