# corpus: exact
# A task's exception is kept in its Future: exception() returns it, result() raises it.
from concurrent.futures import ThreadPoolExecutor


def risky(n):
    if n == 3:
        raise ValueError(f"bad input {n}")
    return 10 // n


with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(risky, n) for n in (1, 2, 3, 0)]
    for f in futures:
        error = f.exception()
        if error is None:
            print("result", f.result())
        else:
            print("exception", type(error).__name__, error)
    try:
        futures[2].result()
    except ValueError as error:
        print("result() raised:", error)
    print([f.done() for f in futures])
