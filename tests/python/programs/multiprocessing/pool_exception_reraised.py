# corpus: exact
# An exception in a pool task is re-raised in the parent by get(), map() and apply().
import multiprocessing


def check(x):
    if x == 3:
        raise ValueError("three is not allowed")
    return x


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        result = pool.apply_async(check, (3,))
        result.wait()
        print("ready:", result.ready(), "successful:", result.successful())
        try:
            result.get()
        except ValueError as e:
            print("get raised ValueError:", e)
        try:
            pool.map(check, range(5))
        except ValueError as e:
            print("map raised ValueError:", e)
        try:
            pool.apply(check, (3,))
        except ValueError as e:
            print("apply raised ValueError:", e)
        print(pool.map(check, [1, 2]))
