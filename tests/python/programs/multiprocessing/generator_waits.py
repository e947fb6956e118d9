# corpus: exact
# A generator whose body waits for another process, driven by next() and by a for loop.
import multiprocessing


def produce(queue):
    for n in range(4):
        queue.put(n)


def received(queue, count):
    for _ in range(count):
        yield queue.get()


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(queue,))
    producer.start()
    items = received(queue, 4)
    print("first", next(items))
    print("second", next(items, "none"))
    for item in items:
        print("then", item)
    producer.join()
