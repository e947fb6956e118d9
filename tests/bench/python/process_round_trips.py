# Bench program: a round trip to another process and back through a Queue, a Pipe and a
# Manager's dict (one access), 200 times each: the median and 95th percentile in milliseconds.
import multiprocessing
import time

TRIPS = 200


def echo_queue(inbox, outbox):
    while True:
        item = inbox.get()
        outbox.put(item)
        if item is None:
            return


def echo_pipe(conn):
    while True:
        item = conn.recv()
        conn.send(item)
        if item is None:
            return


def report(name, times):
    times.sort()
    print(name + " median milliseconds:", times[len(times) // 2] * 1000)
    print(name + " p95 milliseconds:", times[len(times) * 95 // 100] * 1000)


def timed(trip):
    times = []
    for i in range(TRIPS):
        started = time.perf_counter()
        trip(i)
        times.append(time.perf_counter() - started)
    return times


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    inbox, outbox = multiprocessing.Queue(), multiprocessing.Queue()
    p = multiprocessing.Process(target=echo_queue, args=(inbox, outbox))
    p.start()

    def queue_trip(i):
        inbox.put(i)
        outbox.get()

    report("queue", timed(queue_trip))
    inbox.put(None)
    p.join()

    here, there = multiprocessing.Pipe()
    p = multiprocessing.Process(target=echo_pipe, args=(there,))
    p.start()

    def pipe_trip(i):
        here.send(i)
        here.recv()

    report("pipe", timed(pipe_trip))
    here.send(None)
    p.join()

    with multiprocessing.Manager() as manager:
        shared = manager.dict()

        def manager_trip(i):
            shared["key"] = i

        report("manager dict", timed(manager_trip))
