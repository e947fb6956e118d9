# lesson: A1
# title: Count down on one thread, then on two
# shows: A loop that only computes gets no faster when two threads share it under the GIL: one thread runs Python at a time.
# notice: "two threads / one thread" stays near 1 with the GIL (often a little above: the threads hand the GIL back and forth); free-threaded it can fall towards 0.5 when two cores are free.
# mode: gil312
# question: Two threads each count down half as far. How long do they take next to the main thread counting all the way?
# choices: about half as long | about as long | ten times as long
# answer: two threads / one thread
# timing: two threads / one thread > 0.75
import threading
import time

COUNT = 1_500_000


def count_down(n):
    while n > 0:
        n -= 1


def seconds_on_main_thread():
    started = time.perf_counter()
    count_down(COUNT)
    return time.perf_counter() - started


def seconds_on_two_threads():
    threads = [threading.Thread(target=count_down, args=(COUNT // 2,)) for _ in range(2)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


# Each way twice, keeping the faster: a first run (and a busy machine) can be slow.
one = min(seconds_on_main_thread(), seconds_on_main_thread())
two = min(seconds_on_two_threads(), seconds_on_two_threads())
print(f"one thread: {one:.3f} s")
print(f"two threads: {two:.3f} s")
print(f"two threads / one thread: {two / one:.2f}")
