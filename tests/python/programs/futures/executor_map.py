# corpus: exact
# Executor.map returns results in the order of the inputs, whatever order they finish in.
from concurrent.futures import ThreadPoolExecutor
import time


def delayed_echo(n):
    time.sleep(0.01 * (5 - n))
    return f"item {n}"


def add(a, b):
    return a + b


with ThreadPoolExecutor(max_workers=5) as pool:
    print(list(pool.map(delayed_echo, range(5))))
    print(list(pool.map(add, [1, 2, 3], [10, 20, 30])))
    print(sum(pool.map(len, ["ab", "cde", ""])))
