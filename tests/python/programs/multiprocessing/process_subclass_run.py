# corpus: exact
# A subclass of Process overriding run(): the object itself is pickled to the child.
import multiprocessing


class Counter(multiprocessing.Process):
    def __init__(self, start, stop, results):
        super().__init__()
        self.start_at = start
        self.stop_at = stop
        self.results = results

    def run(self):
        total = sum(range(self.start_at, self.stop_at))
        self.results.put((self.name, total))


if __name__ == "__main__":
    results = multiprocessing.Queue()
    workers = [Counter(0, 1000, results), Counter(1000, 2000, results)]
    for w in workers:
        w.start()
    collected = sorted(results.get() for _ in workers)
    for w in workers:
        w.join()
    print(collected)
    print(sum(total for _, total in collected) == sum(range(2000)))
