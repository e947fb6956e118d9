# corpus: exact
# close() then join() waits for the workers; a closed pool takes no more work; join() on a
# running pool is an error; terminate() ends the workers at once.
import multiprocessing


def inc(x):
    return x + 1


if __name__ == "__main__":
    pool = multiprocessing.Pool(2)
    try:
        pool.join()
    except ValueError as e:
        print("ValueError:", e)
    print(pool.map(inc, [1, 2]))
    pool.close()
    try:
        pool.map(inc, [1])
    except ValueError as e:
        print("ValueError:", e)
    pool.join()
    print("joined")
    other = multiprocessing.Pool(2)
    print(other.apply(inc, (9,)))
    other.terminate()
    other.join()
    print("terminated")
