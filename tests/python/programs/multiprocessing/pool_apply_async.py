# corpus: exact
# apply_async returns at once; its AsyncResult tells ready(), successful(), and get(timeout)
# waits for the value; a callback runs in the parent with it.
import multiprocessing
import time


def nap_then(x):
    time.sleep(0.3)
    return x + 1


if __name__ == "__main__":
    collected = []
    with multiprocessing.Pool(2) as pool:
        result = pool.apply_async(nap_then, (41,), callback=collected.append)
        print("ready at once:", result.ready())
        try:
            result.successful()
        except ValueError:
            print("successful() before ready raises ValueError")
        try:
            result.get(timeout=0.01)
        except multiprocessing.TimeoutError:
            print("TimeoutError after 0.01 s")
        print(result.get(timeout=10))
        print("ready:", result.ready(), "successful:", result.successful())
        results = [pool.apply_async(nap_then, (n,)) for n in range(4)]
        print([r.get() for r in results])
    print(collected)
