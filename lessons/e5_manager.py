# lesson: E5
# title: A Manager holds a dict for ten processes
# shows: A Manager runs a server process that holds a dict; ten processes each write to it through a proxy, and every access is a round trip to that server.
# notice: All ten updates arrive; an access through the proxy takes far longer than one to a local dict.
# mode: gil312
# question: Ten processes each write one key. How many keys will the dict hold?
# number: keys
# answer: keys
# check: keys == 10
# timing: proxy access / local access > 10
import time
from multiprocessing import Manager, Process


def record(shared, number):
    shared[number] = number * number


if __name__ == "__main__":
    with Manager() as manager:
        shared = manager.dict()
        workers = [Process(target=record, args=(shared, number)) for number in range(10)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        print("keys:", len(shared))
        started = time.perf_counter()
        for _ in range(200):
            shared[0]
        proxy = (time.perf_counter() - started) / 200
    local = {0: 0}
    started = time.perf_counter()
    for _ in range(200):
        local[0]
    plain = (time.perf_counter() - started) / 200
    print(f"proxy access: {1e6 * proxy:.1f} us")
    print(f"proxy access / local access: {proxy / plain:.0f}")
