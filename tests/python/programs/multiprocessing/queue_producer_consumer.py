# corpus: exact
# A producer and a consumer process joined by a Queue; a None sentinel ends the consumer.
import multiprocessing


def produce(q, count):
    for i in range(count):
        q.put(i * i)
    q.put(None)


def consume(q, out):
    total = 0
    seen = 0
    while True:
        item = q.get()
        if item is None:
            break
        total += item
        seen += 1
    out.put((seen, total))


if __name__ == "__main__":
    q = multiprocessing.Queue()
    out = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(q, 100))
    consumer = multiprocessing.Process(target=consume, args=(q, out))
    producer.start()
    consumer.start()
    print(out.get())
    producer.join()
    consumer.join()
    print(producer.exitcode, consumer.exitcode)
