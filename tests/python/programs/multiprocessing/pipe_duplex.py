# corpus: exact
# A duplex Pipe: both ends send and receive; poll says whether something waits.
import multiprocessing


def ping(conn):
    for _ in range(3):
        message = conn.recv()
        conn.send(message.upper())
    conn.close()


if __name__ == "__main__":
    here, there = multiprocessing.Pipe()
    p = multiprocessing.Process(target=ping, args=(there,))
    p.start()
    print("poll before sending:", here.poll())
    for word in ("one", "two", "three"):
        here.send(word)
        print(here.recv())
    p.join()
    print("exitcode:", p.exitcode)
