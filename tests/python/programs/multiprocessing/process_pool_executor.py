# corpus: exact
# concurrent.futures.ProcessPoolExecutor: submit, map, as_completed, shutdown, `with`; a
# task's exception comes back from result().
from concurrent.futures import ProcessPoolExecutor, as_completed


def cube(x):
    return x ** 3


def fail(x):
    raise KeyError(x)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        future = executor.submit(cube, 3)
        print(future.result())
        print(list(executor.map(cube, range(5))))
        futures = [executor.submit(cube, n) for n in range(4)]
        print(sorted(f.result() for f in as_completed(futures)))
        broken = executor.submit(fail, "missing")
        try:
            broken.result()
        except KeyError as e:
            print("KeyError:", e)
    executor = ProcessPoolExecutor(1)
    print(executor.submit(cube, 2).result())
    executor.shutdown()
    try:
        executor.submit(cube, 2)
    except RuntimeError as e:
        print("RuntimeError:", e)
