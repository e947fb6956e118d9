# corpus: exact
# An instance whose __format__ and __str__ wait for another process, in an f-string and
# in format().
import multiprocessing


def square(n):
    return n * n


class Pending:
    def __init__(self, pool, n):
        self.result = pool.apply_async(square, (n,))

    def __format__(self, spec):
        return format(self.result.get(), spec)

    def __str__(self):
        return "result " + str(self.result.get())


class Plain:
    def __init__(self, pool, n):
        self.result = pool.apply_async(square, (n,))

    def __str__(self):
        return "plain " + str(self.result.get())


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(f"[{Pending(pool, 7):>4}]")
        print(f"[{Pending(pool, 8)}] [{Pending(pool, 9)!s}] [{Plain(pool, 2)}] [{Plain(pool, 3)!s:>9}]")
        print(format(Pending(pool, 5), "03d"), format(Plain(pool, 4)))
