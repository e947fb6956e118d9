# corpus: exact
# Pipe(duplex=False): the first end only receives, the second only sends; once the sending
# end is closed and everything read, recv raises EOFError.
import multiprocessing


def send_all(conn, items):
    for item in items:
        conn.send(item)
    conn.send("done")


if __name__ == "__main__":
    reader, writer = multiprocessing.Pipe(duplex=False)
    print(reader.readable, reader.writable, writer.readable, writer.writable)
    p = multiprocessing.Process(target=send_all, args=(writer, [1, 2.5, "three", {"four": 4}]))
    p.start()
    received = []
    while True:
        item = reader.recv()
        if item == "done":
            break
        received.append(item)
    p.join()
    print(received)
    print("poll with nothing sent:", reader.poll(0.05))
    here, there = multiprocessing.Pipe(duplex=False)
    there.send("last")
    there.close()
    print(here.poll(), here.recv())
    try:
        here.recv()
    except EOFError:
        print("EOFError once the sender is closed")
