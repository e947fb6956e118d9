# corpus: exact
# A Value shared by two processes: += under its own lock (get_lock) loses no update.
import multiprocessing


def add(counter, times):
    for _ in range(times):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=add, args=(counter, 500)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(counter.value)
    price = multiprocessing.Value("d", 1.5)
    price.value *= 2
    print(price.value, price)
