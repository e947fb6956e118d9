# corpus: exact
# bytes cross between processes as they are: through a Pipe (send/recv and
# send_bytes/recv_bytes), a Queue, and a Pool's arguments and results.
import multiprocessing


def echo_upper(conn):
    message = conn.recv_bytes()
    conn.send_bytes(message.upper())
    conn.send(message + b"!")
    conn.close()


def produce(queue):
    for word in ["alpha", "beta"]:
        queue.put(word.encode())
    queue.put(None)


def checksum(data):
    return data, sum(data) % 256


if __name__ == "__main__":
    parent, child = multiprocessing.Pipe()
    worker = multiprocessing.Process(target=echo_upper, args=(child,))
    worker.start()
    parent.send_bytes(b"quiet words")
    print(parent.recv_bytes(), parent.recv())
    worker.join()

    queue = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(queue,))
    producer.start()
    received = []
    while (item := queue.get()) is not None:
        received.append(item)
    producer.join()
    print(received, [type(item).__name__ for item in received])

    with multiprocessing.Pool(2) as pool:
        print(pool.map(checksum, [b"", b"\x01\x02", bytes(range(10)), "é".encode()]))
