# corpus: exact
# for item in iter(queue.get, None): a consumer reads until the producer's sentinel.
import multiprocessing


def produce(queue):
    for n in range(3):
        queue.put(n * 10)
    queue.put(None)


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(queue,))
    producer.start()
    for item in iter(queue.get, None):
        print("item", item)
    producer.join()
    print("done")
