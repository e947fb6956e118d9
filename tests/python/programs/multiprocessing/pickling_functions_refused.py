# corpus: exact
# A pool's task is found by name in the worker: a lambda or a nested function cannot be.
import multiprocessing


def make_adder(n):
    def add(x):
        return x + n
    return add


def top_level(x):
    return x + 100


if __name__ == "__main__":
    with multiprocessing.Pool(1) as pool:
        for target in (lambda x: x, make_adder(1)):
            try:
                pool.map(target, [1])
            except Exception as e:
                print(type(e).__name__ + ":", str(e).split(" at 0x")[0])
        print(pool.map(top_level, [1]))
    p = multiprocessing.Process(target=lambda: None)
    try:
        p.start()
    except Exception as e:
        print(type(e).__name__ + ":", str(e).split(" at 0x")[0])
