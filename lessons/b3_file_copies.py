# lesson: B3
# title: Copy two files with one thread, then with two
# shows: A copy mostly waits for the disk; two threads overlap their waits, so two copies take little more than one.
# notice: "two threads / one thread" is well below 1 even with the GIL: the GIL is free while a thread waits.
# mode: gil312
# question: Copying two files on two threads instead of one: how long will it take?
# choices: about half as long | about as long | twice as long
# answer: two threads / one thread
# check: two threads / one thread < 0.8
import threading
import time

CHUNKS = 8
DISK_WAIT = 0.02


def copy_file(name, copied):
    for _ in range(CHUNKS):
        time.sleep(DISK_WAIT)  # waiting for the disk: the GIL is free meanwhile
        checksum = sum(range(500))  # a little CPU work per block
        copied[name] = copied.get(name, 0) + 4096 + checksum % 1


def copy_all(thread_count):
    copied = {}
    names = ["photos.zip", "video.mp4"]
    if thread_count == 1:
        started = time.perf_counter()
        for name in names:
            copy_file(name, copied)
    else:
        # The threads start first and wait with this one at a barrier: the time is the copies'
        # alone, however long a thread takes to start.
        all_ready = threading.Barrier(len(names) + 1)

        def copy_when_all_ready(name):
            all_ready.wait()
            copy_file(name, copied)

        threads = [threading.Thread(target=copy_when_all_ready, args=(name,)) for name in names]
        for thread in threads:
            thread.start()
        all_ready.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
    seconds = time.perf_counter() - started
    print(f"{thread_count} thread(s): {seconds:.2f} s, {sum(copied.values())} bytes copied")
    return seconds


one = copy_all(1)
two = copy_all(2)
print(f"two threads / one thread: {two / one:.2f}")
