# corpus: exact
# map() and filter() whose function waits for another process, consumed by list(), sum(),
# a comprehension and a for loop.
import multiprocessing


def square(n):
    return n * n


def pending(pool):
    return [pool.apply_async(square, (n,)) for n in range(5)]


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(list(map(lambda r: r.get(), pending(pool))))
        print(sum(map(lambda r: r.get(), pending(pool))))
        print([n + 1 for n in map(lambda r: r.get(), pending(pool))])
        for n in map(lambda r: r.get(), pending(pool)[:2]):
            print("got", n)
        print([r.get() for r in filter(lambda r: r.get() % 2 == 0, pending(pool))])
