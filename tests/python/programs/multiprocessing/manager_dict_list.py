# corpus: exact
# A Manager's dict and list live in a server process; every process reaches them through a
# proxy, each access a round trip.
import multiprocessing


def record(shared, log, key):
    shared[key] = key * 10
    log.append(key)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        shared = manager.dict()
        log = manager.list()
        workers = [multiprocessing.Process(target=record, args=(shared, log, k)) for k in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        print(sorted(shared.items()))
        print(sorted(log), len(log))
        shared["extra"] = "value"
        print(shared.get("extra"), "missing" in shared, len(shared))
        numbers = manager.list([3, 1, 2])
        numbers.sort()
        print(numbers[0], numbers[-1], list(numbers))
